package io.huitong.risk.domain;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where things are: the country of an IP address (from a table of address ranges) and of a card (from a
 * table of card number prefixes, the longest prefix winning), and distances on the globe. The built-in tables
 * are small starters; operators give their own through configuration ({@code huitong.risk.ip-countries},
 * {@code huitong.risk.card-countries}). Private, loopback and link-local addresses have no country and say
 * nothing about the payer.
 */
public final class Places {

    /** A few well-known ranges, enough to tell mainland Chinese from foreign addresses in examples and tests. */
    public static final Map<String, String> DEFAULT_IP_COUNTRIES = Map.of(
            "1.0.1.0/24", "CN", "114.114.0.0/16", "CN", "223.5.5.0/24", "CN", "101.226.0.0/15", "CN",
            "8.8.8.0/24", "US", "4.0.0.0/9", "US", "81.2.69.0/24", "GB", "203.0.113.0/24", "AU", "2400:3200::/32", "CN",
            "2001:4860::/32", "US");
    /** UnionPay cards issued in mainland China. */
    public static final Map<String, String> DEFAULT_CARD_COUNTRIES = Map.of("62", "CN");

    private record Range(byte[] network, int prefix, String country) {
    }

    private final List<Range> ranges = new ArrayList<>();
    private final Map<String, String> cardCountries;

    public Places(Map<String, String> ipCountries, Map<String, String> cardCountries) {
        ipCountries.forEach((cidr, country) -> {
            int slash = cidr.indexOf('/');
            byte[] network = com.google.common.net.InetAddresses.forString(cidr.substring(0, slash)).getAddress();
            ranges.add(new Range(network, Integer.parseInt(cidr.substring(slash + 1)), country));
        });
        this.cardCountries = Map.copyOf(cardCountries);
    }

    /** Whether the address may describe a payer: a public one. */
    public static boolean isPublic(String ip) {
        if (ip == null) {
            return false;
        }
        try {
            InetAddress a = com.google.common.net.InetAddresses.forString(ip);
            return !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The ISO country of a public address, or "" when unknown. */
    public String ipCountry(String ip) {
        if (!isPublic(ip)) {
            return "";
        }
        byte[] address = com.google.common.net.InetAddresses.forString(ip).getAddress();
        String best = "";
        int bestPrefix = -1;
        for (Range r : ranges) {
            if (r.network.length == address.length && r.prefix > bestPrefix && matches(r, address)) {
                best = r.country;
                bestPrefix = r.prefix;
            }
        }
        return best;
    }

    private static boolean matches(Range r, byte[] address) {
        int full = r.prefix / 8;
        for (int i = 0; i < full; i++) {
            if (r.network[i] != address[i]) {
                return false;
            }
        }
        int rest = r.prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (r.network[full] & mask) == (address[full] & mask);
    }

    /** The issuing country of a card number, or "" when unknown. */
    public String cardCountry(String cardNumber) {
        if (cardNumber == null) {
            return "";
        }
        String best = "";
        int bestLength = 0;
        for (Map.Entry<String, String> e : cardCountries.entrySet()) {
            if (e.getKey().length() > bestLength && cardNumber.startsWith(e.getKey())) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best;
    }

    /** Great-circle distance in km (haversine). */
    public static double km(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
