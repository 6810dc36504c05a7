package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A comparison with a constant, read in place, gives what the comparison with the constant
 * repeated on every row gives: every type, operator and side, nulls, NaN, slices that begin
 * inside their arrays, and categorical columns whose dictionaries are smaller and larger than
 * the batch.
 */
class ConstantComparisonTest {
    private static final List<BinaryOperator> OPERATORS = List.of(BinaryOperator.EQ, BinaryOperator.NE,
            BinaryOperator.LT, BinaryOperator.LE, BinaryOperator.GT, BinaryOperator.GE);
    private static final String[] WORDS = {"", "a", "ab", "b", "ü", "Z", "zz", "a\u0000",
        "twenty bytes long, a", "twenty bytes long, b"};

    private static Object value(SplittableRandom random, DataType type) {
        return switch (type.id()) {
            case INT8 -> (byte) random.nextInt(-3, 4);
            case INT16 -> (short) random.nextInt(-3, 4);
            case INT32 -> random.nextInt(3) == 0 ? Integer.MIN_VALUE + random.nextInt(2) : random.nextInt(-3, 4);
            case INT64 -> random.nextInt(3) == 0 ? Long.MAX_VALUE - random.nextInt(2) : (long) random.nextInt(-3, 4);
            case FLOAT32 -> random.nextInt(8) == 0 ? Float.NaN : random.nextInt(-6, 7) / 2f;
            case FLOAT64 -> switch (random.nextInt(10)) {
                case 0 -> Double.NaN;
                case 1 -> Double.NEGATIVE_INFINITY;
                case 2 -> -0.0;
                default -> random.nextInt(-6, 7) / 2.0;
            };
            case DATE -> java.time.LocalDate.of(2000, 1, 1).plusDays(random.nextInt(-3, 4));
            case UTF8, CATEGORICAL -> WORDS[random.nextInt(WORDS.length)];
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** {@code rows} random values of {@code type} (a quarter null), sliced to begin {@code skip} rows in. */
    private static Vector column(SplittableRandom random, DataType type, int rows, int skip) {
        ColumnBuilder builder = ColumnBuilder.of(type, "x", rows + skip);
        for (int i = 0; i < rows + skip; i++) {
            if (random.nextInt(4) == 0) {
                builder.appendNull();
            } else {
                builder.append(value(random, type));
            }
        }
        return builder.build().chunk(0).slice(skip, rows);
    }

    private static Vector single(DataType type, Object value) {
        return ColumnBuilder.of(type, "c", 1).append(value).build().chunk(0);
    }

    private static void assertSame(ByteVector expected, ByteVector actual, String what) {
        assertThat(actual.length()).isEqualTo(expected.length());
        for (int i = 0; i < expected.length(); i++) {
            assertThat(actual.isNull(i)).as(what + " null at " + i).isEqualTo(expected.isNull(i));
            if (!expected.isNull(i)) {
                assertThat(actual.get(i)).as(what + " at " + i).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void everyTypeOperatorAndSideAgreesWithTheRepeatedConstant() {
        List<DataType[]> pairs = List.of(new DataType[] {DataType.INT32, DataType.INT32},
                new DataType[] {DataType.INT32, DataType.INT64}, new DataType[] {DataType.INT64, DataType.INT32},
                new DataType[] {DataType.INT64, DataType.INT64}, new DataType[] {DataType.INT8, DataType.INT64},
                new DataType[] {DataType.INT16, DataType.INT16}, new DataType[] {DataType.FLOAT64, DataType.FLOAT64},
                new DataType[] {DataType.FLOAT32, DataType.FLOAT64}, new DataType[] {DataType.INT32, DataType.FLOAT64},
                new DataType[] {DataType.FLOAT64, DataType.INT64}, new DataType[] {DataType.DATE, DataType.DATE},
                new DataType[] {DataType.UTF8, DataType.UTF8}, new DataType[] {DataType.CATEGORICAL, DataType.UTF8},
                new DataType[] {DataType.UTF8, DataType.CATEGORICAL});
        SplittableRandom random = new SplittableRandom(7);
        for (DataType[] pair : pairs) {
            for (int round = 0; round < 40; round++) {
                // rows below and above the eight words, so both ways of reading a dictionary are taken
                int rows = random.nextInt(0, 20);
                Vector column = column(random, pair[0], rows, random.nextInt(0, 5));
                Vector constant = single(pair[1], value(random, pair[1]));
                for (BinaryOperator operator : OPERATORS) {
                    String what = pair[0] + " " + operator + " " + pair[1] + " " + constant.get(0);
                    ByteVector expected = ComparisonKernel.apply(operator, column, Kernels.repeat(constant, rows));
                    assertSame(expected, ComparisonKernel.applyConstant(operator, column, constant), what);
                    ByteVector flipped = ComparisonKernel.apply(operator, Kernels.repeat(constant, rows), column);
                    assertSame(flipped, ComparisonKernel.applyConstant(ComparisonKernel.swapped(operator), column,
                            constant), "swapped " + what);
                    // tested straight on a selection of the rows: keeps those whose comparison is true
                    List<Integer> some = new java.util.ArrayList<>();
                    for (int i = 0; i < rows; i++) {
                        if (random.nextInt(3) != 0) {
                            some.add(i);
                        }
                    }
                    int[] positions = some.stream().mapToInt(Integer::intValue).toArray();
                    int kept = ComparisonKernel.select(operator, false, column, constant, positions, positions.length);
                    if (kept >= 0) {
                        List<Integer> expectedKept = some.stream()
                                .filter(i -> !expected.isNull(i) && Boolean.TRUE.equals(expected.get(i))).toList();
                        assertThat(java.util.Arrays.stream(positions, 0, kept).boxed().toList()).as("selected " + what)
                                .isEqualTo(expectedKept);
                    }
                    // and under NOT: the rows whose comparison is false (not null)
                    int[] negatedPositions = some.stream().mapToInt(Integer::intValue).toArray();
                    int negatedKept = ComparisonKernel.select(operator, true, column, constant, negatedPositions,
                            negatedPositions.length);
                    if (negatedKept >= 0) {
                        List<Integer> expectedKept = some.stream()
                                .filter(i -> !expected.isNull(i) && Boolean.FALSE.equals(expected.get(i))).toList();
                        assertThat(java.util.Arrays.stream(negatedPositions, 0, negatedKept).boxed().toList())
                                .as("selected NOT " + what).isEqualTo(expectedKept);
                    }
                }
            }
        }
    }

    @Test
    void aRepeatedConstantIsTheValueOnEveryRow() {
        for (DataType type : List.of(DataType.INT8, DataType.INT32, DataType.INT64, DataType.FLOAT64, DataType.DATE,
                DataType.UTF8, DataType.CATEGORICAL)) {
            Vector one = single(type, value(new SplittableRandom(3), type));
            Vector repeated = Kernels.repeat(one.slice(0, 1), 5);
            assertThat(repeated.type()).isEqualTo(type);
            for (int i = 0; i < 5; i++) {
                assertThat(repeated.get(i)).isEqualTo(one.get(0));
            }
        }
        Vector none = ColumnBuilder.of(DataType.INT64, "c", 1).appendNull().build().chunk(0);
        assertThat(Kernels.repeat(none, 3).nullCount()).isEqualTo(3);
    }
}
