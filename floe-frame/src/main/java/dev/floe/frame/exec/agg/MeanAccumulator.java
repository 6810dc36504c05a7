package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/** {@code mean()}: a compensated sum and a count per group; null for a group with no values. */
final class MeanAccumulator implements Accumulator {
    private final SumAccumulator sum = new SumAccumulator(DataType.FLOAT64);
    private final CountAccumulator count = new CountAccumulator(false);

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        sum.add(groups, rows, groupCount, inputs, firstRow);
        count.add(groups, rows, groupCount, inputs, firstRow);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        MeanAccumulator that = (MeanAccumulator) other;
        sum.merge(that.sum, mapping, groupCount);
        count.merge(that.count, mapping, groupCount);
    }

    @Override
    public Vector finish(int[] order) {
        double[] sums = Kernels.doubles(sum.finish(order));
        long[] counts = Kernels.longs(count.finish(order));
        int n = order.length;
        double[] out = new double[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                out[i] = sums[i] / counts[i];
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, Validity.of(bits, n));
    }
}
