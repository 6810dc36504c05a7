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
        // a struct's field is named as the field, as Polars names it
        return function == ScalarFunction.STRUCT_FIELD ? (String) parameters.get(0) : input.outputName();
    }

    /** The most parameters written out by {@link #toString}: an {@code isIn} of a million values is not. */
    static final int SHOWN_PARAMETERS = 20;

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(input).append('.').append(function.displayName()).append('(');
        int shown = Math.min(parameters.size(), SHOWN_PARAMETERS);
        for (int i = 0; i < shown; i++) {
            Object p = parameters.get(i);
            text.append(i == 0 ? "" : ", ").append(p instanceof String s ? "\"" + s + "\"" : String.valueOf(p));
        }
        if (shown < parameters.size()) {
            text.append(String.format(java.util.Locale.ROOT, ", … %,d more", parameters.size() - shown));
        }
        return text.append(')').toString();
    }
}
