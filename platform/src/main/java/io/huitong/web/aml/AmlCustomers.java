package io.huitong.web.aml;

import io.huitong.aml.AmlReport;
import io.huitong.aml.AmlTransaction;
import io.huitong.aml.CustomerIdentity;
import io.huitong.consumers.Users;
import io.huitong.consumers.Verification;
import io.huitong.consumers.Verifications;
import io.huitong.identity.Merchants;
import io.huitong.payments.Payment;
import io.huitong.payments.Payments;
import java.util.List;
import java.util.Optional;

/**
 * Names the customer of an AML report the way the institution knows them ({@link CustomerIdentity}): a consumer by
 * their verification, a card by the payment that used it, an account by what the payment named, a merchant by its
 * name. AML keeps customers by reference only; they are named here, as a report is shown or exported.
 */
@org.springframework.stereotype.Component
public final class AmlCustomers {

    private final Users users;
    private final Verifications verifications;
    private final Payments payments;
    private final Merchants merchants;

    AmlCustomers(Users users, Verifications verifications, Payments payments, Merchants merchants) {
        this.users = users;
        this.verifications = verifications;
        this.payments = payments;
        this.merchants = merchants;
    }

    /** The report with its customer named. */
    public AmlReport named(AmlReport report) {
        return report.withCustomerIdentity(of(report.customer(), report.transactions()));
    }

    CustomerIdentity of(String customer, List<AmlTransaction> transactions) {
        if (customer.startsWith("usr_")) {
            return consumer(customer);
        }
        if (customer.startsWith("mer_")) {
            return merchants.find(customer)
                    .map(m -> new CustomerIdentity("merchant", m.name(), null, null, null, null, null, null, null))
                    .orElseGet(CustomerIdentity::other);
        }
        if (customer.startsWith("card:")) {
            return card(customer, transactions);
        }
        if (customer.startsWith("bank_account:")) {
            // bank_account:<bank>:<last4>:<holder's name>
            String[] parts = customer.split(":", 4);
            return parts.length < 4 ? CustomerIdentity.other()
                    : new CustomerIdentity("bank_account", parts[3], null, null, null, null, null, parts[1], "****" + parts[2]);
        }
        if (customer.startsWith("ecny:")) {
            return new CustomerIdentity("ecny_wallet", null, null, null, null, null, null, null, "****" + customer.substring(5));
        }
        return CustomerIdentity.other();
    }

    private CustomerIdentity consumer(String userId) {
        Optional<String> phone = users.find(userId).map(io.huitong.consumers.User::phone);
        if (phone.isEmpty()) {
            return CustomerIdentity.other();
        }
        Verification v = verifications.verification(userId);
        return new CustomerIdentity("consumer", v.verified() ? v.name() : null, v.verified() ? v.idNumber() : null, phone.get(), null, null,
                null, null, null);
    }

    /** {@code card:<fingerprint>}, or {@code card:<brand>:<last4>} when risk control had no fingerprint. */
    private CustomerIdentity card(String customer, List<AmlTransaction> transactions) {
        String rest = customer.substring(5);
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            return new CustomerIdentity("card", null, null, null, rest.substring(0, colon), "**** **** **** " + rest.substring(colon + 1),
                    null, null, null);
        }
        for (AmlTransaction t : transactions) {
            if (t.merchant() == null || t.reference() == null) {
                continue;
            }
            Optional<Payment.Card> card = payments.find(t.merchant(), t.reference())
                    .map(Payment::paymentMethod).map(Payment.PaymentMethod::card);
            if (card.isPresent()) {
                return new CustomerIdentity("card", null, null, null, card.get().brand(), "**** **** **** " + card.get().last4(), rest, null,
                        null);
            }
        }
        return new CustomerIdentity("card", null, null, null, null, null, rest, null, null);
    }
}
