package io.huitong.reconciliation.internal;

import io.huitong.channels.ChannelStatus;
import io.huitong.reconciliation.domain.StatementFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The channels reconciliation knows, from the channels the platform talks to: each one's statement format, the
 * clearing account its money passes through ({@code platform:<clearing>:<currency>}) and, for the bank, the number of our
 * settlement account there, which its statements must be of. Card acquirers share the card clearing account; which
 * acquirer a payment or refund went through is on the payment or refund.
 */
final class ChannelDirectory {

    /** A channel as reconciliation sees it. */
    record Channel(String name, StatementFormat format) {

        /** The prefix of its clearing accounts' ids, one per currency. */
        String clearingPrefix() {
            return ChannelDirectory.clearingPrefix(format);
        }

        String clearingAccount(String currency) {
            return clearingPrefix() + currency;
        }
    }

    private final Supplier<List<ChannelStatus>> channels;
    private final java.util.function.Function<String, Optional<String>> accounts;

    /** {@code accounts}: the number of our own account at a channel (the settlement account at the bank), by channel name. */
    ChannelDirectory(Supplier<List<ChannelStatus>> channels, java.util.function.Function<String, Optional<String>> accounts) {
        this.channels = channels;
        this.accounts = accounts;
    }

    /** The number of our account at the channel that its statements must be of (camt.053), or null where they name none. */
    String account(Channel channel) {
        return channel.format() == StatementFormat.CAMT_053 ? accounts.apply(channel.name()).orElse(null) : null;
    }

    Optional<Channel> find(String name) {
        for (ChannelStatus c : channels.get()) {
            if (c.name().equals(name)) {
                return of(c);
            }
        }
        return Optional.empty();
    }

    List<String> names() {
        return channels.get().stream().filter(c -> of(c).isPresent()).map(ChannelStatus::name).toList();
    }

    private static Optional<Channel> of(ChannelStatus c) {
        StatementFormat format = switch (c.protocol()) {
            case "iso8583" -> StatementFormat.ACQUIRER_SETTLEMENT;
            case "iso20022" -> StatementFormat.CAMT_053;
            case "ecny" -> StatementFormat.ECNY_BILL;
            case "walletpay" -> StatementFormat.WALLET_BILL;
            default -> null;
        };
        return Optional.ofNullable(format).map(f -> new Channel(c.name(), f));
    }

    /** The prefix of the ids of the clearing accounts (one per currency) the money of a channel with this statement passes through. */
    static String clearingPrefix(StatementFormat format) {
        return "platform:" + switch (format) {
            case ACQUIRER_SETTLEMENT -> "card_clearing";
            case CAMT_053 -> "bank_clearing";
            case ECNY_BILL -> "ecny_clearing";
            case WALLET_BILL -> "qr_clearing";
        } + ":";
    }

    /**
     * Where the simulator started inside the platform listens: its e-CNY and wallet operators are served on the port of
     * its control API, which also serves the statements.
     */
    Optional<String> embeddedSimulatorUrl() {
        for (ChannelStatus c : channels.get()) {
            if ((c.protocol().equals("ecny") || c.protocol().equals("walletpay")) && c.host() != null && c.port() > 0) {
                String host = c.host().contains(":") ? "[" + c.host() + "]" : c.host();
                return Optional.of("http://" + host + ":" + c.port());
            }
        }
        return Optional.empty();
    }
}
