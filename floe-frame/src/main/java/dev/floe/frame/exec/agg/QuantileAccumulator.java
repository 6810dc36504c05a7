package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * {@code median()} and {@code quantile(q, interpolation)}: keeps every non-null value with its
 * group, then sorts each group's values once at the end. {@code nearest} takes the value at rank
 * {@code round(q * (n - 1))}, {@code linear} interpolates between the two ranks around it (the
 * median is linear at 0.5). Null for a group with no values.
 */
final class QuantileAccumulator implements Accumulator {
    private final double q;
    private final boolean linear;
    private int[] groups = new int[64];
    private double[] values = new double[64];
    private int size;

    QuantileAccumulator(double q, boolean linear) {
        this.q = q;
        this.linear = linear;
    }

    @Override
    public void add(int[] rowGroups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        double[] numbers = Kernels.doubleArray(input);
        int offset = Kernels.doubleOffset(input);
        groups = Growable.ensure(groups, size + rows);
        values = Growable.ensure(values, size + rows);
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                groups[size] = rowGroups[i];
                values[size] = numbers[offset + i];
                size++;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        QuantileAccumulator that = (QuantileAccumulator) other;
        groups = Growable.ensure(groups, size + that.size);
        values = Growable.ensure(values, size + that.size);
        for (int i = 0; i < that.size; i++) {
            if (mapping[that.groups[i]] >= 0) {
                groups[size] = mapping[that.groups[i]];
                values[size] = that.values[i];
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
        // counting sort of the values by group, then each group's slice sorted
        int[] starts = new int[groupCount + 1];
        for (int i = 0; i < size; i++) {
            starts[groups[i] + 1]++;
        }
        for (int g = 0; g < groupCount; g++) {
            starts[g + 1] += starts[g];
        }
        double[] sorted = new double[size];
        int[] next = Arrays.copyOf(starts, groupCount);
        for (int i = 0; i < size; i++) {
            sorted[next[groups[i]]++] = values[i];
        }
        int n = order.length;
        double[] out = new double[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            int from = starts[g];
            int count = starts[g + 1] - from;
            if (count > 0) {
                Arrays.sort(sorted, from, from + count);
                out[i] = quantile(sorted, from, count);
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, Validity.of(bits, n));
    }

    private double quantile(double[] sorted, int from, int count) {
        double position = q * (count - 1);
        if (!linear) {
            return sorted[from + (int) Math.round(position)];
        }
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        double a = sorted[from + low];
        return low == high ? a : a + (sorted[from + high] - a) * (position - low);
    }
}
