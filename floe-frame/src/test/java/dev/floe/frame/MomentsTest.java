package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Skewness, kurtosis and products per group, against references, over many morsels and workers. */
class MomentsTest {
    @Test
    void skewAndKurtosisAgreeWithTwoPassMomentsInEveryConfiguration() {
        SplittableRandom random = new SplittableRandom(17);
        int rows = 50_000;
        int groups = 37;
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<List<Double>> byGroup = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            byGroup.add(new ArrayList<>());
        }
        for (int i = 0; i < rows; i++) {
            int g = random.nextInt(groups);
            // far from 0 for some groups, skewed (exponential) for all, a null now and then
            double x = g % 3 == 0 ? 1e9 + -Math.log(random.nextDouble()) : -Math.log(random.nextDouble()) * (g + 1);
            keys.add(g);
            if (random.nextInt(20) == 0) {
                values.add(null);
            } else {
                values.add(x);
                byGroup.get(g).add(x);
            }
        }
        DataFrame frame = DataFrame.of(Series.of("g", keys), Series.of("x", values));
        for (int threads : new int[] {1, 3}) {
            for (int morsel : new int[] {997, 65_536}) {
                try (Session session = Session.create().threads(threads).morselRows(morsel)) {
                    DataFrame out = session.collect(frame.lazy().groupBy("g").agg(col("x").skew().alias("skew"),
                            col("x").skew(true).alias("g1"), col("x").kurtosis().alias("kurt"),
                            col("x").kurtosis(true).alias("g2")).sort("g"));
                    for (int g = 0; g < groups; g++) {
                        double[] expected = reference(byGroup.get(g));
                        assertThat(out.row(g).getDouble("skew")).as("skew of %s", g).isCloseTo(expected[0], within(1e-9 * Math.max(1, Math.abs(expected[0]))));
                        assertThat(out.row(g).getDouble("g1")).isCloseTo(expected[1], within(1e-9 * Math.max(1, Math.abs(expected[1]))));
                        assertThat(out.row(g).getDouble("kurt")).isCloseTo(expected[2], within(1e-9 * Math.max(1, Math.abs(expected[2]))));
                        assertThat(out.row(g).getDouble("g2")).isCloseTo(expected[3], within(1e-9 * Math.max(1, Math.abs(expected[3]))));
                    }
                }
            }
        }
    }

    /** Sample skewness G1, population g1, sample excess kurtosis G2, population g2, from exact two-pass sums. */
    private static double[] reference(List<Double> xs) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (double x : xs) {
            sum = sum.add(new java.math.BigDecimal(x));
        }
        java.math.MathContext context = new java.math.MathContext(60);
        java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(xs.size()), context);
        java.math.BigDecimal m2 = java.math.BigDecimal.ZERO;
        java.math.BigDecimal m3 = java.math.BigDecimal.ZERO;
        java.math.BigDecimal m4 = java.math.BigDecimal.ZERO;
        for (double x : xs) {
            java.math.BigDecimal d = new java.math.BigDecimal(x).subtract(mean, context);
            java.math.BigDecimal d2 = d.multiply(d, context);
            m2 = m2.add(d2, context);
            m3 = m3.add(d2.multiply(d, context), context);
            m4 = m4.add(d2.multiply(d2, context), context);
        }
        double n = xs.size();
        double g1 = Math.sqrt(n) * m3.doubleValue() / Math.pow(m2.doubleValue(), 1.5);
        double g2 = n * m4.doubleValue() / (m2.doubleValue() * m2.doubleValue()) - 3;
        return new double[] {g1 * Math.sqrt(n * (n - 1)) / (n - 2), g1,
                (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6), g2};
    }

    @Test
    void productsAgreeOverMorselsAndWorkers() {
        SplittableRandom random = new SplittableRandom(5);
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        double[] expected = {1, 1, 1};
        boolean[] any = new boolean[3];
        for (int i = 0; i < 30_000; i++) {
            int g = random.nextInt(2); // group 2 has only nulls
            keys.add(g);
            double x = 1 + (random.nextDouble() - 0.5) / 1000;
            values.add(x);
            expected[g] *= x;
            any[g] = true;
        }
        keys.add(2);
        values.add(null);
        DataFrame frame = DataFrame.of(Series.of("g", keys), Series.of("x", values));
        for (int threads : new int[] {1, 3}) {
            try (Session session = Session.create().threads(threads).morselRows(1_000)) {
                DataFrame out = session.collect(frame.lazy().groupBy("g").agg(col("x").product().alias("p")).sort("g"));
                assertThat(out.row(0).getDouble("p")).isCloseTo(expected[0], within(1e-12 * expected[0]));
                assertThat(out.row(1).getDouble("p")).isCloseTo(expected[1], within(1e-12 * expected[1]));
                assertThat(out.row(2).isNull("p")).isTrue();
                assertThat(any[2]).isFalse();
            }
        }
    }

    @Test
    void tooFewValuesConstantsAndInfinities() {
        DataFrame frame = DataFrame.of(Series.of("g", 1, 1, 1, 2, 2, 2, 2, 3, 3),
                Series.of("x", 1.0, 2.0, 4.0, 3.0, 3.0, 3.0, 3.0, 1.0, 2.0));
        DataFrame out = frame.lazy().groupBy("g").agg(col("x").skew().alias("skew"), col("x").kurtosis().alias("kurt"),
                col("x").kurtosis(true).alias("g2")).sort("g").collect();
        assertThat(out.row(0).getDouble("skew")).isCloseTo(0.935219529582821, within(1e-12));
        assertThat(out.row(0).isNull("kurt")).isTrue(); // fewer than 4 values
        assertThat(out.row(0).getDouble("g2")).isCloseTo(-1.5, within(1e-12));
        assertThat(out.row(1).getDouble("skew")).isNaN(); // values that do not vary
        assertThat(out.row(1).isNull("kurt")).isTrue();
        assertThat(out.row(2).isNull("skew")).isTrue();
        assertThat(out.row(2).getDouble("g2")).isCloseTo(-2.0, within(1e-12));
        DataFrame infinite = DataFrame.of(Series.of("x", Double.POSITIVE_INFINITY, 2.0, 4.0, 5.0));
        assertThatThrownBy(() -> infinite.lazy().select(col("x").skew()).collect())
                .isInstanceOf(OutOfRangeException.class).hasMessageContaining("infinite or NaN");
    }
}
