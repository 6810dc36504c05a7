package dev.floe.frame.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What is known about a table before reading it, for the optimizer's estimates: its row count
 * ({@code NaN} when unknown) and statistics of its columns ({@link ColumnStatistics#UNKNOWN} for
 * those it knows nothing of). A column's statistics may be worked out only when asked for (an
 * in-memory column's range is a pass over it), once.
 */
public final class TableStatistics {
    /** Nothing known. */
    public static final TableStatistics UNKNOWN = new TableStatistics(Double.NaN, Map.of());

    private final double rows;
    private final Function<String, ColumnStatistics> columns;
    private final Map<String, ColumnStatistics> asked = new ConcurrentHashMap<>();

    /** Statistics of the columns in {@code columns}; the others unknown. */
    public TableStatistics(double rows, Map<String, ColumnStatistics> columns) {
        this(rows, name -> columns.getOrDefault(name, ColumnStatistics.UNKNOWN));
    }

    /** Statistics of each column as {@code columns} works them out when first asked for. */
    public TableStatistics(double rows, Function<String, ColumnStatistics> columns) {
        this.rows = rows;
        this.columns = columns;
    }

    public double rows() {
        return rows;
    }

    /** The statistics of {@code name}, or {@link ColumnStatistics#UNKNOWN}. */
    public ColumnStatistics column(String name) {
        ColumnStatistics known = asked.get(name);
        if (known == null) {
            known = columns.apply(name);
            asked.put(name, known == null ? ColumnStatistics.UNKNOWN : known);
        }
        return known == null ? ColumnStatistics.UNKNOWN : known;
    }

    @Override
    public String toString() {
        return "TableStatistics[rows=" + rows + "]";
    }
}
