package dev.floe.frame.io;

/**
 * What is known about one column's values, for the optimizer's estimates: how many distinct
 * values, the share of nulls, and the smallest and largest value on the column's own scale
 * (numbers as themselves, dates as days since 1970-01-01). Each is {@code NaN} where unknown.
 */
public record ColumnStatistics(double distinct, double nullFraction, double min, double max) {
    /** Nothing known. */
    public static final ColumnStatistics UNKNOWN = new ColumnStatistics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Whether the range of values is known. */
    public boolean hasRange() {
        return !Double.isNaN(min) && !Double.isNaN(max);
    }

    /** These statistics for a share of the rows, {@code rows} of them: at most that many distinct values. */
    public ColumnStatistics capped(double rows) {
        return Double.isNaN(distinct) || distinct <= rows ? this
                : new ColumnStatistics(Math.max(1, rows), nullFraction, min, max);
    }
}
