package dev.floe.frame.exec.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileSelectTest {
    @Test
    void selectionFindsWhatASortPutsAtEachRank() {
        SplittableRandom random = new SplittableRandom(4);
        double[] pool = {Double.NaN, -0.0, 0.0, 1, 1, 1, -5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 2.5};
        for (int round = 0; round < 2_000; round++) {
            int n = random.nextInt(1, 60);
            double[] values = new double[n + 6];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : random.nextInt(-20, 20);
            }
            int from = random.nextInt(0, 4);
            int to = from + n;
            double[] sorted = Arrays.copyOfRange(values, from, to);
            Arrays.sort(sorted);
            int at = random.nextInt(n);
            double selected = QuantileAccumulator.select(values.clone(), from, to, from + at);
            assertThat(Double.compare(selected, sorted[at])).as("round %d", round).isZero();
        }
        double[] equal = new double[10_000];
        Arrays.fill(equal, 7);
        assertThat(QuantileAccumulator.select(equal, 0, equal.length, 5_000)).isEqualTo(7);
    }
}
