package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.ExprPropertyTestAccess;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.QueryHandle;
import dev.floe.frame.Row;
import dev.floe.frame.Session;
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
            DataFrame expected;
            try (Session unbounded = Session.create().threads(2)) {
                expected = unbounded.collect(query);
            }
            for (int threads : new int[] {1, 3}) {
                try (Session small = Session.create().threads(threads).morselRows(4_096).memoryLimit("128k")
                        .tempDirectory(temp)) {
                    QueryHandle<DataFrame> running = small.submit(query.plan());
                    DataFrame actual = running.get();
                    assertThat(running.spilledBytes()).as("bytes spilled, %d threads", threads).isPositive();
                    assertThat(rows(actual)).as("%d threads", threads).isEqualTo(rows(expected));
                }
                try (var left = Files.list(temp)) {
                    assertThat(left.toList()).as("temporary files left").isEmpty();
                }
            }
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
            DataFrame expected;
            try (Session unbounded = Session.create().threads(2).morselRows(4_096)) {
                expected = unbounded.collect(query);
            }
            for (int threads : new int[] {1, 3}) {
                try (Session small = Session.create().threads(threads).morselRows(4_096).memoryLimit("128k")
                        .tempDirectory(temp)) {
                    QueryHandle<DataFrame> running = small.submit(query.plan());
                    DataFrame actual = running.get();
                    assertThat(running.spilledBytes()).as("bytes spilled, %d threads", threads).isPositive();
                    List<List<Object>> got = rows(actual);
                    List<List<Object>> want = rows(expected);
                    assertThat(got.size()).as("rows, %d threads", threads).isEqualTo(want.size());
                    for (int r = 0; r < want.size(); r++) {
                        assertThat(got.get(r)).as("row %d, %d threads\n%s", r, threads, query.explain())
                                .isEqualTo(want.get(r));
                    }
                }
                try (var left = Files.list(temp)) {
                    assertThat(left.toList()).as("temporary files left").isEmpty();
                }
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
