package io.huitong.web.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.consumers.ChannelCheck;
import io.huitong.consumers.ChannelClaim;
import io.huitong.consumers.IdentityCheck;
import io.huitong.consumers.VerificationChannel;
import io.huitong.testsupport.Api;
import io.huitong.testsupport.ResidentIds;
import io.huitong.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Verification channels with the outside services a deployment provides: here the public-security check knows one name,
 * the bank card service one phone number, the social insurance service is down, and the other channels have none, which
 * this platform requires ({@code huitong.consumers.verification.providers-required}).
 */
@org.springframework.context.annotation.Import(VerificationProvidersH2Tests.Providers.class)
class VerificationProvidersH2Tests extends ConsumerTestSupport {

    static final TestDatabase DB = TestDatabase.h2();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("huitong.consumers.verification.providers-required", () -> "true");
    }

    @TestConfiguration
    static class Providers {

        @Bean
        IdentityCheck publicSecurity() {
            return identity -> identity.name().equals("韩梅梅");
        }

        @Bean
        ChannelCheck bankCards() {
            return new ChannelCheck() {
                @Override
                public VerificationChannel channel() {
                    return VerificationChannel.BANK_CARD;
                }

                @Override
                public boolean matches(ChannelClaim claim) {
                    return claim.phone().equals("+8613800138000") && claim.identity().name().equals("韩梅梅");
                }
            };
        }

        @Bean
        ChannelCheck socialSecurity() {
            return new ChannelCheck() {
                @Override
                public VerificationChannel channel() {
                    return VerificationChannel.SOCIAL_SECURITY;
                }

                @Override
                public boolean matches(ChannelClaim claim) {
                    throw new IllegalStateException("connection refused");
                }
            };
        }
    }

    Api.Response channel(String bearer, String channel, String name, String id, String extra) {
        return api.postJson("/v1/users/me/verification/channels", "{\"channel\":\"" + channel + "\",\"name\":\"" + name + "\",\"id_number\":\""
                + id + "\"" + extra + "}", "Authorization", bearer);
    }

    @Test
    void aChannelIsRecordedOnlyWhenItsServiceConfirmsIt() {
        String bearer = bearer(newConsumer().phone());
        String id = ResidentIds.next();
        Api.Response wrongName = channel(bearer, "public_security", "李雷", id, "");
        assertThat(wrongName.status()).as(wrongName.body()).isEqualTo(400);
        assertThat(wrongName.error("code")).isEqualTo("verification_failed");
        assertThat(wrongName.body()).doesNotContain(id);
        assertThat(api.get("/v1/users/me/verification", "Authorization", bearer).json().path("verified").asBoolean()).isFalse();

        Api.Response confirmed = api.postJson("/v1/users/me/verification", "{\"name\":\"韩梅梅\",\"id_number\":\"" + id + "\"}",
                "Authorization", bearer);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("channels").get(0).path("checked_by").asString()).isEqualTo("provider");

        String card = ",\"bank_card\":{\"number\":\"6222020200112230\",\"phone\":\"%s\"}";
        Api.Response otherPhone = channel(bearer, "bank_card", "韩梅梅", id, card.formatted("13900139000"));
        assertThat(otherPhone.status()).as(otherPhone.body()).isEqualTo(400);
        assertThat(otherPhone.error("code")).isEqualTo("verification_failed");
        Api.Response bank = channel(bearer, "bank_card", "韩梅梅", id, card.formatted("13800138000"));
        assertThat(bank.status()).as(bank.body()).isEqualTo(200);
        assertThat(bank.json().path("channels").get(1).path("checked_by").asString()).isEqualTo("provider");

        Api.Response down = channel(bearer, "social_security", "韩梅梅", id, "");
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.error("type")).isEqualTo("api_error");
        assertThat(down.error("code")).isEqualTo("verification_unavailable");

        Api.Response none = channel(bearer, "tax", "韩梅梅", id, "");
        assertThat(none.status()).as(none.body()).isEqualTo(400);
        assertThat(none.error("code")).isEqualTo("verification_channel_unavailable");
        assertThat(none.error("param")).isEqualTo("channel");

        Api.Response shown = api.get("/v1/users/me/verification", "Authorization", bearer);
        assertThat(shown.json().path("channels")).hasSize(2);
        assertThat(shown.json().path("class").asString()).isEqualTo("I");
    }
}
