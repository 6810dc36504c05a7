package dev.floe.frame;

import dev.floe.frame.column.Column;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.expr.Expr;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A table: ordered, uniquely named columns ({@link Series}) of equal length. Immutable, and cheap
 * to slice: slices share memory.
 *
 * <pre>{@code
 * DataFrame df = DataFrame.of(Map.of(...));                        // arrays, lists or Series
 * DataFrame people = DataFrame.fromRecords(List.of(new Person("ann", 31), new Person("bo", 27)));
 * DataFrame rows = DataFrame.ofRows(Schema.of("a", INT64, "b", UTF8), List.of(List.of(1L, "x")));
 * System.out.println(df);                                          // shape, types, aligned values
 * df.describe().show();
 * for (Row row : df) { ... row.getLong("a") ... }
 * }</pre>
 */
public final class DataFrame implements Iterable<Row> {
    private final List<Series> columns;
    private final Schema schema;
    private final int height;

    private DataFrame(List<Series> columns) {
        this.columns = List.copyOf(columns);
        List<Schema.Field> fields = new ArrayList<>();
        int rows = -1;
        for (Series series : this.columns) {
            fields.add(new Schema.Field(series.name(), series.type()));
            if (rows >= 0 && series.length() != rows) {
                throw new SchemaException("all columns of a frame have the same length: '" + series.name() + "' has "
                        + series.length() + " values, '" + this.columns.get(0).name() + "' " + rows);
            }
            rows = series.length();
        }
        this.schema = Schema.of(fields);
        this.height = Math.max(rows, 0);
    }

    /** A frame of these columns, in this order. */
    public static DataFrame of(Series... columns) {
        return new DataFrame(Arrays.asList(columns));
    }

    public static DataFrame of(List<Series> columns) {
        return new DataFrame(columns);
    }

    /**
     * A frame from a map of column names to values, in the map's order (use a {@link LinkedHashMap}
     * to choose it). A value may be a {@link Series}, a {@link Column}, a primitive or
     * {@code String[]} array, or a {@code List} (its type inferred).
     */
    public static DataFrame of(Map<String, ?> columns) {
        List<Series> series = new ArrayList<>();
        columns.forEach((name, values) -> series.add(toSeries(name, values)));
        return new DataFrame(series);
    }

    private static Series toSeries(String name, Object values) {
        return switch (values) {
            case Series s -> s.rename(name);
            case Column c -> Series.of(name, c);
            case long[] a -> Series.of(name, a);
            case int[] a -> Series.of(name, a);
            case short[] a -> Series.of(name, a);
            case byte[] a -> Series.of(name, a);
            case double[] a -> Series.of(name, a);
            case float[] a -> Series.of(name, a);
            case boolean[] a -> Series.of(name, a);
            case String[] a -> Series.of(name, a);
            case Object[] a -> Series.of(name, Arrays.asList(a));
            case List<?> list -> Series.of(name, list);
            case null -> throw new SchemaException("column '" + name + "' has no values (null)");
            default -> throw new SchemaException("column '" + name + "': cannot make a column of a "
                    + values.getClass().getName() + "; give a Series, an array or a List");
        };
    }

    /** An empty frame with this schema. */
    public static DataFrame empty(Schema schema) {
        List<Series> series = new ArrayList<>();
        for (Schema.Field field : schema) {
            series.add(Series.of(field.name(), Column.empty(field.type())));
        }
        return new DataFrame(series);
    }

    /**
     * A frame from rows, each a list of values in the schema's order.
     *
     * @throws SchemaException naming the row and column of a value that does not fit, or a row of
     *     the wrong width
     */
    public static DataFrame ofRows(Schema schema, List<? extends List<?>> rows) {
        List<ColumnBuilder> builders = new ArrayList<>();
        for (Schema.Field field : schema) {
            builders.add(ColumnBuilder.of(field.type(), field.name(), rows.size()));
        }
        int index = 0;
        for (List<?> row : rows) {
            if (row.size() != schema.size()) {
                throw new SchemaException("row " + index + " has " + row.size() + " values; the schema has "
                        + schema.size() + " columns (" + String.join(", ", schema.names()) + ")");
            }
            for (int c = 0; c < row.size(); c++) {
                builders.get(c).append(row.get(c));
            }
            index++;
        }
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            series.add(Series.of(schema.field(c).name(), builders.get(c).build()));
        }
        return new DataFrame(series);
    }

    /** {@link #ofRows(Schema, List)} with rows as arrays. */
    public static DataFrame ofRows(Schema schema, Object[]... rows) {
        List<List<?>> lists = new ArrayList<>(rows.length);
        for (Object[] row : rows) {
            lists.add(Arrays.asList(row));
        }
        return ofRows(schema, lists);
    }

    /**
     * A frame with a column per record component: {@code int -> i32}, {@code long -> i64},
     * {@code double -> f64}, {@code String -> str}, enums {@code -> cat}, {@code LocalDate -> date}, ...
     * All records must be of one class.
     *
     * @throws SchemaException if a component's type has no column type
     */
    public static <R extends Record> DataFrame fromRecords(List<R> records) {
        if (records.isEmpty()) {
            throw new SchemaException("fromRecords needs at least one record to know the columns; "
                    + "use DataFrame.empty(schema) for an empty frame");
        }
        Class<?> type = records.get(0).getClass();
        RecordComponent[] components = type.getRecordComponents();
        List<ColumnBuilder> builders = new ArrayList<>();
        java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[components.length];
        for (int c = 0; c < components.length; c++) {
            builders.add(ColumnBuilder.of(typeOf(components[c]), components[c].getName(), records.size()));
            accessors[c] = components[c].getAccessor();
            try {
                accessors[c].setAccessible(true); // records nested in non-public classes
            } catch (RuntimeException e) {
                throw new SchemaException("cannot read the components of " + type.getName()
                        + ": its module does not open it to floe-frame (" + e.getMessage() + ")", e);
            }
        }
        for (int r = 0; r < records.size(); r++) {
            R record = records.get(r);
            if (record.getClass() != type) {
                throw new SchemaException("record " + r + " is a " + record.getClass().getName() + ", not a "
                        + type.getName() + "; fromRecords takes records of one class");
            }
            for (int c = 0; c < components.length; c++) {
                try {
                    builders.get(c).append(accessors[c].invoke(record));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new SchemaException("cannot read " + type.getSimpleName() + "." + components[c].getName()
                            + " of record " + r + ": " + e, e);
                }
            }
        }
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < components.length; c++) {
            series.add(Series.of(components[c].getName(), builders.get(c).build()));
        }
        return new DataFrame(series);
    }

    private static DataType typeOf(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == boolean.class || type == Boolean.class) {
            return DataType.BOOLEAN;
        } else if (type == byte.class || type == Byte.class) {
            return DataType.INT8;
        } else if (type == short.class || type == Short.class) {
            return DataType.INT16;
        } else if (type == int.class || type == Integer.class) {
            return DataType.INT32;
        } else if (type == long.class || type == Long.class) {
            return DataType.INT64;
        } else if (type == float.class || type == Float.class) {
            return DataType.FLOAT32;
        } else if (type == double.class || type == Double.class) {
            return DataType.FLOAT64;
        } else if (type == String.class || type == char.class || type == Character.class) {
            return DataType.UTF8;
        } else if (type.isEnum()) {
            return DataType.CATEGORICAL;
        } else if (type == LocalDate.class) {
            return DataType.DATE;
        } else if (type == LocalDateTime.class || type == Instant.class) {
            return DataType.DATETIME;
        } else if (type == Duration.class) {
            return DataType.DURATION;
        } else if (type == java.time.LocalTime.class) {
            return DataType.TIME;
        }
        throw new SchemaException("record component '" + component.getName() + "' is a " + type.getName()
                + ", which no column type holds");
    }

    // ---- shape and columns ----------------------------------------------------------------

    public int height() {
        return height;
    }

    public int width() {
        return columns.size();
    }

    /** Height and width, as Polars' and pandas' {@code shape}. */
    public Shape shape() {
        return new Shape(height, columns.size());
    }

    /** A frame's height (rows) and width (columns); prints as {@code (rows, columns)}. */
    public record Shape(int rows, int columns) {
        @Override
        public String toString() {
            return "(" + rows + ", " + columns + ")";
        }
    }

    /** Whether the frame has no rows. */
    public boolean isEmpty() {
        return height == 0;
    }

    public Schema schema() {
        return schema;
    }

    /** The column names, in order. */
    public List<String> columns() {
        return schema.names();
    }

    /** The columns, in order. */
    public List<Series> series() {
        return columns;
    }

    /**
     * The column {@code name}.
     *
     * @throws ColumnNotFoundException naming it, the columns that exist and the closest match
     */
    public Series column(String name) {
        return columns.get(schema.indexOf(name));
    }

    public Series column(int index) {
        return columns.get(Objects.checkIndex(index, columns.size()));
    }

    // ---- values ---------------------------------------------------------------------------

    public Object get(int row, String column) {
        return column(column).get(row);
    }

    public boolean isNull(int row, String column) {
        return column(column).isNull(row);
    }

    public long getLong(int row, String column) {
        return column(column).getLong(row);
    }

    public double getDouble(int row, String column) {
        return column(column).getDouble(row);
    }

    public String getString(int row, String column) {
        return column(column).getString(row);
    }

    public boolean getBoolean(int row, String column) {
        return column(column).getBoolean(row);
    }

    /** A view of row {@code index}. */
    public Row row(int index) {
        return new Row(this, Objects.checkIndex(index, height));
    }

    /** The rows as lightweight views, in order. */
    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < height;
            }

            @Override
            public Row next() {
                if (next >= height) {
                    throw new NoSuchElementException("the frame has " + height + " rows");
                }
                return new Row(DataFrame.this, next++);
            }
        };
    }

    /** Every row as a map from column name to value, in column order. */
    public List<Map<String, Object>> toMaps() {
        List<Map<String, Object>> maps = new ArrayList<>(height);
        for (Row row : this) {
            maps.add(row.toMap());
        }
        return maps;
    }

    // ---- queries: each builds a one-step plan and runs it ------------------------------------

    /** This frame as the start of a lazy query. */
    public LazyFrame lazy() {
        return LazyFrame.of(this);
    }

    /** A column per expression; see {@link LazyFrame#select(Expr...)}. */
    public DataFrame select(Expr... exprs) {
        return lazy().select(exprs).collect();
    }

    public DataFrame select(List<Expr> exprs) {
        return lazy().select(exprs).collect();
    }

    /** The named columns, in this order. */
    public DataFrame select(String... columns) {
        return lazy().select(columns).collect();
    }

    /** The columns plus one per expression; see {@link LazyFrame#withColumns(Expr...)}. */
    public DataFrame withColumns(Expr... exprs) {
        return lazy().withColumns(exprs).collect();
    }

    public DataFrame withColumns(List<Expr> exprs) {
        return lazy().withColumns(exprs).collect();
    }

    public DataFrame withColumn(Expr expr) {
        return lazy().withColumn(expr).collect();
    }

    /** The rows where {@code predicate} is true. */
    public DataFrame filter(Expr predicate) {
        return lazy().filter(predicate).collect();
    }

    /** The rows sorted by the named columns, ascending, nulls first; stable. */
    public DataFrame sort(String... columns) {
        return lazy().sort(columns).collect();
    }

    /** The rows sorted by one column, descending if asked (nulls first either way); stable. */
    public DataFrame sort(String column, boolean descending) {
        return lazy().sort(column, descending).collect();
    }

    /** The rows sorted by the keys ({@code col("a").desc()}, {@code SortKey.asc("b")}); stable. */
    public DataFrame sort(dev.floe.frame.plan.SortKey... keys) {
        return lazy().sort(keys).collect();
    }

    /** An inner join on the named columns; see {@link LazyFrame#join(LazyFrame, String...)}. */
    public DataFrame join(DataFrame other, String... on) {
        return lazy().join(other.lazy(), on).collect();
    }

    /** A join of kind {@code how} on the named columns. */
    public DataFrame join(DataFrame other, dev.floe.frame.plan.JoinType how, String... on) {
        return lazy().join(other.lazy(), how, on).collect();
    }

    /** A join matching {@code leftOn[i]} with {@code rightOn[i]}. */
    public DataFrame join(DataFrame other, List<String> leftOn, List<String> rightOn,
            dev.floe.frame.plan.JoinType how, String suffix) {
        return lazy().join(other.lazy(), leftOn, rightOn, how, suffix).collect();
    }

    /** An as-of join on {@code on}, backward, by the {@code by} columns: see {@link LazyFrame#joinAsof(LazyFrame, String, String...)}. */
    public DataFrame joinAsof(DataFrame other, String on, String... by) {
        return lazy().joinAsof(other.lazy(), on, by).collect();
    }

    /** An as-of join as {@code how} says: see {@link LazyFrame#joinAsof(LazyFrame, dev.floe.frame.plan.AsofJoin)}. */
    public DataFrame joinAsof(DataFrame other, dev.floe.frame.plan.AsofJoin how) {
        return lazy().joinAsof(other.lazy(), how).collect();
    }

    public DataFrame crossJoin(DataFrame other) {
        return lazy().crossJoin(other.lazy()).collect();
    }

    /**
     * Long to wide: one row per distinct {@code index} (in order of first appearance), one column
     * per distinct value of {@code on} (in order of first appearance, named by the value), holding
     * {@code aggregate} of {@code values} over the matching rows: {@code "first"}, {@code "sum"},
     * {@code "mean"}, {@code "min"}, {@code "max"}, {@code "count"} or {@code "len"}; null where
     * no row matches. Eager, as the columns depend on the data. Index values must not be null.
     */
    public DataFrame pivot(List<String> index, String on, String values, String aggregate) {
        java.util.function.UnaryOperator<Expr> function = switch (aggregate) {
            case "first" -> Expr::first;
            case "sum" -> Expr::sum;
            case "mean" -> Expr::mean;
            case "min" -> Expr::min;
            case "max" -> Expr::max;
            case "count" -> Expr::count;
            case "len" -> e -> dev.floe.frame.expr.Exprs.len();
            default -> throw new IllegalArgumentException("pivot aggregates with first, sum, mean, min, max, count or len, "
                    + "not \"" + aggregate + "\"");
        };
        String[] keys = index.toArray(String[]::new);
        for (String key : keys) {
            if (column(key).nullCount() > 0) {
                throw new SchemaException("pivot's index column '" + key + "' has nulls; fill or drop them first");
            }
        }
        column(values);
        column(on);
        if (index.contains(on) || index.contains(values) || on.equals(values)) {
            throw new IllegalArgumentException("pivot needs the index, on and values columns to differ");
        }
        // One group-by over (index, on), then each cell's place from the row where its index
        // tuple and its on value first appear in that (first-appearance ordered) result.
        List<String> groupKeys = new java.util.ArrayList<>(index);
        groupKeys.add(on);
        String cell = "__floe_pivot_cell";
        String row = "__floe_pivot_row";
        DataFrame cells = lazy().groupBy(groupKeys.toArray(String[]::new))
                .agg(function.apply(dev.floe.frame.expr.Exprs.col(values)).alias(cell))
                .withRowIndex(row)
                .withColumns(dev.floe.frame.expr.Exprs.col(row).min().over(keys).alias(row + "_index"),
                        dev.floe.frame.expr.Exprs.col(row).min().over(on).alias(row + "_on"))
                .collect();
        int n = cells.height();
        long[] indexFirst = cells.column(row + "_index").toLongArray();
        long[] onFirst = cells.column(row + "_on").toLongArray();
        int[] rowOf = new int[n];
        int[] columnOf = new int[n];
        int[] indexRows = new int[n];
        int[] onRows = new int[n];
        int height = 0;
        int width = 0;
        for (int i = 0; i < n; i++) {
            if (indexFirst[i] == i) {
                indexRows[height] = i;
                rowOf[i] = height++;
            } else {
                rowOf[i] = rowOf[(int) indexFirst[i]];
            }
            if (onFirst[i] == i) {
                onRows[width] = i;
                columnOf[i] = width++;
            } else {
                columnOf[i] = columnOf[(int) onFirst[i]];
            }
        }
        int[][] positions = new int[width][height];
        for (int[] p : positions) {
            java.util.Arrays.fill(p, -1);
        }
        for (int i = 0; i < n; i++) {
            positions[columnOf[i]][rowOf[i]] = i;
        }
        List<Series> out = new java.util.ArrayList<>();
        for (String key : keys) {
            out.add(Series.of(key, Column.of(dev.floe.frame.exec.Kernels.gather(
                    cells.column(key).column().toVector(), indexRows, height))));
        }
        Series onColumn = cells.column(on);
        dev.floe.frame.column.Vector cellValues = cells.column(cell).column().toVector();
        java.util.Set<String> names = new java.util.HashSet<>(index);
        for (int c = 0; c < width; c++) {
            Object value = onColumn.get(onRows[c]);
            String name = value == null ? "null" : value.toString();
            if (!names.add(name)) {
                throw new SchemaException("pivot would make two columns named '" + name
                        + "' (from the values of '" + on + "'); rename the index column or map the values first");
            }
            out.add(Series.of(name, Column.of(dev.floe.frame.exec.Kernels.gatherOrNull(cellValues, positions[c], height))));
        }
        return DataFrame.of(out);
    }

    /** The distinct rows, each first occurrence, in input order. */
    public DataFrame unique() {
        return lazy().unique().collect();
    }

    /** One row per distinct value of {@code subset}: its first row, in input order. */
    public DataFrame unique(String... subset) {
        return lazy().unique(subset).collect();
    }

    public DataFrame unique(List<String> subset, boolean keepLast) {
        return lazy().unique(subset, keepLast).collect();
    }

    public DataFrame rename(Map<String, String> names) {
        return lazy().rename(names).collect();
    }

    public DataFrame rename(String old, String name) {
        return lazy().rename(old, name).collect();
    }

    /** Every column renamed by {@code names}: {@code df.rename(String::toUpperCase)}. */
    public DataFrame rename(java.util.function.UnaryOperator<String> names) {
        return lazy().rename(names).collect();
    }

    /** The rows with no null in any column (Polars' {@code drop_nulls}, pandas' {@code dropna}). */
    public DataFrame dropNulls() {
        return lazy().dropNulls().collect();
    }

    /** The rows with no null in the named columns. */
    public DataFrame dropNulls(String... subset) {
        return lazy().dropNulls(subset).collect();
    }

    /** Nulls replaced by {@code value} in every column it fits (numbers in numeric columns, text in text ones, ...). */
    public DataFrame fillNull(Object value) {
        return lazy().fillNull(value).collect();
    }

    /** NaN replaced by {@code value} in every float column. */
    public DataFrame fillNan(double value) {
        return lazy().fillNan(value).collect();
    }

    public DataFrame drop(String... columns) {
        return lazy().drop(columns).collect();
    }

    public DataFrame withRowIndex(String name) {
        return lazy().withRowIndex(name).collect();
    }

    /** Writes the frame as CSV (header, comma, RFC 4180 quoting); see {@link dev.floe.frame.io.csv.CsvWriter}. */
    public void writeCsv(java.nio.file.Path path) {
        writeCsv(path, dev.floe.frame.io.csv.CsvOptions.defaults());
    }

    public void writeCsv(java.nio.file.Path path, dev.floe.frame.io.csv.CsvOptions options) {
        lazy().sinkCsv(path, options);
    }

    /** Writes the frame as Parquet (Snappy; needs the {@code floe-parquet} module). */
    public void writeParquet(java.nio.file.Path path) {
        lazy().sinkParquet(path);
    }

    /** Writes the frame as an Arrow IPC file, Feather v2 (needs the {@code floe-arrow} module). */
    public void writeArrow(java.nio.file.Path path) {
        lazy().sinkArrow(path);
    }

    /** Writes the frame as JSON: one array of row objects (see {@link LazyFrame#sinkJson}). */
    public void writeJson(java.nio.file.Path path) {
        lazy().sinkJson(path);
    }

    /** Writes the frame as JSON lines (NDJSON): one object per line. */
    public void writeNdjson(java.nio.file.Path path) {
        lazy().sinkNdjson(path);
    }

    /** See {@link LazyFrame#explode}. */
    public DataFrame explode(String... columns) {
        return lazy().explode(columns).collect();
    }

    /** See {@link LazyFrame#unnest}. */
    public DataFrame unnest(String... columns) {
        return lazy().unnest(columns).collect();
    }

    public DataFrame melt(List<String> ids, List<String> values) {
        return lazy().melt(ids, values).collect();
    }

    /** The frames' rows one after the other; see {@link LazyFrame#concat}. */
    public static DataFrame concat(DataFrame... frames) {
        return concat(Arrays.asList(frames));
    }

    public static DataFrame concat(List<DataFrame> frames) {
        return LazyFrame.concat(frames.stream().map(DataFrame::lazy).toList()).collect();
    }

    /** The frames' columns side by side. */
    public static DataFrame concatHorizontal(DataFrame... frames) {
        return LazyFrame.concatHorizontal(Arrays.stream(frames).map(DataFrame::lazy).toList()).collect();
    }

    /** Groups by the named columns; {@code agg(...)} gives one row per group. */
    public GroupBy groupBy(String... keys) {
        return new GroupBy(lazy().groupBy(keys));
    }

    public GroupBy groupBy(Expr... keys) {
        return new GroupBy(lazy().groupBy(keys));
    }

    /** An eager grouping: {@code df.groupBy("k").agg(col("v").sum())}. */
    public static final class GroupBy {
        private final LazyFrame.GroupBy lazy;

        GroupBy(LazyFrame.GroupBy lazy) {
            this.lazy = lazy;
        }

        public DataFrame agg(Expr... aggs) {
            return lazy.agg(aggs).collect();
        }

        public DataFrame agg(List<Expr> aggs) {
            return lazy.agg(aggs).collect();
        }

        /** The mean of every other column per group (pandas' and Polars' {@code groupby(...).mean()}). */
        public DataFrame mean() {
            return lazy.mean().collect();
        }

        /** The sum of every other column per group. */
        public DataFrame sum() {
            return lazy.sum().collect();
        }

        public DataFrame min() {
            return lazy.min().collect();
        }

        public DataFrame max() {
            return lazy.max().collect();
        }

        /** The number of rows per group, as {@code len}. */
        public DataFrame len() {
            return lazy.len().collect();
        }

        /** The number of rows per group, as {@code count} (pandas' {@code size()}). */
        public DataFrame count() {
            return lazy.count().collect();
        }

        /** The first row of each group. */
        public DataFrame first() {
            return lazy.first().collect();
        }

        /** The last row of each group. */
        public DataFrame last() {
            return lazy.last().collect();
        }

        /** The median of every other column per group. */
        public DataFrame median() {
            return lazy.median().collect();
        }

        /** The number of distinct values of every other column per group. */
        public DataFrame nUnique() {
            return lazy.nUnique().collect();
        }
    }

    // ---- parallel apply with a Pool ---------------------------------------------------------

    /**
     * {@code fn} applied to every row on {@code pool}, results in row order: pandas'
     * {@code df.apply(fn, axis=1)} spread over workers. Rows are views, so this suits thread
     * pools; an expression over columns ({@code select}) is far faster where one exists.
     */
    public <R> List<R> mapRows(dev.floe.pool.Pool pool, dev.floe.pool.Pool.Fn<? super Row, ? extends R> fn) {
        Objects.requireNonNull(pool, "pool is null");
        Objects.requireNonNull(fn, "fn is null");
        List<Row> rows = new ArrayList<>(height);
        for (int i = 0; i < height; i++) {
            rows.add(new Row(this, i));
        }
        return pool.map(fn, rows);
    }

    /** {@code fn} applied to every column on {@code pool}: column name to result, in column order. */
    public <R> Map<String, R> mapColumns(dev.floe.pool.Pool pool, dev.floe.pool.Pool.Fn<? super Series, ? extends R> fn) {
        Objects.requireNonNull(pool, "pool is null");
        Objects.requireNonNull(fn, "fn is null");
        List<R> results = pool.map(fn, columns, 1);
        Map<String, R> byName = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            byName.put(columns.get(c).name(), results.get(c));
        }
        return byName;
    }

    /**
     * The frame cut into {@code parts} frames of nearly equal height, in order (slices: no copy),
     * to hand to a pool and put back together with {@link #concat}.
     */
    public List<DataFrame> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        List<DataFrame> pieces = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) height * p / parts);
            int to = (int) ((long) height * (p + 1) / parts);
            pieces.add(slice(from, to - from));
        }
        return pieces;
    }

    // ---- slices ---------------------------------------------------------------------------

    /** Rows {@code [offset, offset + length)}, clipped to the frame; shares memory. */
    public DataFrame slice(int offset, int length) {
        List<Series> sliced = new ArrayList<>(columns.size());
        for (Series series : columns) {
            sliced.add(series.slice(offset, length));
        }
        return new DataFrame(sliced);
    }

    /** The first {@code n} rows (a view). */
    public DataFrame head(int n) {
        return slice(0, n);
    }

    /** The first 5 rows, as Polars' and pandas' {@code head()}. */
    public DataFrame head() {
        return head(5);
    }

    /** The first {@code n} rows (SQL's and Polars' name). */
    public DataFrame limit(int n) {
        return head(n);
    }

    public DataFrame tail(int n) {
        return slice(Math.max(0, height - n), n);
    }

    /** The last 5 rows. */
    public DataFrame tail() {
        return tail(5);
    }

    /** {@code n} rows drawn at random without replacement, in frame order; a different draw each call. */
    public DataFrame sample(int n) {
        return sample(n, java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    /** {@code n} rows drawn at random without replacement, in frame order; the same {@code seed}, the same rows. */
    public DataFrame sample(int n, long seed) {
        if (n < 0 || n > height) {
            throw new IllegalArgumentException("sample draws 0 to " + height + " rows (without replacement) from this "
                    + "frame, not " + n);
        }
        // a partial Fisher-Yates shuffle picks n distinct rows; sorted, they keep the frame's order
        int[] rows = new int[height];
        for (int i = 0; i < height; i++) {
            rows[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(height - i);
            int swap = rows[i];
            rows[i] = rows[j];
            rows[j] = swap;
        }
        int[] picked = Arrays.copyOf(rows, n);
        Arrays.sort(picked);
        List<Series> out = new ArrayList<>(columns.size());
        for (Series series : columns) {
            out.add(Series.of(series.name(), Column.of(dev.floe.frame.exec.Kernels.gather(series.column().toVector(),
                    picked, n))));
        }
        return new DataFrame(out);
    }

    // ---- one row over the whole frame ---------------------------------------------------------

    /** The sum of every column, as one row (Polars' {@code df.sum()}); non-numeric columns give null. */
    public DataFrame sum() {
        return lazy().sum().collect();
    }

    /** The mean of every column, as one row. */
    public DataFrame mean() {
        return lazy().mean().collect();
    }

    /** The smallest value of every column, as one row. */
    public DataFrame min() {
        return lazy().min().collect();
    }

    /** The largest value of every column, as one row. */
    public DataFrame max() {
        return lazy().max().collect();
    }

    /** The median of every numeric column, as one row. */
    public DataFrame median() {
        return lazy().median().collect();
    }

    /** The number of nulls in every column, as one row. */
    public DataFrame nullCount() {
        return lazy().nullCount().collect();
    }

    // ---- printing and summaries -----------------------------------------------------------

    /** Polars' layout: the shape, then a table of names, types and values (head and tail of long frames). */
    @Override
    public String toString() {
        return FramePrinter.print(this, FramePrinter.DEFAULT_ROWS);
    }

    /** The frame with up to {@code rows} rows shown (head and tail around a … row). */
    public String toString(int rows) {
        return FramePrinter.print(this, rows);
    }

    /**
     * The frame with up to {@code rows} rows and {@code columns} columns shown: head and tail
     * around a {@code …} row, first and last columns around a {@code …} column; -1 shows all.
     */
    public String toString(int rows, int columns) {
        return FramePrinter.print(this, rows, columns, 0);
    }

    /**
     * As {@link #toString(int, int)}, with columns left out from the middle until each line is at
     * most {@code width} characters (a terminal's width; 0 for no limit).
     */
    public String toString(int rows, int columns, int width) {
        return FramePrinter.print(this, rows, columns, width);
    }

    /** Prints the frame with up to 10 rows to stdout. */
    public void show() {
        show(FramePrinter.DEFAULT_ROWS);
    }

    /** Prints the frame with up to {@code rows} rows to stdout. */
    public void show(int rows) {
        PrintStream out = System.out;
        out.println(toString(rows));
    }

    /** Prints the frame with up to {@code rows} rows and {@code columns} columns (-1: all) to stdout. */
    public void show(int rows, int columns) {
        PrintStream out = System.out;
        out.println(toString(rows, columns));
    }

    /**
     * Summary statistics of each column, as a frame: count, null_count, mean, std, min, 25%, 50%,
     * 75%, max (quartiles by nearest rank, as Polars does).
     */
    public DataFrame describe() {
        return Describe.of(this);
    }

    /** Bytes held by the frame's arrays, each shared array counted once per column. */
    public long estimatedSize() {
        long bytes = 0;
        for (Series series : columns) {
            bytes += series.estimatedSize();
        }
        return bytes;
    }

    /** A pandas-like summary: shape, memory, and each column's type and null count. */
    public String info() {
        StringBuilder text = new StringBuilder("DataFrame: ").append(height).append(" rows x ").append(width())
                .append(" columns, ").append(FramePrinter.bytes(estimatedSize())).append('\n');
        int nameWidth = 6;
        for (Series series : columns) {
            nameWidth = Math.max(nameWidth, series.name().length());
        }
        text.append(String.format("  %-" + nameWidth + "s  %-13s  %s%n", "column", "type", "nulls"));
        for (Series series : columns) {
            text.append(String.format("  %-" + nameWidth + "s  %-13s  %d%n", series.name(), series.type(),
                    series.nullCount()));
        }
        return text.toString();
    }

    /** Same columns with the same names, types and values. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DataFrame that && columns.equals(that.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, height);
    }
}
