package dev.floe.frame.io;

import java.util.Map;

/**
 * What is known about a table before reading it, for the optimizer's estimates: its row count
 * ({@code NaN} when unknown) and statistics of some of its columns (those it knows; the others
 * are {@link ColumnStatistics#UNKNOWN}).
 */
public record TableStatistics(double rows, Map<String, ColumnStatistics> columns) {
    /** Nothing known. */
    public static final TableStatistics UNKNOWN = new TableStatistics(Double.NaN, Map.of());

    public TableStatistics {
        columns = Map.copyOf(columns);
    }

    /** The statistics of {@code name}, or {@link ColumnStatistics#UNKNOWN}. */
    public ColumnStatistics column(String name) {
        return columns.getOrDefault(name, ColumnStatistics.UNKNOWN);
    }
}
