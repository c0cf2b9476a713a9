package io.huitong.channels;

import io.huitong.channels.walletpay.WalletPayChannel;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.protocols.keys.Keys;
import io.huitong.protocols.walletpay.WalletPay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wallet operator's connector ({@code walletpay}, payment method {@code qr}): a real operator when
 * {@code huitong.channels.walletpay.url} is set (with {@code app-id}, {@code private-key} and
 * {@code operator-public-key}); otherwise the simulator's ({@code HUITONG_SIMULATOR_URL}, or the embedded one),
 * with a key pair made at start and registered with the simulator under an app id of this platform's own.
 * With none of them (card acquirers configured, nothing else) there is no wallet operator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WalletPayConfig.WalletPayProperties.class)
class WalletPayConfig {

    private static final Logger log = LoggerFactory.getLogger(WalletPayConfig.class);

    /**
     * {@code huitong.channels.walletpay.*}: {@code HUITONG_CHANNELS_WALLETPAY_URL}, {@code ..._APP_ID},
     * {@code ..._PRIVATE_KEY} (the merchant app's RSA key, PKCS#8 PEM or base64), {@code ..._OPERATOR_PUBLIC_KEY}.
     */
    @ConfigurationProperties("huitong.channels.walletpay")
    record WalletPayProperties(String url, String appId, String privateKey, String operatorPublicKey) {
        @Override
        public String toString() {
            return "WalletPayProperties[" + url + ", " + appId + "]";
        }
    }

    @Bean
    WalletPayChannel walletPayChannel(WalletPayProperties walletpay, ChannelsProperties properties, ChannelsConfig.EmbeddedSimulator embedded,
                                      JsonMapper json, Clock clock, ObjectProvider<MeterRegistry> registry,
                                      ObjectProvider<OrderNotifications> notifications) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        if (OperatorWiring.hasText(walletpay.url())) {
            WalletPayChannel.Credentials credentials = new WalletPayChannel.Credentials(
                    OperatorWiring.require(walletpay.appId(), "huitong.channels.walletpay.app-id"),
                    WalletPay.privateKey(OperatorWiring.require(walletpay.privateKey(), "huitong.channels.walletpay.private-key")),
                    WalletPay.publicKey(OperatorWiring.require(walletpay.operatorPublicKey(), "huitong.channels.walletpay.operator-public-key")));
            log.info("Wallet operator at {} (app {})", walletpay.url(), walletpay.appId());
            return new WalletPayChannel("walletpay", OperatorWiring.settings(URI.create(walletpay.url()), properties), credentials,
                    OperatorWiring.notifications(notifications), clock, meters);
        }
        OperatorWiring.SimulatedOperator operator = OperatorWiring.simulated("walletpay", properties, embedded, json);
        if (operator == null) {
            log.info("No wallet operator configured (huitong.channels.walletpay.url): QR payments are not offered");
            return null;
        }
        KeyPair keys = WalletPay.generateKeyPair();
        String appId = OperatorWiring.simulatorAppId();
        OperatorWiring.register(operator, "walletpay", appId, Keys.text(keys.getPublic()), properties, json);
        log.info("Wallet operator: the simulator's at {} (app {})", operator.url(), appId);
        return new WalletPayChannel("walletpay", OperatorWiring.settings(operator.url(), properties),
                new WalletPayChannel.Credentials(appId, keys.getPrivate(), WalletPay.publicKey(operator.publicKey())),
                OperatorWiring.notifications(notifications), clock, meters);
    }
}
