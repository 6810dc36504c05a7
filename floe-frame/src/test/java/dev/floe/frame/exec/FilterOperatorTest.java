package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.UnaryOperator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A filter that takes a conjunction part by part over a selection of rows keeps exactly the rows
 * where the whole predicate, evaluated on every row, is true: comparisons with constants on
 * either side, comparisons of two columns, and their negations (NaN, infinities, nulls, whole
 * numbers at their extremes, dates, text plain and categorical, decimals), other parts between
 * them, in every order; and a part that
 * would fail on a row an earlier part dropped does not fail.
 */
class FilterOperatorTest {
    private static final List<BinaryOperator> OPERATORS = List.of(BinaryOperator.EQ, BinaryOperator.NE,
            BinaryOperator.LT, BinaryOperator.LE, BinaryOperator.GT, BinaryOperator.GE);
    private static final DataType[] TYPES = {DataType.INT32, DataType.INT32, DataType.INT64, DataType.FLOAT64,
            DataType.DATE, DataType.INT16, DataType.INT64, DataType.DATE, DataType.FLOAT64, DataType.UTF8,
            DataType.CATEGORICAL, DataType.decimal(15, 2), DataType.UTF8, DataType.decimal(15, 2)};
    private static final String[] TEXTS = {"", "a", "ab", "b", "é", "aé", "B"};

    private static Object value(SplittableRandom random, DataType type) {
        return switch (type.id()) {
            case INT16 -> (short) random.nextInt(-3, 4);
            case INT32 -> random.nextInt(6) == 0 ? Integer.MIN_VALUE + random.nextInt(2) : random.nextInt(-3, 4);
            case INT64 -> random.nextInt(6) == 0 ? Long.MAX_VALUE - random.nextInt(2) : (long) random.nextInt(-3, 4);
            case FLOAT64 -> switch (random.nextInt(10)) {
                case 0 -> Double.NaN;
                case 1 -> Double.NEGATIVE_INFINITY;
                case 2 -> Double.POSITIVE_INFINITY;
                case 3 -> -0.0;
                default -> random.nextInt(-6, 7) / 2.0;
            };
            case DATE -> LocalDate.of(2000, 1, 1).plusDays(random.nextInt(-3, 4));
            case UTF8, CATEGORICAL -> TEXTS[random.nextInt(TEXTS.length)];
            case DECIMAL -> java.math.BigDecimal.valueOf(random.nextInt(6) == 0 ? 999_999_999_999_999L - random.nextInt(2)
                    : random.nextInt(-3, 4), type.scale());
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static Vector column(SplittableRandom random, DataType type, int rows, int skip, boolean nulls) {
        ColumnBuilder builder = ColumnBuilder.of(type, "x", rows + skip);
        for (int i = 0; i < rows + skip; i++) {
            if (nulls && random.nextInt(5) == 0) {
                builder.appendNull();
            } else {
                builder.append(value(random, type));
            }
        }
        return builder.build().chunk(0).slice(skip, rows);
    }

    /** A constant for a column of {@code type}: of its own type, or a whole number or float next to a float or whole column. */
    private static ExprCompiler.Constant constant(SplittableRandom random, DataType type) {
        if (type == DataType.FLOAT64 && random.nextInt(3) == 0) {
            return new ExprCompiler.Constant(DataType.INT64, (long) random.nextInt(-3, 4));
        }
        if (type == DataType.CATEGORICAL) {
            return new ExprCompiler.Constant(DataType.UTF8, TEXTS[random.nextInt(TEXTS.length)]);
        }
        if (type == DataType.INT32 && random.nextInt(3) == 0) {
            return new ExprCompiler.Constant(DataType.INT64, random.nextBoolean() ? (long) random.nextInt(-3, 4)
                    : Long.MIN_VALUE);
        }
        return new ExprCompiler.Constant(type, value(random, type));
    }

    private static PhysicalExpr part(SplittableRandom random, List<Vector> columns) {
        int index = random.nextInt(columns.size() - 1); // the last column is the row's number
        DataType type = columns.get(index).type();
        ExprCompiler.ColumnRef ref = new ExprCompiler.ColumnRef(index, type);
        BinaryOperator operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
        return switch (random.nextInt(6)) {
            case 0 -> new ExprCompiler.UnaryExpr(UnaryOperator.IS_NOT_NULL, ref, DataType.BOOLEAN, "is not null");
            case 1 -> {
                List<Integer> sameType = new ArrayList<>();
                for (int c = 0; c < columns.size() - 1; c++) {
                    if (columns.get(c).type() == type) {
                        sameType.add(c);
                    }
                }
                if (random.nextInt(5) == 0) {
                    yield new ExprCompiler.UnaryExpr(UnaryOperator.IS_NULL, ref, DataType.BOOLEAN, "is null");
                }
                int other = sameType.get(random.nextInt(sameType.size()));
                PhysicalExpr compare = new ExprCompiler.CompareExpr(operator, ref, new ExprCompiler.ColumnRef(other, type));
                yield random.nextInt(3) == 0
                        ? new ExprCompiler.UnaryExpr(UnaryOperator.NOT, compare, DataType.BOOLEAN, "not") : compare;
            }
            default -> {
                ExprCompiler.Constant c = constant(random, type);
                PhysicalExpr compare = random.nextBoolean() ? new ExprCompiler.CompareExpr(operator, ref, c)
                        : new ExprCompiler.CompareExpr(operator, c, ref);
                yield random.nextInt(3) == 0
                        ? new ExprCompiler.UnaryExpr(UnaryOperator.NOT, compare, DataType.BOOLEAN, "not") : compare;
            }
        };
    }

    @Test
    void aConjunctionKeepsTheRowsTheWholePredicateKeeps() {
        SplittableRandom random = new SplittableRandom(23);
        for (int round = 0; round < 400; round++) {
            int rows = random.nextInt(1, 300);
            int skip = random.nextInt(3);
            List<Vector> columns = new ArrayList<>();
            for (DataType type : TYPES) {
                columns.add(column(random, type, rows, skip, random.nextInt(4) != 0));
            }
            int[] numbers = new int[rows];
            for (int i = 0; i < rows; i++) {
                numbers[i] = i;
            }
            columns.add(new IntVector(DataType.INT32, numbers, null));
            Batch batch = new Batch(columns, rows, 1000);
            int parts = random.nextInt(1, 5);
            PhysicalExpr predicate = part(random, columns);
            for (int p = 1; p < parts; p++) {
                predicate = new ExprCompiler.LogicExpr(BinaryOperator.AND, predicate, part(random, columns));
            }
            Vector truth = predicate.evaluate(batch);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                if (!(truth instanceof NullVector) && !truth.isNull(i) && Boolean.TRUE.equals(truth.get(i))) {
                    expected.add(i);
                }
            }
            Batch kept = new FilterOperator(predicate).apply(batch);
            assertThat(kept.rows()).as("round %d: %s", round, predicate).isEqualTo(expected.size());
            List<Integer> actual = new ArrayList<>();
            IntVector keptNumbers = (IntVector) kept.columns().get(columns.size() - 1);
            for (int i = 0; i < kept.rows(); i++) {
                actual.add(keptNumbers.values()[keptNumbers.offset() + i]);
            }
            assertThat(actual).as("round %d: %s", round, predicate).isEqualTo(expected);
            for (int c = 0; c < columns.size(); c++) {
                assertThat(kept.columns().get(c).length()).isEqualTo(expected.size());
            }
        }
    }

    @Test
    void aPartThatWouldFailOnARowAnEarlierPartDroppedDoesNotFail() {
        ColumnBuilder text = ColumnBuilder.of(DataType.UTF8, "s", 4);
        for (String s : new String[] {"7", "abc", "1", "12"}) {
            text.append(s);
        }
        Vector s = text.build().chunk(0);
        Batch batch = new Batch(List.of(s), 4, 0);
        ExprCompiler.ColumnRef ref = new ExprCompiler.ColumnRef(0, DataType.UTF8);
        PhysicalExpr notWord = new ExprCompiler.CompareExpr(BinaryOperator.NE, ref,
                new ExprCompiler.Constant(DataType.UTF8, "abc"));
        PhysicalExpr cast = new ExprCompiler.CompareExpr(BinaryOperator.GT,
                new ExprCompiler.CastExpr(ref, DataType.INT32, true, "cast(s as int)"),
                new ExprCompiler.Constant(DataType.INT32, 1));
        Batch kept = new FilterOperator(new ExprCompiler.LogicExpr(BinaryOperator.AND, notWord, cast)).apply(batch);
        assertThat(kept.rows()).isEqualTo(2);
        assertThat(kept.columns().get(0).get(0)).isEqualTo("7");
        assertThat(kept.columns().get(0).get(1)).isEqualTo("12");
    }

    @Test
    void aPartAfterASelectivePartIsEvaluatedOnTheKeptRowsAloneAndItsErrorsNameTheirRow() {
        // 1,000 rows; k = 7 keeps every 100th (10 rows, few enough to be copied out), whose text
        // is a number; every other row's text is not, and a cast of it would fail
        int rows = 1_000;
        ColumnBuilder text = ColumnBuilder.of(DataType.UTF8, "s", rows);
        int[] k = new int[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = i % 100 == 3 ? 7 : i % 7;
            text.append(k[i] == 7 ? Integer.toString(i) : "x" + i);
        }
        Batch batch = new Batch(List.of(new IntVector(DataType.INT32, k, null), text.build().chunk(0)), rows, 5_000);
        ExprCompiler.ColumnRef key = new ExprCompiler.ColumnRef(0, DataType.INT32);
        ExprCompiler.ColumnRef s = new ExprCompiler.ColumnRef(1, DataType.UTF8);
        PhysicalExpr seven = new ExprCompiler.CompareExpr(BinaryOperator.EQ, key, new ExprCompiler.Constant(DataType.INT32, 7));
        PhysicalExpr large = new ExprCompiler.CompareExpr(BinaryOperator.GT,
                new ExprCompiler.CastExpr(s, DataType.INT32, true, "cast(s as int)"),
                new ExprCompiler.Constant(DataType.INT32, 500));
        Batch kept = new FilterOperator(new ExprCompiler.LogicExpr(BinaryOperator.AND, seven, large)).apply(batch);
        assertThat(kept.rows()).isEqualTo(5);
        for (int r = 0; r < kept.rows(); r++) {
            assertThat(kept.column(1).get(r)).isEqualTo(Integer.toString(503 + 100 * r));
        }
        // a kept row whose text is no number fails, naming its row of the whole input
        ColumnBuilder bad = ColumnBuilder.of(DataType.UTF8, "s", rows);
        for (int i = 0; i < rows; i++) {
            bad.append(k[i] == 7 && i != 403 ? Integer.toString(i) : "x" + i);
        }
        Batch failing = new Batch(List.of(new IntVector(DataType.INT32, k, null), bad.build().chunk(0)), rows, 5_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new FilterOperator(new ExprCompiler.LogicExpr(BinaryOperator.AND, seven, large)).apply(failing))
                .isInstanceOf(dev.floe.FloeException.class).hasMessageContaining("x403").hasMessageContaining("5403");
    }
}
