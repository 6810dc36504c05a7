package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * {@code mean()}: a sum and a count per group; null for a group with no values. Floats are
 * summed with compensation; integers exactly, in 128 bits (two longs), read straight from
 * their arrays without a conversion to floats per value.
 */
final class MeanAccumulator implements Accumulator {
    private final boolean integers;
    private final SumAccumulator sum = new SumAccumulator(DataType.FLOAT64);
    private final CountAccumulator count = new CountAccumulator(false);
    private long[] low = new long[16];
    private long[] high = new long[16];

    MeanAccumulator(DataType input) {
        this.integers = input.isInteger() || input == DataType.BOOLEAN;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        count.add(groups, rows, groupCount, inputs, firstRow);
        if (!integers) {
            sum.add(groups, rows, groupCount, inputs, firstRow);
            return;
        }
        low = Growable.ensure(low, groupCount);
        high = Growable.ensure(high, groupCount);
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        long[] values = Kernels.longArray(input);
        int offset = Kernels.longOffset(input);
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                add(groups[i], values[offset + i], 0);
            }
        }
    }

    /** Adds the 128-bit number {@code addHigh:value} (value sign-extended) to group {@code g}'s. */
    private void add(int g, long value, long addHigh) {
        long before = low[g];
        long after = before + value;
        low[g] = after;
        high[g] += addHigh + (value >> 63) + (Long.compareUnsigned(after, before) < 0 ? 1 : 0);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        MeanAccumulator that = (MeanAccumulator) other;
        count.merge(that.count, mapping, groupCount);
        if (!integers) {
            sum.merge(that.sum, mapping, groupCount);
            return;
        }
        low = Growable.ensure(low, groupCount);
        high = Growable.ensure(high, groupCount);
        for (int g = 0; g < mapping.length && g < that.low.length; g++) {
            if (mapping[g] >= 0) {
                // their low word added unsigned: subtract the sign extension add() would apply
                add(mapping[g], that.low[g], that.high[g] - (that.low[g] >> 63));
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        long[] counts = Kernels.longs(count.finish(order));
        double[] sums = integers ? null : Kernels.doubles(sum.finish(order));
        int n = order.length;
        double[] out = new double[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                int g = order[i];
                double total = integers ? (g < low.length ? wide(high[g], low[g]) : 0) : sums[i];
                out[i] = total / counts[i];
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, Validity.of(bits, n));
    }

    /** The 128-bit number {@code high:low} as a double. */
    private static double wide(long high, long low) {
        if (high == (low >> 63)) {
            return low; // fits in a long
        }
        double unsignedLow = (double) (low >>> 1) * 2.0 + (low & 1);
        return high * 18_446_744_073_709_551_616.0 + unsignedLow;
    }
}
