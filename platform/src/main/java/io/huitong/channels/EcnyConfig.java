package io.huitong.channels;

import io.huitong.channels.ecny.EcnyChannel;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.protocols.keys.Keys;
import io.huitong.protocols.ecny.Ecny;
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
 * The digital RMB operator's connector ({@code ecny}, payment method {@code ecny}): a real operator when
 * {@code huitong.channels.ecny.url} is set (with {@code merchant-no}, {@code private-key} and
 * {@code operator-public-key}); otherwise the simulator's ({@code HUITONG_SIMULATOR_URL}, or the embedded one),
 * with an SM2 key pair made at start and registered with the simulator under a merchant number of this
 * platform's own. With none of them (card acquirers configured, nothing else) there is no e-CNY operator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EcnyConfig.EcnyProperties.class)
class EcnyConfig {

    private static final Logger log = LoggerFactory.getLogger(EcnyConfig.class);

    /**
     * {@code huitong.channels.ecny.*}: {@code HUITONG_CHANNELS_ECNY_URL}, {@code ..._MERCHANT_NO},
     * {@code ..._PRIVATE_KEY} (the merchant's SM2 key, PKCS#8 PEM or base64), {@code ..._OPERATOR_PUBLIC_KEY}.
     */
    @ConfigurationProperties("huitong.channels.ecny")
    record EcnyProperties(String url, String merchantNo, String privateKey, String operatorPublicKey) {
        @Override
        public String toString() {
            return "EcnyProperties[" + url + ", " + merchantNo + "]";
        }
    }

    @Bean
    EcnyChannel ecnyChannel(EcnyProperties ecny, ChannelsProperties properties, ChannelsConfig.EmbeddedSimulator embedded,
                            JsonMapper json, Clock clock, ObjectProvider<MeterRegistry> registry,
                            ObjectProvider<OrderNotifications> notifications) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        if (OperatorWiring.hasText(ecny.url())) {
            EcnyChannel.Credentials credentials = new EcnyChannel.Credentials(
                    OperatorWiring.require(ecny.merchantNo(), "huitong.channels.ecny.merchant-no"),
                    Ecny.privateKey(OperatorWiring.require(ecny.privateKey(), "huitong.channels.ecny.private-key")),
                    Ecny.publicKey(OperatorWiring.require(ecny.operatorPublicKey(), "huitong.channels.ecny.operator-public-key")));
            log.info("e-CNY operator at {} (merchant {})", ecny.url(), ecny.merchantNo());
            return new EcnyChannel("ecny", OperatorWiring.settings(URI.create(ecny.url()), properties), credentials,
                    OperatorWiring.notifications(notifications), clock, meters);
        }
        OperatorWiring.SimulatedOperator operator = OperatorWiring.simulated("ecny", properties, embedded, json);
        if (operator == null) {
            log.info("No e-CNY operator configured (huitong.channels.ecny.url): e-CNY payments are not offered");
            return null;
        }
        KeyPair keys = Ecny.generateKeyPair();
        String merchantNo = OperatorWiring.simulatorAppId();
        OperatorWiring.register(operator, "ecny", merchantNo, Keys.text(keys.getPublic()), properties, json);
        log.info("e-CNY operator: the simulator's at {} (merchant {})", operator.url(), merchantNo);
        return new EcnyChannel("ecny", OperatorWiring.settings(operator.url(), properties),
                new EcnyChannel.Credentials(merchantNo, keys.getPrivate(), Ecny.publicKey(operator.publicKey())),
                OperatorWiring.notifications(notifications), clock, meters);
    }
}
