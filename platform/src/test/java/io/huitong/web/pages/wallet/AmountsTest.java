package io.huitong.web.pages.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huitong.kernel.ApiException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Amounts as payers type them, made exact minor units; and the text of the wallet's forms. */
class AmountsTest {

    @Test
    void typedAmountsBecomeExactMinorUnits() {
        assertThat(Amounts.parse("50", "CNY")).isEqualTo(5_000);
        assertThat(Amounts.parse(" 50.5 ", "CNY")).isEqualTo(5_050);
        assertThat(Amounts.parse("1,050.00", "CNY")).isEqualTo(105_000);
        assertThat(Amounts.parse("¥0.01", "CNY")).isEqualTo(1);
        assertThat(Amounts.parse("0.10", "CNY")).isEqualTo(10);
        assertThat(Amounts.parse("12.", "CNY")).isEqualTo(1_200);
        assertThat(Amounts.parse("7.500", "CNY")).as("trailing zeros are no extra precision").isEqualTo(750);
        assertThat(Amounts.parse("500", "JPY")).isEqualTo(500);
    }

    @Test
    void anythingElseIsRefusedOnTheAmount() {
        for (String typed : new String[] {"", " ", "0", "0.00", "-5", "1e3", "12.345", "abc", "NaN", "Infinity", "1.2.3", "99999999999999999999",
                "５０"}) {
            assertThatThrownBy(() -> Amounts.parse(typed, "CNY")).as(typed).isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).param()).isEqualTo("amount");
        }
        assertThatThrownBy(() -> Amounts.parse("5.5", "JPY")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Amounts.parse(null, "CNY")).isInstanceOf(ApiException.class);
    }

    @Test
    void amountsAreShownInThePayersLanguage() {
        assertThat(Amounts.format(123_450, "CNY", Locale.SIMPLIFIED_CHINESE)).isEqualTo("¥1,234.50");
        assertThat(Amounts.format(123_450, "CNY", Locale.ENGLISH)).isEqualTo("CN¥1,234.50");
        assertThat(Amounts.format(-500, "CNY", Locale.ENGLISH)).isEqualTo("-CN¥5.00");
        assertThat(new WalletFormat().grouped("281049198685791969")).isEqualTo("2810 4919 8685 7919 69");
    }

    @Test
    void cardExpiriesAreReadAsBrowsersFillThem() {
        assertThat(WalletMoneyController.expiry("12/34")).containsExactly(12, 2034);
        assertThat(WalletMoneyController.expiry(" 1 / 2031 ")).containsExactly(1, 2031);
        for (String typed : new String[] {"13/30", "0/30", "1230", "12/3", "aa/bb"}) {
            assertThatThrownBy(() -> WalletMoneyController.expiry(typed)).as(typed).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void formTextHoldsNoNulNoLoneSurrogateAndNoUndecodableBytes() {
        assertThat(io.huitong.web.pages.PageFormText.text("韩梅梅 😀 note")).isTrue();
        assertThat(io.huitong.web.pages.PageFormText.text("a\u0000b")).isFalse();
        assertThat(io.huitong.web.pages.PageFormText.text("a\uD800b")).isFalse();
        assertThat(io.huitong.web.pages.PageFormText.text("a\uDC00")).isFalse();
        assertThat(io.huitong.web.pages.PageFormText.text("bad \uFFFD bytes")).isFalse();
    }
}
