package dev.floe.frame.expr;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation computed per group and given back to every row of the group, as SQL's
 * {@code OVER (PARTITION BY ...)} and Polars' {@code over}: {@code col("v").mean().over("k")}
 * is, on each row, the mean of {@code v} over the rows with the same {@code k}. With no partition
 * keys, the aggregation over all rows, given to every row: what an aggregation inside a row-wise
 * {@code select} or {@code withColumns} becomes ({@code col("x").sub(col("x").mean())}).
 */
public record Over(Expr expr, List<Expr> partitionBy, List<dev.floe.frame.plan.SortKey> orderBy) implements Expr {
    public Over {
        Objects.requireNonNull(expr, "expr is null");
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }

    public Over(Expr expr, List<Expr> partitionBy) {
        this(expr, partitionBy, List.of());
    }

    /**
     * The window ordered within each partition, as SQL's {@code OVER (PARTITION BY k ORDER BY t)}:
     * ranking functions ({@code Exprs.rowNumber()}, {@code rank()}, {@code denseRank()}) and
     * {@code lag}/{@code lead} follow this order, and an aggregation becomes a running one whose
     * value on a row covers the rows ordered before it and its ties (SQL's default frame).
     */
    public Over orderBy(dev.floe.frame.plan.SortKey... keys) {
        return new Over(expr, partitionBy, List.of(keys));
    }

    /** Ordered by these columns, ascending. */
    public Over orderBy(String... columns) {
        List<dev.floe.frame.plan.SortKey> keys = new java.util.ArrayList<>();
        for (String column : columns) {
            keys.add(dev.floe.frame.plan.SortKey.asc(column));
        }
        return new Over(expr, partitionBy, keys);
    }

    /** Whether the window has an order, or a function (rank, lag) that follows the row order. */
    public boolean ordered() {
        return !orderBy.isEmpty() || expr instanceof Agg agg && agg.function().windowOnly();
    }

    @Override
    public String outputName() {
        return expr.outputName();
    }

    @Override
    public String toString() {
        if (partitionBy.isEmpty() && orderBy.isEmpty()) {
            return expr.toString();
        }
        return expr + ".over(" + partitionBy + ")" + (orderBy.isEmpty() ? "" : ".orderBy(" + orderBy + ")");
    }
}
