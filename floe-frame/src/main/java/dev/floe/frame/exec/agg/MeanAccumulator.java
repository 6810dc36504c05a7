package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * {@code mean()}: a sum and a count per group, kept in one pass over a batch; null for a group
 * with no values. Floats are summed with Neumaier's compensation; integers exactly, read straight
 * from their arrays: a {@code long} per group and, only where that overflows, a count of
 * overflows in a second word, so the sum is {@code high * 2^64 + low}. {@code INT128} values
 * take a third word: the low words add with carries into the high ones, whose overflows are
 * counted in {@code top}, so the sum is {@code (top * 2^64 + high) * 2^64 + low (unsigned)}.
 */
final class MeanAccumulator implements Accumulator {
    private final boolean integers;
    private final boolean wide;
    private long[] counts = new long[16];
    private long[] top = new long[0];
    private long[] low = new long[0];
    private long[] high = new long[0];
    private double[] sums = new double[0];
    private double[] compensation = new double[0];

    /** For decimals, 10^scale: their values are whole numbers of 10^-scale, summed exactly as integers are. */
    private final double unit;

    MeanAccumulator(DataType input) {
        this.integers = input.isInteger() || input == DataType.BOOLEAN || input.isDecimal();
        this.wide = input.isWide();
        this.unit = input.isDecimal() ? dev.floe.frame.exec.DecimalKernel.powerOfTen(input.scale()) : 1;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        counts = Growable.ensure(counts, groupCount);
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        if (wide) {
            low = Growable.ensure(low, groupCount);
            high = Growable.ensure(high, groupCount);
            top = Growable.ensure(top, groupCount);
            dev.floe.frame.column.Int128Vector words = (dev.floe.frame.column.Int128Vector) input;
            addWideIntegers(groups, rows, words.high(), words.low(), words.offset(), validity);
        } else if (integers) {
            low = Growable.ensure(low, groupCount);
            high = Growable.ensure(high, groupCount);
            addIntegers(groups, rows, Kernels.longArray(input), Kernels.longOffset(input), validity);
        } else {
            sums = Growable.ensure(sums, groupCount);
            compensation = Growable.ensure(compensation, groupCount);
            addFloats(groups, rows, groupCount, Kernels.doubleArray(input), Kernels.doubleOffset(input), validity);
        }
    }

    // integers and floats in methods of their own, so that the JIT compiles and profiles each
    // loop apart (a question of float means must not leave code that deoptimises on integers)
    private void addIntegers(int[] groups, int rows, long[] values, int offset, Validity validity) {
        long[] counts = this.counts;
        long[] low = this.low;
        long[] high = this.high;
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int g = groups[i];
                counts[g]++;
                addWide(low, high, g, values[offset + i]);
            }
        }
    }

    private void addWideIntegers(int[] groups, int rows, long[] valueHigh, long[] valueLow, int offset,
            Validity validity) {
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int g = groups[i];
                counts[g]++;
                addWords(g, valueHigh[offset + i], valueLow[offset + i]);
            }
        }
    }

    /** Adds a 128-bit value (or another group's high and low words) to group {@code g}'s three words. */
    private void addWords(int g, long valueHigh, long valueLow) {
        long before = low[g];
        long after = before + valueLow;
        low[g] = after;
        SumAccumulator.addCounted(high, top, g, valueHigh);
        SumAccumulator.addCounted(high, top, g, dev.floe.frame.column.Int128.carry(before, after));
    }

    private void addFloats(int[] groups, int rows, int groupCount, double[] values, int offset, Validity validity) {
        long[] counts = this.counts;
        double[] sums = this.sums;
        double[] compensation = this.compensation;
        if (groupCount == 1) {
            counts[0] += SumAccumulator.addCompensatedToFirst(sums, compensation, values, offset, rows, validity);
            return;
        }
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int g = groups[i];
                counts[g]++;
                SumAccumulator.addCompensated(sums, compensation, g, values[offset + i]);
            }
        }
    }

    /** Adds {@code value} to group {@code g}'s sum {@code high * 2^64 + low}, carrying where {@code low} wraps. */
    private static void addWide(long[] low, long[] high, int g, long value) {
        long before = low[g];
        long after = before + value;
        if (((before ^ after) & (value ^ after)) < 0) {
            high[g] += value < 0 ? -1 : 1;
        }
        low[g] = after;
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        MeanAccumulator that = (MeanAccumulator) other;
        counts = Growable.ensure(counts, groupCount);
        if (integers) {
            low = Growable.ensure(low, groupCount);
            high = Growable.ensure(high, groupCount);
            if (wide) {
                top = Growable.ensure(top, groupCount);
            }
        } else {
            sums = Growable.ensure(sums, groupCount);
            compensation = Growable.ensure(compensation, groupCount);
        }
        int theirs = Math.min(mapping.length, that.counts.length);
        for (int g = 0; g < theirs; g++) {
            int to = mapping[g];
            if (to < 0 || that.counts[g] == 0) {
                continue;
            }
            counts[to] += that.counts[g];
            if (wide) {
                addWords(to, that.high[g], that.low[g]);
                top[to] += that.top[g];
            } else if (integers) {
                addWide(low, high, to, that.low[g]);
                high[to] += that.high[g];
            } else {
                SumAccumulator.addCompensated(sums, compensation, to, that.sums[g]);
                compensation[to] += that.compensation[g];
            }
        }
    }

    private static final double TWO_TO_64 = 0x1p64;

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        double[] out = new double[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            long count = g < counts.length ? counts[g] : 0;
            if (count > 0) {
                double total = wide ? dev.floe.frame.column.Int128.toDouble(top[g], high[g], low[g])
                        : integers ? high[g] * TWO_TO_64 + low[g]
                        : SumAccumulator.compensated(sums[g], compensation[g]);
                // one division where count * unit is exact (below 2^53), as for integers (unit 1)
                double divisor = count * unit;
                out[i] = divisor < 0x1p53 ? total / divisor : total / count / unit;
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, Validity.of(bits, n));
    }
}
