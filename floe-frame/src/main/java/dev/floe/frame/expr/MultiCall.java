package dev.floe.frame.expr;

import java.util.List;
import java.util.Objects;

/**
 * A row-wise function of several expressions, null where any of them is: {@code
 * col("a").dt().diff("month", col("b"))}, {@code Exprs.makeDate(y, m, d)}. Its settings are
 * literals kept in {@code parameters}; it is named after its first input ({@code random()} and
 * {@code uuid()}, which have none, after the function).
 */
public record MultiCall(ScalarFunction function, List<Expr> inputs, List<Object> parameters) implements Expr {
    public MultiCall {
        Objects.requireNonNull(function, "function is null");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty() && function != ScalarFunction.RANDOM && function != ScalarFunction.UUID
                && function != ScalarFunction.NEXTVAL && function != ScalarFunction.CURRVAL) {
            throw new IllegalArgumentException(function.displayName() + " needs at least one input");
        }
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    @Override
    public String outputName() {
        return inputs.isEmpty() ? function.displayName() : inputs.get(0).outputName();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(function.displayName()).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            text.append(i == 0 ? "" : ", ").append(p instanceof String s ? "\"" + s + "\"" : String.valueOf(p));
        }
        for (int i = 0; i < inputs.size(); i++) {
            text.append(i == 0 && parameters.isEmpty() ? "" : ", ").append(inputs.get(i));
        }
        return text.append(')').toString();
    }
}
