package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/** The product of each group's non-null values, in doubles; null for a group with none. */
final class ProductAccumulator implements Accumulator {
    private long[] counts = new long[16];
    private double[] products = new double[16];

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        ensure(groupCount);
        Vector input = inputs.get(0);
        if (input.type() == DataType.NULL) {
            return;
        }
        double[] xs = Kernels.doubles(input);
        Validity validity = input.validity();
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int g = groups[i];
                products[g] = counts[g]++ == 0 ? xs[i] : products[g] * xs[i];
            }
        }
    }

    private void ensure(int groups) {
        counts = Growable.ensure(counts, groups);
        products = Growable.ensure(products, groups);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ensure(groupCount);
        ProductAccumulator that = (ProductAccumulator) other;
        for (int g = 0; g < mapping.length; g++) {
            long m = g < that.counts.length ? that.counts[g] : 0;
            if (m == 0 || mapping[g] < 0) {
                continue;
            }
            int group = mapping[g];
            products[group] = counts[group] == 0 ? that.products[g] : products[group] * that.products[g];
            counts[group] += m;
        }
    }

    @Override
    public Vector finish(int[] order) {
        int rows = order.length;
        double[] out = new double[rows];
        long[] bits = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            int g = order[i];
            if (g < counts.length && counts[g] > 0) {
                out[i] = products[g];
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, rows, Validity.of(bits, rows));
    }

    @Override
    public long sizeInBytes(int groups) {
        return 16L * groups;
    }
}
