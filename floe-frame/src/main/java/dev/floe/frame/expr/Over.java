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
public record Over(Expr expr, List<Expr> partitionBy, List<dev.floe.frame.plan.SortKey> orderBy, WindowFrame frame)
        implements Expr {
    /** {@code frame} is null for the default: the rows up to the current row's peers when ordered, else the partition. */
    public Over {
        Objects.requireNonNull(expr, "expr is null");
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }

    public Over(Expr expr, List<Expr> partitionBy, List<dev.floe.frame.plan.SortKey> orderBy) {
        this(expr, partitionBy, orderBy, null);
    }

    public Over(Expr expr, List<Expr> partitionBy) {
        this(expr, partitionBy, List.of(), null);
    }

    /**
     * The window ordered within each partition, as SQL's {@code OVER (PARTITION BY k ORDER BY t)}:
     * ranking functions ({@code Exprs.rowNumber()}, {@code rank()}, {@code denseRank()}) and
     * {@code lag}/{@code lead} follow this order, and an aggregation becomes a running one whose
     * value on a row covers the rows ordered before it and its ties (SQL's default frame).
     */
    public Over orderBy(dev.floe.frame.plan.SortKey... keys) {
        return new Over(expr, partitionBy, List.of(keys), frame);
    }

    /** Ordered by these columns, ascending. */
    public Over orderBy(String... columns) {
        List<dev.floe.frame.plan.SortKey> keys = new java.util.ArrayList<>();
        for (String column : columns) {
            keys.add(dev.floe.frame.plan.SortKey.asc(column));
        }
        return new Over(expr, partitionBy, keys, frame);
    }

    /**
     * The window with an explicit frame: {@code col("v").sum().over("k").orderBy("t").frame(
     * WindowFrame.rows(Bound.preceding(2), Bound.currentRow()))} is, on each row, the sum of
     * {@code v} over that row and the two before it in its partition's order. Aggregations
     * (sum, mean, min, max, count, len, first, last) follow the frame; ranks and lag/lead
     * ignore it.
     */
    public Over frame(WindowFrame frame) {
        return new Over(expr, partitionBy, orderBy, Objects.requireNonNull(frame, "frame is null"));
    }

    /**
     * Whether this window runs over frames ({@code FramedWindow}): first and last always (their
     * rows are the frame's ends, in the window's order, input order without one), and the other
     * aggregations with a frame other than the whole partition or, ordered, the default.
     */
    public boolean framed() {
        if (!(expr instanceof Agg agg) || agg.function().windowOnly()) {
            return false;
        }
        if (agg.function() == AggFunction.FIRST || agg.function() == AggFunction.LAST || agg.function().frameOnly()) {
            return true;
        }
        if (frame == null || frame.wholePartition()) {
            // over an ordered whole partition too, a list (or a tie's winner) follows the window's order
            return frame != null && !orderBy.isEmpty() && agg.function().followsOrder();
        }
        return !(frame.runningDefault() && !orderBy.isEmpty());
    }

    /** Whether the window has an order, or a function (rank, lag) that follows the row order. */
    public boolean ordered() {
        if (framed() || expr instanceof Agg agg && agg.function().windowOnly()) {
            return true;
        }
        return !orderBy.isEmpty() && (frame == null || !frame.wholePartition());
    }

    @Override
    public String outputName() {
        return expr.outputName();
    }

    @Override
    public String toString() {
        if (partitionBy.isEmpty() && orderBy.isEmpty() && frame == null) {
            return expr.toString();
        }
        return expr + ".over(" + partitionBy + ")" + (orderBy.isEmpty() ? "" : ".orderBy(" + orderBy + ")")
                + (frame == null ? "" : ".frame(" + frame + ")");
    }
}
