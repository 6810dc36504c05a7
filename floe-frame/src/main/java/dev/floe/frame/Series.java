package dev.floe.frame;

import dev.floe.FloeException;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Utf8Vector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named column: Polars' {@code Series}. Immutable.
 *
 * <pre>{@code
 * Series ids = Series.of("id", 1L, 2L, 3L);               // i64
 * Series names = Series.of("name", "ann", null, "cy");     // str, with a null
 * Series mixed = Series.of("x", List.of(1, 2.5));          // f64, inferred
 * Series cats = Series.of("k", DataType.CATEGORICAL, List.of("a", "b", "a"));
 * }</pre>
 */
public final class Series {
    private final String name;
    private final Column column;

    private Series(String name, Column column) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.column = Objects.requireNonNull(column, "column is null");
    }

    public static Series of(String name, Column column) {
        return new Series(name, column);
    }

    public static Series of(String name, long... values) {
        return new Series(name, Column.of(new LongVector(DataType.INT64, values.clone(), null)));
    }

    public static Series of(String name, int... values) {
        return new Series(name, Column.of(new IntVector(DataType.INT32, values.clone(), null)));
    }

    public static Series of(String name, short... values) {
        return new Series(name, Column.of(new ShortVector(DataType.INT16, values.clone(), null)));
    }

    public static Series of(String name, byte... values) {
        return new Series(name, Column.of(new ByteVector(DataType.INT8, values.clone(), null)));
    }

    public static Series of(String name, double... values) {
        return new Series(name, Column.of(new DoubleVector(DataType.FLOAT64, values.clone(), null)));
    }

    public static Series of(String name, float... values) {
        return new Series(name, Column.of(new FloatVector(DataType.FLOAT32, values.clone(), null)));
    }

    public static Series of(String name, boolean... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return new Series(name, Column.of(new ByteVector(DataType.BOOLEAN, bytes, null)));
    }

    /** Strings; a null element is a null value. */
    public static Series of(String name, String... values) {
        return new Series(name, Column.of(Utf8Vector.of(values)));
    }

    /**
     * Java values, their type inferred (see {@link ColumnBuilder#inferType}); nulls allowed.
     *
     * @throws SchemaException if the values have no common type
     */
    public static Series of(String name, List<?> values) {
        return of(name, ColumnBuilder.inferType(values, name), values);
    }

    /**
     * Java values as a column of type {@code type}.
     *
     * @throws SchemaException naming the first value that does not fit
     */
    public static Series of(String name, DataType type, List<?> values) {
        ColumnBuilder builder = ColumnBuilder.of(type, name, values.size());
        for (Object value : values) {
            builder.append(value);
        }
        return new Series(name, builder.build());
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return column.type();
    }

    public int length() {
        return column.length();
    }

    public Column column() {
        return column;
    }

    public Series rename(String newName) {
        return new Series(newName, column);
    }

    public Object get(int row) {
        return column.get(row);
    }

    public boolean isNull(int row) {
        return column.isNull(row);
    }

    public int nullCount() {
        return column.nullCount();
    }

    /** Row {@code row} of an integer column. */
    public long getLong(int row) {
        if (!type().isInteger()) {
            throw new SchemaException("getLong needs an integer column; '" + name + "' is " + type());
        }
        Object value = present(row);
        if (value instanceof java.math.BigInteger big) {
            if (big.bitLength() > 63) {
                throw new OutOfRangeException("row " + row + " of column '" + name + "' is " + big
                        + ", which does not fit a long; use get(row) for the BigInteger");
            }
            return big.longValue();
        }
        return ((Number) value).longValue();
    }

    /** Row {@code row} of a numeric column. */
    public double getDouble(int row) {
        if (!type().isNumeric()) {
            throw new SchemaException("getDouble needs a numeric column; '" + name + "' is " + type());
        }
        return ((Number) present(row)).doubleValue();
    }

    /** Row {@code row} of a string or categorical column; null for a null. */
    public String getString(int row) {
        if (!type().isText()) {
            throw new SchemaException("getString needs a str or cat column; '" + name + "' is " + type());
        }
        return (String) column.get(row);
    }

    public boolean getBoolean(int row) {
        if (type() != DataType.BOOLEAN) {
            throw new SchemaException("getBoolean needs a bool column; '" + name + "' is " + type());
        }
        return (Boolean) present(row);
    }

    private Object present(int row) {
        Object value = column.get(row);
        if (value == null) {
            throw new FloeException("row " + row + " of column '" + name + "' is null; check isNull(row) first, "
                    + "or use get(row), which returns null");
        }
        return value;
    }

    /** The values of a numeric column as a new {@code double[]}, 0 where null (see {@link #isNull}). */
    public double[] toDoubleArray() {
        if (!type().isNumeric() && type() != DataType.BOOLEAN) {
            throw new SchemaException("toDoubleArray needs a numeric column; '" + name + "' is " + type());
        }
        dev.floe.frame.column.Vector vector = column.toVector();
        double[] values = Arrays.copyOf(dev.floe.frame.exec.Kernels.doubles(vector), length());
        for (int i = 0; vector.validity() != null && i < values.length; i++) {
            if (vector.isNull(i)) {
                values[i] = 0;
            }
        }
        return values;
    }

    /** The values of an integer, temporal or boolean column as a new {@code long[]}, 0 where null. */
    public long[] toLongArray() {
        if (!type().isInteger() && !type().isTemporal() && type() != DataType.BOOLEAN || type() == DataType.INT128) {
            throw new SchemaException("toLongArray needs an integer column of at most 64 bits; '" + name + "' is "
                    + type());
        }
        dev.floe.frame.column.Vector vector = column.toVector();
        long[] values = Arrays.copyOf(dev.floe.frame.exec.Kernels.longs(vector), length());
        for (int i = 0; vector.validity() != null && i < values.length; i++) {
            if (vector.isNull(i)) {
                values[i] = 0;
            }
        }
        return values;
    }

    /** The values as Java objects, nulls included. */
    public List<Object> toList() {
        return column.toList();
    }

    /** Rows {@code [offset, offset + length)} (clipped to the series), sharing its memory. */
    public Series slice(int offset, int length) {
        int from = Math.min(Math.max(0, offset), length());
        int count = Math.min(Math.max(0, length), length() - from);
        return new Series(name, column.slice(from, count));
    }

    public Series head(int n) {
        return slice(0, n);
    }

    /** The first 5 values. */
    public Series head() {
        return head(5);
    }

    public Series tail(int n) {
        return slice(Math.max(0, length() - n), n);
    }

    /** The last 5 values. */
    public Series tail() {
        return tail(5);
    }

    // ---- reductions: each a one-step query over the series ------------------------------------

    /** This series as a frame of one column. */
    public DataFrame toFrame() {
        return DataFrame.of(this);
    }

    private Object reduce(dev.floe.frame.expr.Expr aggregate) {
        return toFrame().select(aggregate.alias(name)).get(0, name);
    }

    private double reduceToDouble(dev.floe.frame.expr.Expr aggregate) {
        Object value = reduce(aggregate);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static dev.floe.frame.expr.Expr column(String name) {
        return dev.floe.frame.expr.Exprs.col(name);
    }

    /**
     * The sum of the values that are present (0 for none): a {@code Long} for integers (which fail
     * rather than overflow), a {@code Double} for floats, a {@code BigInteger} for i128.
     */
    public Number sum() {
        return (Number) reduce(column(name).sum());
    }

    /** The mean of the values that are present; NaN when there are none. */
    public double mean() {
        return reduceToDouble(column(name).mean());
    }

    /** The median of the values that are present; NaN when there are none. */
    public double median() {
        return reduceToDouble(column(name).median());
    }

    /** The sample standard deviation (ddof 1); NaN for fewer than two values. */
    public double std() {
        return reduceToDouble(column(name).std());
    }

    /** The sample variance (ddof 1); NaN for fewer than two values. */
    public double var() {
        return reduceToDouble(column(name).var());
    }

    /** Quantile {@code q} (0 to 1) by nearest rank; NaN when there are no values. */
    public double quantile(double q) {
        return reduceToDouble(column(name).quantile(q));
    }

    /** The smallest value (a Java value of the column's type: Long, Double, String, LocalDate, ...); null for none. */
    public Object min() {
        return reduce(column(name).min());
    }

    /** The largest value; null for none. */
    public Object max() {
        return reduce(column(name).max());
    }

    /** How many values are present (not null). */
    public long count() {
        return length() - nullCount();
    }

    /** How many distinct values, null counting as one. */
    public long nUnique() {
        return ((Number) reduce(column(name).nUnique())).longValue();
    }

    /** The distinct values, each once, in the order they first appear. */
    public Series unique() {
        return toFrame().unique().column(name);
    }

    /**
     * Each distinct value and how many times it appears: columns {@code name} and {@code count},
     * most frequent first (ties in the order values first appear).
     */
    public DataFrame valueCounts() {
        return toFrame().lazy().groupBy(name).agg(dev.floe.frame.expr.Exprs.len().alias("count"))
                .sort(dev.floe.frame.plan.SortKey.desc("count")).collect();
    }

    /** Whether each value is null, as a {@code bool} series of the same name. */
    public Series isNull() {
        return toFrame().select(column(name).isNull().alias(name)).column(name);
    }

    /** Whether each value is present. */
    public Series isNotNull() {
        return toFrame().select(column(name).isNotNull().alias(name)).column(name);
    }

    /** Nulls replaced by {@code value}. */
    public Series fillNull(Object value) {
        return toFrame().select(column(name).fillNull(value).alias(name)).column(name);
    }

    /** The values that are present, in order. */
    public Series dropNulls() {
        return toFrame().dropNulls().column(name);
    }

    /** The values sorted ascending, nulls first; stable. */
    public Series sort() {
        return sort(false);
    }

    /** The values sorted, descending if asked, nulls first. */
    public Series sort(boolean descending) {
        return toFrame().sort(name, descending).column(name);
    }

    public long estimatedSize() {
        return column.retainedSizeInBytes();
    }

    /** Polars' layout: {@code shape: (3,)}, the name and type, then the values (at most 10, with …). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("shape: (").append(length()).append(",)\n")
                .append("Series: '").append(name).append("' [").append(type()).append("]\n[\n");
        int shown = length() <= 10 ? length() : 5;
        for (int i = 0; i < shown; i++) {
            text.append('\t').append(Values.format(get(i))).append('\n');
        }
        if (length() > 10) {
            text.append("\t…\n");
            for (int i = length() - 5; i < length(); i++) {
                text.append('\t').append(Values.format(get(i))).append('\n');
            }
        }
        return text.append(']').toString();
    }

    /** Same name, type and values (floats compared exactly, NaN equal to NaN). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Series that && name.equals(that.name) && type() == that.type()
                && toList().equals(that.toList());
    }

    @Override
    public int hashCode() {
        return Arrays.asList(name, type(), length()).hashCode();
    }
}
