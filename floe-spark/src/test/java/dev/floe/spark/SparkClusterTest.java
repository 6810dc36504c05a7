package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone cluster of a master and two workers ({@link SparkCluster}): the application's
 * executors are JVMs of their own that run Floe's code from the application's jars, and a worker
 * lost in the middle of a job costs no answer.
 */
@ExtendWith(SparkCluster.Extension.class)
class SparkClusterTest {
    private static SparkCluster cluster;
    private static SparkEngine spark;

    @BeforeAll
    static void connect() {
        cluster = SparkCluster.running();
        spark = cluster.connect();
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
        long here = ProcessHandle.current().pid();
        try (Pool pool = SparkPool.of(spark)) {
            assertThat(pool.workers()).isEqualTo(4);
            List<Done> done = pool.map(i -> {
                Thread.sleep(200); // long enough that both executors take some
                return new Done(i * i, ProcessHandle.current().pid());
            }, range(16), 1);
            assertThat(done).extracting(Done::value).containsExactlyElementsOf(range(16).stream().map(i -> i * i).toList());
            Set<Long> executors = new HashSet<>(done.stream().map(Done::pid).toList());
            // the executors are the children of the workers, not this JVM
            Set<Long> workersChildren = new HashSet<>();
            cluster.workers().forEach(worker -> worker.children().forEach(child -> workersChildren.add(child.pid())));
            assertThat(executors).doesNotContain(here).hasSize(2);
            assertThat(workersChildren).containsAll(executors);
        }
        // a plan's operators run there too
        LazyFrame plan = DataFrame.ofRows(dev.floe.frame.Schema.of(List.of(
                new dev.floe.frame.Schema.Field("x", dev.floe.frame.DataType.INT64))),
                range(1000).stream().map(i -> List.<Object>of((long) i)).toList()).lazy()
                .groupBy(col("x").mod(7).alias("r")).agg(col("x").sum().alias("s"));
        SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), false);
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
        try (Pool pool = SparkPool.of(spark, 4)) {
            List<Done> after = pool.map(i -> {
                Thread.sleep(200);
                return new Done(i + 1, ProcessHandle.current().pid());
            }, range(12), 1);
            assertThat(after).extracting(Done::value).containsExactlyElementsOf(range(12).stream().map(i -> i + 1).toList());
            assertThat(after.stream().map(Done::pid).distinct().count()).isEqualTo(2);
        }
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
