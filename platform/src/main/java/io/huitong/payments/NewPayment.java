package io.huitong.payments;

import io.huitong.kernel.Currencies;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A merchant's request to take a payment ({@code POST /v1/payments}); refuses itself with a 400 naming
 * the field. {@code risk_context} describes the payer for risk control (optional). The card's own checks (Luhn, expiry, CVC) are not made here: a card that fails them is a
 * declined payment (402), not a malformed request.
 */
public record NewPayment(Long amount, String currency, PaymentMethodInput paymentMethod, String captureMethod, Boolean confirm,
                         String description, Map<String, String> metadata, io.huitong.risk.RiskContext riskContext) {

    /** The largest amount one payment may carry, in minor units. */
    public static final long MAX_AMOUNT = 99_999_999_999L;
    static final int MAX_METADATA_KEYS = 50;
    static final int MAX_METADATA_KEY_LENGTH = 40;
    static final int MAX_METADATA_VALUE_LENGTH = 500;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    public NewPayment {
        if (amount == null) {
            throw PaymentRefused.missing("amount");
        }
        if (amount <= 0) {
            throw PaymentRefused.invalid("amount", "amount must be a positive integer");
        }
        if (amount > MAX_AMOUNT) {
            throw new PaymentRefused(Refusal.InvalidParameter.tooLarge("amount", "amount must be at most " + MAX_AMOUNT));
        }
        if (currency == null) {
            throw PaymentRefused.missing("currency");
        }
        if (!Currencies.isSupported(currency)) {
            throw PaymentRefused.invalid("currency", "currency must be a supported ISO 4217 upper-case currency code, one of "
                    + String.join(", ", Currencies.SUPPORTED.stream().sorted().toList()));
        }
        if (paymentMethod == null) {
            throw PaymentRefused.missing("payment_method");
        }
        if (captureMethod == null) {
            captureMethod = "automatic";
        } else if (!captureMethod.equals("automatic") && !captureMethod.equals("manual")) {
            throw PaymentRefused.invalid("capture_method", "capture_method must be automatic or manual");
        }
        if (confirm == null) {
            confirm = true;
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw PaymentRefused.invalid("description", "description must be at most 1000 characters");
        }
        metadata = checkMetadata(metadata);
        if (!paymentMethod.type().equals("card") && captureMethod.equals("manual")) {
            throw PaymentRefused.invalid("capture_method", "manual capture is offered for card payments only");
        }
        if (paymentMethod.type().equals("ecny") && !currency.equals("CNY")) {
            throw PaymentRefused.invalid("currency", "e-CNY payments are in CNY");
        }
    }

    static Map<String, String> checkMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_METADATA_KEYS) {
            throw PaymentRefused.invalid("metadata", "metadata may have at most 50 keys");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > MAX_METADATA_KEY_LENGTH) {
                throw PaymentRefused.invalid("metadata", "metadata keys must be 1 to 40 characters");
            }
            if (e.getValue() == null) {
                throw PaymentRefused.invalid("metadata." + e.getKey(), "metadata values must be strings");
            }
            if (e.getValue().length() > MAX_METADATA_VALUE_LENGTH) {
                throw PaymentRefused.invalid("metadata." + e.getKey(), "metadata values must be at most 500 characters");
            }
        }
        return new LinkedHashMap<>(metadata);
    }

    public boolean manualCapture() {
        return captureMethod.equals("manual");
    }

    /** The payment methods a merchant can take today. */
    public static final java.util.Set<String> ORDER_METHODS = java.util.Set.of("bank_transfer", "ecny", "qr", "payment_code");

    /**
     * {@code payment_method}: the type and its details: the card; the payer's bank account
     * ({@code bank_transfer}); the payer's e-CNY wallet ({@code ecny}); nothing for {@code qr}, which any
     * payer may scan; the code the payer's wallet app shows ({@code payment_code}).
     */
    public record PaymentMethodInput(String type, CardInput card, BankAccountInput bankTransfer, EcnyInput ecny,
                                     PaymentCodeInput paymentCode) {


        public PaymentMethodInput {
            if (type == null) {
                throw PaymentRefused.missing("payment_method.type");
            }
            switch (type) {
                case "card" -> {
                    if (card == null) {
                        throw PaymentRefused.missing("payment_method.card");
                    }
                }
                case "bank_transfer" -> {
                    if (bankTransfer == null) {
                        throw PaymentRefused.missing("payment_method.bank_transfer");
                    }
                }
                case "ecny" -> {
                    if (ecny == null) {
                        throw PaymentRefused.missing("payment_method.ecny");
                    }
                }
                case "qr" -> {
                }
                case "payment_code" -> {
                    if (paymentCode == null) {
                        throw PaymentRefused.missing("payment_method.payment_code");
                    }
                }
                case "wallet" -> throw PaymentRefused.invalid("payment_method.type",
                        "payment_method.type 'wallet' is not offered by this platform yet; use card, bank_transfer, ecny, qr or payment_code");
                default -> throw PaymentRefused.invalid("payment_method.type",
                        "payment_method.type must be one of card, bank_transfer, qr, wallet, ecny, payment_code");
            }
            if (!type.equals("card") && card != null) {
                throw PaymentRefused.invalid("payment_method.card", "payment_method.card goes with type card only");
            }
            if (!type.equals("bank_transfer") && bankTransfer != null) {
                throw PaymentRefused.invalid("payment_method.bank_transfer", "payment_method.bank_transfer goes with type bank_transfer only");
            }
            if (!type.equals("ecny") && ecny != null) {
                throw PaymentRefused.invalid("payment_method.ecny", "payment_method.ecny goes with type ecny only");
            }
            if (!type.equals("payment_code") && paymentCode != null) {
                throw PaymentRefused.invalid("payment_method.payment_code", "payment_method.payment_code goes with type payment_code only");
            }
        }
    }

    /** The code a payer's wallet app shows (付款码): 18 digits. {@link #toString()} hides it. */
    public record PaymentCodeInput(String code) {

        public PaymentCodeInput {
            if (code == null) {
                throw PaymentRefused.missing("payment_method.payment_code.code");
            }
            if (!code.matches("[0-9]{18}")) {
                throw PaymentRefused.invalid("payment_method.payment_code.code", "code must be the 18 digits the payer's wallet shows");
            }
        }

        @Override
        public String toString() {
            return "PaymentCodeInput[<hidden>]";
        }
    }

    /** The payer's bank account, debited through the bank channel. {@link #toString()} hides the number. */
    public record BankAccountInput(String bankCode, String accountNumber, String accountName) {

        public BankAccountInput {
            if (bankCode == null) {
                throw PaymentRefused.missing("payment_method.bank_transfer.bank_code");
            }
            if (!bankCode.matches("[A-Za-z0-9]{3,12}")) {
                throw PaymentRefused.invalid("payment_method.bank_transfer.bank_code", "bank_code must be 3 to 12 letters or digits");
            }
            if (accountNumber == null) {
                throw PaymentRefused.missing("payment_method.bank_transfer.account_number");
            }
            if (!accountNumber.matches("[A-Za-z0-9]{6,34}")) {
                throw PaymentRefused.invalid("payment_method.bank_transfer.account_number",
                        "account_number must be 6 to 34 letters or digits");
            }
            if (accountName == null) {
                throw PaymentRefused.missing("payment_method.bank_transfer.account_name");
            }
            if (accountName.isBlank() || accountName.length() > 140) {
                throw PaymentRefused.invalid("payment_method.bank_transfer.account_name", "account_name must be 1 to 140 characters");
            }
        }

        @Override
        public String toString() {
            return "BankAccountInput[" + bankCode + ", <hidden>]";
        }
    }

    /** The payer's e-CNY wallet: its 16-digit id. {@link #toString()} hides it. */
    public record EcnyInput(String walletId) {

        public EcnyInput {
            if (walletId == null) {
                throw PaymentRefused.missing("payment_method.ecny.wallet_id");
            }
            if (!walletId.matches("[0-9]{16}")) {
                throw PaymentRefused.invalid("payment_method.ecny.wallet_id", "wallet_id must be 16 digits");
            }
        }

        @Override
        public String toString() {
            return "EcnyInput[<hidden>]";
        }
    }

    /** A card as the payer typed it. Never printed: {@link #toString()} hides the number and the CVC. */
    public record CardInput(String number, Integer expMonth, Integer expYear, String cvc) {

        public CardInput {
            if (number == null) {
                throw PaymentRefused.missing("payment_method.card.number");
            }
            if (expMonth == null) {
                throw PaymentRefused.missing("payment_method.card.exp_month");
            }
            if (expYear == null) {
                throw PaymentRefused.missing("payment_method.card.exp_year");
            }
            if (cvc == null) {
                throw PaymentRefused.missing("payment_method.card.cvc");
            }
        }

        @Override
        public String toString() {
            return "CardInput[number=<hidden>, cvc=<hidden>]";
        }
    }
}
