package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * Pearson correlation (or covariance) per group over the rows where both inputs are present: running means, sums
 * of squared deviations and co-deviations (Welford), merged with Chan's formulas. Null for a
 * group with no such rows; NaN when either input does not vary. Checked (SQL's, as DuckDB's),
 * over two pairs or more a side whose deviation is not finite raises {@code OutOfRangeException}.
 */
final class CorrAccumulator implements Accumulator {
    private final String checked;
    /** -1 for the correlation; else the covariance with this delta degrees of freedom. */
    private final int covarianceDdof;
    private long[] counts = new long[16];
    private double[] meanX = new double[16];
    private double[] meanY = new double[16];
    private double[] m2x = new double[16];
    private double[] m2y = new double[16];
    private double[] cxy = new double[16];

    /**
     * @param checked the aggregation's text where it is checked as DuckDB's (over two pairs or
     *     more, a side whose deviation is not finite raises), or null
     */
    CorrAccumulator(String checked, int covarianceDdof) {
        this.checked = checked;
        this.covarianceDdof = covarianceDdof;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        ensure(groupCount);
        Vector left = inputs.get(0);
        Vector right = inputs.get(1);
        double[] xs = Kernels.doubleArray(left);
        int xo = Kernels.doubleOffset(left);
        double[] ys = Kernels.doubleArray(right);
        int yo = Kernels.doubleOffset(right);
        Validity vx = left.validity();
        Validity vy = right.validity();
        for (int i = 0; i < rows; i++) {
            if ((vx == null || vx.isValid(i)) && (vy == null || vy.isValid(i))) {
                int g = groups[i];
                long n = ++counts[g];
                double x = xs[xo + i];
                double y = ys[yo + i];
                double dx = x - meanX[g];
                meanX[g] += dx / n;
                double dy = y - meanY[g];
                meanY[g] += dy / n;
                m2x[g] += dx * (x - meanX[g]);
                m2y[g] += dy * (y - meanY[g]);
                cxy[g] += dx * (y - meanY[g]);
            }
        }
    }

    private void ensure(int groups) {
        counts = Growable.ensure(counts, groups);
        meanX = Growable.ensure(meanX, groups);
        meanY = Growable.ensure(meanY, groups);
        m2x = Growable.ensure(m2x, groups);
        m2y = Growable.ensure(m2y, groups);
        cxy = Growable.ensure(cxy, groups);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ensure(groupCount);
        CorrAccumulator that = (CorrAccumulator) other;
        for (int g = 0; g < mapping.length; g++) {
            long m = g < that.counts.length ? that.counts[g] : 0;
            if (m == 0 || mapping[g] < 0) {
                continue;
            }
            int group = mapping[g];
            long n = counts[group];
            long total = n + m;
            double dx = that.meanX[g] - meanX[group];
            double dy = that.meanY[g] - meanY[group];
            double weight = (double) n * m / total;
            m2x[group] += that.m2x[g] + dx * dx * weight;
            m2y[group] += that.m2y[g] + dy * dy * weight;
            cxy[group] += that.cxy[g] + dx * dy * weight;
            meanX[group] += dx * m / total;
            meanY[group] += dy * m / total;
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
            if (covarianceDdof >= 0) {
                if (g < counts.length && counts[g] > covarianceDdof) {
                    out[i] = cxy[g] / (counts[g] - covarianceDdof);
                    bits[i >>> 6] |= 1L << i;
                }
                continue;
            }
            if (g < counts.length && counts[g] > 0) {
                out[i] = cxy[g] / Math.sqrt(m2x[g] * m2y[g]);
                bits[i >>> 6] |= 1L << i;
                if (checked != null && counts[g] > 1 && !(Double.isFinite(m2x[g]) && Double.isFinite(m2y[g]))) {
                    throw new dev.floe.frame.OutOfRangeException("out of range: a deviation of "
                            + (Double.isFinite(m2x[g]) ? "the second" : "the first") + " input is not finite (over "
                            + "infinities or NaN, or too large), in expression " + checked);
                }
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, Validity.of(bits, n));
    }
}
