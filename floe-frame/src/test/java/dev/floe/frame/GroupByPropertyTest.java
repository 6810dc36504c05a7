package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.corr;
import static dev.floe.frame.expr.Exprs.len;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Group-by on random frames against a naive reference: rows grouped in a {@code LinkedHashMap}
 * (so in order of first appearance), each aggregate computed from the group's list of values.
 * Floats compare within a relative 1e-9: partial sums meet in an order that depends on the
 * number of threads.
 */
class GroupByPropertyTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 5), new ExecutionConfig(3, 4), new ExecutionConfig(4, 64),
            ExecutionConfig.fromEnvironment());

    /** An aggregation and how the reference computes it from a group's values. */
    record Case(Expr expr, String column, Function<List<Object>, Object> reference) {}

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String column : List.of("a", "b", "c", "e", "f", "h")) {
            cases.add(new Case(col(column).sum().alias(column + "_sum"), column, GroupByPropertyTest::sum));
            cases.add(new Case(col(column).mean().alias(column + "_mean"), column, GroupByPropertyTest::mean));
            cases.add(new Case(col(column).min().alias(column + "_min"), column, values -> extreme(values, false)));
            cases.add(new Case(col(column).max().alias(column + "_max"), column, values -> extreme(values, true)));
            cases.add(new Case(col(column).median().alias(column + "_median"), column,
                    values -> quantile(values, 0.5, true)));
            cases.add(new Case(col(column).quantile(0.3).alias(column + "_q30"), column,
                    values -> quantile(values, 0.3, false)));
            cases.add(new Case(col(column).std().alias(column + "_std"), column, values -> variance(values, true)));
            cases.add(new Case(col(column).var(0).alias(column + "_var0"), column, values -> variance0(values)));
        }
        for (String column : List.of("d", "dt", "u")) {
            cases.add(new Case(col(column).min().alias(column + "_min"), column, values -> extreme(values, false)));
            cases.add(new Case(col(column).max().alias(column + "_max"), column, values -> extreme(values, true)));
        }
        for (String column : List.of("a", "c", "s", "k", "t", "d", "dt", "u")) {
            cases.add(new Case(col(column).count().alias(column + "_count"), column,
                    values -> values.stream().filter(Objects::nonNull).count()));
            cases.add(new Case(col(column).first().alias(column + "_first"), column, values -> values.get(0)));
            cases.add(new Case(col(column).last().alias(column + "_last"), column,
                    values -> values.get(values.size() - 1)));
            cases.add(new Case(col(column).nUnique().alias(column + "_unique"), column,
                    values -> (long) new HashSet<>(values.stream().map(GroupByPropertyTest::normalized).toList()).size()));
        }
        for (String column : List.of("a", "b", "e", "h")) {
            cases.add(new Case(col(column).cast(DataType.INT128).sum().alias(column + "_wide_sum"), column,
                    GroupByPropertyTest::wideSum));
            cases.add(new Case(col(column).cast(DataType.INT128).mean().alias(column + "_wide_mean"), column,
                    GroupByPropertyTest::mean));
            cases.add(new Case(col(column).cast(DataType.INT128).max().alias(column + "_wide_max"), column,
                    values -> wide(extreme(values, true))));
            cases.add(new Case(col(column).cast(DataType.INT128).first().alias(column + "_wide_first"), column,
                    values -> wide(values.get(0))));
        }
        cases.add(new Case(col("s").min().alias("s_min"), "s", values -> extreme(values, false)));
        cases.add(new Case(col("k").max().alias("k_max"), "k", values -> extreme(values, true)));
        cases.add(new Case(len(), "a", values -> (long) values.size()));
        return cases;
    }

    @Test
    void everyAggregationAgreesWithTheReference() {
        List<Case> cases = cases();
        List<List<String>> keyChoices = List.of(List.of("k"), List.of("a"), List.of("s", "t"), List.of("c"),
                List.of("e", "k"), List.of("t"), List.of("d"), List.of("f", "h"), List.of("u"), List.of("dt", "k"));
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 80));
            List<String> keys = keyChoices.get(random.nextInt(keyChoices.size()));
            Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
            for (int row = 0; row < frame.height(); row++) {
                List<Object> key = new ArrayList<>();
                for (String k : keys) {
                    key.add(normalized(frame.get(row, k)));
                }
                groups.computeIfAbsent(key, x -> new ArrayList<>()).add(row);
            }
            // an i64 sum that a group takes beyond a long is refused, whatever the order of the rows
            List<Case> fitting = new ArrayList<>();
            for (Case c : cases) {
                boolean overflows = groups.values().stream().anyMatch(rows -> c.reference().apply(
                        rows.stream().map(row -> frame.get(row, c.column())).toList()) instanceof BigInteger
                        && !c.expr().outputName().contains("wide"));
                if (overflows) {
                    for (ExecutionConfig config : CONFIGS) {
                        assertThatThrownBy(() -> frame.lazy().groupBy(keys.toArray(String[]::new)).agg(c.expr())
                                .collect(config)).as("seed %d, %s, %s", seed, config, c.expr())
                                .isInstanceOf(OutOfRangeException.class).hasMessageContaining("does not fit i64");
                    }
                } else {
                    fitting.add(c);
                }
            }
            List<Expr> exprs = fitting.stream().map(Case::expr).toList();
            for (ExecutionConfig config : CONFIGS) {
                DataFrame out = frame.lazy().groupBy(keys.toArray(String[]::new)).agg(exprs).collect(config);
                assertThat(out.height()).as("seed %d, %s: groups", seed, config).isEqualTo(groups.size());
                int g = 0;
                for (Map.Entry<List<Object>, List<Integer>> group : groups.entrySet()) {
                    for (int k = 0; k < keys.size(); k++) {
                        assertThat(normalized(out.get(g, keys.get(k)))).as("seed %d, %s, group %d key", seed, config, g)
                                .isEqualTo(group.getKey().get(k));
                    }
                    for (Case c : fitting) {
                        List<Object> values = group.getValue().stream().map(row -> frame.get(row, c.column())).toList();
                        Object expected = c.reference().apply(values);
                        Object actual = out.get(g, c.expr().outputName());
                        assertClose(actual, expected, "seed " + seed + ", " + config + ", group " + group.getKey()
                                + ", " + c.expr());
                    }
                    g++;
                }
            }
        }
    }

    @Test
    void manyGroupsOfEveryKeyTypeGrowTheTablesAndMergeByPartition() {
        manyGroups(3_000, CONFIGS);
    }

    @Test
    void nestedFirstAndLastOfManyGroupsMergeByPartitionOnSeveralThreads() {
        // the partial tables of several workers merged into partitions at once: each partition's
        // first/last takes lists from the same partial stores (a race there lost or mixed values)
        int rows = 120_000;
        int distinct = 30_000;
        SplittableRandom random = new SplittableRandom(17);
        long[] keys = new long[rows];
        List<Object> lists = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            keys[i] = random.nextInt(distinct);
            lists.add(i % 7 == 3 ? null : List.of((long) i, keys[i]));
        }
        Map<Long, int[]> reference = new LinkedHashMap<>(); // first row, last row
        for (int i = 0; i < rows; i++) {
            int row = i;
            reference.computeIfAbsent(keys[i], k -> new int[] {row, row})[1] = i;
        }
        DataFrame frame = DataFrame.of(Series.of("k", keys), Series.of("v", DataType.listOf(DataType.INT64), lists));
        for (int round = 0; round < 3; round++) {
            for (ExecutionConfig config : List.of(new ExecutionConfig(2, 4_096), new ExecutionConfig(4, 2_048))) {
                DataFrame out = frame.lazy().groupBy("k").agg(col("v").first().alias("f"), col("v").last().alias("l"))
                        .collect(config);
                assertThat(out.height()).isEqualTo(reference.size());
                int g = 0;
                for (Map.Entry<Long, int[]> group : reference.entrySet()) {
                    String where = config + ", round " + round + ", group " + group.getKey();
                    assertThat(out.get(g, "k")).as(where).isEqualTo(group.getKey());
                    assertThat(out.get(g, "f")).as(where).isEqualTo(lists.get(group.getValue()[0]));
                    assertThat(out.get(g, "l")).as(where).isEqualTo(lists.get(group.getValue()[1]));
                    g++;
                }
            }
        }
    }

    @Test
    void nearlyUniqueKeysArePartitionedBeforeAggregating() {
        // from 4,096 rows in the first morsel, nine in ten keys distinct: rows go to partitions first
        manyGroups(1_000_000_000, List.of(new ExecutionConfig(2, 5_000), new ExecutionConfig(3, 4_096),
                new ExecutionConfig(4, 8_192)));
    }

    @Test
    void integerIdsUpToMillionsAreGroupedAsTheyFirstAppearWhetherLookedUpByIndexOrByHash() {
        // ids from 1 to 600,000 (beyond the small range every table indexes directly); early rows
        // whose ids lie far above the groups seen so far (1e6..2e6: hashed first, indexed once the
        // table has grown); ids too sparse to index at any time here (3e6..8e6), negatives,
        // values beyond any direct index, and nulls
        SplittableRandom random = new SplittableRandom(11);
        int rows = 400_000;
        Long[] keys = new Long[rows];
        long[] values = new long[rows];
        long[] early = new long[5_000];
        for (int i = 0; i < rows; i++) {
            int pick = random.nextInt(100);
            long key;
            if (i < early.length) {
                key = early[i] = 1_000_000L + random.nextInt(1_000_000);
            } else if (pick < 3) {
                key = 3_000_000L + random.nextInt(5_000_000);
            } else if (pick < 6) {
                key = early[random.nextInt(early.length)]; // seen before, when it was hashed
            } else if (pick < 8) {
                key = -random.nextInt(40_000);
            } else if (pick < 10) {
                key = (1L << 40) + random.nextInt(1_000);
            } else {
                key = 1 + random.nextInt(600_000);
            }
            keys[i] = pick == 99 ? null : key;
            values[i] = random.nextInt(1_000);
        }
        Map<Long, long[]> reference = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            long[] group = reference.computeIfAbsent(keys[i], k -> new long[2]);
            group[0] += values[i];
            group[1]++;
        }
        DataFrame frame = DataFrame.of(Series.of("k", DataType.INT64, Arrays.asList((Object[]) keys)),
                Series.of("v", values));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 65_536), new ExecutionConfig(3, 4_096))) {
            DataFrame out = frame.lazy().groupBy("k").agg(col("v").sum().alias("s"), len()).collect(config);
            assertThat(out.height()).as(config.toString()).isEqualTo(reference.size());
            int g = 0;
            for (Map.Entry<Long, long[]> group : reference.entrySet()) {
                String where = config + ", group " + g;
                assertThat(out.get(g, "k")).as(where).isEqualTo(group.getKey());
                assertThat(out.get(g, "s")).as(where).isEqualTo(group.getValue()[0]);
                assertThat(out.get(g, "len")).as(where).isEqualTo(group.getValue()[1]);
                g++;
            }
        }
    }

    private static void manyGroups(int distinct, List<ExecutionConfig> configs) {
        SplittableRandom random = new SplittableRandom(5);
        int rows = 20_000;
        List<Object> text = new ArrayList<>();
        List<Object> whole = new ArrayList<>();
        List<Object> real = new ArrayList<>();
        List<Object> small = new ArrayList<>();
        List<Object> category = new ArrayList<>();
        List<Object> v = new ArrayList<>();
        List<Object> w = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int id = random.nextInt(distinct);
            text.add(random.nextInt(50) == 0 ? null : "key-" + id + "-".repeat(id % 40));
            whole.add(random.nextInt(50) == 0 ? null : (long) id * 1_000_003L);
            real.add(random.nextInt(50) == 0 ? null : id / 8.0);
            small.add(random.nextInt(50) == 0 ? null : (short) (id - 1_500));
            category.add("c" + id % 700);
            v.add(random.nextInt(9) == 0 ? null : (long) random.nextInt(-1_000, 1_000));
            w.add(random.nextInt(9) == 0 ? null : random.nextInt(-4_000, 4_000) / 16.0);
        }
        DataFrame frame = DataFrame.of(Series.of("text", DataType.UTF8, text), Series.of("whole", DataType.INT64, whole),
                Series.of("real", DataType.FLOAT64, real), Series.of("small", DataType.INT16, small),
                Series.of("category", DataType.CATEGORICAL, category), Series.of("v", DataType.INT64, v),
                Series.of("w", DataType.FLOAT64, w));
        List<Expr> aggs = List.of(len(), col("v").sum().alias("v_sum"), col("w").mean().alias("w_mean"),
                col("w").min().alias("w_min"), col("v").first().alias("v_first"), col("w").last().alias("w_last"),
                col("v").nUnique().alias("v_unique"), col("w").median().alias("w_median"),
                col("w").std().alias("w_std"), col("v").list().alias("v_list"), col("category").max().alias("c_max"));
        for (List<String> keys : List.of(List.of("text"), List.of("whole"), List.of("real"), List.of("small"),
                List.of("category"), List.of("text", "small"), List.of("category", "real", "text"),
                List.of("whole", "small", "category"), List.of("small", "category"))) {
            Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
            for (int row = 0; row < rows; row++) {
                List<Object> key = new ArrayList<>();
                for (String k : keys) {
                    key.add(frame.get(row, k));
                }
                groups.computeIfAbsent(key, x -> new ArrayList<>()).add(row);
            }
            for (ExecutionConfig config : configs) {
                DataFrame out = frame.lazy().groupBy(keys.toArray(String[]::new)).agg(aggs).collect(config);
                assertThat(out.height()).as("%s, %s: groups", keys, config).isEqualTo(groups.size());
                int g = 0;
                for (Map.Entry<List<Object>, List<Integer>> group : groups.entrySet()) {
                    String where = keys + ", " + config + ", group " + g;
                    for (int k = 0; k < keys.size(); k++) {
                        assertThat(out.get(g, keys.get(k))).as(where).isEqualTo(group.getKey().get(k));
                    }
                    List<Object> vs = group.getValue().stream().map(v::get).toList();
                    List<Object> ws = group.getValue().stream().map(w::get).toList();
                    assertThat(out.get(g, "len")).as(where).isEqualTo((long) vs.size());
                    assertThat(out.get(g, "v_sum")).as(where).isEqualTo(sum(vs));
                    assertClose(out.get(g, "w_mean"), mean(ws), where);
                    assertThat(out.get(g, "w_min")).as(where).isEqualTo(extreme(ws, false));
                    assertThat(out.get(g, "v_first")).as(where).isEqualTo(vs.get(0));
                    assertThat(out.get(g, "w_last")).as(where).isEqualTo(ws.get(ws.size() - 1));
                    assertThat(out.get(g, "v_unique")).as(where).isEqualTo((long) new HashSet<>(vs).size());
                    assertClose(out.get(g, "w_median"), quantile(ws, 0.5, true), where);
                    assertClose(out.get(g, "w_std"), variance(ws, true), where);
                    assertThat(out.get(g, "v_list")).as(where).isEqualTo(vs);
                    assertThat(out.get(g, "c_max")).as(where).isEqualTo(extreme(group.getValue().stream()
                            .map(category::get).toList(), true));
                    g++;
                }
            }
        }
    }

    @Test
    void categoricalKeysMadePerMorselGroupByTheirText() {
        // a cast to categorical per morsel gives each morsel a dictionary of its own, its codes
        // in the order that morsel meets the values: workers' tables must still agree on a value
        SplittableRandom random = new SplittableRandom(8);
        String[] values = new String[6_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(30) == 0 ? null : "v" + random.nextInt(1_500);
        }
        DataFrame frame = DataFrame.of(Series.of("s", values));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame asText = frame.lazy().groupBy(col("s").alias("k")).agg(len()).collect(config);
            DataFrame asCategory = frame.lazy().groupBy(col("s").cast(DataType.CATEGORICAL).alias("k")).agg(len())
                    .collect(config);
            assertThat(asCategory.schema().type("k")).isEqualTo(DataType.CATEGORICAL);
            assertThat(asCategory.toMaps()).as("%s", config).isEqualTo(asText.toMaps());
            assertThat(frame.lazy().select(col("s").cast(DataType.CATEGORICAL)).unique().collect(config).height())
                    .isEqualTo(asText.height());
        }
    }

    @Test
    void covarianceAgreesWithATwoPassReference() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 80));
            // the pairs of (a, c) where both are present and c is a number, by group of k in order of appearance
            Map<Object, List<double[]>> pairs = new LinkedHashMap<>();
            for (int row = 0; row < frame.height(); row++) {
                List<double[]> group = pairs.computeIfAbsent(frame.get(row, "k"), key -> new ArrayList<>());
                Object a = frame.get(row, "a");
                Object c = frame.get(row, "c");
                if (a != null && c != null && !((Double) c).isNaN()) {
                    group.add(new double[] {((Number) a).doubleValue(), (Double) c});
                }
            }
            LazyFrame numbers = frame.lazy().filter(col("c").isNan().not().or(col("c").isNull()));
            for (ExecutionConfig config : CONFIGS) {
                DataFrame out = numbers.groupBy("k").agg(Exprs.cov(col("a"), col("c"), 1).alias("sample"),
                        Exprs.cov(col("a"), col("c"), 0).alias("population")).collect(config);
                for (int g = 0; g < out.height(); g++) {
                    List<double[]> group = pairs.get(out.get(g, "k"));
                    for (int ddof = 0; ddof <= 1; ddof++) {
                        Double expected = null;
                        if (group.size() > ddof) {
                            double mx = group.stream().mapToDouble(p -> p[0]).average().orElseThrow();
                            double my = group.stream().mapToDouble(p -> p[1]).average().orElseThrow();
                            expected = group.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum()
                                    / (group.size() - ddof);
                        }
                        assertClose(out.get(g, ddof == 1 ? "sample" : "population"), expected,
                                "seed " + seed + ", " + config + ", group " + out.get(g, "k") + ", ddof " + ddof);
                    }
                }
            }
        }
        assertThatThrownBy(() -> Exprs.cov(col("a"), col("c"), -1)).hasMessageContaining("ddof must be 0 or more");
    }

    @Test
    void aSelectOfAggregationsGivesOneRowEvenForNoRows() {
        DataFrame empty = DataFrame.empty(Schema.of("a", DataType.INT64, "x", DataType.FLOAT64));
        DataFrame out = empty.select(col("a").sum(), col("x").mean(), len(), col("a").max().alias("a_max"));
        FrameAssert.assertThat(out).hasShape(1, 4).hasRow(0, 0L, null, 0L, null);
        DataFrame some = DataFrame.of(Series.of("a", 1L, 2L, 3L), Series.of("x", 1.0, 2.0, 4.0));
        FrameAssert.assertThat(some.select(col("a").sum(), corr(col("a"), col("x")).pow(2).alias("r2")))
                .hasShape(1, 2).hasRow(0, 6L, Math.pow(0.9819805060619657, 2));
    }

    @Test
    void expressionsAroundAggregationsAreEvaluatedPerGroup() {
        DataFrame df = DataFrame.of(Series.of("k", "a", "a", "b"), Series.of("v1", 5L, 1L, 7L),
                Series.of("v2", 2L, 3L, 9L));
        DataFrame out = df.groupBy("k").agg(col("v1").max().sub(col("v2").min()).alias("range_v1_v2"));
        FrameAssert.assertThat(out).hasSchema("k", DataType.UTF8, "range_v1_v2", DataType.INT64)
                .hasRows(new Object[] {"a", 3L}, new Object[] {"b", -2L});
        DataFrame byExpr = df.groupBy(col("v1").mod(2).alias("odd")).agg(len());
        FrameAssert.assertThat(byExpr).hasRows(new Object[] {1L, 3L});
    }

    @Test
    void mistakesInAggregationsAreNamed() {
        LazyFrame lf = DataFrame.of(Series.of("k", "a"), Series.of("v", 1L), Series.of("s", "x")).lazy();
        assertThatThrownBy(() -> lf.groupBy("k").agg(col("v"))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("has no aggregation").hasMessageContaining(".sum()");
        assertThatThrownBy(() -> lf.groupBy("k").agg(col("v").sum().add(col("v")).alias("x")))
                .hasMessageContaining("uses column 'v' outside an aggregation");
        assertThatThrownBy(() -> lf.groupBy("k").agg(col("s").sum())).hasMessageContaining("sum needs numbers, not str");
        assertThatThrownBy(() -> lf.groupBy("k").agg(col("v").sum().sum())).hasMessageContaining("cannot contain another");
        assertThatThrownBy(() -> lf.groupBy("k").agg(col("v").sum(), col("v").mean()))
                .hasMessageContaining("two columns named 'v'");
        assertThatThrownBy(() -> col("v").quantile(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> lf.groupBy(new Expr[0])).hasMessageContaining("at least one key");
    }

    // ---- the reference ----------------------------------------------------------------------

    static Object normalized(Object value) {
        return value instanceof Double d && d == 0.0 ? 0.0 : value;
    }

    private static List<Object> present(List<Object> values) {
        return values.stream().filter(Objects::nonNull).toList();
    }

    static Object sum(List<Object> values) {
        List<Object> present = present(values);
        if (!present.isEmpty() && present.get(0) instanceof Double) {
            return present.stream().mapToDouble(v -> (Double) v).sum();
        }
        if (!present.isEmpty() && present.get(0) instanceof Float) {
            return (float) present.stream().mapToDouble(v -> (Float) v).sum();
        }
        BigInteger total = wideSum(values);
        return total.bitLength() <= 63 ? (Object) total.longValue() : total; // beyond a long: the engine must refuse
    }

    private static Object wide(Object value) {
        return value == null ? null : BigInteger.valueOf(((Number) value).longValue());
    }

    /** The exact sum of integers, as the sum in i128 gives it. */
    static BigInteger wideSum(List<Object> values) {
        BigInteger total = BigInteger.ZERO;
        for (Object v : present(values)) {
            total = total.add(BigInteger.valueOf(((Number) v).longValue()));
        }
        return total;
    }

    static Object mean(List<Object> values) {
        List<Object> present = present(values);
        return present.isEmpty() ? null : present.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum() / present.size();
    }

    @SuppressWarnings("unchecked")
    static Object extreme(List<Object> values, boolean max) {
        List<Object> present = present(values);
        if (present.isEmpty()) {
            return null;
        }
        if (present.get(0) instanceof Double) {
            List<Object> numbers = present.stream().filter(v -> !((Double) v).isNaN()).toList();
            if (numbers.isEmpty()) {
                return Double.NaN;
            }
            present = numbers;
        }
        Comparator<Object> order = present.get(0) instanceof String
                ? (x, y) -> Arrays.compare(((String) x).codePoints().toArray(), ((String) y).codePoints().toArray())
                : (x, y) -> ((Comparable<Object>) x).compareTo(y);
        return max ? present.stream().max(order).orElseThrow() : present.stream().min(order).orElseThrow();
    }

    static double[] sorted(List<Object> values) {
        return present(values).stream().mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
    }

    static Object quantile(List<Object> values, double q, boolean linear) {
        double[] sorted = sorted(values);
        if (sorted.length == 0) {
            return null;
        }
        double position = q * (sorted.length - 1);
        if (!linear) {
            return sorted[(int) Math.round(position)];
        }
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    static Object variance(List<Object> values, boolean root) {
        double[] x = sorted(values);
        if (x.length <= 1) {
            return null;
        }
        double mean = Arrays.stream(x).average().orElseThrow();
        double squares = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum();
        double variance = squares / (x.length - 1);
        return root ? Math.sqrt(variance) : variance;
    }

    static Object variance0(List<Object> values) {
        double[] x = sorted(values);
        if (x.length == 0) {
            return null;
        }
        double mean = Arrays.stream(x).average().orElseThrow();
        return Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length;
    }

    static void assertClose(Object actual, Object expected, String description) {
        if (actual instanceof Double && expected instanceof Long zero && zero == 0) {
            expected = 0.0; // the reference sums an all-null group without knowing the column is a float
        }
        if (actual instanceof Float && expected instanceof Long zero && zero == 0) {
            expected = 0f;
        }
        if (actual instanceof Float a && expected instanceof Float e) {
            assertThat(Math.abs(a - e)).as(description + ": %s vs %s", a, e)
                    .isLessThanOrEqualTo(1e-6f * Math.max(1, Math.abs(e)));
            return;
        }
        if (actual instanceof Double a && expected instanceof Double e) {
            if (e.isNaN() || a.isNaN()) {
                assertThat(a.isNaN()).as(description + ": %s vs %s", a, e).isEqualTo(e.isNaN());
            } else if (e.isInfinite()) {
                assertThat(a).as(description).isEqualTo(e);
            } else {
                assertThat(Math.abs(a - e)).as(description + ": %s vs %s", a, e)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(e)));
            }
        } else if (actual instanceof Number a && expected instanceof Number e && !(actual instanceof Double)
                && !(actual instanceof Float) && !(expected instanceof Double) && !(expected instanceof Float)) {
            assertThat(a.longValue()).as(description).isEqualTo(e.longValue());
        } else {
            assertThat(actual).as(description).isEqualTo(expected);
        }
    }
}
