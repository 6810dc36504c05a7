package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.pool.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A subplan that occurs twice in a plan (here an aggregation joined with itself, as a correlated
 * subquery's decorrelation reads its outer query twice) is computed once and read by both
 * occurrences, with the answer the plan gives when each occurrence is computed apart; one
 * estimated larger than {@link PhysicalPlanner#SHARED_ROWS} rows is computed at each (its plan
 * is checked, not run: the suite also runs with morsels of 7 rows). Occurrences that read
 * different columns of the subplan share it with the columns all of them read. Rows that outgrow
 * the query's memory limit (the estimate was too low) are spilled and read back from the files by
 * every occurrence, in stream order.
 */
class SharedSubplanTest {
    private static DataFrame frame(int rows, int groups) {
        long[] keys = new long[rows];
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = (i * 7L) % groups;
            values[i] = i;
        }
        return DataFrame.of(Series.of("k", keys), Series.of("v", values));
    }

    private static LazyFrame selfJoin(LazyFrame sums) {
        return sums.join(sums.select(col("k"), col("s").alias("t")), JoinType.INNER, "k")
                .sort("k");
    }

    @Test
    void aRepeatedSubplanIsComputedOnceAndGivesTheSameAnswer() {
        DataFrame data = frame(10_000, 100);
        LazyFrame sums = data.lazy().groupBy("k").agg(col("v").sum().alias("s"));
        DataFrame shared = selfJoin(sums).collect();
        // the same answer from two copies of the aggregation that are not the same subplan
        LazyFrame other = data.lazy().groupBy("k").agg(col("v").sum().alias("s"));
        DataFrame apart = sums.join(other.select(col("k"), col("s").alias("t")), JoinType.INNER, "k").sort("k")
                .collect();
        assertThat(shared.height()).isEqualTo(100);
        assertThat(shared).isEqualTo(apart);
        assertThat(shared.column("s").toList()).isEqualTo(shared.column("t").toList());
        String plan = selfJoin(sums).explainPhysical();
        assertThat(plan).contains("-> SHARED (occurs 2 times, computed once)")
                .contains("result of SHARED (occurs 2 times, computed once), as above");
        String analyzed = selfJoin(sums).explainAnalyze();
        // the aggregation ran once: its input was read once, 10,000 rows
        assertThat(analyzed.lines().filter(line -> line.contains("SCAN DF")).toList()).hasSize(1);
        assertThat(plan.lines().filter(line -> line.contains("SCAN DF")).toList()).hasSize(1);
    }

    @Test
    void aRepeatedSubplanTooLargeToHoldIsComputedAtEachOccurrence() {
        int rows = (int) PhysicalPlanner.SHARED_ROWS * 2;
        DataFrame data = frame(rows, rows);
        LazyFrame distinct = data.lazy().groupBy("k").agg(col("v").max().alias("s"));
        String plan = selfJoin(distinct).explainPhysical();
        assertThat(plan).doesNotContain("SHARED");
        assertThat(plan.lines().filter(line -> line.contains("SCAN DF")).toList()).hasSize(2);
    }

    @Test
    void aScanOrAFilterAloneIsNotHeldApart() {
        LazyFrame filtered = frame(1_000, 10).lazy().filter(col("v").gt(5));
        String plan = filtered.join(filtered.select(col("k"), col("v").alias("w")), JoinType.INNER, "k").explainPhysical();
        assertThat(plan).doesNotContain("SHARED");
    }

    @Test
    void occurrencesThatReadDifferentColumnsAreStillComputedOnce() {
        int rows = 6_000;
        long[] keys = new long[rows];
        long[] v = new long[rows];
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = i % 40;
            v[i] = i;
            w[i] = (i * 37 % 101) / 4.0;
        }
        DataFrame facts = DataFrame.of(Series.of("k", keys), Series.of("v", v), Series.of("w", w));
        long[] dimKeys = new long[40];
        String[] names = new String[40];
        for (int i = 0; i < 40; i++) {
            dimKeys[i] = i;
            names[i] = "n" + (i % 7);
        }
        DataFrame dims = DataFrame.of(Series.of("k", dimKeys), Series.of("name", names));
        LazyFrame joined = facts.lazy().join(dims.lazy(), JoinType.INNER, "k");
        // one occurrence reads v, the other w: the join is computed once with both
        LazyFrame sums = joined.groupBy("name").agg(col("v").sum().alias("s"));
        LazyFrame largest = joined.groupBy("name").agg(col("w").max().alias("m"));
        LazyFrame both = sums.join(largest, JoinType.INNER, "name").sort("name");
        DataFrame out = both.collect();
        DataFrame expected = sums.collect().lazy().join(largest.collect().lazy(), JoinType.INNER, "name").sort("name")
                .collect();
        assertThat(out.height()).isEqualTo(7);
        assertThat(out).isEqualTo(expected);
        String plan = both.explainPhysical();
        assertThat(plan).contains("-> SHARED (occurs 2 times, computed once)");
        assertThat(plan.lines().filter(line -> line.contains("SCAN DF") && line.contains("[k, v, w]")).toList())
                .hasSize(1);
        // a scan that occurrences read differently still reads only its own columns at each
        LazyFrame plain = facts.lazy();
        String scans = plain.select(col("k"), col("v")).crossJoin(plain.select(col("k").alias("k2"), col("w")))
                .explainPhysical();
        assertThat(scans).contains("SCAN DF [k, v]").contains("SCAN DF [k, w]");
    }

    @Test
    void sharedSubplansInsideEachOtherAreHeldOnceEach() {
        LazyFrame sums = frame(5_000, 50).lazy().groupBy("k").agg(col("v").sum().alias("s"));
        LazyFrame twice = selfJoin(sums);
        LazyFrame four = twice.join(twice.select(col("k"), col("s").alias("u")), JoinType.INNER, "k").sort("k");
        DataFrame out = four.collect();
        assertThat(out.height()).isEqualTo(50);
        assertThat(out.column("u").toList()).isEqualTo(out.column("s").toList());
        // the self-join is held once (its occurrences read columns s and t, and s), and the
        // aggregation inside it once: one scan in all
        List<String> lines = four.explainPhysical().lines().toList();
        assertThat(lines.stream().filter(line -> line.startsWith("  -> SHARED")).toList())
                .containsExactly("  -> SHARED (occurs 4 times, computed once) (pipeline breaker)",
                        "  -> SHARED (occurs 2 times, computed once) (pipeline breaker)");
        assertThat(lines.stream().filter(line -> line.contains("SCAN DF")).count()).isEqualTo(1);
    }

    /** A step that passes every batch on: the input is then a stream, not a frame read as it is. */
    private record Through(Schema schema) implements StreamingOperator {
        @Override
        public void push(Batch batch, Consumer<Batch> downstream) {
            downstream.accept(batch);
        }

        @Override
        public String describe() {
            return "THROUGH";
        }
    }

    @TempDir
    Path temp;

    @Test
    void rowsBeyondTheMemoryLimitAreSpilledAndReadBackInOrderByEveryOccurrence() throws Exception {
        DataFrame rows = frame(50_000, 50_000);
        Pipeline input = Pipeline.of(new MemorySource(rows, "rows")).then(new Through(rows.schema()));
        java.util.concurrent.atomic.AtomicLong spilled = new java.util.concurrent.atomic.AtomicLong();
        QueryProgress progress = new QueryProgress() {
            @Override
            public void read(long rows, long bytes) {
                // not counted
            }

            @Override
            public void spilled(long bytes) {
                spilled.addAndGet(bytes);
            }
        };
        Path spill = Files.createDirectory(temp.resolve("spill"));
        try (Pool pool = Pool.threads(2); SpillSpace space = new SpillSpace(spill, progress)) {
            // 800,000 bytes of rows against a limit of 64 KiB
            ExecutionContext small = new ExecutionContext(new ExecutionConfig(2, 1_000), pool, new Cancellation(),
                    progress, new MemoryPool(64 << 10), space);
            SharedOperator shared = new SharedOperator(rows.schema(), 2);
            Source held = shared.runToSource(List.of(input), small);
            assertThat(held).isSameAs(shared.computed());
            assertThat(held.describe()).contains("spilled to");
            assertThat(spilled.get()).isPositive();
            for (int occurrence = 0; occurrence < 2; occurrence++) {
                DataFrame read = HoldingOperator.collect(Pipeline.of(shared.computed()), small);
                assertThat(read.column("k").toList()).as("occurrence " + occurrence).isEqualTo(rows.column("k").toList());
                assertThat(read.column("v").toList()).isEqualTo(rows.column("v").toList());
            }
            // with room, the rows stay in memory
            ExecutionContext roomy = new ExecutionContext(new ExecutionConfig(2, 1_000), pool, new Cancellation(),
                    QueryProgress.NONE, new MemoryPool(64 << 20), space);
            SharedOperator inMemory = new SharedOperator(rows.schema(), 2);
            Source kept = inMemory.runToSource(List.of(input), roomy);
            assertThat(kept).isInstanceOf(MemorySource.class);
            assertThat(((MemorySource) kept).frame()).isEqualTo(rows);
        }
    }

    @Test
    void aQueryWhoseSharedRowsOutgrowTheLimitAnswersAsWithoutALimitAndLeavesNoFile() throws Exception {
        // 200,000 groups (estimated at most 2^18, so held) of two columns: 3.2 MB against a 1 MiB limit
        DataFrame data = frame(400_000, 200_000);
        LazyFrame sums = data.lazy().filter(col("v").ge(0L)).groupBy("k").agg(col("v").sum().alias("s"));
        LazyFrame query = selfJoin(sums);
        assertThat(query.explainPhysical()).contains("SHARED (occurs 2 times, computed once)");
        DataFrame expected = query.collect();
        Path spill = Files.createDirectory(temp.resolve("query-spill"));
        try (dev.floe.frame.Session small = dev.floe.frame.Session.create().threads(3).morselRows(4_096)
                .memoryLimit("1m").tempDirectory(spill)) {
            dev.floe.frame.QueryHandle<DataFrame> running = small.submit(query.plan());
            DataFrame out = running.get();
            assertThat(running.spilledBytes()).isPositive();
            assertThat(out).isEqualTo(expected);
        }
        try (var left = Files.list(spill)) {
            assertThat(left.toList()).as("temporary files left").isEmpty();
        }
    }

    @Test
    void aUniqueKeepingFirstRowsByAKeyNamedTwiceIsByThatKey() {
        DataFrame data = frame(1_000, 10);
        LazyFrame stream = data.lazy().filter(col("v").ge(0L));
        assertThat(stream.unique(List.of("k", "k"), false).collect()).isEqualTo(stream.unique("k").collect());
        assertThat(stream.unique("k").collect().height()).isEqualTo(10);
    }
}
