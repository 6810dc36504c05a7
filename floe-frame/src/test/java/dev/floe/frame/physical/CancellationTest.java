package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.FileSink;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.QueryHandle;
import dev.floe.frame.Series;
import dev.floe.frame.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running query stops soon after it is cancelled (by its handle or by interrupting the thread
 * that runs it), its workers go idle, and a file it was writing is neither left half-written
 * nor left behind under a temporary name.
 */
@org.junit.jupiter.api.Tag("own-configuration")
class CancellationTest {
    @TempDir
    Path dir;

    /** A query that would run for minutes: every pair of 200,000 and 20,000 rows. */
    private static LazyFrame endless() {
        DataFrame left = DataFrame.of(Series.of("a", LongStream.range(0, 200_000).toArray()));
        DataFrame right = DataFrame.of(Series.of("b", LongStream.range(0, 20_000).toArray()));
        return left.lazy().crossJoin(right.lazy()).select(col("a").add(col("b")).alias("s"));
    }

    @Test
    void aCancelledSinkEndsWithinHalfASecondAndLeavesNoFile() throws Exception {
        try (Session session = Session.create().threads(3)) {
            Path target = dir.resolve("out.parquet");
            QueryHandle<Long> running = session.submitSink(endless().plan(),
                    new FileSink(target, "csv", Map.of(), true));
            Thread.sleep(200);
            assertThat(running.isDone()).as("still running after 200 ms").isFalse();
            long cancelled = System.nanoTime();
            running.cancel();
            running.await();
            long stoppedMillis = (System.nanoTime() - cancelled) / 1_000_000;
            assertThat(stoppedMillis).as("ms from cancel() to the end").isLessThanOrEqualTo(500);
            assertThatThrownBy(running::get).isInstanceOf(QueryCancelledException.class)
                    .hasMessageContaining("cancelled by its handle");
            assertThat(running.rowsRead()).as("rows read before the cancel").isPositive();
            try (var files = Files.list(dir)) {
                assertThat(files.toList()).as("no output, no temporary file").isEmpty();
            }
            assertPoolThreadsIdle();
            assertThat(session.isRunning()).isFalse();
        }
    }

    @Test
    void anInterruptCancelsTheQueryOfTheInterruptedThread() throws Exception {
        try (Session session = Session.create().threads(2)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread runner = Thread.ofPlatform().start(() -> {
                try {
                    session.collect(endless().select(col("s").sum()));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            Thread.sleep(200);
            long interrupted = System.nanoTime();
            runner.interrupt();
            runner.join(5_000);
            assertThat(runner.isAlive()).isFalse();
            assertThat((System.nanoTime() - interrupted) / 1_000_000).isLessThanOrEqualTo(500);
            assertThat(failure.get()).isInstanceOf(QueryCancelledException.class).hasMessageContaining("interrupted");
            assertPoolThreadsIdle();
        }
    }

    @Test
    void cancellingTheSessionsQueriesStopsThemAndTheSessionRunsTheNextOne() throws Exception {
        try (Session session = Session.create().threads(1)) {
            QueryHandle<DataFrame> running = session.submit(endless().select(col("s").max()).plan());
            Thread.sleep(200);
            assertThat(session.cancelRunning("Ctrl-C")).isEqualTo(1);
            running.await();
            assertThatThrownBy(running::get).isInstanceOf(QueryCancelledException.class).hasMessageContaining("Ctrl-C");
            DataFrame next = session.collect(DataFrame.of(Series.of("x", 1L, 2L)).lazy().select(col("x").sum()));
            assertThat(next.get(0, "x")).isEqualTo(3L);
        }
    }

    /** The engine's worker threads use no CPU once a query has ended. */
    private static void assertPoolThreadsIdle() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = poolCpuNanos(threads);
        Thread.sleep(300);
        long after = poolCpuNanos(threads);
        assertThat((after - before) / 1_000_000).as("CPU ms the pool threads used in 300 ms after the end")
                .isLessThan(50);
    }

    private static long poolCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("floe-pool")) {
                long cpu = threads.getThreadCpuTime(thread.threadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }
}
