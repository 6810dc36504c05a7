package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.bench.h2o.GroupByData;
import dev.floe.bench.h2o.GroupByQuestions;
import dev.floe.bench.h2o.JoinData;
import dev.floe.bench.h2o.JoinQuestions;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.pool.AsyncResult;
import dev.floe.pool.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Spark standalone cluster of a master and two workers ({@link SparkCluster}): the application's
 * executors are JVMs of their own that run Floe's code from the application's jars, and a worker
 * lost in the middle of a job costs no answer.
 */
@OnSparkCluster
class SparkClusterTest {
    private static SparkCluster cluster;
    private static SparkEngine spark;

    /**
     * Rows of the h2o tables: 1e5, a tenth of the benchmark's smallest size, keeps the cluster suite
     * to a few minutes on two cores; {@code -Dfloe.cluster.h2oRows=1000000} asks at 1e6 (about four
     * minutes more there).
     */
    private static final int H2O_ROWS = Integer.getInteger("floe.cluster.h2oRows", 100_000);
    @TempDir
    static Path h2o;
    private static Path groupByTable;
    private static JoinPaths joinTables;

    record JoinPaths(Path x, Path small, Path medium, Path big) {
        JoinQuestions.Inputs scans() {
            return new JoinQuestions.Inputs(Floe.scanParquet(x.toString()), Floe.scanParquet(small.toString()),
                    Floe.scanParquet(medium.toString()), Floe.scanParquet(big.toString()));
        }
    }

    @BeforeAll
    static void connect() {
        cluster = SparkCluster.running();
        spark = cluster.connect();
    }

    /** The h2o benchmark's tables (no nulls, unsorted, k = 100), as Parquet files both engines read. */
    @BeforeAll
    static void writeH2oTables() {
        groupByTable = h2o.resolve("G1.parquet");
        GroupByData.generate(H2O_ROWS, 100, 0, false, 1).writeParquet(groupByTable);
        JoinData.Tables tables = JoinData.generate(H2O_ROWS, 0, false, 2);
        joinTables = new JoinPaths(h2o.resolve("x.parquet"), h2o.resolve("small.parquet"), h2o.resolve("medium.parquet"),
                h2o.resolve("big.parquet"));
        tables.x().writeParquet(joinTables.x());
        tables.small().writeParquet(joinTables.small());
        tables.medium().writeParquet(joinTables.medium());
        tables.big().writeParquet(joinTables.big());
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** A task's value and the JVM that computed it. */
    record Done(int value, long pid) implements java.io.Serializable {}

    @Test
    void theApplicationRunsOnAnExecutorOfEachWorkerInJvmsOfTheirOwn() throws Exception {
        assertThat(cluster.aliveWorkers()).isEqualTo(SparkCluster.WORKERS);
        assertThat(spark.session().sparkContext().master()).isEqualTo(cluster.masterUrl());
        assertThat(SparkCluster.executors(spark)).isEqualTo(SparkCluster.WORKERS);
        assertThat(spark.session().sparkContext().defaultParallelism())
                .isEqualTo(SparkCluster.WORKERS * SparkCluster.CORES_PER_WORKER);
        Set<Long> executors = executorsOfFourTasksAtOnce();
        // the executors are the workers' children, not this JVM
        Set<Long> workersChildren = new HashSet<>();
        cluster.workers().forEach(worker -> worker.children().forEach(child -> workersChildren.add(child.pid())));
        assertThat(executors).doesNotContain(ProcessHandle.current().pid()).hasSize(2);
        assertThat(workersChildren).containsAll(executors);
        // a plan's operators run there too
        LazyFrame plan = DataFrame.ofRows(dev.floe.frame.Schema.of(List.of(new dev.floe.frame.Schema.Field("x", DataType.INT64))),
                range(1000).stream().map(i -> List.<Object>of((long) i)).toList()).lazy()
                .groupBy(col("x").mod(7).alias("r")).agg(col("x").sum().alias("s"));
        SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), false);
    }

    /**
     * An in-memory frame several times the largest message a task may be (2 MiB on this cluster) is
     * shipped in slices under it, in order: before, its few slices (one per core) made tasks the
     * scheduler refused ("exceeds max allowed: spark.rpc.message.maxSize").
     */
    @Test
    void aFrameLargerThanATaskMessageIsShippedInSlicesUnderIt() {
        assertThat(FrameRows.maxMessageBytes(spark.session())).isEqualTo((long) SparkCluster.MAX_MESSAGE_MIB << 20);
        int rows = 300_000;
        List<Object> ids = new java.util.ArrayList<>();
        List<Object> texts = new java.util.ArrayList<>();
        List<Object> xs = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add((long) i);
            texts.add("row number " + i + " of the shipped frame");
            xs.add(i * 0.5);
        }
        DataFrame frame = DataFrame.of(dev.floe.frame.Series.of("id", ids), dev.floe.frame.Series.of("s", texts),
                dev.floe.frame.Series.of("x", xs));
        LazyFrame picked = frame.lazy().filter(col("id").mod(997).eq(3));
        SameRows.assertSame(picked.explain(), picked.collect(), picked.collect(spark), true);
        LazyFrame grouped = frame.lazy().groupBy(col("id").mod(10).alias("r"))
                .agg(col("x").sum().alias("x"), col("s").count().alias("n"));
        SameRows.assertSame(grouped.explain(), grouped.collect(), grouped.collect(spark), false);
    }

    /**
     * Tasks of a pool's map sleep a while each; once the victim's executor runs some, its worker
     * and executor are killed. Spark runs the lost tasks again on the other executor, and the map
     * gives every answer, in order; then a new worker joins and the application gets an executor
     * on it.
     */
    @Test
    void aWorkerKilledInTheMiddleOfAJobLosesNoAnswer(@TempDir Path marks) throws Exception {
        ProcessHandle victim = cluster.workers().getFirst();
        Set<Long> victimExecutors = new HashSet<>(victim.children().map(ProcessHandle::pid).toList());
        assertThat(victimExecutors).as("the victim worker's executor").hasSize(1);
        String folder = marks.toString();
        int tasks = 24;
        try (Pool pool = SparkPool.of(spark)) {
            AsyncResult<List<Done>> pending = pool.mapAsync(i -> {
                long pid = ProcessHandle.current().pid();
                Files.createFile(Path.of(folder, "started-" + i + "-" + pid + "-" + System.nanoTime()));
                Thread.sleep(400);
                return new Done(i * 3, pid);
            }, range(tasks), 1);
            awaitStartsOn(marks, victimExecutors, 2, pending);
            cluster.killWorker(victim);
            assertThat(pending.ready()).as("the job still runs when the worker is killed").isFalse();

            List<Done> done = pending.get(Duration.ofSeconds(120));
            assertThat(done).extracting(Done::value).containsExactlyElementsOf(range(tasks).stream().map(i -> i * 3).toList());
            // tasks the victim had started and not finished were run again elsewhere
            Map<Integer, Set<Long>> startedOn = startedOn(marks);
            List<Integer> rerun = IntStream.range(0, tasks).filter(i -> startedOn.get(i).size() > 1).boxed().toList();
            assertThat(rerun).as("tasks run again after the loss (started on: %s)", startedOn).isNotEmpty();
            for (int i : rerun) {
                assertThat(startedOn.get(i)).containsAnyElementsOf(victimExecutors);
                assertThat(victimExecutors).doesNotContain(done.get(i).pid());
            }
        } finally {
            cluster.restoreWorkers();
        }
        // the new worker's executor joins the application, which runs on both again
        cluster.awaitExecutors(spark, SparkCluster.WORKERS);
        assertThat(executorsOfFourTasksAtOnce()).hasSize(2).doesNotContainAnyElementsOf(victimExecutors);
    }

    /**
     * The JVMs of four tasks that run at once: each waits until all four have started, so the
     * application's four cores, two on each executor, take one each.
     */
    private static Set<Long> executorsOfFourTasksAtOnce() throws IOException {
        Path gate = Files.createTempDirectory("floe-spark-gate-");
        try (Pool pool = SparkPool.of(spark)) {
            assertThat(pool.workers()).isEqualTo(4);
            String folder = gate.toString();
            List<Done> done = pool.map(i -> {
                Files.createFile(Path.of(folder, "started-" + i));
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (new java.io.File(folder).list().length < 4) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("four tasks did not run at once");
                    }
                    Thread.sleep(5);
                }
                return new Done(i * i, ProcessHandle.current().pid());
            }, range(4), 1);
            assertThat(done).extracting(Done::value).containsExactly(0, 1, 4, 9);
            return new HashSet<>(done.stream().map(Done::pid).toList());
        } finally {
            try (Stream<Path> files = Files.list(gate)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(gate);
        }
    }

    static Stream<Named<GroupByQuestions.Question>> groupByQuestions() {
        return GroupByQuestions.ALL.stream().map(question -> Named.of(question.name() + " " + question.description(), question));
    }

    /**
     * The h2o group-by questions over the benchmark's table on the cluster: Floe's answers, to each
     * question as the benchmark asks it and, where it gives them, in the plain terms of its other
     * engines (q8: the rows ranked first and second by v3 in their group; q9: r² from the groups'
     * sums of v1, v2 and their squares and products).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("groupByQuestions")
    void h2oGroupByQuestionsGiveTheLocalAnswers(GroupByQuestions.Question question) {
        LazyFrame x = Floe.scanParquet(groupByTable.toString());
        LazyFrame asked = question.plan().apply(x);
        DataFrame local = asked.collect();
        if (question.portable() != null) {
            LazyFrame plain = question.plainPlan(x);
            SameRows.assertSame(question.name() + " in plain terms at " + H2O_ROWS + " rows\n" + plain.explain(), local,
                    plain.collect(spark), false);
        }
        SameRows.assertSame(question.name() + " at " + H2O_ROWS + " rows\n" + asked.explain(), local,
                asked.collect(spark), false);
    }

    static Stream<Named<JoinQuestions.Question>> joinQuestions() {
        return JoinQuestions.ALL.stream().map(question -> Named.of(question.name() + " " + question.description(), question));
    }

    /** The h2o join questions over the benchmark's four tables on the cluster: Floe's answers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("joinQuestions")
    void h2oJoinQuestionsGiveTheLocalAnswers(JoinQuestions.Question question) {
        LazyFrame plan = question.plan().apply(joinTables.scans());
        SameRows.assertSame(question.name() + " at " + H2O_ROWS + " rows\n" + plan.explain(), plan.collect(),
                plan.collect(spark), false);
    }

    /** Waits until {@code count} tasks have started on the given executors (and the job is not over). */
    private static void awaitStartsOn(Path marks, Set<Long> executors, int count, AsyncResult<?> job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            long started = startedOn(marks).values().stream().filter(pids -> pids.stream().anyMatch(executors::contains))
                    .count();
            if (started >= count) {
                return;
            }
            assertThat(job.ready()).as("the job ended before the victim's executor ran %d tasks", count).isFalse();
            assertThat(System.nanoTime()).as("the victim's executor ran %d tasks in a minute", count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Each task's executors, from the marks the tasks left. */
    private static Map<Integer, Set<Long>> startedOn(Path marks) {
        Map<Integer, Set<Long>> startedOn = new HashMap<>();
        try (Stream<Path> files = Files.list(marks)) {
            for (Path file : files.toList()) {
                String[] parts = file.getFileName().toString().split("-");
                startedOn.computeIfAbsent(Integer.parseInt(parts[1]), k -> new HashSet<>()).add(Long.parseLong(parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return startedOn;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }
}
