package dev.floe.frame.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import dev.floe.frame.exec.ExecutionConfig;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A query's operators share the heap with the frames it reads from memory, which the memory pool
 * does not count: their reservations may take only what the heap has room for beside them.
 */
class MemoryRoomTest {
    @Test
    void framesAQueryReadsFromMemoryLowerWhatItsOperatorsMayReserveEachColumnCountedOnce() {
        long heap = MemoryPool.longLivedHeap();
        assertThat(heap).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
        Series x = Series.of("x", LongStream.range(0, 1_000_000).toArray());
        DataFrame frame = DataFrame.of(x);
        long size = frame.estimatedSize();
        assertThat(size).isGreaterThanOrEqualTo(8_000_000L);
        ExecutionContext context = ExecutionContext.singleThreaded(new ExecutionConfig(1, 4_096));
        MemoryReservation reservation = context.reservation("an operator");
        long before = reservation.limit();
        assertThat(before).isEqualTo(Math.max(heap / 10, (long) (heap * 0.85)));

        MemorySource source = new MemorySource(frame, "frame");
        source.splits(context);
        source.splits(context.onOneThread()); // the same frame again, from a worker: counted once
        assertThat(context.inputBytes()).isEqualTo(size);
        // the same column in another frame beside a new one: only the new one counts
        Series y = Series.of("y", LongStream.range(5, 1_000_005).toArray());
        new MemorySource(DataFrame.of(y, x.rename("z")), "another").splits(context);
        DataFrame other = DataFrame.of(y);
        long inputs = context.inputBytes();
        assertThat(inputs).isEqualTo(size + other.estimatedSize());
        long room = Math.max(heap / 10, (long) (heap * 0.85) - inputs);
        assertThat(reservation.limit()).isEqualTo(room);

        // the pool itself has no limit; the heap's room decides
        assertThat(reservation.tryGrow(room + 1)).isFalse();
        assertThat(reservation.tryGrow(room)).isTrue();
        assertThat(reservation.tryGrow(1)).isFalse();
        reservation.close();
        assertThat(context.memory().used()).isZero();
    }

    @Test
    void rowsTheQueryCollectsLowerWhatItsOperatorsMayReserveAsTheyArrive() {
        long heap = MemoryPool.longLivedHeap();
        ExecutionContext context = ExecutionContext.singleThreaded(new ExecutionConfig(1, 4_096));
        MemoryReservation reservation = context.reservation("an operator");
        long before = reservation.limit();
        // a stream of 200,000 rows made by a pipeline (not a frame read as it is) collected as the result
        DataFrame frame = DataFrame.of(Series.of("x", LongStream.range(0, 200_000).toArray()));
        DataFrame result = LocalEngine.INSTANCE.collect(
                frame.lazy().select(dev.floe.frame.expr.Exprs.col("x").mul(2).alias("y")).plan(), context);
        assertThat(result.height()).isEqualTo(200_000);
        assertThat(result.column("y").getLong(199_999)).isEqualTo(399_998L);
        assertThat(context.collectedRows()).isEqualTo(200_000);
        long collected = context.collectedBytes();
        assertThat(collected).isGreaterThanOrEqualTo(8L * 200_000);
        assertThat(reservation.limit())
                .isEqualTo(Math.max(heap / 10, (long) (heap * 0.85) - context.inputBytes() - collected))
                .isLessThan(before);
        // a worker's context counts into the same query
        context.onOneThread().collects(10, 1_000);
        assertThat(context.collectedRows()).isEqualTo(200_010);
        assertThat(context.collectedBytes()).isEqualTo(collected + 1_000);
    }

    @Test
    void aPoolLimitBelowTheHeapsRoomStillDecides() {
        ExecutionContext context = new ExecutionContext(new ExecutionConfig(1, 4_096), null, new Cancellation(),
                QueryProgress.NONE, new MemoryPool(1 << 20), new SpillSpace(SpillSpace.defaultRoot()));
        MemoryReservation reservation = context.reservation("an operator");
        assertThat(reservation.limit()).isEqualTo(1 << 20);
        assertThat(reservation.tryGrow((1 << 20) + 1)).isFalse();
        assertThat(reservation.tryGrow(1 << 20)).isTrue();
        assertThat(reservation.tooLarge("group-by", "one group", 2 << 20).getMessage())
                .contains("more than the memory limit of 1.0 MiB").contains("memoryLimit(\"4m\")");
        reservation.close();
    }
}
