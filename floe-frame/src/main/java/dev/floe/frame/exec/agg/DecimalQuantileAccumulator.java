package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * The continuous quantile ({@code median}, {@code quantile(q, "linear")} with {@link
 * dev.floe.frame.expr.AggFunction#EXACT_DECIMAL}) of decimals, in their own type, as SQL engines
 * (DuckDB) give it: the values at ranks {@code floor(q * (n - 1))} and the next, {@code lo} and
 * {@code hi}, as whole numbers of {@code 10^-scale}, and {@code lo} plus the part
 * {@code (hi - lo) * fraction} truncated: the median of 9.0 and 10.5 in one digit after the point is 9.7. Decimals
 * of up to 18 digits are kept as longs, wider ones as two words. Null for a group with no values.
 */
final class DecimalQuantileAccumulator implements Accumulator {
    private final DataType type;
    private final boolean wide;
    private final double q;
    private int[] groups = new int[64];
    /** The values' whole numbers; for a wide decimal their low words, {@link #highs} their high ones. */
    private long[] values = new long[64];
    private long[] highs;
    private int size;

    DecimalQuantileAccumulator(DataType type, double q) {
        if (!type.isDecimal()) {
            throw new IllegalArgumentException("an exact decimal quantile takes decimals, not " + type);
        }
        this.type = type;
        this.wide = !type.isLongDecimal();
        this.highs = wide ? new long[64] : null;
        this.q = q;
    }

    @Override
    public long sizeInBytes(int groupCount) {
        return (wide ? 20L : 12L) * values.length;
    }

    @Override
    public void add(int[] rowGroups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        Vector input = inputs.get(0);
        if (input.type() == DataType.NULL) {
            return;
        }
        Validity validity = input.validity();
        long[][] words = wide ? Kernels.int128Words(input) : null;
        long[] numbers = wide ? words[1] : Kernels.longArray(input);
        int offset = wide ? 0 : Kernels.longOffset(input);
        groups = Growable.ensure(groups, size + rows);
        values = Growable.ensure(values, size + rows);
        if (wide) {
            highs = Growable.ensure(highs, size + rows);
        }
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                groups[size] = rowGroups[i];
                values[size] = numbers[offset + i];
                if (wide) {
                    highs[size] = words[0][i];
                }
                size++;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        DecimalQuantileAccumulator that = (DecimalQuantileAccumulator) other;
        int merged = QuantileAccumulator.keptValues(that.groups, that.size, mapping);
        groups = Growable.ensure(groups, size + merged);
        values = Growable.ensure(values, size + merged);
        if (wide) {
            highs = Growable.ensure(highs, size + merged);
        }
        for (int i = 0; i < that.size; i++) {
            if (mapping[that.groups[i]] >= 0) {
                groups[size] = mapping[that.groups[i]];
                values[size] = that.values[i];
                if (wide) {
                    highs[size] = that.highs[i];
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
        int[] starts = new int[groupCount + 1];
        for (int i = 0; i < size; i++) {
            starts[groups[i] + 1]++;
        }
        for (int g = 0; g < groupCount; g++) {
            starts[g + 1] += starts[g];
        }
        long[] sorted = new long[size];
        long[] sortedHigh = wide ? new long[size] : null;
        int[] next = Arrays.copyOf(starts, groupCount);
        for (int i = 0; i < size; i++) {
            int at = next[groups[i]]++;
            sorted[at] = values[i];
            if (wide) {
                sortedHigh[at] = highs[i];
            }
        }
        int n = order.length;
        long[] out = new long[n];
        long[] outHigh = wide ? new long[n] : null;
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            int from = starts[g];
            int count = starts[g + 1] - from;
            if (count == 0) {
                continue;
            }
            double position = q * (count - 1);
            int low = (int) Math.floor(position);
            int high = Math.min(count - 1, low + 1);
            double fraction = position - low;
            if (!wide) {
                Arrays.sort(sorted, from, from + count);
                long lo = sorted[from + low];
                long hi = sorted[from + high];
                // two values of 18 digits differ by less than 2^63
                out[i] = fraction == 0 || lo == hi ? lo : lo + (long) ((double) (hi - lo) * fraction);
            } else {
                sortWide(sortedHigh, sorted, from, from + count);
                java.math.BigInteger lo = Int128.toBigInteger(sortedHigh[from + low], sorted[from + low]);
                // as DuckDB computes it for 128-bit decimals: both ends as doubles (each made from its
                // low word, unsigned, plus its high word times 2^64), weighted, truncated back
                double a = duckDouble(sortedHigh[from + low], sorted[from + low]);
                double b = duckDouble(sortedHigh[from + high], sorted[from + high]);
                java.math.BigInteger result = fraction == 0 ? lo
                        : new java.math.BigDecimal(a * (1 - fraction) + b * fraction).toBigInteger();
                outHigh[i] = Int128.high(result);
                out[i] = Int128.low(result);
            }
            bits[i >>> 6] |= 1L << i;
        }
        Validity validity = Validity.of(bits, n);
        return wide ? new dev.floe.frame.column.Int128Vector(type, outHigh, out, 0, n, validity)
                : Kernels.fromLongs(type, out, n, validity);
    }

    /** A 128-bit value as a double as DuckDB makes one: its low word, unsigned, plus its high word times 2^64. */
    private static double duckDouble(long high, long low) {
        if (high == -1) {
            // a small negative value: minus its distance from -1, as DuckDB special-cases it
            return -(double) unsignedDouble(~low) - 1;
        }
        return unsignedDouble(low) + (double) high * 18446744073709551616.0;
    }

    private static double unsignedDouble(long word) {
        return word >= 0 ? (double) word : ((double) ((word >>> 1) | (word & 1))) * 2.0;
    }

    /** Sorts the 128-bit values {@code (high[k], low[k])} for {@code k} in {@code [from, to)}, by a bottom-up merge sort. */
    private static void sortWide(long[] high, long[] low, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        long[] h = new long[n];
        long[] l = new long[n];
        for (int width = 1; width < n; width *= 2) {
            for (int start = 0; start < n; start += 2 * width) {
                int mid = Math.min(start + width, n);
                int end = Math.min(start + 2 * width, n);
                int a = start;
                int b = mid;
                for (int k = start; k < end; k++) {
                    boolean left = b >= end || a < mid && Int128.compare(high[from + a], low[from + a],
                            high[from + b], low[from + b]) <= 0;
                    int src = left ? a++ : b++;
                    h[k] = high[from + src];
                    l[k] = low[from + src];
                }
            }
            System.arraycopy(h, 0, high, from, n);
            System.arraycopy(l, 0, low, from, n);
        }
    }
}
