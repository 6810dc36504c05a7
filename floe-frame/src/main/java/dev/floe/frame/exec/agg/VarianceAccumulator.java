package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * {@code var(ddof)} and {@code std(ddof)}: Welford's running mean and sum of squared deviations
 * per group, merged with Chan's formula, of the values less the group's first value (so values far
 * from 0 but close to each other, such as 546001633.5 and 546001630.5, are differenced exactly
 * before they are squared, and their deviation does not depend on the order they come in). Null when a group has no more than {@code ddof} values.
 * Checked (SQL's, as DuckDB's), a result that is not finite raises {@code OutOfRangeException},
 * and one value's population deviation is 0.
 */
final class VarianceAccumulator implements Accumulator {
    private final int ddof;
    private final boolean root;
    private final String checked;
    private long[] counts = new long[16];
    private double[] means = new double[16];
    private double[] squares = new double[16];
    /** Each group's first value, which the others are taken less. */
    private double[] shifts = new double[16];

    /**
     * @param checked the aggregation's text where it is checked as DuckDB's (a result that is not
     *     finite raises; one value's population deviation is 0), or null
     */
    VarianceAccumulator(int ddof, boolean root, String checked) {
        this.ddof = ddof;
        this.root = root;
        this.checked = checked;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        ensure(groupCount);
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        double[] values = Kernels.doubleArray(input);
        int offset = Kernels.doubleOffset(input);
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int g = groups[i];
                if (counts[g] == 0) {
                    shifts[g] = values[offset + i];
                }
                long n = ++counts[g];
                double value = values[offset + i] - shifts[g];
                double delta = value - means[g];
                means[g] += delta / n;
                squares[g] += delta * (value - means[g]);
            }
        }
    }

    private void ensure(int groups) {
        counts = Growable.ensure(counts, groups);
        means = Growable.ensure(means, groups);
        squares = Growable.ensure(squares, groups);
        shifts = Growable.ensure(shifts, groups);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ensure(groupCount);
        VarianceAccumulator that = (VarianceAccumulator) other;
        for (int g = 0; g < mapping.length; g++) {
            long m = g < that.counts.length ? that.counts[g] : 0;
            if (m == 0 || mapping[g] < 0) {
                continue;
            }
            int group = mapping[g];
            long n = counts[group];
            if (n == 0) {
                counts[group] = m;
                means[group] = that.means[g];
                squares[group] = that.squares[g];
                shifts[group] = that.shifts[g];
                continue;
            }
            long total = n + m;
            // the other's mean less this group's shift: close shifts difference exactly
            double delta = that.means[g] + (that.shifts[g] - shifts[group]) - means[group];
            means[group] += delta * m / total;
            squares[group] += that.squares[g] + delta * delta * ((double) n * m / total);
            counts[group] = total;
        }
    }

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        double[] out = new double[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            long count = g < counts.length ? counts[g] : 0;
            if (count > ddof) {
                double variance = squares[g] / (count - ddof);
                out[i] = root ? Math.sqrt(variance) : variance;
                bits[i >>> 6] |= 1L << i;
                if (checked != null && count == 1) {
                    out[i] = 0; // one value deviates by nothing, whatever it is
                } else if (checked != null && !Double.isFinite(out[i])) {
                    throw new dev.floe.frame.OutOfRangeException("out of range: " + (root ? "a standard deviation"
                            : "a variance") + " of " + out[i] + " (over infinities or NaN, or too large), in expression "
                            + checked);
                }
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, Validity.of(bits, n));
    }
}
