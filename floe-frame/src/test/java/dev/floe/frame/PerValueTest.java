package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.PerValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Functions whose settings come from the data ({@link PerValue}): each row computed with its own settings. */
class PerValueTest {
    /** {@code s LIKE p} for a column of patterns, the patterns' nulls giving null. */
    private static PerValue like(AtomicInteger binds) {
        return new PerValue() {
            @Override
            public int[] settings() {
                return new int[] {1};
            }

            @Override
            public Expr bind(List<Object> settings) {
                binds.incrementAndGet();
                String pattern = (String) settings.get(0);
                return pattern == null ? lit(null) : col(PerValue.input(0)).str().like(pattern, false, null);
            }

            @Override
            public DataType type() {
                return DataType.BOOLEAN;
            }
        };
    }

    @Test
    void eachRowMatchesItsOwnPatternAtOneAndThreeThreadsInBatchesOfAnySize() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> texts = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            texts.add(random.nextInt(20) == 0 ? null : LikeTest.word(random, "abü", random.nextInt(0, 6)));
            patterns.add(random.nextInt(15) == 0 ? null : LikeTest.word(random, "ab%_", random.nextInt(0, 4)));
        }
        DataFrame frame = DataFrame.of(Series.of("s", texts.toArray(String[]::new)),
                Series.of("p", patterns.toArray(String[]::new)));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 5_000), new ExecutionConfig(3, 7),
                new ExecutionConfig(2, 1))) {
            AtomicInteger binds = new AtomicInteger();
            DataFrame out = frame.lazy().select(PerValue.call(List.of(col("s"), col("p")), like(binds)).alias("m"))
                    .collect(config);
            assertThat(out.schema().type("m")).isEqualTo(DataType.BOOLEAN);
            for (int i = 0; i < texts.size(); i++) {
                Object expected = texts.get(i) == null || patterns.get(i) == null ? null
                        : ReferenceEvaluator.likeRegex(patterns.get(i), false, null).matcher(texts.get(i)).matches();
                assertThat(out.get(i, "m")).as("row %d: '%s' LIKE '%s' (%s)", i, texts.get(i), patterns.get(i), config)
                        .isEqualTo(expected);
            }
            long distinct = patterns.stream().distinct().count();
            // each distinct pattern compiled once (a few more where threads race to the same one), not once a row
            assertThat(binds.get()).as("bindings made").isBetween((int) distinct, (int) distinct * 3);
        }
    }

    @Test
    void settingsOfSeveralColumnsAndNumbersTakeEachTupleOnce() {
        // lpad(s, n, c) with n and c per row
        PerValue pad = new PerValue() {
            @Override
            public int[] settings() {
                return new int[] {1, 2};
            }

            @Override
            public Expr bind(List<Object> settings) {
                if (settings.contains(null)) {
                    return lit(null);
                }
                return col(PerValue.input(0)).str().padStart(((Number) settings.get(0)).intValue(), (String) settings.get(1));
            }

            @Override
            public DataType type() {
                return DataType.UTF8;
            }
        };
        DataFrame frame = DataFrame.of(Series.of("s", "ab", "c", null, "def", "g"), Series.of("n", java.util.Arrays.asList(4L, 3L, 2L, null, 1L)),
                Series.of("c", "*", "xy", "-", "+", "."));
        DataFrame out = frame.lazy().select(PerValue.call(List.of(col("s"), col("n"), col("c")), pad).alias("v"))
                .collect(new ExecutionConfig(2, 2));
        assertThat(out.column("v").toList()).containsExactly("**ab", "xyc", null, null, "g");
    }

    @Test
    void aBindingOfAnotherTypeThanTheCallsFailsNamingTheSettings() {
        PerValue wrong = new PerValue() {
            @Override
            public int[] settings() {
                return new int[] {1};
            }

            @Override
            public Expr bind(List<Object> settings) {
                return "b".equals(settings.get(0)) ? col(PerValue.input(0)) : col(PerValue.input(0)).str().like("a%");
            }

            @Override
            public DataType type() {
                return DataType.BOOLEAN;
            }
        };
        DataFrame frame = DataFrame.of(Series.of("s", "ab", "cd"), Series.of("p", "a", "b"));
        assertThatThrownBy(() -> frame.select(PerValue.call(List.of(col("s"), col("p")), wrong).alias("m")))
                .hasMessageContaining("gives str for the settings [b] where it gives bool");
    }
}
