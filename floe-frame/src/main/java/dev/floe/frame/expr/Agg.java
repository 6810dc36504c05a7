package dev.floe.frame.expr;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation: {@code col("v1").sum()}, {@code col("v3").quantile(0.9)},
 * {@code corr(col("a"), col("b"))}. In {@code groupBy(...).agg(...)} it gives one value per
 * group; in a {@code select} of aggregations only, one value for the whole frame. Aggregations
 * may be combined with other expressions: {@code col("v1").max().sub(col("v2").min())}.
 *
 * <p>{@link AggFunction#LIST} takes an optional second input, a boolean: only the rows where it
 * is true are collected (SQL's {@code list(x) FILTER (WHERE c)}, where a null {@code x} on a
 * row the condition keeps is an element).
 *
 * @param parameters the function's settings: {@code [q, interpolation]} for quantile,
 *     {@code [ddof]} for std and var, empty otherwise
 */
public record Agg(AggFunction function, List<Expr> inputs, List<Object> parameters) implements Expr {
    public Agg {
        Objects.requireNonNull(function, "function is null");
        inputs = List.copyOf(inputs);
        parameters = List.copyOf(parameters);
        int expected = switch (function) {
            case CORR, COVAR, MIN_BY, MAX_BY -> 2;
            case LEN, ROW_NUMBER, RANK, DENSE_RANK -> 0;
            case LAG, LEAD, LIST -> inputs.size() == 2 ? 2 : 1;
            default -> 1;
        };
        if (inputs.size() != expected) {
            throw new IllegalArgumentException(function.displayName() + " takes " + expected + " inputs, got "
                    + inputs.size());
        }
    }

    public Expr input() {
        return inputs.get(0);
    }

    @Override
    public String outputName() {
        return inputs.isEmpty() ? (function == AggFunction.LEN ? "len" : function.displayName())
                : inputs.get(0).outputName();
    }

    @Override
    public String toString() {
        if (inputs.isEmpty()) {
            return function == AggFunction.LEN ? "len()" : function.displayName() + "()";
        }
        if (function == AggFunction.CORR) {
            return "pearson_corr(" + inputs.get(0) + ", " + inputs.get(1) + ")";
        }
        StringBuilder text = new StringBuilder().append(inputs.get(0)).append('.').append(function.displayName())
                .append('(');
        for (int i = 0; i < parameters.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(parameters.get(i));
        }
        if (inputs.size() == 2) {
            text.append(parameters.isEmpty() ? "" : ", ").append(inputs.get(1)); // a lag/lead default, a list's mask
        }
        return text.append(')').toString();
    }
}
