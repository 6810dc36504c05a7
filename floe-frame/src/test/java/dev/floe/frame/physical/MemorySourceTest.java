package dev.floe.frame.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.ExecutionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An in-memory frame cut into morsels: every row once, in order, and a morsel a view of one chunk where it can be. */
class MemorySourceTest {
    /** A column of 0, 1, 2, ... in chunks of the given sizes. */
    private static Column counting(int... sizes) {
        List<Vector> chunks = new ArrayList<>();
        int next = 0;
        for (int size : sizes) {
            chunks.add(new LongVector(DataType.INT64, IntStream.range(next, next + size).asLongStream().toArray(), null));
            next += size;
        }
        return Column.of(DataType.INT64, chunks);
    }

    private static List<Batch> batches(DataFrame frame, int morsel) {
        MemorySource source = new MemorySource(frame, "frame");
        ExecutionContext context = ExecutionContext.singleThreaded(new ExecutionConfig(1, morsel));
        List<Batch> batches = new ArrayList<>();
        for (Split split : source.splits(context)) {
            MemorySource.Range range = (MemorySource.Range) split;
            batches.add(MemorySource.batch(frame, range.start(), range.count()));
        }
        return batches;
    }

    private static void assertEveryRowOnceInOrder(List<Batch> batches, int height, int morsel) {
        long expected = 0;
        for (Batch batch : batches) {
            assertThat(batch.rows()).isBetween(1, morsel);
            assertThat(batch.start()).isEqualTo(expected);
            for (int i = 0; i < batch.rows(); i++) {
                assertThat(((Number) batch.column(0).get(i)).longValue()).isEqualTo(expected++);
            }
        }
        assertThat(expected).isEqualTo(height);
    }

    @Test
    void morselsEndAtChunkBoundariesSoTheyAreViewsNotCopies() {
        DataFrame frame = DataFrame.of(Series.of("x", counting(1000, 1000, 1000, 700)));
        List<Batch> batches = batches(frame, 640);
        assertEveryRowOnceInOrder(batches, 3700, 640);
        // 640 + 360 | 640 + 360 | 640 + 360 | 640 + 60: no morsel crosses a chunk
        assertThat(batches.stream().map(Batch::rows).toList()).containsExactly(640, 360, 640, 360, 640, 360, 640, 60);
        for (Batch batch : batches) {
            long[] values = ((LongVector) batch.column(0)).values();
            assertThat(values.length).as("a view of its chunk, not a copy of the morsel").isIn(1000, 700);
        }
    }

    @Test
    void aBoundaryThatWouldLeaveASmallMorselIsCrossedInstead() {
        DataFrame frame = DataFrame.of(Series.of("x", counting(100, 900)));
        List<Batch> batches = batches(frame, 640);
        assertEveryRowOnceInOrder(batches, 1000, 640);
        assertThat(batches.get(0).rows()).isEqualTo(640);
    }

    @Test
    void columnsChunkedDifferentlyAndTinyChunksStillGiveEveryRowOnce() {
        int[] tiny = new int[2000];
        java.util.Arrays.fill(tiny, 1);
        DataFrame frame = DataFrame.of(Series.of("x", counting(700, 1300)), Series.of("y", counting(tiny)),
                Series.of("z", Column.of(DataType.INT32, List.of(new IntVector(DataType.INT32, new int[1500], null),
                        new IntVector(DataType.INT32, new int[500], null)))));
        for (int morsel : new int[] {1, 7, 333, 640, 5000}) {
            List<Batch> batches = batches(frame, morsel);
            assertEveryRowOnceInOrder(batches, 2000, morsel);
            for (Batch batch : batches) {
                for (int i = 0; i < batch.rows(); i++) {
                    assertThat(((Number) batch.column(1).get(i)).longValue()).isEqualTo(batch.start() + i);
                }
            }
        }
    }

    @Test
    void anEmptyFrameIsOneEmptySplit() {
        DataFrame frame = DataFrame.of(Series.of("x", new long[0]));
        MemorySource source = new MemorySource(frame, "frame");
        assertThat(source.splits(ExecutionContext.singleThreaded(new ExecutionConfig(1, 64)))).hasSize(1);
    }
}
