package dev.floe.frame.exec.agg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MeanAccumulatorTest {
    @Test
    void integerMeansAreExactWhereTheSumsOverflowALong() {
        SplittableRandom random = new SplittableRandom(9);
        long[] extremes = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, -1, 1, 0};
        for (int round = 0; round < 200; round++) {
            int rows = random.nextInt(1, 400);
            int groupCount = random.nextInt(1, 5);
            long[] values = new long[rows];
            int[] groups = new int[rows];
            BigInteger[] sums = new BigInteger[groupCount];
            long[] counts = new long[groupCount];
            java.util.Arrays.fill(sums, BigInteger.ZERO);
            for (int i = 0; i < rows; i++) {
                values[i] = random.nextBoolean() ? extremes[random.nextInt(extremes.length)] : random.nextLong();
                groups[i] = random.nextInt(groupCount);
                sums[groups[i]] = sums[groups[i]].add(BigInteger.valueOf(values[i]));
                counts[groups[i]]++;
            }
            // two workers' halves, merged, and one worker alone agree with the exact mean
            int half = random.nextInt(rows + 1);
            MeanAccumulator first = accumulate(values, groups, 0, half, groupCount);
            MeanAccumulator second = accumulate(values, groups, half, rows - half, groupCount);
            int[] identity = new int[groupCount];
            for (int g = 0; g < groupCount; g++) {
                identity[g] = g;
            }
            first.merge(second, identity, groupCount);
            Vector merged = first.finish(identity);
            Vector alone = accumulate(values, groups, 0, rows, groupCount).finish(identity);
            for (int g = 0; g < groupCount; g++) {
                if (counts[g] == 0) {
                    assertThat(merged.isNull(g)).isTrue();
                    continue;
                }
                double exact = new BigDecimal(sums[g]).divide(BigDecimal.valueOf(counts[g]), MathContext.DECIMAL128)
                        .doubleValue();
                for (Vector result : List.of(merged, alone)) {
                    double mean = (Double) result.get(g);
                    assertThat(Math.abs(mean - exact)).as("round %d, group %d: %s vs %s", round, g, mean, exact)
                            .isLessThanOrEqualTo(Math.ulp(exact) * 4 + 1e-300);
                }
            }
        }
    }

    private static MeanAccumulator accumulate(long[] values, int[] groups, int from, int rows, int groupCount) {
        MeanAccumulator mean = new MeanAccumulator(DataType.INT64);
        mean.add(java.util.Arrays.copyOfRange(groups, from, from + rows), rows, groupCount,
                List.of(new LongVector(DataType.INT64, values, from, rows, null)), from);
        return mean;
    }
}
