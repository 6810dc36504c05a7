package dev.floe.frame.plan;

import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import java.io.Serializable;
import java.util.Objects;

/**
 * One key of a sort: an expression, its direction, and where its nulls go (first by default, as
 * in Polars; independent of the direction). {@code SortKey.asc("a")}, {@code SortKey.desc(col("b")).nullsLast()}.
 */
public record SortKey(Expr expr, boolean descending, boolean placeNullsLast) implements Serializable {
    public SortKey {
        Objects.requireNonNull(expr, "expr is null");
    }

    public static SortKey asc(String column) {
        return new SortKey(new Col(column), false, false);
    }

    public static SortKey asc(Expr expr) {
        return new SortKey(expr, false, false);
    }

    public static SortKey desc(String column) {
        return new SortKey(new Col(column), true, false);
    }

    public static SortKey desc(Expr expr) {
        return new SortKey(expr, true, false);
    }

    /** The same key with its nulls after every value. */
    public SortKey nullsLast() {
        return new SortKey(expr, descending, true);
    }

    /** The same key with its nulls before every value. */
    public SortKey nullsFirst() {
        return new SortKey(expr, descending, false);
    }

    @Override
    public String toString() {
        return expr + (descending ? " DESC" : " ASC") + (placeNullsLast ? " NULLS LAST" : " NULLS FIRST");
    }
}
