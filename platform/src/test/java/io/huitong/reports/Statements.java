package io.huitong.reports;

import io.huitong.kernel.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A settlement statement as the settlement module will write one, with as many lines as a test wants. */
final class Statements {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant START = Instant.parse("2026-03-01T02:15:00Z");
    static final List<Column> COLUMNS = List.of(
            Column.dateTime("时间 Time"),
            Column.text("类型 Type"),
            Column.text("支付单 Payment"),
            Column.text("订单号 Order"),
            Column.money("总额 Gross", "CNY"),
            Column.money("手续费 Fee", "CNY"),
            Column.money("净额 Net", "CNY"));

    private Statements() {
    }

    static Report statement(long lines) {
        return report(RowSource.of(() -> lines(lines)));
    }

    static Report report(RowSource rows) {
        return new Report("结算单 Settlement statement stl_0001", SHANGHAI,
                List.of(Field.text("商户 Merchant", "汇通茶庄"),
                        Field.text("结算周期 Period", "2026-03-01 – 2026-03-01"),
                        Field.date("营业日 Business day", java.time.LocalDate.of(2026, 3, 2)),
                        Field.text("币种 Currency", "CNY")),
                COLUMNS, rows,
                List.of(Field.money("总额 Gross", Money.of(123456, "CNY")),
                        Field.money("手续费 Fees", Money.of(-1250, "CNY")),
                        Field.money("净额 Net", Money.of(122206, "CNY")),
                        Field.integer("笔数 Lines", 2)));
    }

    /** Two lines: a payment of 1,234.56 with a fee of 12.50, and a refund. */
    static Report twoLines() {
        return report(RowSource.of(List.of(
                List.of(START, "支付 Payment", "pay_001", "茶-0001", 123456L, -1250L, 122206L),
                Arrays.asList(START.plusSeconds(60), "退款 Refund", "re_001", null, -5000L, 0L, -5000L))));
    }

    /** Generated lazily, one at a time, as a database cursor would hand them over. */
    static Iterator<List<?>> lines(long count) {
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public List<?> next() {
                if (i >= count) {
                    throw new NoSuchElementException();
                }
                long n = i++;
                long gross = 1_000 + (n * 7919) % 1_000_000;
                long fee = -(gross * 6 / 1000);
                boolean refund = n % 10 == 9;
                return List.of(START.plusSeconds(n), refund ? "退款 Refund" : "支付 Payment", "pay_" + n, "order-" + n,
                        refund ? -gross : gross, refund ? 0L : fee, refund ? -gross : gross + fee);
            }
        };
    }
}
