package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The DataFrame API's text similarity (by characters), gcd, lcm, toHex, toBinary, bitwise
 * aggregates, mad, mode and entropy; the SQL spec and a differential test check them against DuckDB over ASCII.
 */
class NumberAndTextFunctionTest {
    private static List<Object> column(DataFrame df, String name) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < df.height(); i++) {
            values.add(df.get(i, name));
        }
        return values;
    }

    @Test
    void textSimilarityCountsCharactersAndKeepsNulls() {
        for (DataType type : new DataType[] {DataType.UTF8, DataType.CATEGORICAL}) {
            DataFrame df = DataFrame.of(Series.of("s", type, Arrays.asList("é", "日本語", "ca", null, "", "naïve")),
                    Series.of("t", type, Arrays.asList("e", "日本", "abc", "x", "", "naive")));
            DataFrame out = df.select(col("s").str().levenshtein(col("t")).alias("lev"),
                    col("s").str().damerauLevenshtein(col("t")).alias("dl"),
                    col("s").str().jaroSimilarity(col("t")).alias("jaro"),
                    col("s").str().levenshtein("日本").alias("toConstant"));
            assertThat(column(out, "lev")).as("%s", type).containsExactly(1L, 1L, 3L, null, 0L, 1L);
            assertThat(column(out, "dl")).as("%s", type).containsExactly(1L, 1L, 2L, null, 0L, 1L);
            assertThat(column(out, "toConstant")).as("%s", type).containsExactly(2L, 1L, 2L, null, 2L, 5L);
            // jaro of 日本語 and 日本: 2 matches, (2/3 + 2/2 + 2/2) / 3
            assertThat((Double) column(out, "jaro").get(1)).isEqualTo((2.0 / 3 + 1 + 1) / 3);
            assertThat(column(out, "jaro").get(4)).isEqualTo(0.0);
        }
    }

    @Test
    void hammingAndJaccardRefuseWhatHasNoValueNamingTheRow() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("abc", "ab", "")), Series.of("t",
                Arrays.asList("abd", "abc", "")));
        assertThatThrownBy(() -> df.select(col("s").str().hamming(col("t")).alias("h")))
                .hasMessageContaining("hamming needs texts of one length, got 2 and 3 characters (row 1)");
        assertThatThrownBy(() -> df.select(col("s").str().jaccard(col("t")).alias("j")))
                .hasMessageContaining("jaccard of two empty texts has no value (row 2)");
        DataFrame firstTwo = df.head(1);
        assertThat(firstTwo.select(col("s").str().hamming(col("t")).alias("h")).get(0, "h")).isEqualTo(1L);
        assertThat(df.select(col("s").str().jaccard("a").alias("j")).get(2, "j")).isEqualTo(0.0);
        assertThatThrownBy(() -> df.select(col("s").str().levenshtein(1).alias("x")))
                .hasMessageContaining("levenshtein needs str or cat, not i32");
    }

    @Test
    void damerauLevenshteinRefusesATableTooLargeByName() {
        String long1 = "ab".repeat(6_000);
        String long2 = "ba".repeat(6_000);
        DataFrame df = DataFrame.of(Series.of("s", List.of(long1)), Series.of("t", List.of(long2)));
        assertThatThrownBy(() -> df.select(col("s").str().damerauLevenshtein(col("t")).alias("d")))
                .hasMessageContaining("damerau_levenshtein of texts of 12000 and 12000 characters")
                .hasMessageContaining("use levenshtein");
        assertThat(df.select(col("s").str().levenshtein(col("t")).alias("d")).get(0, "d")).isEqualTo(2L);
    }

    @Test
    void gcdAndLcmAgreeWithBigIntegerAndFailPastI64() {
        SplittableRandom random = new SplittableRandom(3);
        List<Object> as = new ArrayList<>();
        List<Object> bs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long a = random.nextInt(3) == 0 ? random.nextLong(-1000, 1000) : random.nextLong(-3_000_000_000L, 3_000_000_000L);
            as.add(i % 50 == 0 ? null : a);
            bs.add(random.nextBoolean() ? a * random.nextLong(-5, 6) : random.nextLong(-3_000_000_000L, 3_000_000_000L));
        }
        DataFrame df = DataFrame.of(Series.of("a", DataType.INT64, as), Series.of("b", DataType.INT64, bs));
        DataFrame out = df.select(col("a").gcd(col("b")).alias("g"), col("a").lcm(col("b")).alias("l"));
        for (int i = 0; i < as.size(); i++) {
            if (as.get(i) == null) {
                assertThat(out.get(i, "g")).isNull();
                continue;
            }
            BigInteger a = BigInteger.valueOf((Long) as.get(i));
            BigInteger b = BigInteger.valueOf((Long) bs.get(i));
            BigInteger gcd = a.gcd(b);
            BigInteger lcm = a.signum() == 0 || b.signum() == 0 ? BigInteger.ZERO : a.multiply(b).abs().divide(gcd);
            assertThat(out.get(i, "g")).as("gcd(%s, %s)", a, b).isEqualTo(gcd.longValueExact());
            assertThat(out.get(i, "l")).as("lcm(%s, %s)", a, b).isEqualTo(lcm.longValueExact());
        }
        DataFrame extremes = DataFrame.of(Series.of("a", DataType.INT64, List.of(Long.MIN_VALUE, Long.MIN_VALUE)),
                Series.of("b", DataType.INT64, List.of(6L, 0L)));
        assertThat(extremes.head(1).select(col("a").gcd(col("b")).alias("g")).get(0, "g")).isEqualTo(2L);
        assertThatThrownBy(() -> extremes.select(col("a").gcd(col("b")).alias("g")))
                .isInstanceOf(OutOfRangeException.class).hasMessageContaining("gcd(-9223372036854775808, 0)")
                .hasMessageContaining("(row 1)");
        assertThatThrownBy(() -> extremes.select(col("a").lcm(col("b")).alias("l")))
                .isInstanceOf(OutOfRangeException.class).hasMessageContaining("lcm(-9223372036854775808, 6)");
        assertThatThrownBy(() -> df.select(col("a").gcd(1.5).alias("g"))).hasMessageContaining("gcd needs whole numbers");
    }

    @Test
    void hexAndBinaryWriteTwosComplementBitsAndTextBytes() {
        DataFrame df = DataFrame.of(Series.of("i", DataType.INT8, Arrays.asList((byte) 10, (byte) -1, (byte) 0, null)),
                Series.of("s", Arrays.asList("a", "é", "", null)));
        DataFrame out = df.select(col("i").toHex().alias("h"), col("i").toBinary().alias("b"),
                col("s").toHex().alias("sh"), col("s").toBinary().alias("sb"));
        assertThat(column(out, "h")).containsExactly("A", "F".repeat(16), "0", null);
        assertThat(column(out, "b")).containsExactly("1010", "1".repeat(64), "0", null);
        assertThat(column(out, "sh")).containsExactly("61", "C3A9", "", null);
        assertThat(column(out, "sb")).containsExactly("01100001", "1100001110101001", "", null);
        DataFrame wide = DataFrame.of(Series.of("w", DataType.INT64, List.of(-2L, Long.MAX_VALUE)))
                .select(col("w").cast(DataType.INT128).mul(col("w").cast(DataType.INT128)).alias("w"));
        assertThat(column(wide.select(col("w").toHex().alias("h")), "h")).containsExactly("4",
                BigInteger.valueOf(Long.MAX_VALUE).pow(2).toString(16).toUpperCase());
        assertThatThrownBy(() -> df.select(col("i").cast(DataType.FLOAT64).toHex().alias("h")))
                .hasMessageContaining("needs integers or text, not f64");
    }

    @Test
    void bitwiseAggregatesAgreeWithALoopPerGroupAtEveryThreadCount() {
        SplittableRandom random = new SplittableRandom(11);
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Map<Integer, long[]> expected = new HashMap<>(); // and, or, xor, count
        for (int i = 0; i < 20_000; i++) {
            int g = random.nextInt(40);
            keys.add(g);
            Long v = random.nextInt(10) == 0 ? null : random.nextInt(3) == 0 ? random.nextLong() : random.nextLong(0, 1 << 20);
            values.add(v);
            if (v != null) {
                long[] e = expected.computeIfAbsent(g, k -> new long[] {-1L, 0, 0, 0});
                e[0] &= v;
                e[1] |= v;
                e[2] ^= v;
                e[3]++;
            }
        }
        keys.add(99);
        values.add(null);
        DataFrame frame = DataFrame.of(Series.of("g", DataType.INT32, keys), Series.of("x", DataType.INT64, values));
        for (int threads : new int[] {1, 3}) {
            try (Session session = Session.create().threads(threads).morselRows(997)) {
                DataFrame out = session.collect(frame.lazy().groupBy("g").agg(col("x").bitwiseAnd().alias("and"),
                        col("x").bitwiseOr().alias("or"), col("x").bitwiseXor().alias("xor")).sort("g"));
                for (int row = 0; row < out.height(); row++) {
                    int g = ((Number) out.get(row, "g")).intValue();
                    long[] e = expected.get(g);
                    if (e == null) {
                        assertThat(Arrays.asList(out.get(row, "and"), out.get(row, "or"), out.get(row, "xor")))
                                .as("group %d has no values", g).containsOnlyNulls();
                        continue;
                    }
                    assertThat(out.get(row, "and")).as("and of %d at %d threads", g, threads).isEqualTo(e[0]);
                    assertThat(out.get(row, "or")).as("or of %d", g).isEqualTo(e[1]);
                    assertThat(out.get(row, "xor")).as("xor of %d", g).isEqualTo(e[2]);
                }
                assertThat(out.height()).isEqualTo(expected.size() + 1);
            }
        }
        DataFrame small = DataFrame.of(Series.of("x", DataType.INT16, List.of((short) 6, (short) 3)));
        DataFrame out = small.lazy().select(col("x").bitwiseAnd().alias("a"), col("x").bitwiseXor().alias("x"))
                .collect();
        assertThat(out.schema().type("a")).isEqualTo(DataType.INT16);
        assertThat(out.get(0, "a")).isEqualTo((short) 2);
        assertThat(out.get(0, "x")).isEqualTo((short) 5);
        assertThatThrownBy(() -> small.lazy().select(col("x").cast(DataType.FLOAT64).bitwiseOr().alias("o")).collect())
                .hasMessageContaining("bitwise_or needs integers, not f64");
    }

    @Test
    void madAndEntropyAgreeWithSortsAndCountsPerGroup() {
        SplittableRandom random = new SplittableRandom(5);
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Map<Integer, List<Double>> byGroup = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            int g = random.nextInt(30);
            keys.add(g);
            Double v = random.nextInt(12) == 0 ? null : (double) random.nextInt(-20, 20) / (1 + random.nextInt(3));
            values.add(v);
            List<Double> xs = byGroup.computeIfAbsent(g, k -> new ArrayList<>());
            if (v != null) {
                xs.add(v);
            }
        }
        keys.add(77);
        values.add(null);
        DataFrame frame = DataFrame.of(Series.of("g", DataType.INT32, keys), Series.of("x", DataType.FLOAT64, values));
        for (int threads : new int[] {1, 3}) {
            try (Session session = Session.create().threads(threads).morselRows(613)) {
                DataFrame out = session.collect(frame.lazy().groupBy("g").agg(col("x").mad().alias("mad"),
                        col("x").entropy().alias("h")).sort("g"));
                assertThat(out.height()).isEqualTo(byGroup.size() + 1);
                for (int row = 0; row < out.height(); row++) {
                    int g = ((Number) out.get(row, "g")).intValue();
                    List<Double> xs = byGroup.getOrDefault(g, List.of());
                    if (xs.isEmpty()) {
                        assertThat(out.get(row, "mad")).isNull();
                        assertThat(out.get(row, "h")).isEqualTo(0.0);
                        continue;
                    }
                    double median = median(xs);
                    List<Double> deviations = new ArrayList<>();
                    for (double x : xs) {
                        deviations.add(Math.abs(x - median));
                    }
                    assertThat((Double) out.get(row, "mad")).as("mad of %d at %d threads", g, threads)
                            .isEqualTo(median(deviations));
                    Map<Double, Integer> counts = new HashMap<>();
                    for (double x : xs) {
                        counts.merge(x == 0 ? 0.0 : x, 1, Integer::sum);
                    }
                    double entropy = 0;
                    for (int c : counts.values()) {
                        double p = (double) c / xs.size();
                        entropy -= p * Math.log(p) / Math.log(2);
                    }
                    assertThat((Double) out.get(row, "h")).as("entropy of %d", g)
                            .isCloseTo(entropy, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    @Test
    void modeAndEntropyOfEveryKindOfValueAgreeWithCountsPerGroup() {
        SplittableRandom random = new SplittableRandom(8);
        String[] words = {"a", "b", "é", "日本", "", "longer text of a group", "b "};
        double[] floats = {0.0, -0.0, Double.NaN, 1.5, -1.5, Double.POSITIVE_INFINITY, 3.0};
        int rows = 30_000;
        List<Object> keys = new ArrayList<>();
        List<Object> longs = new ArrayList<>();
        List<Object> doubles = new ArrayList<>();
        List<Object> texts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            keys.add(random.nextInt(2_000));
            boolean isNull = random.nextInt(9) == 0;
            longs.add(isNull ? null : random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(-4, 4));
            doubles.add(isNull ? null : floats[random.nextInt(floats.length)]);
            texts.add(isNull ? null : words[random.nextInt(words.length)] + (random.nextInt(4) == 0 ? random.nextInt(50) : ""));
        }
        keys.add(5_000);
        longs.add(null);
        doubles.add(null);
        texts.add(null);
        DataFrame frame = DataFrame.of(Series.of("g", DataType.INT32, keys), Series.of("l", DataType.INT64, longs),
                Series.of("d", DataType.FLOAT64, doubles), Series.of("s", DataType.UTF8, texts),
                Series.of("c", DataType.CATEGORICAL, texts));
        for (String column : List.of("l", "d", "s", "c")) {
            List<Object> values = column.equals("l") ? longs : column.equals("d") ? doubles : texts;
            // per group: each value's count and first row, -0.0 counted with 0.0 and every NaN as one
            Map<Integer, Map<Object, long[]>> expected = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Map<Object, long[]> counts = expected.computeIfAbsent((Integer) keys.get(i), k -> new HashMap<>());
                Object v = values.get(i);
                if (v != null) {
                    long[] seen = counts.computeIfAbsent(v instanceof Double d && d == 0 ? (Object) 0.0 : v,
                            k -> new long[] {0, Long.MAX_VALUE});
                    seen[0]++;
                    seen[1] = Math.min(seen[1], i);
                }
            }
            for (String limit : new String[] {null, "96k"}) {
                for (int threads : new int[] {1, 3}) {
                    Session made = Session.create().threads(threads).morselRows(701);
                    try (Session session = limit == null ? made : made.memoryLimit(limit)) {
                        QueryHandle<DataFrame> running = session.submit(frame.lazy().groupBy("g")
                                .agg(col(column).mode().alias("m"), col(column).entropy().alias("h")).sort("g").plan());
                        DataFrame out = running.get();
                        if (limit != null) {
                            assertThat(running.spilledBytes()).as("spilled under " + limit).isPositive();
                        }
                        assertThat(out.height()).isEqualTo(expected.size());
                        for (int row = 0; row < out.height(); row++) {
                            int g = ((Number) out.get(row, "g")).intValue();
                            Map<Object, long[]> counts = expected.get(g);
                            Object mode = null;
                            long[] best = null;
                            long total = 0;
                            for (Map.Entry<Object, long[]> e : counts.entrySet()) {
                                long[] seen = e.getValue();
                                total += seen[0];
                                if (best == null || seen[0] > best[0] || (seen[0] == best[0] && seen[1] < best[1])) {
                                    mode = e.getKey();
                                    best = seen;
                                }
                            }
                            double entropy = 0;
                            for (long[] seen : counts.values()) {
                                double p = (double) seen[0] / total;
                                entropy -= p * Math.log(p) / Math.log(2);
                            }
                            String at = column + " of group " + g + " at " + threads + " threads, limit " + limit;
                            assertThat(out.get(row, "m")).as("mode of " + at).isEqualTo(mode);
                            assertThat((Double) out.get(row, "h")).as("entropy of " + at)
                                    .isCloseTo(entropy + 0.0, org.assertj.core.data.Offset.offset(1e-12));
                        }
                    }
                }
            }
        }
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1) + (sorted.get(n / 2) - sorted.get(n / 2 - 1)) * 0.5;
    }
}
