package dev.floe.frame.expr;

import dev.floe.frame.DataType;
import java.util.List;
import java.util.Objects;

/**
 * The expression DSL's entry points, meant for a static import:
 * {@code import static dev.floe.frame.expr.Exprs.*;}
 */
public final class Exprs {
    private Exprs() {}

    /** The column {@code name}. */
    public static Expr col(String name) {
        return new Col(name);
    }

    /** A constant; its type is inferred from the Java value (numbers adapt to the column they meet). */
    public static Expr lit(Object value) {
        return Lit.of(value);
    }

    /** A constant of type {@code type}. */
    public static Expr lit(Object value, DataType type) {
        return Lit.of(value, Objects.requireNonNull(type, "type is null"));
    }

    /** The start of {@code when(condition).then(value).otherwise(other)}. */
    public static When.Pending when(Object condition) {
        return new When.Pending(null, wrap(condition));
    }

    /** The number of rows (of the group, in {@code agg}; of the frame, in {@code select}). */
    public static Expr len() {
        return new Agg(AggFunction.LEN, List.of(), List.of());
    }

    /** Pearson correlation of {@code a} and {@code b} over the rows where both are present. */
    public static Expr corr(Expr a, Expr b) {
        return new Agg(AggFunction.CORR, List.of(a, b), List.of());
    }

    /** An expression as it is; any other value as a literal. */
    static Expr wrap(Object value) {
        return value instanceof Expr expr ? expr : Lit.of(value);
    }
}
