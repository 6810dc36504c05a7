package dev.floe.bench.tpch;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.io.BatchWriter;
import dev.floe.frame.io.FileFormat;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TPC-H's eight tables at a scale factor, made by the {@code io.trino.tpch} generator (the
 * benchmark's own dbgen, in Java): identifiers as BIGINT, other whole numbers as INTEGER,
 * money, quantities and rates as the specification's DECIMAL(15, 2) (as DuckDB's dbgen makes
 * them) or as DOUBLE, dates as DATE, text as VARCHAR. Column names are the benchmark's
 * ({@code l_orderkey}).
 */
public final class TpchData {
    /** The tables in the benchmark's order: region, nation, supplier, customer, part, partsupp, orders, lineitem. */
    public static final List<String> TABLES = List.of("region", "nation", "supplier", "customer", "part", "partsupp",
            "orders", "lineitem");

    private TpchData() {}

    /** The type of money, quantities and rates in the specification. */
    public static final DataType MONEY = DataType.decimal(15, 2);

    /** Every table at scale factor {@code scale} (1 is about 6 million lineitem rows), by name; money as DOUBLE. */
    public static Map<String, DataFrame> generate(double scale) {
        return generate(scale, false);
    }

    /** Every table at scale factor {@code scale}, by name; money as DECIMAL(15, 2) where {@code decimals}, else DOUBLE. */
    public static Map<String, DataFrame> generate(double scale, boolean decimals) {
        Map<String, DataFrame> tables = new LinkedHashMap<>();
        for (String name : TABLES) {
            tables.put(name, table(TpchTable.getTable(name), scale, decimals));
        }
        return tables;
    }

    /** One table at scale factor {@code scale}; money as DOUBLE. */
    public static <E extends TpchEntity> DataFrame table(TpchTable<E> table, double scale) {
        return table(table, scale, false);
    }

    /** One table at scale factor {@code scale}; money as DECIMAL(15, 2) where {@code decimals}, else DOUBLE. */
    public static <E extends TpchEntity> DataFrame table(TpchTable<E> table, double scale, boolean decimals) {
        List<TpchColumn<E>> columns = table.getColumns();
        List<Builder<E>> builders = new ArrayList<>();
        for (TpchColumn<E> column : columns) {
            builders.add(new Builder<>(column, decimals));
        }
        for (E row : table.createGenerator(scale, 1, 1)) {
            for (Builder<E> builder : builders) {
                builder.add(row);
            }
        }
        List<Series> series = new ArrayList<>();
        for (Builder<E> builder : builders) {
            series.add(builder.build());
        }
        return DataFrame.of(series);
    }

    /**
     * Writes one table at scale factor {@code scale} straight to the Parquet file {@code file}, a
     * row group at a time as the generator makes its rows, so that memory holds one row group
     * whatever the scale (at scale factor 10 lineitem alone is 60 million rows). The file is
     * laid out as {@link DataFrame#writeParquet} lays out the whole table; a failure leaves no file.
     */
    public static <E extends TpchEntity> void writeParquet(TpchTable<E> table, double scale, boolean decimals,
            Path file) {
        List<Builder<E>> builders = new ArrayList<>();
        for (TpchColumn<E> column : table.getColumns()) {
            builders.add(new Builder<>(column, decimals));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        BatchWriter writer = null;
        boolean written = false;
        try {
            // the columns' types from the builders with no rows yet
            writer = FileFormat.named("parquet").writer(partial, frame(builders).schema(), Map.of());
            int groupRows = Math.max(1, writer.partRows());
            int rows = 0;
            for (E row : table.createGenerator(scale, 1, 1)) {
                for (Builder<E> builder : builders) {
                    builder.add(row);
                }
                if (++rows == groupRows) {
                    writer.append(writer.encode(frame(builders)));
                    rows = 0;
                }
            }
            if (rows > 0) {
                writer.append(writer.encode(frame(builders)));
            }
            writer.finish();
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            written = true;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (!written) {
                try {
                    if (writer != null) {
                        writer.abort();
                    }
                } catch (RuntimeException e) {
                    // the failure being thrown says more
                }
                try {
                    Files.deleteIfExists(partial);
                } catch (java.io.IOException e) {
                    // the failure being thrown says more
                }
            }
        }
    }

    /** The builders' rows as a frame; the builders start again empty. */
    private static <E extends TpchEntity> DataFrame frame(List<Builder<E>> builders) {
        List<Series> series = new ArrayList<>();
        for (Builder<E> builder : builders) {
            series.add(builder.build());
            builder.clear();
        }
        return DataFrame.of(series);
    }

    /** Writes the tables as Parquet files ({@code <dir>/<table>.parquet}); the paths by table. */
    public static Map<String, Path> writeParquet(Map<String, DataFrame> tables, Path dir) {
        Map<String, Path> paths = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Map.Entry<String, DataFrame> table : tables.entrySet()) {
            Path path = dir.resolve(table.getKey() + ".parquet");
            table.getValue().writeParquet(path);
            paths.put(table.getKey(), path);
        }
        return paths;
    }

    /** The values of one column as they are generated, in a growing primitive array of their type. */
    private static final class Builder<E extends TpchEntity> {
        private final TpchColumn<E> column;
        private final io.trino.tpch.TpchColumnType.Base base;
        private long[] longs = new long[1024];
        private int[] ints = new int[1024];
        private double[] doubles = new double[1024];
        private Utf8Vector.Builder text;
        private final boolean decimals;
        private int size;

        Builder(TpchColumn<E> column, boolean decimals) {
            this.column = column;
            this.decimals = decimals;
            this.base = column.getType().getBase();
            this.text = base == io.trino.tpch.TpchColumnType.Base.VARCHAR ? new Utf8Vector.Builder(1024, 16 * 1024)
                    : null;
        }

        void add(E row) {
            switch (base) {
                case IDENTIFIER -> {
                    longs = grown(longs);
                    longs[size] = column.getIdentifier(row);
                }
                case INTEGER -> {
                    ints = grown(ints);
                    ints[size] = column.getInteger(row);
                }
                case DATE -> {
                    ints = grown(ints);
                    ints[size] = column.getDate(row);
                }
                case DOUBLE -> {
                    if (decimals) {
                        // the generator's cents as a double (two digits after the point): its whole cents
                        longs = grown(longs);
                        longs[size] = Math.round(column.getDouble(row) * 100);
                    } else {
                        doubles = grown(doubles);
                        doubles[size] = column.getDouble(row);
                    }
                }
                case VARCHAR -> text.append(column.getString(row));
            }
            size++;
        }

        private long[] grown(long[] values) {
            return size < values.length ? values : Arrays.copyOf(values, values.length * 2);
        }

        private int[] grown(int[] values) {
            return size < values.length ? values : Arrays.copyOf(values, values.length * 2);
        }

        private double[] grown(double[] values) {
            return size < values.length ? values : Arrays.copyOf(values, values.length * 2);
        }

        /** Starts again with no values (after {@link #build}, which copied them). */
        void clear() {
            size = 0;
            if (text != null) {
                text = new Utf8Vector.Builder(1024, 16 * 1024);
            }
        }

        Series build() {
            String name = column.getColumnName();
            return switch (base) {
                case IDENTIFIER -> Series.of(name, Column.of(new LongVector(DataType.INT64, Arrays.copyOf(longs, size),
                        null)));
                case INTEGER -> Series.of(name, Column.of(new IntVector(DataType.INT32, Arrays.copyOf(ints, size),
                        null)));
                case DATE -> Series.of(name, Column.of(new IntVector(DataType.DATE, Arrays.copyOf(ints, size), null)));
                case DOUBLE -> decimals ? Series.of(name, Column.of(new LongVector(MONEY, Arrays.copyOf(longs, size), null)))
                        : Series.of(name, Column.of(new DoubleVector(DataType.FLOAT64, Arrays.copyOf(doubles, size), null)));
                case VARCHAR -> Series.of(name, Column.of(text.build()));
            };
        }
    }
}
