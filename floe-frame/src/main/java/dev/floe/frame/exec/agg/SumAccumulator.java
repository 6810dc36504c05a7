package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * {@code sum()}: integers in {@code long} (wrapping), floats in {@code double} with Neumaier's
 * compensation, so that the order in which workers' partial sums meet changes the result by no
 * more than rounding of the final value. A group with no values sums to 0.
 */
final class SumAccumulator implements Accumulator {
    private final DataType result;
    private long[] longs = new long[16];
    private double[] sums = new double[16];
    private double[] compensation = new double[16];

    SumAccumulator(DataType result) {
        this.result = result;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        if (result.isFloat()) {
            sums = Growable.ensure(sums, groupCount);
            compensation = Growable.ensure(compensation, groupCount);
            double[] values = Kernels.doubleArray(input);
            int offset = Kernels.doubleOffset(input);
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    addCompensated(sums, compensation, groups[i], values[offset + i]);
                }
            }
        } else {
            longs = Growable.ensure(longs, groupCount);
            long[] values = Kernels.longArray(input);
            int offset = Kernels.longOffset(input);
            if (validity == null) {
                for (int i = 0; i < rows; i++) {
                    longs[groups[i]] += values[offset + i];
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    if (validity.isValid(i)) {
                        longs[groups[i]] += values[offset + i];
                    }
                }
            }
        }
    }

    /** Neumaier's compensated addition of {@code value} to {@code sums[group]}, its error to {@code compensation[group]}. */
    static void addCompensated(double[] sums, double[] compensation, int group, double value) {
        double sum = sums[group];
        double total = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation[group] += (sum - total) + value;
        } else {
            compensation[group] += (value - total) + sum;
        }
        sums[group] = total;
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        SumAccumulator that = (SumAccumulator) other;
        if (result.isFloat()) {
            sums = Growable.ensure(sums, groupCount);
            compensation = Growable.ensure(compensation, groupCount);
            for (int g = 0; g < mapping.length; g++) {
                if (mapping[g] >= 0) {
                    addCompensated(sums, compensation, mapping[g], that.sums[g]);
                    compensation[mapping[g]] += that.compensation[g];
                }
            }
        } else {
            longs = Growable.ensure(longs, groupCount);
            for (int g = 0; g < mapping.length; g++) {
                if (mapping[g] >= 0) {
                    longs[mapping[g]] += that.longs[g];
                }
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        if (result.isFloat()) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                int g = order[i];
                out[i] = g < sums.length ? sums[g] + compensation[g] : 0;
            }
            return Kernels.fromDoubles(result, out, n, null);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i] < longs.length ? longs[order[i]] : 0;
        }
        return Kernels.fromLongs(result, out, n, null);
    }
}
