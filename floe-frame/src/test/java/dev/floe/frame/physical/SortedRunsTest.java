package dev.floe.frame.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.ExecutionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sorted runs (here runs of groups, by first row) are merged with no more runs open at once than the
 * memory reservation grants room to read (each open run holds a batch and its buffers): more runs
 * are first merged into fewer on disk, and the groups still come out in order of first row.
 */
@Tag("own-configuration")
class SortedRunsTest {
    private static final int RUNS = 150;
    private static final int ROWS_PER_RUN = 3_000;
    private static final int BATCH_ROWS = 1_000;

    @TempDir
    Path temp;

    @Test
    void runsAreMergedNoMoreAtOnceThanTheMemoryGrants() {
        try (SpillSpace space = new SpillSpace(temp)) {
            ExecutionContext context = context(space);
            List<SortedRuns.Run> runs = runs(context);
            long perRun = runs.get(0).readingBytes();
            assertThat(perRun).as("what reading one run holds").isGreaterThan(3L * BATCH_ROWS * 2 * Long.BYTES);
            MemoryPool pool = new MemoryPool(5 * perRun + perRun / 2);
            MemoryReservation memory = new MemoryReservation(pool, "merge", () -> Long.MAX_VALUE);

            SortedRuns.Merging merging = SortedRuns.fewer(runs, SortedRunsTest::byFirstRow, context, memory, "merged");

            // merged in passes (the fan-in halved from 64 until it fits) down to what can be read at once
            assertThat(merging.runs().size()).isBetween(2, 5);
            long reading = 0;
            for (SortedRuns.Run run : merging.runs()) {
                reading += run.readingBytes();
            }
            assertThat(merging.reserved()).isEqualTo(reading).isEqualTo(pool.used()).isLessThanOrEqualTo(pool.limit());
            assertInFirstRowOrder(merging);
            memory.shrink(merging.reserved());
            assertThat(pool.used()).isZero();
        }
    }

    @Test
    void withNoRoomAtAllTwoRunsAreMergedAtATime() {
        try (SpillSpace space = new SpillSpace(temp)) {
            ExecutionContext context = context(space);
            MemoryPool pool = new MemoryPool(1);
            MemoryReservation memory = new MemoryReservation(pool, "merge", () -> Long.MAX_VALUE);

            SortedRuns.Merging merging = SortedRuns.fewer(runs(context), SortedRunsTest::byFirstRow, context, memory, "merged");

            assertThat(merging.runs()).hasSize(2);
            assertThat(merging.reserved()).isZero();
            assertInFirstRowOrder(merging);
        }
    }

    @Test
    void runsThatFitAreMergedAtOnceWithoutPasses() {
        try (SpillSpace space = new SpillSpace(temp)) {
            ExecutionContext context = context(space);
            List<SortedRuns.Run> runs = runs(context).subList(0, 40);
            MemoryPool pool = new MemoryPool(Long.MAX_VALUE);
            MemoryReservation memory = new MemoryReservation(pool, "merge", () -> Long.MAX_VALUE);

            SortedRuns.Merging merging = SortedRuns.fewer(runs, SortedRunsTest::byFirstRow, context, memory, "merged");

            assertThat(merging.runs()).isEqualTo(runs);
            assertThat(merging.reserved()).isEqualTo(40 * runs.get(0).readingBytes());
        }
    }

    private static ExecutionContext context(SpillSpace space) {
        return new ExecutionContext(ExecutionConfig.fromEnvironment().withThreads(1), null, new Cancellation(),
                QueryProgress.NONE, new MemoryPool(Long.MAX_VALUE), space);
    }

    /** Run {@code r} holds the groups whose first rows are r, r + RUNS, r + 2 RUNS, ... (key: the first row times 3). */
    private static List<SortedRuns.Run> runs(ExecutionContext context) {
        List<SortedRuns.Run> runs = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            SpillFile file = context.spill().newFile("run");
            for (int from = 0; from < ROWS_PER_RUN; from += BATCH_ROWS) {
                long[] keys = new long[BATCH_ROWS];
                long[] firstRows = new long[BATCH_ROWS];
                for (int i = 0; i < BATCH_ROWS; i++) {
                    firstRows[i] = (long) (from + i) * RUNS + r;
                    keys[i] = firstRows[i] * 3;
                }
                file.write(new Batch(List.<Vector>of(LongVector.of(keys), LongVector.of(firstRows)), BATCH_ROWS, 0));
            }
            file.finishWriting();
            runs.add(SortedRuns.of(file));
        }
        return runs;
    }

    private static BatchReader byFirstRow(List<BatchReader> readers) {
        return AggregateOperator.byFirstRow(readers, 2);
    }

    private static void assertInFirstRowOrder(SortedRuns.Merging merging) {
        List<BatchReader> readers = new ArrayList<>();
        for (SortedRuns.Run run : merging.runs()) {
            readers.add(run.read());
        }
        long expected = 0;
        try (BatchReader merged = byFirstRow(readers)) {
            Batch batch;
            while ((batch = merged.next()) != null) {
                long[] keys = ((LongVector) batch.column(0)).values();
                long[] firstRows = ((LongVector) batch.column(1)).values();
                int keyOffset = ((LongVector) batch.column(0)).offset();
                int rowOffset = ((LongVector) batch.column(1)).offset();
                for (int i = 0; i < batch.rows(); i++) {
                    assertThat(firstRows[rowOffset + i]).isEqualTo(expected);
                    assertThat(keys[keyOffset + i]).isEqualTo(expected * 3);
                    expected++;
                }
            }
        }
        assertThat(expected).isEqualTo((long) RUNS * ROWS_PER_RUN);
    }
}
