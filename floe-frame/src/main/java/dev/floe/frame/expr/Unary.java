package dev.floe.frame.expr;

import java.util.Objects;

/** {@code op(input)}: negation, logical not, absolute value, null tests. */
public record Unary(UnaryOperator operator, Expr input) implements Expr {
    public Unary {
        Objects.requireNonNull(operator, "operator is null");
        Objects.requireNonNull(input, "input is null");
    }

    @Override
    public String outputName() {
        return input.outputName();
    }

    @Override
    public String toString() {
        return input + "." + operator.displayName() + "()";
    }
}
