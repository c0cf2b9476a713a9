package io.huitong.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardCheckTest {

    private final CardCheck check = new CardCheck(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @CsvSource({
            "4242424242424242, visa", "5555555555554444, mastercard", "6200000000000005, unionpay",
            "4000000000003220, visa", "2223003122003222, mastercard", "3566002020360505, jcb"})
    void testCardsPassAndKnowTheirBrand(String number, String brand) {
        CardCheck.Outcome outcome = check.check(number, 12, 2030, "123");
        assertThat(outcome).isInstanceOfSatisfying(CardCheck.Passed.class, p -> {
            assertThat(p.number().brand().wireName()).isEqualTo(brand);
            assertThat(p.number().last4()).isEqualTo(number.substring(number.length() - 4));
        });
    }

    @Test
    void aNumberFailingLuhnIsInvalidNumber() {
        assertThat(check.check("4242424242424241", 12, 2030, "123"))
                .isInstanceOfSatisfying(CardCheck.Failed.class, f -> assertThat(f.code()).isEqualTo("invalid_number"));
        assertThat(check.check("42424242", 12, 2030, "123")).isInstanceOf(CardCheck.Failed.class);
        assertThat(check.check("4242-4242-4242-4242", 12, 2030, "123")).isInstanceOf(CardCheck.Failed.class);
    }

    @Test
    void expiryRunsToTheEndOfItsMonth() {
        assertThat(check.check("4242424242424242", 11, 2026, "123")).isInstanceOf(CardCheck.Passed.class);
        assertThat(check.check("4242424242424242", 10, 2026, "123"))
                .isInstanceOfSatisfying(CardCheck.Failed.class, f -> assertThat(f.code()).isEqualTo("expired_card"));
        assertThat(check.check("4242424242424242", 13, 2030, "123"))
                .isInstanceOfSatisfying(CardCheck.Failed.class, f -> assertThat(f.code()).isEqualTo("invalid_expiry_month"));
    }

    @Test
    void cvcMustHaveTheBrandsLength() {
        assertThat(check.check("4242424242424242", 12, 2030, "12"))
                .isInstanceOfSatisfying(CardCheck.Failed.class, f -> assertThat(f.code()).isEqualTo("incorrect_cvc"));
        assertThat(check.check("378282246310005", 12, 2030, "1234")).isInstanceOf(CardCheck.Passed.class);
        assertThat(check.check("4242424242424242", 12, 2030, "12a")).isInstanceOf(CardCheck.Failed.class);
    }

    @Test
    void aCardNumberNeverPrintsItself() {
        CardNumber card = CardNumber.parse("4242 4242 4242 4242").orElseThrow();
        assertThat(card.toString()).isEqualTo("visa ****4242").doesNotContain("424242424242");
        assertThat(String.valueOf(new CardCheck.Passed(card, 12, 2030))).doesNotContain("4242424242424242");
    }
}
