package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A filter with a lower and an upper bound on one column (tested in one pass) keeps the rows a
 * row-by-row reference keeps: whole numbers of 32 and 64 bits and dates, nulls, values and bounds
 * at the ends of the type, strict and inclusive bounds, constants on either side, the upper bound
 * written first, empty ranges, and another condition between the two bounds.
 */
class RangeFilterTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(new ExecutionConfig(1, 4_096), new ExecutionConfig(2, 700));

    @Test
    void bothBoundsOfAColumnKeepWhatARowByRowTestKeeps() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 120; trial++) {
            DataType type = List.of(DataType.INT32, DataType.INT64, DataType.DATE).get(trial % 3);
            int rows = random.nextInt(0, 3_000);
            List<Object> xs = new ArrayList<>();
            List<Object> ys = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                Long value = random.nextInt(8) == 0 ? null : value(type, random);
                values.add(value);
                xs.add(value == null ? null : boxed(type, value));
                ys.add(random.nextInt(-5, 6));
            }
            DataFrame frame = DataFrame.of(Series.of("x", type, xs), Series.of("y", DataType.INT32, ys)).withRowIndex("row");
            long low = value(type, random);
            long high = random.nextInt(4) == 0 ? near(type, low, random.nextInt(-2, 3)) : value(type, random);
            boolean lowInclusive = random.nextBoolean();
            boolean highInclusive = random.nextBoolean();
            boolean middle = random.nextInt(3) == 0;
            Expr lower = bound(type, true, lowInclusive, low, random.nextBoolean());
            Expr upper = bound(type, false, highInclusive, high, random.nextBoolean());
            List<Expr> parts = new ArrayList<>(random.nextBoolean() ? List.of(lower, upper) : List.of(upper, lower));
            if (middle) {
                parts.add(1, col("y").gt(0));
            }
            Expr predicate = parts.get(0);
            for (int p = 1; p < parts.size(); p++) {
                predicate = predicate.and(parts.get(p));
            }
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                Long value = values.get(i);
                boolean keep = value != null && (lowInclusive ? value >= low : value > low)
                        && (highInclusive ? value <= high : value < high) && (!middle || (Integer) ys.get(i) > 0);
                if (keep) {
                    expected.add((long) i);
                }
            }
            for (ExecutionConfig config : CONFIGS) {
                DataFrame kept = frame.lazy().filter(predicate).collect(config);
                assertThat(kept.column("row").toList()).as("trial %d: %s, %s (low %d %s, high %d %s, middle %s)", trial, predicate, config, low, lowInclusive, high, highInclusive, middle).isEqualTo(expected);
            }
        }
    }

    /** A value of the type: mostly small, sometimes at an end of the type's range. */
    private static long value(DataType type, SplittableRandom random) {
        long min = type == DataType.INT64 ? Long.MIN_VALUE : type == DataType.INT32 ? Integer.MIN_VALUE : -1_000_000;
        long max = type == DataType.INT64 ? Long.MAX_VALUE : type == DataType.INT32 ? Integer.MAX_VALUE : 1_000_000;
        return switch (random.nextInt(10)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> random.nextBoolean() ? min + 1 : max - 1;
            default -> random.nextInt(-40, 41);
        };
    }

    /** {@code value + step}, kept within the type's range. */
    private static long near(DataType type, long value, int step) {
        long min = type == DataType.INT64 ? Long.MIN_VALUE : type == DataType.INT32 ? Integer.MIN_VALUE : -1_000_000;
        long max = type == DataType.INT64 ? Long.MAX_VALUE : type == DataType.INT32 ? Integer.MAX_VALUE : 1_000_000;
        return step < 0 ? (value < min - step ? min : value + step) : (value > max - step ? max : value + step);
    }

    private static Object boxed(DataType type, long value) {
        return switch (type.id()) {
            case INT32 -> (int) value;
            case DATE -> LocalDate.ofEpochDay(value);
            default -> value;
        };
    }

    /** {@code x > value} ({@code >=}) for a lower bound, {@code x < value} ({@code <=}) for an upper one, the constant written first or last. */
    private static Expr bound(DataType type, boolean lower, boolean inclusive, long value, boolean constantFirst) {
        Expr constant = lit(boxed(type, value), type);
        if (!constantFirst) {
            return lower ? (inclusive ? col("x").ge(constant) : col("x").gt(constant))
                    : (inclusive ? col("x").le(constant) : col("x").lt(constant));
        }
        // value < x is x > value
        return lower ? (inclusive ? constant.le(col("x")) : constant.lt(col("x")))
                : (inclusive ? constant.ge(col("x")) : constant.gt(col("x")));
    }
}
