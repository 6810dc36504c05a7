package dev.floe.frame.expr;

import java.util.List;
import java.util.Objects;

/**
 * A row-wise function of an expression: {@code col("x").sqrt()}, {@code col("s").str().upper()},
 * {@code col("d").dt().year()}. Its settings (decimals, patterns, bounds, the values of
 * {@code isIn}) are literals kept in {@code parameters}.
 */
public record Call(ScalarFunction function, Expr input, List<Object> parameters) implements Expr {
    public Call {
        Objects.requireNonNull(function, "function is null");
        Objects.requireNonNull(input, "input is null");
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    @Override
    public String outputName() {
        return input.outputName();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(input).append('.').append(function.displayName()).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            text.append(i == 0 ? "" : ", ").append(p instanceof String s ? "\"" + s + "\"" : String.valueOf(p));
        }
        return text.append(')').toString();
    }
}
