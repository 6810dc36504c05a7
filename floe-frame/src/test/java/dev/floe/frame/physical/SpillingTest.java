package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.ExprPropertyTestAccess;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.QueryHandle;
import dev.floe.frame.Row;
import dev.floe.frame.Session;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.SortKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a memory limit far below their data, operators spill to disk and still give exactly the
 * rows they give in memory, in the same order; and a query leaves no temporary file behind.
 */
@Tag("own-configuration")
class SpillingTest {
    @TempDir
    Path temp;

    @Test
    void aSortOverTheLimitSpillsRunsAndMergesThemIntoTheSameOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        DataFrame frame = ExprPropertyTestAccess.randomFrame(random, 20_000);
        List<LazyFrame> queries = List.of(
                frame.lazy().sort(SortKey.desc("c").nullsLast(), SortKey.asc("s"), SortKey.asc("a")),
                frame.lazy().filter(col("t").isNotNull()).sort(SortKey.asc("k"), SortKey.desc("dt")),
                frame.lazy().sort(SortKey.asc("e")).select(col("e"), col("q")));
        for (LazyFrame query : queries) {
            spillsAndMatches(query, "128k");
        }
    }

    @Test
    void aGroupByOverTheLimitSpillsRowsByPartitionAndGivesTheSameGroupsInTheSameOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        int n = 60_000;
        DataFrame frame = ExprPropertyTestAccess.randomFrame(random, n);
        long[] few = new long[n];
        long[] many = new long[n];
        for (int i = 0; i < n; i++) {
            few[i] = random.nextInt(3_000);
            many[i] = (i * 7919L) % n; // nearly every key distinct: rows go by partition from the start
        }
        frame = DataFrame.concatHorizontal(frame, DataFrame.of(dev.floe.frame.Series.of("few", few),
                dev.floe.frame.Series.of("many", many)));
        List<LazyFrame> queries = new ArrayList<>();
        for (String key : List.of("few", "many")) {
            queries.add(frame.lazy().groupBy(key).agg(col("a").sum().alias("sa"), col("s").first().alias("fs"),
                    col("c").last().alias("lc"), col("b").list().alias("lb"), col("c").median().alias("mc"),
                    col("s").nUnique().alias("us"), dev.floe.frame.expr.Exprs.len().alias("n")));
        }
        queries.add(frame.lazy().groupBy("k", "few").agg(col("e").max().alias("me"), col("q").last().alias("lq")));
        for (LazyFrame query : queries) {
            spillsAndMatches(query, "128k");
        }
    }

    @Test
    void nearlyUniqueKeysWhoseRowsFitButWhoseGroupsDoNotSpillBeforeTheGroupsAreBuilt() throws Exception {
        // nearly a group per row: workers hold their rows by partition (about 2.4 MB under a 6 MB
        // limit), and the partitions' tables, about 10 MB, would not fit beside them
        int n = 120_000;
        long[] key = new long[n];
        long[] small = new long[n];
        long[] value = new long[n];
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < n; i++) {
            key[i] = (i * 7919L) % n * 1_000_003L; // scattered, every one distinct
            small[i] = random.nextInt(4);
            value[i] = random.nextLong(-1_000, 1_000);
        }
        DataFrame frame = DataFrame.of(dev.floe.frame.Series.of("key", key), dev.floe.frame.Series.of("small", small),
                dev.floe.frame.Series.of("v", value));
        spillsAndMatches(frame.lazy().groupBy("key", "small").agg(col("v").sum().alias("sv"),
                dev.floe.frame.expr.Exprs.len().alias("n")), "6m");
    }

    @Test
    void aColumnSeveralAggregationsTakeIsSpilledOnce() throws Exception {
        int n = 200_000;
        long[] key = new long[n];
        long[] value = new long[n];
        SplittableRandom random = new SplittableRandom(41);
        for (int i = 0; i < n; i++) {
            key[i] = (i * 7919L) % n; // nearly every key distinct: the rows are held and spilled
            value[i] = random.nextLong(-1_000_000, 1_000_000);
        }
        DataFrame frame = DataFrame.of(dev.floe.frame.Series.of("key", key), dev.floe.frame.Series.of("v", value))
                .withColumns(col("v").add(1).alias("w"), col("v").add(2).alias("x"), col("v").add(3).alias("y"));
        LazyFrame rows = frame.lazy().filter(col("v").ne(1_000_000_000));
        // the same result columns either way: four aggregations of one column, or of four
        LazyFrame one = rows.groupBy("key").agg(col("v").sum().alias("a"), col("v").min().alias("b"),
                col("v").max().alias("c"), col("v").mean().alias("d"));
        LazyFrame four = rows.groupBy("key").agg(col("v").sum().alias("a"), col("w").min().alias("b"),
                col("x").max().alias("c"), col("y").mean().alias("d"));
        long[] spilled = new long[2];
        int q = 0;
        for (LazyFrame query : List.of(one, four)) {
            spillsAndMatches(query, "1m");
            try (Session small = Session.create().threads(1).morselRows(4_096).memoryLimit("1m").tempDirectory(temp)) {
                QueryHandle<DataFrame> running = small.submit(query.plan());
                running.get();
                spilled[q++] = running.spilledBytes();
            }
        }
        // one column read by four aggregations is written once with each spilled row, not four times
        assertThat(spilled[1]).isPositive();
        assertThat((double) spilled[0]).as("bytes spilled by aggregations of one column, against four columns")
                .isLessThan(spilled[1] * 0.9);
    }

    @Test
    void windowsAndUniqueOverTheLimitRunPartitionByPartitionFromDiskInTheSameOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        int n = 40_000;
        DataFrame frame = ExprPropertyTestAccess.randomFrame(random, n);
        long[] groups = new long[n];
        for (int i = 0; i < n; i++) {
            groups[i] = random.nextInt(2_000);
        }
        frame = DataFrame.concatHorizontal(frame, DataFrame.of(dev.floe.frame.Series.of("g", groups)));
        // a filter makes the input a stream (a frame alone is worked on where it lies)
        LazyFrame rows = frame.lazy().filter(col("e").isNull().or(col("e").ne(0)));
        dev.floe.frame.expr.WindowFrame three = dev.floe.frame.expr.WindowFrame.rows(
                dev.floe.frame.expr.WindowFrame.Bound.preceding(1), dev.floe.frame.expr.WindowFrame.Bound.following(1));
        List<LazyFrame> queries = List.of(
                rows.withColumns(col("a").sum().over("g").alias("ga"), col("c").mean().over("g").alias("gc"),
                        dev.floe.frame.expr.Exprs.rowNumber().over("g").orderBy(SortKey.desc("h")).alias("rn"),
                        col("h").sum().over("g").orderBy("dt").alias("run"),
                        col("s").first().over("g").orderBy("a").frame(three).alias("fs")),
                // categorical partition keys: each batch has its own dictionary
                rows.withColumns(col("h").max().over("k").alias("mk"), col("a").count().over("k").alias("ck")),
                // keeping first rows: a hash aggregation holding one row per key, here 40,000 keys
                rows.unique(List.of("g", "dt"), false),
                rows.select(col("k"), col("t"), col("dt")).unique(),
                rows.unique(List.of("g", "k"), true));
        for (LazyFrame query : queries) {
            spillsAndMatches(query, "128k");
        }
        // the first rows of 2,000 keys fit in 4 MiB (a table on each of three threads) where the
        // input's 40,000 (about 3 MB, reserved twice over to be held) do not: the input is not
        // held, nothing spills
        for (LazyFrame query : List.of(rows.unique("g"), rows.select(col("k"), col("t")).unique())) {
            DataFrame expected = query.collect();
            try (Session small = Session.create().threads(3).morselRows(4_096).memoryLimit("4m")
                    .tempDirectory(temp)) {
                QueryHandle<DataFrame> running = small.submit(query.plan());
                assertThat(rows(running.get())).isEqualTo(rows(expected));
                assertThat(running.spilledBytes()).isZero();
            }
        }
    }

    @Test
    void aJoinWhoseBuildSideIsOverTheLimitJoinsPartitionsFromDiskInTheSameOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        DataFrame left = withKey(ExprPropertyTestAccess.randomFrame(random, 12_000), "id", DataType.INT64, 2_000,
                random);
        DataFrame right = withKey(ExprPropertyTestAccess.randomFrame(random, 9_000), "rid", DataType.INT32, 2_500,
                random);
        // filters make both sides streams (a frame alone is joined where it lies)
        LazyFrame probe = left.lazy().filter(col("a").isNull().or(col("a").gt(-5)));
        LazyFrame build = right.lazy().filter(col("b").isNull().or(col("b").ne(0L)))
                .select(col("rid"), col("k").alias("rk"), col("s").alias("rs"), col("c").alias("rc"),
                        col("dt").alias("rdt"), col("q").alias("rq"), col("rid_tag"));
        List<LazyFrame> queries = new ArrayList<>();
        for (JoinType how : JoinType.values()) {
            if (how != JoinType.CROSS) {
                queries.add(probe.join(build, List.of("id"), List.of("rid"), how, "_r"));
            }
        }
        // two keys, one of them categorical, and a join with a further operator after it
        queries.add(probe.join(build, List.of("id", "k"), List.of("rid", "rk"), JoinType.FULL, "_r"));
        queries.add(probe.join(build, List.of("id"), List.of("rid"), JoinType.LEFT, "_r")
                .groupBy("k").agg(col("rc").sum().alias("src"), col("rs").first().alias("frs")));
        for (LazyFrame query : queries) {
            spillsAndMatches(query, "256k");
        }
    }

    @Test
    void aGroupByPartitionLargerThanTheLimitIsSplitAgainAndGivesTheSameGroupsInTheSameOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(21);
        // 6,000 keys that all fall in one first-level partition, five rows each, in random order:
        // that partition's groups alone need several times the limit
        long[] keys = keysOfOnePartition(6_000);
        int n = keys.length * 5;
        long[] column = new long[n];
        for (int i = 0; i < n; i++) {
            column[i] = keys[i % keys.length];
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = column[i];
            column[i] = column[j];
            column[j] = t;
        }
        DataFrame frame = DataFrame.concatHorizontal(ExprPropertyTestAccess.randomFrame(random, n),
                DataFrame.of(dev.floe.frame.Series.of("skewed", column)));
        LazyFrame query = frame.lazy().filter(col("a").isNull().or(col("a").gt(-5))).groupBy("skewed")
                .agg(col("a").sum().alias("sa"), col("s").first().alias("fs"), col("c").last().alias("lc"),
                        col("b").list().alias("lb"), col("c").median().alias("mc"),
                        dev.floe.frame.expr.Exprs.len().alias("n"));
        spillsAndMatches(query, "128k", true);
    }

    @Test
    void aSemiOrAntiJoinThatHashesItsSmallerLeftSideSpillsItAndGivesTheSameRowsInTheSameOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(29);
        DataFrame left = withKey(ExprPropertyTestAccess.randomFrame(random, 4_000), "id", DataType.INT64, 3_000,
                random);
        DataFrame right = withKey(ExprPropertyTestAccess.randomFrame(random, 30_000), "rid", DataType.INT32, 6_000,
                random);
        LazyFrame marked = left.lazy().filter(col("a").isNull().or(col("a").gt(-5)));
        LazyFrame looked = right.lazy().filter(col("b").isNull().or(col("b").ne(0L))).select(col("rid"), col("k"));
        for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
            LazyFrame query = marked.join(looked, List.of("id"), List.of("rid"), how, "_r");
            assertThat(query.explainPhysical()).contains("(build: left)");
            spillsAndMatches(query, "128k");
            // two keys, one of them categorical
            spillsAndMatches(marked.join(looked, List.of("id", "k"), List.of("rid", "k"), how, "_r"), "128k");
        }
    }

    @Test
    void aJoinPartitionLargerThanTheLimitIsSplitAgainAndGivesTheSameRowsInTheSameOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(23);
        // a build side of 4,000 keys that all fall in one first-level partition, two rows each:
        // that partition alone needs several times the limit
        long[] keys = keysOfOnePartition(4_000);
        int buildRows = keys.length * 2;
        List<Object> buildKeys = new ArrayList<>();
        for (int i = 0; i < buildRows; i++) {
            buildKeys.add(keys[random.nextInt(keys.length)]);
        }
        int probeRows = 10_000;
        List<Object> probeKeys = new ArrayList<>();
        for (int i = 0; i < probeRows; i++) {
            // most probe keys in the skewed partition, some elsewhere, a few null
            int pick = random.nextInt(10);
            probeKeys.add(pick == 0 ? null : pick == 1 ? (Object) (long) random.nextInt(1_000_000)
                    : (Object) keys[random.nextInt(keys.length)]);
        }
        DataFrame right = DataFrame.concatHorizontal(ExprPropertyTestAccess.randomFrame(random, buildRows),
                DataFrame.of(dev.floe.frame.Series.of("rid", DataType.INT64, buildKeys)));
        DataFrame left = DataFrame.concatHorizontal(ExprPropertyTestAccess.randomFrame(random, probeRows),
                DataFrame.of(dev.floe.frame.Series.of("id", DataType.INT64, probeKeys)));
        LazyFrame probe = left.lazy().filter(col("a").isNull().or(col("a").gt(-5)));
        LazyFrame build = right.lazy().filter(col("b").isNull().or(col("b").ne(0L)))
                .select(col("rid"), col("s").alias("rs"), col("c").alias("rc"), col("q").alias("rq"));
        for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.FULL, JoinType.SEMI, JoinType.ANTI)) {
            spillsAndMatches(probe.join(build, List.of("id"), List.of("rid"), how, "_r"), "128k", true);
        }
    }

    @Test
    void aJoinKeyWhoseBuildRowsAloneExceedTheLimitFailsNamingTheJoinAndTheLimit() throws Exception {
        SplittableRandom random = new SplittableRandom(29);
        int buildRows = 30_000;
        List<Object> buildKeys = new ArrayList<>();
        for (int i = 0; i < buildRows; i++) {
            // nine rows in ten have the key 7: no split can divide them
            buildKeys.add(random.nextInt(10) == 0 ? (Object) (long) random.nextInt(5_000) : (Object) 7L);
        }
        DataFrame right = DataFrame.concatHorizontal(ExprPropertyTestAccess.randomFrame(random, buildRows),
                DataFrame.of(dev.floe.frame.Series.of("rid", DataType.INT64, buildKeys)));
        List<Object> probeKeys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // the probe side has the key 7 too (a partition without probe rows is never joined)
            probeKeys.add(i % 100 == 0 ? 7L : (long) random.nextInt(5_000));
        }
        DataFrame left = DataFrame.of(dev.floe.frame.Series.of("id", DataType.INT64, probeKeys));
        LazyFrame query = left.lazy().filter(col("id").ne(-1L))
                .join(right.lazy().filter(col("rid").ne(-1L)).select(col("rid"), col("s"), col("c")),
                        List.of("id"), List.of("rid"), JoinType.INNER, "_r");
        for (int threads : new int[] {1, 3}) {
            try (Session small = Session.create().threads(threads).morselRows(4_096).memoryLimit("128k")
                    .tempDirectory(temp)) {
                assertThatThrownBy(() -> small.collect(query)).as("%d threads", threads)
                        .isInstanceOf(dev.floe.FloeException.class)
                        .hasMessageContaining("hash join")
                        .hasMessageContaining("build rows of one join key")
                        .hasMessageContaining("memory limit of 128 KiB")
                        .hasMessageContaining("memoryLimit(")
                        .hasMessageContaining("FLOE_MEMORY_LIMIT")
                        .hasMessageContaining("--memory-limit")
                        .hasMessageContaining("SET memory_limit");
            }
            try (var left2 = Files.list(temp)) {
                assertThat(left2.toList()).as("temporary files left").isEmpty();
            }
        }
    }

    @Test
    void aSemiOrAntiJoinKeyWithMoreBuildRowsThanTheLimitNeedsOnlyOneOfThemAndGivesTheSameRows() throws Exception {
        SplittableRandom random = new SplittableRandom(37);
        int buildRows = 30_000;
        List<Object> buildKeys = new ArrayList<>();
        for (int i = 0; i < buildRows; i++) {
            // nine rows in ten have the key 7 (more than the limit holds), a few have no key
            int draw = random.nextInt(100);
            buildKeys.add(draw < 90 ? (Object) 7L : draw < 92 ? null : (Object) (long) random.nextInt(5_000));
        }
        DataFrame right = DataFrame.concatHorizontal(ExprPropertyTestAccess.randomFrame(random, buildRows),
                DataFrame.of(dev.floe.frame.Series.of("rid", DataType.INT64, buildKeys)));
        List<Object> probeKeys = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            probeKeys.add(i % 100 == 0 ? 7L : i % 97 == 0 ? null : (Object) (long) random.nextInt(10_000));
        }
        DataFrame left = DataFrame.concatHorizontal(DataFrame.of(dev.floe.frame.Series.of("id", DataType.INT64, probeKeys)),
                ExprPropertyTestAccess.randomFrame(random, 4_000));
        for (JoinType how : new JoinType[] {JoinType.SEMI, JoinType.ANTI}) {
            LazyFrame query = left.lazy().filter(col("id").ne(-1L).or(col("id").isNull()))
                    .join(right.lazy().filter(col("rid").ne(-1L).or(col("rid").isNull())).select(col("rid"), col("s"),
                            col("c")), List.of("id"), List.of("rid"), how, "_r");
            DataFrame answer;
            try (Session unbounded = Session.create().threads(1)) {
                answer = unbounded.collect(query);
            }
            // the answer checked against the keys themselves, not only against the unbounded run
            java.util.Set<Object> present = new java.util.HashSet<>(buildKeys);
            present.remove(null);
            long expected = probeKeys.stream().filter(k -> k != null && present.contains(k) == (how == JoinType.SEMI))
                    .count() + (how == JoinType.ANTI ? probeKeys.stream().filter(java.util.Objects::isNull).count() : 0);
            assertThat(answer.height()).as("%s rows", how).isEqualTo(expected);
            spillsAndMatches(query, "128k");
        }
    }

    @Test
    void aGroupWhoseStateAloneExceedsTheLimitFailsNamingTheGroupByAndTheLimit() throws Exception {
        SplittableRandom random = new SplittableRandom(31);
        int n = 60_000;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // nine rows in ten in the group 3: its list of values alone is several times the limit
            keys[i] = random.nextInt(10) == 0 ? random.nextInt(2_000) : 3;
        }
        DataFrame frame = DataFrame.concatHorizontal(ExprPropertyTestAccess.randomFrame(random, n),
                DataFrame.of(dev.floe.frame.Series.of("g", keys)));
        LazyFrame query = frame.lazy().filter(col("a").isNull().or(col("a").gt(-5))).groupBy("g")
                .agg(col("b").list().alias("lb"), col("c").median().alias("mc"));
        for (int threads : new int[] {1, 3}) {
            try (Session small = Session.create().threads(threads).morselRows(4_096).memoryLimit("128k")
                    .tempDirectory(temp)) {
                assertThatThrownBy(() -> small.collect(query)).as("%d threads", threads)
                        .isInstanceOf(dev.floe.FloeException.class)
                        .hasMessageContaining("group-by")
                        .hasMessageContaining("the state of one group")
                        .hasMessageContaining("memory limit of 128 KiB")
                        .hasMessageContaining("SET memory_limit");
            }
            try (var left = Files.list(temp)) {
                assertThat(left.toList()).as("temporary files left").isEmpty();
            }
        }
    }

    /**
     * {@code count} distinct long keys whose hashes all fall in the same first-level spill
     * partition (as grouping and joining hash them), in increasing order.
     */
    private static long[] keysOfOnePartition(int count) {
        int candidates = count * dev.floe.frame.exec.Repartitioning.PARTITIONS * 2;
        long[] values = new long[candidates];
        for (int i = 0; i < candidates; i++) {
            values[i] = i;
        }
        int[][] rowsOf = dev.floe.frame.exec.Kernels.rowsByPartition(List.of(DataType.INT64),
                List.of(new dev.floe.frame.column.LongVector(DataType.INT64, values, null)), candidates,
                dev.floe.frame.exec.Repartitioning.PARTITIONS);
        assertThat(rowsOf[0].length).as("candidate keys in partition 0").isGreaterThanOrEqualTo(count);
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = rowsOf[0][i];
        }
        return keys;
    }

    /**
     * The frame with a key column (values below {@code distinct}, a tenth of them null) and a
     * categorical column of many values (a dictionary larger than a partition's share of a batch).
     */
    private static DataFrame withKey(DataFrame frame, String name, DataType type, int distinct,
            SplittableRandom random) {
        List<Object> keys = new ArrayList<>();
        List<Object> tags = new ArrayList<>();
        for (int i = 0; i < frame.height(); i++) {
            int key = random.nextInt(distinct);
            keys.add(random.nextInt(10) == 0 ? null : type == DataType.INT32 ? (Object) key : (Object) (long) key);
            tags.add(random.nextInt(20) == 0 ? null : "tag " + random.nextInt(5_000));
        }
        return DataFrame.concatHorizontal(frame, DataFrame.of(dev.floe.frame.Series.of(name, type, keys),
                dev.floe.frame.Series.of(name + "_tag", DataType.CATEGORICAL, tags)));
    }

    /**
     * Runs {@code query} unbounded, then under {@code limit} at one and three threads: it must
     * spill and give the same schema, rows and order, and leave no temporary file.
     */
    private void spillsAndMatches(LazyFrame query, String limit) throws Exception {
        spillsAndMatches(query, limit, false);
    }

    /** {@link #spillsAndMatches(LazyFrame, String)}; when {@code splitsAgain}, a spilled partition must have been split. */
    private void spillsAndMatches(LazyFrame query, String limit, boolean splitsAgain) throws Exception {
        DataFrame expected;
        try (Session unbounded = Session.create().threads(2).morselRows(4_096)) {
            expected = unbounded.collect(query);
        }
        for (int threads : new int[] {1, 3}) {
            try (Session small = Session.create().threads(threads).morselRows(4_096).memoryLimit(limit)
                    .tempDirectory(temp)) {
                QueryHandle<DataFrame> running = small.submit(query.plan());
                DataFrame actual = running.get();
                assertThat(running.spilledBytes()).as("bytes spilled, %d threads", threads).isPositive();
                if (splitsAgain) {
                    assertThat(running.repartitions()).as("partitions split again, %d threads", threads).isPositive();
                }
                assertThat(actual.schema()).isEqualTo(expected.schema());
                List<List<Object>> got = rows(actual);
                List<List<Object>> want = rows(expected);
                assertThat(got.size()).as(() -> "rows, " + threads + " threads\n" + query.explain())
                        .isEqualTo(want.size());
                for (int r = 0; r < want.size(); r++) {
                    int row = r;
                    assertThat(got.get(r)).as(() -> "row " + row + ", " + threads + " threads\n" + query.explain())
                            .isEqualTo(want.get(r));
                }
            }
            try (var left = Files.list(temp)) {
                assertThat(left.toList()).as("temporary files left").isEmpty();
            }
        }
    }

    private static List<List<Object>> rows(DataFrame frame) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : frame) {
            List<Object> values = new ArrayList<>();
            for (Object value : row.toList()) {
                values.add(value instanceof Double d && d.isNaN() ? "NaN" : value instanceof Float f && f.isNaN() ? "NaN"
                        : value);
            }
            rows.add(values);
        }
        return rows;
    }
}
