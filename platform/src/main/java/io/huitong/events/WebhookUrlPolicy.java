package io.huitong.events;

import io.huitong.kernel.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a webhook may be sent (docs/api.md, SSRF). Checked when an endpoint is created and again before every
 * attempt, on the addresses the host resolves to then: every one of them must be acceptable.
 * <ul>
 *   <li>Scheme {@code https}, or plain {@code http} in test mode only. No credentials in the URL.</li>
 *   <li>Never an unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16,
 *       fe80::/10), shared (100.64/10), multicast or reserved address, also when embedded in an IPv6
 *       address (IPv4-compatible, -mapped and -translated, NAT64's 64:ff9b::/96, 6to4); never an address of the
 *       local-use NAT64 prefix 64:ff9b:1::/48, which a translator maps onto the operator's own network.</li>
 *   <li>Loopback (127/8, ::1) only in test mode, for a receiver on the developer's own machine. Other
 *       private ranges are refused in test mode too: a test key must not reach into the platform's
 *       network either.</li>
 *   <li>{@code huitong.webhooks.allowed-networks} lifts the address rules for the operator's own
 *       ranges (a receiver inside the bank's network); live mode still requires {@code https}.</li>
 * </ul>
 * The check and the connection resolve the host separately, so a host that changes its answer in
 * between (DNS rebinding) is caught only at the next attempt.
 */
final class WebhookUrlPolicy {

    /** Resolves a host name (or literal address) to its addresses; DNS in production. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Network> allowedNetworks;
    private final Resolver resolver;

    WebhookUrlPolicy(List<String> allowedNetworks, Resolver resolver) {
        this.allowedNetworks = allowedNetworks.stream().map(Network::parse).toList();
        this.resolver = resolver;
    }

    static WebhookUrlPolicy usingDns(List<String> allowedNetworks) {
        return new WebhookUrlPolicy(allowedNetworks, InetAddress::getAllByName);
    }

    /** Returns the URL when an endpoint may use it, otherwise a 400 {@code parameter_invalid} on {@code url}. */
    URI require(String url, boolean livemode) {
        Verdict verdict = check(url, livemode);
        if (verdict.refusal() != null) {
            throw ApiException.invalid("url", verdict.refusal());
        }
        return verdict.uri();
    }

    /** The URL and null when it may be used; otherwise why not, in a sentence that names no address. */
    Verdict check(String url, boolean livemode) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.refused("url must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            return Verdict.refused("url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Verdict.refused("url must not contain a user name or password");
        }
        if (livemode && !scheme.equals("https")) {
            return Verdict.refused("url must use https in live mode");
        }
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException | SecurityException e) {
            return Verdict.refused("url's host could not be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            return Verdict.refused("url's host could not be resolved");
        }
        for (InetAddress address : addresses) {
            if (allowedNetworks.stream().anyMatch(n -> n.contains(address))) {
                continue;
            }
            String kind = nonPublicKind(address);
            if (kind == null || (kind.equals("loopback") && !livemode)) {
                continue;
            }
            return Verdict.refused("url must not point to a " + kind + " address"
                    + (kind.equals("loopback") ? " in live mode" : "") + "; webhooks go to public addresses");
        }
        return new Verdict(uri, null);
    }

    record Verdict(URI uri, String refusal) {
        static Verdict refused(String why) {
            return new Verdict(null, why);
        }
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String nonPublicKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private";
            }
            if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0x00 && b[5] == 0x01) {
                // local-use NAT64 (64:ff9b:1::/48): the operator's translator may map it onto any IPv4 address of its network
                return "translated (local-use NAT64)";
            }
            Inet4Address embedded = embeddedIpv4(b);
            return embedded == null ? null : nonPublicKind(embedded);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return "unspecified";
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return "shared (carrier-grade NAT)";
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return "reserved";
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return "reserved";
        }
        if (first >= 240) {
            return "reserved";
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv4-compatible (::a.b.c.d), IPv4-mapped (::ffff:a.b.c.d), IPv4-translated
     * (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.
     */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeroTo8 = true;
        for (int i = 0; i < 8; i++) {
            zeroTo8 &= b[i] == 0;
        }
        boolean zeroPrefix = zeroTo8 && b[8] == 0 && b[9] == 0 && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff));
        boolean translated = zeroTo8 && b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0;
        zeroPrefix |= translated;
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = b[i] == 0;
        }
        try {
            if (zeroPrefix || nat64) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
        return null;
    }

    /** A CIDR range such as {@code 10.20.0.0/16} or {@code fd00:1::/64}. */
    record Network(byte[] base, int prefix) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String literal = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!ADDRESS_LITERAL.matcher(literal).matches()) {
                throw new IllegalArgumentException("huitong.webhooks.allowed-networks: not an address range: " + cidr);
            }
            try {
                byte[] base = InetAddress.getByName(literal).getAddress();
                int prefix = slash < 0 ? base.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > base.length * 8) {
                    throw new IllegalArgumentException("huitong.webhooks.allowed-networks: bad prefix length in " + cidr);
                }
                return new Network(base, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("huitong.webhooks.allowed-networks: not an address range: " + cidr);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
