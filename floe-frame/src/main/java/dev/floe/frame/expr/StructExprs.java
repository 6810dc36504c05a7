package dev.floe.frame.expr;

import java.util.List;

/**
 * The functions of a struct column, one value per row: {@code col("point").struct().field("x")}.
 * Structs come from {@link Exprs#struct}, and from data (Parquet and Arrow structs, JSON objects
 * given a struct type); {@code unnest} on a frame puts every field in a column of its own.
 */
public final class StructExprs {
    private final Expr input;

    StructExprs(Expr input) {
        this.input = input;
    }

    /** The field {@code name}; null where the struct is null. An unknown name fails, listing the fields. */
    public Expr field(String name) {
        return new Call(ScalarFunction.STRUCT_FIELD, input, List.of(name));
    }
}
