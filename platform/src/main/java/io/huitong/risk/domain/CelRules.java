package io.huitong.risk.domain;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * Rules' expressions in the Common Expression Language: side-effect free, and evaluated in time linear in the
 * expression's size (comprehensions are bounded). An expression is checked against the variables of
 * {@link RiskVariables} and must be a {@code bool}.
 */
public final class CelRules {

    /** A rule's expression that does not compile, with the compiler's message. */
    public static final class InvalidExpression extends RuntimeException {
        public InvalidExpression(String message) {
            super(message, null, false, false);
        }
    }

    public static final int MAX_EXPRESSION_LENGTH = 2000;

    private final Cel cel;

    public CelRules() {
        MapType strings = MapType.create(SimpleType.STRING, SimpleType.STRING);
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).comprehensionMaxIterations(1000)
                        .maxParseExpressionNodeCount(2000).build())
                .addVar("amount", SimpleType.INT)
                .addVar("currency", SimpleType.STRING)
                .addVar("kind", SimpleType.STRING)
                .addVar("merchant", SimpleType.STRING)
                .addVar("user", SimpleType.STRING)
                .addVar("device_id", SimpleType.STRING)
                .addVar("card", strings)
                .addVar("ip", strings)
                .addVar("declared_country", SimpleType.STRING)
                .addVar("velocity", MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.INT)))
                .addVar("new_device", SimpleType.BOOL)
                .addVar("country_mismatch", SimpleType.BOOL)
                .addVar("km_from_last", SimpleType.DOUBLE)
                .addVar("minutes_since_last", SimpleType.DOUBLE)
                .addVar("amount_to_median", SimpleType.DOUBLE)
                .addVar("small_payments_1h", SimpleType.INT)
                .addVar("hour_of_day", SimpleType.INT)
                .addVar("account_age_days", SimpleType.DOUBLE)
                .addVar("model_score", SimpleType.DOUBLE)
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /** A compiled expression, ready to evaluate. */
    public Compiled compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidExpression("expression is empty");
        }
        if (expression.length() > MAX_EXPRESSION_LENGTH) {
            throw new InvalidExpression("expression must be at most " + MAX_EXPRESSION_LENGTH + " characters");
        }
        try {
            return new Compiled(cel.createProgram(cel.compile(expression).getAst()));
        } catch (CelValidationException e) {
            throw new InvalidExpression(e.getMessage());
        } catch (dev.cel.common.CelException | RuntimeException e) {
            throw new InvalidExpression(String.valueOf(e.getMessage()));
        }
    }

    public static final class Compiled {
        private final CelRuntime.Program program;

        Compiled(CelRuntime.Program program) {
            this.program = program;
        }

        /** Whether the expression holds; an evaluation error (a division by zero, ...) counts as false. */
        public boolean matches(Map<String, ?> variables) {
            try {
                // resolved from the map as the program asks: no copy of the variables for each rule
                return Boolean.TRUE.equals(program.eval(name -> java.util.Optional.<Object>ofNullable(variables.get(name))));
            } catch (CelEvaluationException | RuntimeException e) {
                return false;
            }
        }
    }
}
