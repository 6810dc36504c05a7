package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LIKE / ILIKE and text concatenation. */
class LikeTest {
    @Test
    void likeMatchesWhatTheRegularExpressionReferenceMatches() {
        String alphabet = "abAB%_ü\\";
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 300; round++) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                texts.add(random.nextInt(10) == 0 ? null : word(random, "abABü", random.nextInt(0, 6)));
            }
            String pattern = word(random, alphabet, random.nextInt(0, 5));
            boolean ignoreCase = random.nextBoolean();
            Character escape = random.nextBoolean() ? '\\' : null;
            if (escape != null && pattern.endsWith("\\")) {
                pattern = pattern + "%";
            }
            DataFrame frame = DataFrame.of(Series.of("s", texts.toArray(String[]::new)));
            for (DataType type : new DataType[] {DataType.UTF8, DataType.CATEGORICAL}) {
                DataFrame out = frame.select(col("s").cast(type).str().like(pattern, ignoreCase, escape).alias("m"));
                java.util.regex.Pattern reference = ReferenceEvaluator.likeRegex(pattern, ignoreCase,
                        escape == null ? null : String.valueOf(escape));
                for (int i = 0; i < texts.size(); i++) {
                    Object expected = texts.get(i) == null ? null : reference.matcher(texts.get(i)).matches();
                    assertThat(out.get(i, "m")).as("'%s' LIKE '%s' (ignore case %s, escape %s, %s)", texts.get(i),
                            pattern, ignoreCase, escape, type).isEqualTo(expected);
                }
            }
        }
    }

    /** Patterns of literal runs between %s (searched run after run) on longer texts, where runs overlap and repeat. */
    @Test
    void runsBetweenPercentSignsMatchWhatTheReferenceMatches() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 600; round++) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                texts.add(word(random, "abü", random.nextInt(0, 12)));
            }
            String pattern = word(random, "ab%ü", random.nextInt(0, 8));
            DataFrame frame = DataFrame.of(Series.of("s", texts.toArray(String[]::new)));
            DataFrame out = frame.select(col("s").str().like(pattern, false, null).alias("m"));
            java.util.regex.Pattern reference = ReferenceEvaluator.likeRegex(pattern, false, null);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(out.get(i, "m")).as("'%s' LIKE '%s'", texts.get(i), pattern)
                        .isEqualTo(reference.matcher(texts.get(i)).matches());
            }
        }
    }

    @Test
    void concatenationIsNullWhereEitherSideIsNull() {
        DataFrame frame = DataFrame.of(Series.of("a", new String[] {"x", null, "ü"}), Series.of("b", new String[] {"1", "2", null}));
        FrameAssert.assertThat(frame.select(col("a").str().concat(col("b")).alias("ab"),
                col("a").str().concat("!").alias("bang"), lit("<").str().concat(col("a")).alias("lt")))
                .hasColumnValues("ab", "x1", null, null)
                .hasColumnValues("bang", "x!", null, "ü!")
                .hasColumnValues("lt", "<x", null, "<ü");
    }

    static String word(SplittableRandom random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
