package io.huitong.simulator;

import io.huitong.protocols.iso8583.Iso8583Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channel simulator: two ISO 8583 acquirers, {@code acq_a} (the primary, which fails on the
 * channel-error test card) and {@code acq_b}, the e-CNY operator {@code ecny} and the wallet operator
 * {@code walletpay} (HTTP, on the control API's port), and the control API that changes how they behave. Runs as
 * its own program ({@link SimulatorMain}) or inside another one, for example a test:
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorOptions.loopback())) {
 *     ChannelInfo a = sim.channel("acq_a");
 *     ...
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

    public static final String ACQ_A = "acq_a";
    public static final String ACQ_B = "acq_b";
    /** The simulated bank, speaking ISO 20022 over HTTP ({@link BankAccounts} lists its test accounts). */
    public static final String BANK = "bank";
    /** The digital RMB operator, over HTTP under the control API's port ({@code io.huitong.protocols.ecny}). */
    public static final String ECNY = EcnyOperator.NAME;
    /** The wallet operator taking QR orders, over HTTP under the control API's port ({@code io.huitong.protocols.walletpay}). */
    public static final String WALLETPAY = WalletPayOperator.NAME;
    /** A card every simulated acquirer approves (docs/api.md's first test card), for load generators and demos. */
    public static final String APPROVED_CARD = "4242424242424242";

    /**
     * A 16-digit Luhn-valid card number made of {@code prefix} (6 to 14 digits, not docs/api.md's test-card range)
     * and {@code serial}: every simulated acquirer approves it. Tests and load generators take one per payment,
     * so that risk control's per-card velocity sees traffic as it would be.
     */
    public static String approvedCard(String prefix, long serial) {
        int width = 15 - prefix.length();
        long modulus = (long) Math.pow(10, width);
        String body = prefix + String.format(java.util.Locale.ROOT, "%0" + width + "d", Math.floorMod(serial, modulus));
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return body + (10 - sum % 10) % 10;
    }

    private final Map<String, Party> parties;
    private final ControlApi control;
    private final String host;
    private String bankSigningKey;

    private Simulator(Map<String, Party> parties, ControlApi control, String host) {
        this.parties = parties;
        this.control = control;
        this.host = host;
    }

    /** Starts every server, the bank with a random signing key ({@link #bankSigningKey()}); throws when a port is taken. */
    public static Simulator start(SimulatorOptions options) {
        return start(options, BankOptions.random());
    }

    /** Starts every server, the bank as {@code bank} says; throws when a port is taken. */
    public static Simulator start(SimulatorOptions options, BankOptions bank) {
        Simulator simulator = startParties(options, bank);
        simulator.bankSigningKey = bank.signingKey();
        return simulator;
    }

    private static Simulator startParties(SimulatorOptions options, BankOptions bank) {
        Iso8583Codec codec = new Iso8583Codec();
        Map<String, Party> parties = new LinkedHashMap<>();
        try {
            InetAddress address = InetAddress.getByName(options.host());
            parties.put(ACQ_A, new AcquirerServer(new Acquirer(ACQ_A, true, codec, Clock.systemUTC()), codec, address, options.acqAPort()));
            parties.put(ACQ_B, new AcquirerServer(new Acquirer(ACQ_B, false, codec, Clock.systemUTC()), codec, address, options.acqBPort()));
            parties.put(BANK, new BankParty(bank, Clock.systemUTC()));
            parties.put(ECNY, new EcnyOperator(Clock.systemUTC()));
            parties.put(WALLETPAY, new WalletPayOperator(Clock.systemUTC()));
            ControlApi control = new ControlApi(parties, new InetSocketAddress(address, options.controlPort()));
            return new Simulator(parties, control, address.getHostAddress());
        } catch (IOException e) {
            parties.values().forEach(Party::close);
            throw new UncheckedIOException("the simulator could not start: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            parties.values().forEach(Party::close);
            throw e;
        }
    }

    /** The control API's base URL, e.g. {@code http://127.0.0.1:9090}. */
    public String controlUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + control.port();
    }

    public List<ChannelInfo> channels() {
        return parties.values().stream().map(Party::info).toList();
    }

    public ChannelInfo channel(String name) {
        return channels().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel named " + name));
    }

    /** Changes how a party behaves, as {@code PUT /control/channels/{name}} does. */
    public void configure(String name, ChannelSettings settings) {
        party(name).settings(settings);
    }

    /** An acquirer's book of card transactions. */
    public List<BookEntry> transactions(String name) {
        if (!(party(name) instanceof AcquirerServer acquirer)) {
            throw new IllegalArgumentException(name + " is not a card acquirer");
        }
        return acquirer.acquirer().book();
    }

    /** The key the bank signs its status pushes with: the platform's bank connector verifies them with it. */
    public String bankSigningKey() {
        return bankSigningKey;
    }

    /** A party's book, as {@code GET /control/transactions?channel=} shows it. */
    public List<Map<String, Object>> book(String name) {
        return party(name).book();
    }

    private Party party(String name) {
        Party party = parties.get(name);
        if (party == null) {
            throw new IllegalArgumentException("no channel named " + name);
        }
        return party;
    }

    @Override
    public void close() {
        control.close();
        parties.values().forEach(Party::close);
    }
}
