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
    /** The quantile of the values' distances from their quantile (the median absolute deviation) instead. */
    private final boolean deviation;
    private int[] groups = new int[64];
    private double[] values = new double[64];

    @Override
    public long sizeInBytes(int groupCount) {
        return 12L * values.length;
    }
    private int size;

    QuantileAccumulator(double q, boolean linear) {
        this(q, linear, false);
    }

    QuantileAccumulator(double q, boolean linear, boolean deviation) {
        this.q = q;
        this.linear = linear;
        this.deviation = deviation;
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
        // room for the values of the groups merged, not all of that's (a partition merges a share)
        int merged = keptValues(that.groups, that.size, mapping);
        groups = Growable.ensure(groups, size + merged);
        values = Growable.ensure(values, size + merged);
        for (int i = 0; i < that.size; i++) {
            if (mapping[that.groups[i]] >= 0) {
                groups[size] = mapping[that.groups[i]];
                values[size] = that.values[i];
                size++;
            }
        }
    }

    /** How many of the first {@code count} values belong to groups that {@code mapping} keeps. */
    static int keptValues(int[] valueGroups, int count, int[] mapping) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (mapping[valueGroups[i]] >= 0) {
                kept++;
            }
        }
        return kept;
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
                out[i] = quantile(sorted, from, count);
                if (deviation) {
                    double center = out[i];
                    for (int k = from; k < from + count; k++) {
                        sorted[k] = Math.abs(sorted[k] - center);
                    }
                    out[i] = quantile(sorted, from, count);
                }
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, Validity.of(bits, n));
    }

    /**
     * The quantile of a group's values {@code values[from, from + count)}, found by selection
     * (the values are reordered, not sorted): the value of rank {@code round(q * (count - 1))},
     * or for linear interpolation the two ranks around {@code q * (count - 1)}, the upper one
     * the smallest value above the lower (selection leaves the larger values after it). Values
     * order as {@link Double#compare} orders them, as a sort would.
     */
    private double quantile(double[] values, int from, int count) {
        double position = q * (count - 1);
        if (!linear) {
            return select(values, from, from + count, from + (int) Math.round(position));
        }
        int low = (int) Math.floor(position);
        double a = select(values, from, from + count, from + low);
        if (low == (int) Math.ceil(position)) {
            return a;
        }
        double b = values[from + low + 1];
        for (int k = from + low + 2; k < from + count; k++) {
            if (Double.compare(values[k], b) < 0) {
                b = values[k];
            }
        }
        double fraction = position - low;
        double span = b - a;
        // past the largest double (or from an infinity) the weighted form keeps the answer: -inf, not NaN
        return Double.isFinite(span) ? a + span * fraction : a * (1 - fraction) + b * fraction;
    }

    /** The value that a sort of {@code values[from, to)} would put at {@code at}, by quickselect. */
    static double select(double[] values, int from, int to, int at) {
        int left = from;
        int right = to - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(to - from)) + 8;
        while (left < right) {
            if (--budget < 0) {
                Arrays.sort(values, left, right + 1); // many bad pivots: sorting bounds the cost
                return values[at];
            }
            int middle = (left + right) >>> 1;
            // median of three as the pivot
            if (Double.compare(values[middle], values[left]) < 0) {
                swap(values, middle, left);
            }
            if (Double.compare(values[right], values[left]) < 0) {
                swap(values, right, left);
            }
            if (Double.compare(values[right], values[middle]) < 0) {
                swap(values, right, middle);
            }
            double pivot = values[middle];
            int i = left;
            int j = right;
            while (i <= j) {
                while (Double.compare(values[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(values[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(values, i++, j--);
                }
            }
            if (at <= j) {
                right = j;
            } else if (at >= i) {
                left = i;
            } else {
                return values[at];
            }
        }
        return values[at];
    }

    private static void swap(double[] values, int i, int j) {
        double t = values[i];
        values[i] = values[j];
        values[j] = t;
    }
}
