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
public record Over(Expr expr, List<Expr> partitionBy) implements Expr {
    public Over {
        Objects.requireNonNull(expr, "expr is null");
        partitionBy = List.copyOf(partitionBy);
    }

    @Override
    public String outputName() {
        return expr.outputName();
    }

    @Override
    public String toString() {
        return partitionBy.isEmpty() ? expr.toString() : expr + ".over(" + partitionBy + ")";
    }
}
