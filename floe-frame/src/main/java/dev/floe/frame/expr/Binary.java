package dev.floe.frame.expr;

import java.util.Objects;

/** {@code left op right}: arithmetic, a comparison, or logic. */
public record Binary(BinaryOperator operator, Expr left, Expr right) implements Expr {
    public Binary {
        Objects.requireNonNull(operator, "operator is null");
        Objects.requireNonNull(left, "left is null");
        Objects.requireNonNull(right, "right is null");
    }

    /** The left side's name, as Polars names a binary expression. */
    @Override
    public String outputName() {
        return left instanceof Lit && !(right instanceof Lit) ? right.outputName() : left.outputName();
    }

    @Override
    public String toString() {
        return "[(" + left + ") " + operator.symbol() + " (" + right + ")]";
    }
}
