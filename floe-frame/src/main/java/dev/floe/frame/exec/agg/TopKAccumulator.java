package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * {@code topK(k)} of numbers, dates and times: each group keeps its k largest values so far in a
 * small sorted run of a primitive array (largest first), so a row costs a comparison with the
 * run's smallest, and an insertion only when it beats it. Floats order as {@link Double#compare}
 * (NaN largest), as the sort does. Text and other types keep every value ({@link CollectAccumulator}).
 */
final class TopKAccumulator implements Accumulator {
    private final DataType type;
    private final int k;
    private final boolean floating;
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private int[] counts = new int[0];

    @Override
    public long sizeInBytes(int groups) {
        return 8L * (longs.length + doubles.length) + 4L * counts.length;
    }

    TopKAccumulator(DataType type, int k) {
        this.type = type;
        this.k = k;
        this.floating = type.isFloat();
    }

    static boolean handles(DataType type) {
        return type.isNumeric() || type.isTemporal();
    }

    private void ensure(int groups) {
        long slots = (long) groups * k;
        if (slots > Integer.MAX_VALUE - 8) {
            throw new dev.floe.frame.SchemaException("topK(" + k + ") over " + groups + " groups needs " + slots
                    + " values, more than one array holds; use fewer groups or a smaller k");
        }
        counts = Growable.ensure(counts, groups);
        if (floating) {
            doubles = Growable.ensure(doubles, (int) slots);
        } else {
            longs = Growable.ensure(longs, (int) slots);
        }
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        ensure(groupCount);
        if (k == 0) {
            return;
        }
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        if (floating) {
            double[] values = Kernels.doubleArray(input);
            int offset = Kernels.doubleOffset(input);
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    offer(groups[i], values[offset + i]);
                }
            }
        } else {
            long[] values = Kernels.longArray(input);
            int offset = Kernels.longOffset(input);
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    offer(groups[i], values[offset + i]);
                }
            }
        }
    }

    private void offer(int group, double value) {
        int base = group * k;
        int count = counts[group];
        if (count == k && Double.compare(value, doubles[base + k - 1]) <= 0) {
            return;
        }
        int at = Math.min(count, k - 1);
        while (at > 0 && Double.compare(value, doubles[base + at - 1]) > 0) {
            doubles[base + at] = doubles[base + at - 1];
            at--;
        }
        doubles[base + at] = value;
        counts[group] = Math.min(k, count + 1);
    }

    private void offer(int group, long value) {
        int base = group * k;
        int count = counts[group];
        if (count == k && value <= longs[base + k - 1]) {
            return;
        }
        int at = Math.min(count, k - 1);
        while (at > 0 && value > longs[base + at - 1]) {
            longs[base + at] = longs[base + at - 1];
            at--;
        }
        longs[base + at] = value;
        counts[group] = Math.min(k, count + 1);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ensure(groupCount);
        TopKAccumulator that = (TopKAccumulator) other;
        for (int g = 0; g < mapping.length && g < that.counts.length; g++) {
            int group = mapping[g];
            if (group < 0) {
                continue;
            }
            for (int i = 0; i < that.counts[g]; i++) {
                if (floating) {
                    offer(group, that.doubles[g * k + i]);
                } else {
                    offer(group, that.longs[g * k + i]);
                }
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            offsets[i + 1] = offsets[i] + (g < counts.length ? counts[g] : 0);
        }
        int total = offsets[n];
        Vector elements;
        if (floating) {
            double[] out = new double[total];
            for (int i = 0; i < n; i++) {
                int g = order[i];
                System.arraycopy(doubles, g * k, out, offsets[i], offsets[i + 1] - offsets[i]);
            }
            elements = Kernels.fromDoubles(type, out, total, null);
        } else {
            long[] out = new long[total];
            for (int i = 0; i < n; i++) {
                int g = order[i];
                System.arraycopy(longs, g * k, out, offsets[i], offsets[i + 1] - offsets[i]);
            }
            elements = Kernels.fromLongs(type, out, total, null);
        }
        return new ListVector(offsets, elements, 0, n, null);
    }
}
