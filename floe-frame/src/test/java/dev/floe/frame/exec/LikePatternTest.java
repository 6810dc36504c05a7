package dev.floe.frame.exec;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * LIKE's search for a literal run, eight places at a time, against a search place by place: at
 * every offset and length of the text, runs of one to twelve bytes, bytes that repeat (so that
 * many places are marked) and bytes with the high bit set (UTF-8, and the marks' borrows); then
 * patterns of several runs over a column against Java's own regular expressions.
 */
class LikePatternTest {
    private static int naive(byte[] data, int from, int to, byte[] run) {
        for (int i = from; i + run.length <= to; i++) {
            if (java.util.Arrays.equals(data, i, i + run.length, run, 0, run.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aRunIsFoundWhereASearchPlaceByPlaceFindsIt() {
        SplittableRandom random = new SplittableRandom(5);
        byte[][] alphabets = {{'a', 'b'}, {'a', 'b', 'c', 'd', 'e'}, {0, 1, (byte) 0x80, (byte) 0xFF, 'x'},
                {'s', 'p', 'e', 'c', 'i', 'a', 'l', ' '}};
        for (int round = 0; round < 20_000; round++) {
            byte[] alphabet = alphabets[random.nextInt(alphabets.length)];
            byte[] data = new byte[random.nextInt(60)];
            for (int i = 0; i < data.length; i++) {
                data[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] run = new byte[1 + random.nextInt(12)];
            if (data.length >= run.length && random.nextBoolean()) {
                int at = random.nextInt(data.length - run.length + 1);
                System.arraycopy(data, at, run, 0, run.length); // a run the text holds
            } else {
                for (int i = 0; i < run.length; i++) {
                    run[i] = alphabet[random.nextInt(alphabet.length)];
                }
            }
            int from = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            int to = from + random.nextInt(data.length - from + 1);
            assertThat(LikePattern.indexOf(data, from, to, run)).as("round %d", round)
                    .isEqualTo(naive(data, from, to, run));
        }
    }

    @Test
    void patternsOfSeveralRunsAgreeWithRegularExpressions() {
        SplittableRandom random = new SplittableRandom(9);
        String[] words = {"special", "requests", "spec", "ial", "re", "quests", "é", "ß", " ", "x"};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(12);
            for (int w = 0; w < n; w++) {
                text.append(words[random.nextInt(words.length)]);
            }
            texts.add(random.nextInt(30) == 0 ? null : text.toString());
        }
        DataFrame frame = DataFrame.of(Series.of("t", texts.toArray(String[]::new)));
        String[] patterns = {"%special%requests%", "%spec%ial%", "special%", "%requests", "%é%ß%", "%x%x%x%x%",
                "re%quests%", "%ialre%"};
        for (String pattern : patterns) {
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(pattern).replace("%", "\\E.*\\Q"), java.util.regex.Pattern.DOTALL);
            DataFrame answer = frame.lazy().select(col("t").str().like(pattern).alias("m")).collect();
            for (int row = 0; row < texts.size(); row++) {
                String text = texts.get(row);
                Object expected = text == null ? null : regex.matcher(text).matches();
                assertThat(answer.get(row, "m")).as("%s LIKE %s", text, pattern).isEqualTo(expected);
            }
        }
    }
}
