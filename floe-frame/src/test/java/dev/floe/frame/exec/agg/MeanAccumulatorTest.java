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

    @Test
    void floatSumsAndMeansOfATableOfOneGroupAreThoseOfThatGroupAmongOthers() {
        // a table of one group adds in registers; the same rows as one group of two must give the
        // same bits (the same additions in the same order), and compensation keeps what cancels
        SplittableRandom random = new SplittableRandom(21);
        for (int round = 0; round < 100; round++) {
            int rows = random.nextInt(1, 300);
            double[] values = new double[rows];
            long[] bits = new long[(rows + 63) / 64];
            for (int i = 0; i < rows; i++) {
                values[i] = switch (random.nextInt(5)) {
                    case 0 -> 1e16 * (random.nextBoolean() ? 1 : -1);
                    case 1 -> random.nextInt(-3, 4);
                    case 2 -> random.nextDouble() * 1e-3;
                    default -> random.nextDouble() * 1e6 - 5e5;
                };
                if (random.nextInt(7) != 0) {
                    bits[i >>> 6] |= 1L << i;
                }
            }
            dev.floe.frame.column.Validity validity = dev.floe.frame.column.Validity.of(bits, rows);
            Vector input = new dev.floe.frame.column.DoubleVector(DataType.FLOAT64, values, validity);
            int[] alone = new int[rows];
            int[] amongOthers = new int[rows * 2];
            double[] interleaved = new double[rows * 2];
            long[] interleavedBits = new long[(rows * 2 + 63) / 64];
            for (int i = 0; i < rows; i++) {
                interleaved[2 * i] = values[i];
                interleaved[2 * i + 1] = random.nextDouble();
                amongOthers[2 * i + 1] = 1;
                if (validity == null || validity.isValid(i)) {
                    interleavedBits[(2 * i) >>> 6] |= 1L << (2 * i);
                }
                interleavedBits[(2 * i + 1) >>> 6] |= 1L << (2 * i + 1);
            }
            Vector other = new dev.floe.frame.column.DoubleVector(DataType.FLOAT64, interleaved,
                    dev.floe.frame.column.Validity.of(interleavedBits, rows * 2));
            SumAccumulator sumAlone = new SumAccumulator(DataType.FLOAT64, DataType.FLOAT64, "sum(x)");
            sumAlone.add(alone, rows, 1, List.of(input), 0);
            SumAccumulator sumAmong = new SumAccumulator(DataType.FLOAT64, DataType.FLOAT64, "sum(x)");
            sumAmong.add(amongOthers, rows * 2, 2, List.of(other), 0);
            MeanAccumulator meanAlone = new MeanAccumulator(DataType.FLOAT64);
            meanAlone.add(alone, rows, 1, List.of(input), 0);
            MeanAccumulator meanAmong = new MeanAccumulator(DataType.FLOAT64);
            meanAmong.add(amongOthers, rows * 2, 2, List.of(other), 0);
            Object sum = sumAlone.finish(new int[] {0}).get(0);
            assertThat(sum).as("round %d", round).isEqualTo(sumAmong.finish(new int[] {0, 1}).get(0));
            assertThat(meanAlone.finish(new int[] {0}).get(0)).as("round %d", round)
                    .isEqualTo(meanAmong.finish(new int[] {0, 1}).get(0));
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    exact = exact.add(new BigDecimal(values[i]));
                }
            }
            assertThat((Double) sum).as("round %d", round).isEqualTo(exact.doubleValue());
        }
        SumAccumulator cancelling = new SumAccumulator(DataType.FLOAT64, DataType.FLOAT64, "sum(x)");
        cancelling.add(new int[4], 4, 1, List.of(new dev.floe.frame.column.DoubleVector(DataType.FLOAT64,
                new double[] {1e16, 1, -1e16, 1}, null)), 0);
        assertThat(cancelling.finish(new int[] {0}).get(0)).isEqualTo(2.0);
    }

    private static MeanAccumulator accumulate(long[] values, int[] groups, int from, int rows, int groupCount) {
        MeanAccumulator mean = new MeanAccumulator(DataType.INT64);
        mean.add(java.util.Arrays.copyOfRange(groups, from, from + rows), rows, groupCount,
                List.of(new LongVector(DataType.INT64, values, from, rows, null)), from);
        return mean;
    }
}
