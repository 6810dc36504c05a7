package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static dev.floe.frame.expr.Exprs.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random expressions over random frames, evaluated by the engine and by the row-at-a-time
 * {@link ReferenceEvaluator}: every value must agree, whatever the thread count and morsel size.
 * Each case prints its seed, so a failure reproduces.
 */
class ExprPropertyTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 7), new ExecutionConfig(4, 3), new ExecutionConfig(3, 64),
            ExecutionConfig.fromEnvironment());

    /** A frame with nulls, small values (so ties, zeros and overflows of i8 happen) and every kind of column. */
    static DataFrame randomFrame(SplittableRandom random, int rows) {
        List<Object> a = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        List<Object> c = new ArrayList<>();
        List<Object> s = new ArrayList<>();
        List<Object> t = new ArrayList<>();
        List<Object> k = new ArrayList<>();
        List<Object> e = new ArrayList<>();
        String[] words = {"", "a", "ab", "b", "ü", "Z", "zz"};
        for (int i = 0; i < rows; i++) {
            a.add(nullOr(random, random.nextInt(-5, 6)));
            b.add(nullOr(random, random.nextInt(3) == 0 ? Long.MAX_VALUE - random.nextInt(3) : (long) random.nextInt(-9, 10)));
            c.add(nullOr(random, random.nextInt(20) == 0 ? Double.NaN : random.nextInt(-20, 21) / 4.0));
            s.add(nullOr(random, words[random.nextInt(words.length)]));
            t.add(nullOr(random, random.nextBoolean()));
            k.add(nullOr(random, words[random.nextInt(4)]));
            e.add(nullOr(random, (byte) random.nextInt(-128, 128)));
        }
        // the columns added later draw from a stream of their own, so the earlier ones stay as they were
        SplittableRandom more = random.split();
        List<Object> f = new ArrayList<>();
        List<Object> h = new ArrayList<>();
        List<Object> d = new ArrayList<>();
        List<Object> dt = new ArrayList<>();
        List<Object> u = new ArrayList<>();
        java.time.LocalDate epoch = java.time.LocalDate.of(2000, 1, 1);
        for (int i = 0; i < rows; i++) {
            f.add(nullOr(more, more.nextInt(-12, 13) / 4f));
            h.add(nullOr(more, (short) more.nextInt(-300, 300)));
            d.add(nullOr(more, epoch.plusDays(more.nextInt(-400, 400))));
            dt.add(nullOr(more, epoch.atStartOfDay().plusDays(more.nextInt(-400, 400))
                    .plus(more.nextLong(0, 86_400_000_000L), java.time.temporal.ChronoUnit.MICROS)));
            u.add(nullOr(more, java.time.Duration.of(more.nextLong(-5 * 86_400_000_000L, 5 * 86_400_000_000L),
                    java.time.temporal.ChronoUnit.MICROS)));
        }
        return DataFrame.of(Series.of("a", DataType.INT32, a), Series.of("b", DataType.INT64, b),
                Series.of("c", DataType.FLOAT64, c), Series.of("s", DataType.UTF8, s),
                Series.of("t", DataType.BOOLEAN, t), Series.of("k", DataType.CATEGORICAL, k),
                Series.of("e", DataType.INT8, e), Series.of("f", DataType.FLOAT32, f),
                Series.of("h", DataType.INT16, h), Series.of("d", DataType.DATE, d),
                Series.of("dt", DataType.DATETIME, dt), Series.of("u", DataType.DURATION, u));
    }

    /** A datetime-valued expression. */
    static Expr datetime(SplittableRandom random, int depth) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(6);
        return switch (choice) {
            case 0 -> col("dt");
            case 1 -> col("d").cast(DataType.DATETIME);
            case 2 -> datetime(random, depth - 1).add(duration(random, depth - 1));
            case 3 -> col("d").sub(duration(random, depth - 1));
            case 4 -> when(bool(random, depth - 1)).then(datetime(random, depth - 1)).otherwise(col("d").cast(DataType.DATETIME));
            default -> duration(random, depth - 1).add(col("d"));
        };
    }

    /** A duration-valued expression. */
    static Expr duration(SplittableRandom random, int depth) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(7);
        return switch (choice) {
            case 0 -> col("u");
            case 1 -> lit(java.time.Duration.ofMinutes(random.nextInt(-90, 90)));
            case 2 -> datetime(random, depth - 1).sub(datetime(random, depth - 1));
            case 3 -> col("d").sub(col("d").cast(DataType.DATETIME).cast(DataType.DATE));
            case 4 -> duration(random, depth - 1).mul(col("h").cast(DataType.INT64).clip(-3, 3));
            case 5 -> duration(random, depth - 1).floorDiv(lit(random.nextInt(-3, 4)));
            default -> duration(random, depth - 1).sub(duration(random, depth - 1));
        };
    }

    private static Object nullOr(SplittableRandom random, Object value) {
        return random.nextInt(7) == 0 ? null : value;
    }

    static Expr numeric(SplittableRandom random, int depth) {
        int choice = depth <= 0 ? random.nextInt(5) : random.nextInt(18);
        return switch (choice) {
            case 0 -> col("a");
            case 1 -> col("b");
            case 2 -> col("c");
            case 3 -> col("e");
            case 4 -> random.nextBoolean() ? lit(random.nextInt(-3, 4)) : lit(random.nextInt(-8, 9) / 2.0);
            case 5, 6 -> {
                Expr left = numeric(random, depth - 1);
                Expr right = numeric(random, depth - 1);
                yield switch (random.nextInt(7)) {
                    case 0 -> left.add(right);
                    case 1 -> left.sub(right);
                    case 2 -> left.mul(right);
                    case 3 -> left.div(right);
                    case 4 -> left.floorDiv(right);
                    case 5 -> left.rem(right);
                    default -> left.mod(right);
                };
            }
            case 7 -> random.nextBoolean() ? numeric(random, depth - 1).neg() : numeric(random, depth - 1).abs();
            case 8 -> numeric(random, depth - 1).fillNull(lit(random.nextInt(-2, 3)));
            case 9 -> when(bool(random, depth - 1)).then(numeric(random, depth - 1)).otherwise(numeric(random, depth - 1));
            case 10 -> numeric(random, depth - 1).tryCast(random.nextBoolean() ? DataType.FLOAT64 : DataType.INT32);
            case 11 -> numeric(random, depth - 1).pow(lit(random.nextInt(0, 3)));
            case 12 -> {
                Expr x = numeric(random, depth - 1);
                yield switch (random.nextInt(9)) {
                    case 0 -> x.sqrt();
                    case 1 -> x.exp();
                    case 2 -> x.log();
                    case 3 -> x.log10();
                    case 4 -> random.nextBoolean() ? x.sin() : x.tan();
                    case 5 -> switch (random.nextInt(5)) {
                        case 0 -> x.cos();
                        case 1 -> x.arcsin();
                        case 2 -> x.arccos();
                        case 3 -> x.arctan();
                        default -> x.cbrt();
                    };
                    case 6 -> x.floor();
                    case 7 -> x.ceil();
                    default -> x.round(1);
                };
            }
            case 13 -> numeric(random, depth - 1).clip(-2, 3);
            case 14 -> random.nextBoolean() ? col("f") : col("h");
            case 15 -> {
                Expr t = datetime(random, depth - 1);
                yield switch (random.nextInt(5)) {
                    case 0 -> t.dt().year();
                    case 1 -> t.dt().month();
                    case 2 -> col("d").dt().day();
                    case 3 -> t.dt().hour();
                    default -> t.cast(DataType.INT64);
                };
            }
            case 16 -> duration(random, depth - 1).cast(DataType.INT64);
            default -> random.nextInt(4) == 0 ? text(random, depth - 1).str().lenBytes()
                    : text(random, depth - 1).str().len();
        };
    }

    static Expr text(SplittableRandom random, int depth) {
        int choice = depth <= 0 ? random.nextInt(3) : random.nextInt(8);
        return switch (choice) {
            case 6 -> {
                Expr x = text(random, depth - 1);
                yield switch (random.nextInt(10)) {
                    case 8 -> random.nextBoolean() ? x.toHex() : x.toBinary();
                    case 9 -> random.nextBoolean() ? numeric(random, depth - 1).tryCast(DataType.INT64).toHex()
                            : col("a").toBinary();
                    case 0 -> x.str().upper();
                    case 1 -> x.str().lower();
                    case 2 -> switch (random.nextInt(4)) {
                        case 0 -> x.str().strip();
                        case 1 -> x.str().strip("aü");
                        case 2 -> x.str().stripStart(random.nextBoolean() ? "Zz" : "ü");
                        default -> x.str().stripEnd("ab");
                    };
                    case 3 -> x.str().slice(random.nextInt(-3, 3), random.nextInt(0, 3));
                    case 4 -> x.str().replace("a", "xy");
                    case 5 -> x.str().head(random.nextInt(-3, 4));
                    case 6 -> x.str().tail(random.nextInt(-3, 4));
                    case 7 -> x.str().splitFirst("b");
                    default -> throw new IllegalStateException();
                };
            }
            case 7 -> col("k").str().upper();
            case 0 -> col("s");
            case 1 -> col("k");
            case 2 -> lit(random.nextBoolean() ? "a" : "ü");
            case 3 -> text(random, depth - 1).fillNull(lit("z"));
            case 4 -> when(bool(random, depth - 1)).then(text(random, depth - 1)).otherwise(text(random, depth - 1));
            default -> col("a").tryCast(DataType.UTF8);
        };
    }

    static Expr bool(SplittableRandom random, int depth) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(14);
        return switch (choice) {
            case 9 -> {
                Expr x = text(random, depth - 1);
                yield switch (random.nextInt(4)) {
                    case 0 -> x.str().contains("a");
                    case 1 -> x.str().startsWith("z");
                    case 2 -> x.str().endsWith("b");
                    default -> x.isIn("a", "ü", "zz");
                };
            }
            case 10 -> random.nextBoolean() ? col("a").isIn(1, 2, -3) : col("c").isIn(0.5, -1.25, 2.0);
            case 11 -> compare(random, datetime(random, depth - 1), datetime(random, depth - 1));
            case 12 -> compare(random, duration(random, depth - 1), duration(random, depth - 1));
            case 13 -> compare(random, col("d"), lit(java.time.LocalDate.of(2000, 1, 1).plusDays(random.nextInt(-100, 100))));
            case 0 -> col("t");
            case 1 -> lit(random.nextBoolean());
            case 2, 3 -> compare(random, numeric(random, depth - 1), numeric(random, depth - 1));
            case 4 -> compare(random, text(random, depth - 1), text(random, depth - 1));
            case 5 -> random.nextBoolean() ? bool(random, depth - 1).and(bool(random, depth - 1))
                    : bool(random, depth - 1).or(bool(random, depth - 1));
            case 6 -> bool(random, depth - 1).not();
            case 7 -> random.nextBoolean() ? numeric(random, depth - 1).isNull() : text(random, depth - 1).isNotNull();
            default -> bool(random, depth - 1).fillNull(lit(false));
        };
    }

    private static Expr compare(SplittableRandom random, Expr left, Expr right) {
        return switch (random.nextInt(6)) {
            case 0 -> left.eq(right);
            case 1 -> left.ne(right);
            case 2 -> left.lt(right);
            case 3 -> left.le(right);
            case 4 -> left.gt(right);
            default -> left.ge(right);
        };
    }

    @Test
    void selectAgreesWithTheReference() {
        for (long seed = 1; seed <= 150; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = randomFrame(random, random.nextInt(0, 40));
            List<Expr> exprs = List.of(numeric(random, 3).alias("n"), text(random, 3).alias("x"),
                    bool(random, 3).alias("p"));
            ReferenceEvaluator reference = new ReferenceEvaluator(frame.schema());
            List<List<Object>> expected = new ArrayList<>();
            try {
                for (Expr expr : exprs) {
                    expected.add(reference.evaluate(expr, frame));
                }
            } catch (ReferenceEvaluator.Overflow overflow) {
                for (ExecutionConfig config : CONFIGS) {
                    assertThatThrownBy(() -> frame.lazy().select(exprs).collect(config))
                            .as("seed %d, %s, %s: %s", seed, config, exprs, overflow.getMessage())
                            .isInstanceOf(OutOfRangeException.class);
                }
                continue;
            }
            for (ExecutionConfig config : CONFIGS) {
                DataFrame out = frame.lazy().select(exprs).collect(config);
                for (int e = 0; e < exprs.size(); e++) {
                    String name = exprs.get(e).outputName();
                    assertThat(out.column(name).toList()).as("seed %d, %s, %s", seed, config, exprs.get(e))
                            .isEqualTo(expected.get(e));
                }
            }
        }
    }

    @Test
    void filterKeepsExactlyTheRowsWhereThePredicateIsTrue() {
        for (long seed = 1; seed <= 150; seed++) {
            SplittableRandom random = new SplittableRandom(seed * 7919);
            DataFrame frame = randomFrame(random, random.nextInt(0, 60));
            Expr predicate = bool(random, 3);
            ReferenceEvaluator reference = new ReferenceEvaluator(frame.schema());
            List<Object> truth;
            try {
                truth = reference.evaluate(predicate, frame);
            } catch (ReferenceEvaluator.Overflow overflow) {
                for (ExecutionConfig config : CONFIGS) {
                    assertThatThrownBy(() -> frame.lazy().filter(predicate).collect(config))
                            .as("seed %d, %s, filter %s: %s", seed, config, predicate, overflow.getMessage())
                            .isInstanceOf(OutOfRangeException.class);
                }
                continue;
            }
            List<List<Object>> expected = new ArrayList<>();
            for (int row = 0; row < frame.height(); row++) {
                if (Boolean.TRUE.equals(truth.get(row))) {
                    expected.add(frame.row(row).toList());
                }
            }
            for (ExecutionConfig config : CONFIGS) {
                DataFrame out = frame.lazy().filter(predicate).collect(config);
                List<List<Object>> rows = new ArrayList<>();
                for (Row row : out) {
                    rows.add(row.toList());
                }
                assertThat(rows).as("seed %d, %s, filter %s", seed, config, predicate).isEqualTo(expected);
            }
        }
    }

    @Test
    void withColumnsReplacesInPlaceAndAppendsAgreeingWithTheReference() {
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed * 31);
            DataFrame frame = randomFrame(random, random.nextInt(0, 30));
            Expr replaced = numeric(random, 2).alias("b");
            Expr added = bool(random, 2).alias("new");
            ReferenceEvaluator reference = new ReferenceEvaluator(frame.schema());
            List<Object> replacedValues;
            List<Object> addedValues;
            try {
                replacedValues = reference.evaluate(replaced, frame);
                addedValues = reference.evaluate(added, frame);
            } catch (ReferenceEvaluator.Overflow overflow) {
                assertThatThrownBy(() -> frame.lazy().withColumns(replaced, added).collect(CONFIGS.get(1)))
                        .as("seed %d: %s", seed, overflow.getMessage()).isInstanceOf(OutOfRangeException.class);
                continue;
            }
            DataFrame out = frame.lazy().withColumns(replaced, added).collect(CONFIGS.get(1));
            List<String> expected = new ArrayList<>(frame.columns());
            expected.add("new");
            assertThat(out.columns()).containsExactlyElementsOf(expected);
            assertThat(out.column("b").toList()).as("seed %d, %s", seed, replaced).isEqualTo(replacedValues);
            assertThat(out.column("new").toList()).isEqualTo(addedValues);
            assertThat(out.column("s").toList()).isEqualTo(frame.column("s").toList());
        }
    }
}
