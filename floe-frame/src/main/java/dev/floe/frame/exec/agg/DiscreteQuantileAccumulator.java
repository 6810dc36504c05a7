package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code quantileDisc(q)} (SQL's {@code quantile_disc}): the group's non-null value of rank
 * {@code max(1, ceil(n * q))} in ascending order (NaN above every number), computed with {@code q}
 * as an exact decimal, as DuckDB computes it for a decimal {@code q}. The result has the values'
 * type. Null for a group with no values.
 *
 * <p>{@link #continuous} makes it the continuous quantile of decimals ({@code median} and {@code
 * quantile(q, "linear")} with {@link dev.floe.frame.expr.AggFunction#EXACT_DECIMAL}), in their own
 * type, as DuckDB gives it: the values at ranks {@code floor(q * (n - 1))} and the next, {@code lo}
 * and {@code hi}, as whole numbers of {@code 10^-scale}, and {@code lo} plus the part
 * {@code (hi - lo) * fraction} truncated (the median of 9.0 and 10.5 in one digit after the point is
 * 9.7); for decimals of more than 18 digits through doubles, as DuckDB computes those.
 */
final class DiscreteQuantileAccumulator implements Accumulator {
    private final DataType type;
    private final BigDecimal q;
    /** The continuous quantile's q ({@link #continuous}); NaN for the discrete one. */
    private final double linear;
    private int[] groups = new int[64];
    private long[] longs = new long[64];
    /** The high words of 128-bit values (i128, decimals of more than 18 digits), whose low words are in {@link #longs}. */
    private long[] highs = new long[0];
    private double[] doubles = new double[64];
    private int size;

    DiscreteQuantileAccumulator(DataType type, BigDecimal q) {
        this(type, q, Double.NaN);
    }

    private DiscreteQuantileAccumulator(DataType type, BigDecimal q, double linear) {
        this.type = type;
        this.q = q;
        this.linear = linear;
    }

    /** The continuous quantile {@code q} of decimals of {@code type}, exactly as DuckDB interpolates it. */
    static DiscreteQuantileAccumulator continuous(DataType type, double q) {
        if (!type.isDecimal()) {
            throw new IllegalArgumentException("an exact continuous quantile takes decimals, not " + type);
        }
        return new DiscreteQuantileAccumulator(type, null, q);
    }

    @Override
    public long sizeInBytes(int groupCount) {
        return 12L * groups.length + 8L * highs.length;
    }

    @Override
    public void add(int[] rowGroups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        Vector input = inputs.get(0);
        if (input.type() == DataType.NULL) {
            return;
        }
        boolean floats = type.isFloat();
        double[] numbers = floats ? Kernels.doubles(input) : null;
        long[][] words = type.isWide() ? Kernels.int128Words(input) : null;
        long[] whole = floats ? null : words != null ? words[1] : Kernels.longs(input);
        groups = Growable.ensure(groups, size + rows);
        if (floats) {
            doubles = Growable.ensure(doubles, size + rows);
        } else {
            longs = Growable.ensure(longs, size + rows);
        }
        if (words != null) {
            highs = Growable.ensure(highs, size + rows);
        }
        for (int i = 0; i < rows; i++) {
            if (!input.isNull(i)) {
                groups[size] = rowGroups[i];
                if (floats) {
                    doubles[size] = numbers[i];
                } else {
                    longs[size] = whole[i];
                    if (words != null) {
                        highs[size] = words[0][i];
                    }
                }
                size++;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        DiscreteQuantileAccumulator that = (DiscreteQuantileAccumulator) other;
        // room for the values of the groups merged, not all of that's (a partition merges a share)
        int merged = QuantileAccumulator.keptValues(that.groups, that.size, mapping);
        groups = Growable.ensure(groups, size + merged);
        doubles = Growable.ensure(doubles, size + merged);
        longs = Growable.ensure(longs, size + merged);
        if (type.isWide()) {
            highs = Growable.ensure(highs, size + merged);
        }
        for (int i = 0; i < that.size; i++) {
            if (mapping[that.groups[i]] >= 0) {
                groups[size] = mapping[that.groups[i]];
                doubles[size] = that.doubles.length > i ? that.doubles[i] : 0;
                longs[size] = that.longs.length > i ? that.longs[i] : 0;
                if (type.isWide()) {
                    highs[size] = that.highs.length > i ? that.highs[i] : 0;
                }
                size++;
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        int groupCount = 0;
        for (int g : order) {
            groupCount = Math.max(groupCount, g + 1);
        }
        for (int i = 0; i < size; i++) {
            groupCount = Math.max(groupCount, groups[i] + 1);
        }
        int[] starts = new int[groupCount + 1];
        for (int i = 0; i < size; i++) {
            starts[groups[i] + 1]++;
        }
        for (int g = 0; g < groupCount; g++) {
            starts[g + 1] += starts[g];
        }
        if (type.isWide()) {
            return finishWords(order, groupCount, starts);
        }
        boolean floats = type.isFloat();
        double[] sortedDoubles = floats ? new double[size] : null;
        long[] sortedLongs = floats ? null : new long[size];
        int[] next = java.util.Arrays.copyOf(starts, groupCount);
        for (int i = 0; i < size; i++) {
            int at = next[groups[i]]++;
            if (floats) {
                sortedDoubles[at] = doubles[i];
            } else {
                sortedLongs[at] = longs[i];
            }
        }
        int n = order.length;
        double[] outDoubles = new double[n];
        long[] outLongs = new long[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            int from = starts[g];
            int count = starts[g + 1] - from;
            if (count == 0) {
                continue;
            }
            if (floats) {
                // Double.compare orders NaN last, as DuckDB does
                java.util.Arrays.sort(sortedDoubles, from, from + count);
                outDoubles[i] = sortedDoubles[from + rank(count) - 1];
            } else {
                java.util.Arrays.sort(sortedLongs, from, from + count);
                if (Double.isNaN(linear)) {
                    outLongs[i] = sortedLongs[from + rank(count) - 1];
                } else {
                    double position = linear * (count - 1);
                    int low = (int) Math.floor(position);
                    long lo = sortedLongs[from + low];
                    long hi = sortedLongs[from + Math.min(count - 1, low + 1)];
                    double fraction = position - low;
                    // two values of 18 digits differ by less than 2^63; the part truncated, as DuckDB's
                    outLongs[i] = fraction == 0 || lo == hi ? lo : lo + (long) ((double) (hi - lo) * fraction);
                }
            }
            bits[i >>> 6] |= 1L << i;
        }
        Validity validity = Validity.of(bits, n);
        return floats ? Kernels.fromDoubles(type, outDoubles, n, validity)
                : Kernels.fromLongs(type, outLongs, n, validity);
    }

    /** A 128-bit value as a double as DuckDB makes one: its low word, unsigned, plus its high word times 2^64. */
    private static double duckDouble(long high, long low) {
        if (high == -1) {
            // a small negative value: minus its distance from -1, as DuckDB special-cases it
            return -unsignedDouble(~low) - 1;
        }
        return unsignedDouble(low) + (double) high * 18446744073709551616.0;
    }

    private static double unsignedDouble(long word) {
        return word >= 0 ? (double) word : ((double) ((word >>> 1) | (word & 1))) * 2.0;
    }

    /** The place from 1, among {@code count} sorted values, of the one taken: {@code max(1, ceil(count * q))}. */
    private int rank(int count) {
        return Math.max(1, new BigDecimal(count).multiply(q).setScale(0, RoundingMode.CEILING).intValueExact());
    }

    /** {@link #finish} for 128-bit values: each group's positions sorted by value, the one at the rank taken. */
    private Vector finishWords(int[] order, int groupCount, int[] starts) {
        dev.floe.frame.column.Int128Vector all = new dev.floe.frame.column.Int128Vector(type,
                java.util.Arrays.copyOf(highs, size), java.util.Arrays.copyOf(longs, size), 0, size, null);
        int[] positions = new int[size];
        int[] next = java.util.Arrays.copyOf(starts, groupCount);
        for (int i = 0; i < size; i++) {
            positions[next[groups[i]]++] = i;
        }
        int[] scratch = new int[size];
        dev.floe.frame.exec.RowComparator ascending = dev.floe.frame.exec.RowComparator.of(all, false, true);
        int n = order.length;
        long[] high = new long[n];
        long[] low = new long[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            int from = starts[g];
            int count = starts[g + 1] - from;
            if (count == 0) {
                continue;
            }
            dev.floe.frame.exec.MergeSort.sort(positions, scratch, from, from + count, ascending);
            if (Double.isNaN(linear)) {
                int at = positions[from + rank(count) - 1];
                high[i] = highs[at];
                low[i] = longs[at];
            } else {
                double position = linear * (count - 1);
                int lower = (int) Math.floor(position);
                int lo = positions[from + lower];
                int hi = positions[from + Math.min(count - 1, lower + 1)];
                double fraction = position - lower;
                if (fraction == 0) {
                    high[i] = highs[lo];
                    low[i] = longs[lo];
                } else {
                    // as DuckDB computes it for 128-bit decimals: both ends as doubles, weighted, truncated back
                    double a = duckDouble(highs[lo], longs[lo]);
                    double b = duckDouble(highs[hi], longs[hi]);
                    java.math.BigInteger result = new BigDecimal(a * (1 - fraction) + b * fraction).toBigInteger();
                    high[i] = dev.floe.frame.column.Int128.high(result);
                    low[i] = dev.floe.frame.column.Int128.low(result);
                }
            }
            bits[i >>> 6] |= 1L << i;
        }
        return new dev.floe.frame.column.Int128Vector(type, high, low, 0, n, Validity.of(bits, n));
    }
}
