package io.huitong.checkout.internal;

import io.huitong.checkout.CheckoutPayments;
import io.huitong.consumers.Login;
import io.huitong.consumers.Session;
import io.huitong.consumers.Users;
import io.huitong.identity.ApiPrincipal;
import io.huitong.identity.BearerAuthenticator;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Ids;
import io.huitong.payments.Payments;
import io.huitong.risk.RiskContext;
import io.huitong.vault.Vault;
import io.huitong.wallets.Wallets;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CheckoutConfig {

    @Bean
    SessionStore checkoutSessionStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        return new SessionStore(jdbc, json, clock);
    }

    @Bean
    CouponStore couponStore(JdbcClient jdbc) {
        return new CouponStore(jdbc);
    }

    @Bean
    CheckoutPaymentService checkoutPayments(SessionStore sessions, CouponStore coupons, PlatformTransactionManager transactions,
                                            Payments payments, Vault vault, JsonMapper json, Users users,
                                            List<BearerAuthenticator> authenticators, Wallets wallets, Clock clock, Ids ids) {
        Attempts attempts = new Attempts(sessions, coupons, new TransactionTemplate(transactions), clock, ids);
        return new CheckoutPaymentService(sessions, attempts, payments, vault, json, walletLogin(users, authenticators, wallets));
    }

    @Bean
    SessionService checkoutSessions(SessionStore sessions, CouponStore coupons, CheckoutPayments payments, Clock clock, Ids ids) {
        return new SessionService(sessions, coupons, payments, clock, ids);
    }

    @Bean
    CouponService coupons(CouponStore coupons, Clock clock, Ids ids) {
        return new CouponService(coupons, clock, ids);
    }

    @Bean
    PaymentOutcomes checkoutPaymentOutcomes(SessionStore sessions, CouponStore coupons) {
        return new PaymentOutcomes(sessions, coupons);
    }

    /** A consumer's login as POST /v1/sessions makes it, and who its token names, as the API's authentication finds out. */
    static WalletCheckout.Login walletLogin(Users users, List<BearerAuthenticator> authenticators, Wallets wallets) {
        return new WalletCheckout.Login() {
            @Override
            public WalletCheckout.LoggedIn login(String phone, String password, String otp, String clientAddress) {
                Session session = users.login(new Login(phone, password, otp), clientAddress);
                for (BearerAuthenticator authenticator : authenticators) {
                    var principal = authenticator.authenticate(session.token());
                    if (principal.isPresent() && principal.get().kind() == ApiPrincipal.Kind.USER) {
                        return new WalletCheckout.LoggedIn(principal.get().id(), session.token());
                    }
                }
                users.logout(session.token());
                throw new ApiException(401, io.huitong.kernel.ErrorType.AUTHENTICATION_ERROR, "invalid_credentials",
                        "The login could not be used.", null);
            }

            @Override
            public void payQr(String userId, String qrPayload, RiskContext context, String otp) {
                wallets.payQr(userId, qrPayload, context, otp);
            }

            @Override
            public void logout(String token) {
                users.logout(token);
            }
        };
    }
}
