package io.huitong.simulator;

import io.huitong.protocols.iso20022.Iso20022Codec;
import io.huitong.protocols.iso20022.PaymentReturn;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payouts the simulated bank paid and the beneficiary's bank sent back (an account closed since, {@code AC04}): the
 * whole payout comes back to our settlement account, booked on the bank's business date as an entry of its own
 * ({@link BankParty#PAYOUT_RETURN}, a credit named by the return's id, {@code RTN...}, which names the payout as its
 * original), and the bank pushes a signed pacs.004 to the {@code Notify-Url} the payout's pain.001 carried. A payout is
 * returned once; one still pending, rejected or unknown cannot be.
 */
final class BankReturns {

    private static final Logger log = LoggerFactory.getLogger(BankReturns.class);
    /** An ISO 20022 external return reason code: {@code AC04}, {@code AC06}, {@code MD07}, {@code NARR}... */
    private static final Pattern REASON = Pattern.compile("[A-Z0-9]{4}");

    /** Why a return could not be made: {@code status} is 404 (no such payout) or 409 (not one that can be returned). */
    static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final Map<String, BankEntry> book; // guarded by itself
    private final Iso20022Codec codec;
    private final SignedPush pusher;
    private final Supplier<LocalDate> today;

    BankReturns(Map<String, BankEntry> book, Iso20022Codec codec, SignedPush pusher, Supplier<LocalDate> today) {
        this.book = book;
        this.codec = codec;
        this.pusher = pusher;
        this.today = today;
    }

    static boolean validReason(String reason) {
        return reason != null && REASON.matcher(reason).matches();
    }

    /**
     * Returns the settled payout {@code reference} for {@code reason}: books the return, then pushes the pacs.004 (when the
     * payout named where) and answers the return's entry as it then stands. Throws {@link Refused} for a payout that cannot
     * be returned, {@link IllegalArgumentException} for a reason that is not a code.
     */
    BankEntry returnPayout(String reference, String reason) {
        if (!validReason(reason)) {
            throw new IllegalArgumentException("reason must be an ISO 20022 return reason code of four capitals or digits, such as AC04");
        }
        BankEntry entry;
        synchronized (book) {
            BankEntry original = book.get(reference);
            if (original == null || !original.kind().equals(BankParty.PAYOUT)) {
                throw new Refused(404, "the bank made no payout " + reference);
            }
            if (!original.state().equals(BankParty.SETTLED)) {
                throw new Refused(409, "payout " + reference + " is " + original.state() + ": only a settled payout can be returned");
            }
            if (original.returned() > 0) {
                throw new Refused(409, "payout " + reference + " was returned already");
            }
            entry = new BankEntry(returnId(), BankParty.PAYOUT_RETURN, BankParty.SETTLED, original.amount(), original.currency(),
                    original.maskedAccount(), reason, reference, today.get(), 0, original.notifyUrl(), null);
            book.put(entry.reference(), entry);
            book.put(reference, original.returned(original.amount()));
        }
        log.info("bank: payout {} returned ({}) as {}", reference, reason, entry.reference());
        return push(entry);
    }

    private BankEntry push(BankEntry entry) {
        if (entry.notifyUrl() == null || entry.notifyUrl().isBlank()) {
            return entry;
        }
        PaymentReturn message = new PaymentReturn(messageId(), entry.reference(), entry.originalReference(), entry.amount(), entry.currency(),
                entry.reason());
        String outcome = pusher.post(entry.notifyUrl(), codec.write(message).getBytes(StandardCharsets.UTF_8));
        log.info("bank: return push for {}: {}", entry.reference(), outcome);
        synchronized (book) {
            BankEntry now = book.get(entry.reference()).notified(outcome);
            book.put(entry.reference(), now);
            return now;
        }
    }

    private static String returnId() {
        return "RTN" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(Locale.ROOT);
    }

    private static String messageId() {
        return "BANK" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(Locale.ROOT);
    }
}
