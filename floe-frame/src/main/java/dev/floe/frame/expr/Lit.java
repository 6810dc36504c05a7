package dev.floe.frame.expr;

import dev.floe.frame.DataType;
import dev.floe.frame.SchemaException;
import dev.floe.frame.column.ColumnBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A constant: {@code lit(2)}, {@code lit("x")}, {@code lit(null)}. A plain Java number is
 * <em>dynamic</em>: next to a column it takes that column's type where its value fits (so
 * {@code col("small_i8").add(1)} stays {@code i8}), as Polars' literals do; one given a type with
 * {@link Exprs#lit(Object, DataType)} keeps it.
 */
public record Lit(Object value, DataType type, boolean dynamic) implements Expr {
    public Lit {
        Objects.requireNonNull(type, "type is null");
    }

    /** A literal of the type inferred from the value. */
    static Lit of(Object value) {
        DataType type = value == null ? DataType.NULL : ColumnBuilder.inferType(List.of(value), null);
        boolean dynamic = value instanceof Integer || value instanceof Long || value instanceof Double;
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            type = DataType.INT32; // a small long is as dynamic as an int
        }
        if (type == DataType.CATEGORICAL) {
            type = DataType.UTF8;
        }
        return new Lit(value instanceof Enum<?> e ? e.name() : value, type, dynamic);
    }

    /** A literal of the given type; the value must fit it. */
    static Lit of(Object value, DataType type) {
        if (value != null) {
            try {
                ColumnBuilder.of(type, "literal", 1).append(value);
            } catch (SchemaException e) {
                throw new SchemaException("lit(" + value + ", " + type + "): " + e.getMessage(), e);
            }
        }
        return new Lit(value, type, false);
    }

    @Override
    public String outputName() {
        return "literal";
    }

    @Override
    public String toString() {
        return switch (value) {
            case null -> "null";
            case String s -> "\"" + s + "\"";
            case LocalDate d -> "date(" + d + ")";
            default -> dynamic || type == DataType.BOOLEAN ? value.toString() : value + "." + "cast(" + type + ")";
        };
    }
}
