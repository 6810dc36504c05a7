package dev.floe.frame;

import dev.floe.frame.column.Column;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link DataFrame#describe()}: count, null_count, mean, std, min, 25%, 50%, 75%, max of each
 * column. Numeric and boolean columns give {@code f64} statistics; others give their count, null
 * count, min and max as text.
 */
final class Describe {
    private static final List<String> STATISTICS =
            List.of("count", "null_count", "mean", "std", "min", "25%", "50%", "75%", "max");

    private Describe() {}

    static DataFrame of(DataFrame frame) {
        List<Series> columns = new ArrayList<>();
        columns.add(Series.of("statistic", STATISTICS.toArray(String[]::new)));
        for (Series series : frame.series()) {
            columns.add(series.type().isNumeric() || series.type().isDecimal() || series.type() == DataType.BOOLEAN
                    ? numeric(series) : other(series));
        }
        return DataFrame.of(columns);
    }

    private static Series numeric(Series series) {
        Column column = series.column();
        double[] values = new double[column.length() - column.nullCount()];
        int n = 0;
        for (Vector chunk : column.chunks()) {
            for (int i = 0; i < chunk.length(); i++) {
                if (!chunk.isNull(i)) {
                    Object value = chunk.get(i);
                    values[n++] = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
                }
            }
        }
        Arrays.sort(values);
        Double[] stats = new Double[STATISTICS.size()];
        stats[0] = (double) n;
        stats[1] = (double) column.nullCount();
        if (n > 0) {
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            double mean = sum / n;
            double squares = 0;
            for (double value : values) {
                squares += (value - mean) * (value - mean);
            }
            stats[2] = mean;
            stats[3] = n > 1 ? Math.sqrt(squares / (n - 1)) : null;
            stats[4] = values[0];
            stats[5] = nearest(values, 0.25);
            stats[6] = nearest(values, 0.50);
            stats[7] = nearest(values, 0.75);
            stats[8] = values[n - 1];
        }
        ColumnBuilder builder = ColumnBuilder.of(DataType.FLOAT64, series.name(), stats.length);
        for (Double stat : stats) {
            builder.append(stat);
        }
        return Series.of(series.name(), builder.build());
    }

    /** The quantile {@code q} of sorted values, by nearest rank (halves round up, as Polars). */
    static double nearest(double[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static Series other(Series series) {
        String min = null;
        String max = null;
        Comparable<Object> low = null;
        Comparable<Object> high = null;
        boolean ordered = !series.type().isNested(); // lists and maps have no order: count and nulls only
        for (int i = 0; i < series.length() && ordered; i++) {
            @SuppressWarnings("unchecked")
            Comparable<Object> value = (Comparable<Object>) series.get(i);
            if (value != null) {
                if (low == null || value.compareTo(low) < 0) {
                    low = value;
                }
                if (high == null || value.compareTo(high) > 0) {
                    high = value;
                }
            }
        }
        if (low != null) {
            min = String.valueOf(low);
            max = String.valueOf(high);
        }
        int count = series.length() - series.nullCount();
        return Series.of(series.name(), Arrays.asList(Integer.toString(count), Integer.toString(series.nullCount()),
                null, null, min, null, null, null, max).toArray(String[]::new));
    }
}
