package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * Skewness or excess kurtosis per group from the central moments of its non-null values: a
 * running mean and sums of the deviations' 2nd, 3rd and 4th powers, updated a value at a time and
 * merged with the pairwise formulas for higher moments (Terriberry; Pébay). The values are taken
 * less the group's first value (the moments do not change with a shift), so values far from 0
 * (1e9 + small differences) keep their digits, which sums of raw powers lose.
 */
final class MomentsAccumulator implements Accumulator {
    private final boolean kurtosis;
    private final boolean population;
    private final String expression;
    private long[] counts = new long[16];
    /** Each group's first value: the values are taken less it. */
    private double[] pivots = new double[16];
    /** The mean of the values less the pivot. */
    private double[] means = new double[16];
    private double[] m2 = new double[16];
    private double[] m3 = new double[16];
    private double[] m4 = new double[16];

    MomentsAccumulator(boolean kurtosis, boolean population, String expression) {
        this.kurtosis = kurtosis;
        this.population = population;
        this.expression = expression;
    }

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
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            int g = groups[i];
            long before = counts[g];
            if (before == 0) {
                pivots[g] = Double.isFinite(xs[i]) ? xs[i] : 0;
            }
            double n = before + 1;
            counts[g] = before + 1;
            double delta = xs[i] - pivots[g] - means[g];
            double deltaN = delta / n;
            double deltaN2 = deltaN * deltaN;
            double term = delta * deltaN * before;
            means[g] += deltaN;
            m4[g] += term * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2[g] - 4 * deltaN * m3[g];
            m3[g] += term * deltaN * (n - 2) - 3 * deltaN * m2[g];
            m2[g] += term;
        }
    }

    private void ensure(int groups) {
        counts = Growable.ensure(counts, groups);
        pivots = Growable.ensure(pivots, groups);
        means = Growable.ensure(means, groups);
        m2 = Growable.ensure(m2, groups);
        m3 = Growable.ensure(m3, groups);
        m4 = Growable.ensure(m4, groups);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ensure(groupCount);
        MomentsAccumulator that = (MomentsAccumulator) other;
        for (int g = 0; g < mapping.length; g++) {
            long nb = g < that.counts.length ? that.counts[g] : 0;
            if (nb == 0 || mapping[g] < 0) {
                continue;
            }
            int group = mapping[g];
            long na = counts[group];
            if (na == 0) {
                counts[group] = nb;
                pivots[group] = that.pivots[g];
                means[group] = that.means[g];
                m2[group] = that.m2[g];
                m3[group] = that.m3[g];
                m4[group] = that.m4[g];
                continue;
            }
            double a = na;
            double b = nb;
            double n = a + b;
            // the other mean less this group's pivot
            double delta = that.means[g] + (that.pivots[g] - pivots[group]) - means[group];
            double delta2 = delta * delta;
            double m2a = m2[group];
            double m3a = m3[group];
            double m2b = that.m2[g];
            double m3b = that.m3[g];
            m4[group] += that.m4[g] + delta2 * delta2 * a * b * (a * a - a * b + b * b) / (n * n * n)
                    + 6 * delta2 * (a * a * m2b + b * b * m2a) / (n * n) + 4 * delta * (a * m3b - b * m3a) / n;
            m3[group] = m3a + m3b + delta2 * delta * a * b * (a - b) / (n * n) + 3 * delta * (a * m2b - b * m2a) / n;
            m2[group] = m2a + m2b + delta2 * a * b / n;
            means[group] += delta * b / n;
            counts[group] = na + nb;
        }
    }

    @Override
    public Vector finish(int[] order) {
        int rows = order.length;
        double[] out = new double[rows];
        long[] bits = new long[(rows + 63) >>> 6];
        long fewest = kurtosis ? (population ? 2 : 4) : (population ? 1 : 3);
        for (int i = 0; i < rows; i++) {
            int g = order[i];
            long count = g < counts.length ? counts[g] : 0;
            if (count < fewest) {
                continue;
            }
            if (!Double.isFinite(m2[g]) || !Double.isFinite(means[g])) {
                throw new OutOfRangeException("out of range: " + (kurtosis ? "the kurtosis" : "the skewness")
                        + " of values that are infinite or NaN (or too large), in expression " + expression);
            }
            double n = count;
            double value;
            if (kurtosis) {
                if (m2[g] == 0) {
                    continue; // values that do not vary have no kurtosis
                }
                double g2 = n * m4[g] / (m2[g] * m2[g]) - 3;
                value = population ? g2 : (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6);
            } else {
                double g1 = Math.sqrt(n) * m3[g] / Math.pow(m2[g], 1.5); // NaN where the values do not vary
                value = population ? g1 : g1 * Math.sqrt(n * (n - 1)) / (n - 2);
            }
            out[i] = value;
            bits[i >>> 6] |= 1L << i;
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, rows, Validity.of(bits, rows));
    }

    @Override
    public long sizeInBytes(int groups) {
        return 48L * groups;
    }
}
