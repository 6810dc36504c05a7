package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeitTest {
    @Test
    void runsWarmupAndRepeatsTimesNumberLoops() {
        AtomicInteger calls = new AtomicInteger();
        Timeit.Timing timing = Timeit.of(calls::incrementAndGet).repeat(5).number(10).warmup(2).run();
        assertThat(calls).hasValue((2 + 5) * 10);
        assertThat(timing.runs()).isEqualTo(5);
        assertThat(timing.loops()).isEqualTo(10);
    }

    @Test
    void choosesTheLoopCountLikeTimeit() {
        AtomicInteger calls = new AtomicInteger();
        Timeit.Timing timing = Timeit.of(() -> {
            calls.incrementAndGet();
            Thread.sleep(30);
        }).repeat(1).warmup(0).run();
        // 1, 2, 5 loops take 30, 60, 150 ms; 10 loops take 300 ms >= 0.2 s.
        assertThat(timing.loops()).isEqualTo(10);
        assertThat(calls).hasValue(1 + 2 + 5 + 10 + 10);
        assertThat(timing.best()).isGreaterThanOrEqualTo(0.030);
    }

    /** The work behind a returned result is timed: the result is consumed, so the compiler cannot drop it. */
    @Test
    void aReturnedResultIsConsumedSoItsWorkIsTimed() {
        long[] values = new long[100_000];
        java.util.Arrays.setAll(values, i -> i * 31L);
        Timeit.Timing timing = Timeit.of(() -> sum(values)).number(2_000).repeat(3).warmup(1).run();
        assertThat(timing.warning()).as(timing.toString()).isNull();
        assertThat(timing.toString()).doesNotContain("warning");
        assertThat(Timeit.once(() -> sum(values))).isPositive();
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }

    @Test
    void aTimeNoWorkTakesIsFlagged() {
        Timeit.Timing removed = new Timeit.Timing(new double[] {2e-11, 3e-11}, 500_000_000);
        assertThat(removed.warning()).startsWith("warning: 0.02 ns per loop is less than a machine cycle")
                .contains("Timeit.of(() -> work())");
        assertThat(removed.toString()).contains("ns per loop (mean ± std. dev. of 2 runs").contains("\nwarning: ");
        assertThat(new Timeit.Timing(new double[] {3e-6}, 10).warning()).isNull();
    }

    @Test
    void theSinkTakesEveryKindOfResult() {
        Timeit.Sink sink = new Timeit.Sink();
        for (Object value : new Object[] {1, 2L, 3.5, 4.5f, java.math.BigInteger.TEN, true, "text", null}) {
            sink.consume(value);
        }
        assertThat(sink.escaped).isNull();
    }

    @Test
    void statisticsAreThoseOfTheRuns() {
        Timeit.Timing timing = new Timeit.Timing(new double[] {4e-3, 1e-3, 3e-3, 2e-3}, 100);
        assertThat(timing.best()).isEqualTo(1e-3);
        assertThat(timing.worst()).isEqualTo(4e-3);
        assertThat(timing.median()).isCloseTo(2.5e-3, within(1e-15));
        assertThat(timing.mean()).isCloseTo(2.5e-3, within(1e-15));
        assertThat(timing.stdev()).isCloseTo(Math.sqrt(1.25e-6), within(1e-12));
        assertThat(timing.toString()).isEqualTo("2.50 ms ± 1.12 ms per loop (mean ± std. dev. of 4 runs, 100 loops each)");
        assertThat(new Timeit.Timing(new double[] {5e-9}, 1).toString())
                .isEqualTo("5.00 ns ± 0 s per loop (mean ± std. dev. of 1 run, 1 loop each)");
    }

    @Test
    void formatsSecondsInReadableUnits() {
        assertThat(Timeit.Timing.format(812e-9)).isEqualTo("812 ns");
        assertThat(Timeit.Timing.format(45.25e-6)).isEqualTo("45.3 µs");
        assertThat(Timeit.Timing.format(3.2149e-3)).isEqualTo("3.21 ms");
        assertThat(Timeit.Timing.format(1.5)).isEqualTo("1.50 s");
        assertThat(Timeit.Timing.format(125)).isEqualTo("2 min 5 s");
        assertThat(Timeit.Timing.format(0)).isEqualTo("0 s");
    }

    @Test
    void aFailingBlockSaysWhichLoop() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Timeit.of(() -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("third call");
            }
        }).number(5).warmup(0).run()).isInstanceOf(TaskFailedException.class).hasMessageContaining("task 2")
                .hasRootCauseMessage("third call");
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> Timeit.of(() -> { }).repeat(0)).hasMessage("runs must be at least 1, got 0");
        assertThatThrownBy(() -> Timeit.of(() -> { }).number(-1)).hasMessage("loops must be at least 1, got -1");
        assertThatThrownBy(() -> Timeit.of(() -> { }).warmup(-1)).hasMessage("runs must be at least 0, got -1");
        assertThatThrownBy(() -> Timeit.of((Timeit.Block) null)).hasMessage("block must not be null");
        assertThatThrownBy(() -> Timeit.of((Timeit.Body<Object>) null)).hasMessage("body must not be null");
        assertThatThrownBy(() -> new Timeit.Timing(new double[0], 1)).hasMessageContaining("at least one run");
    }

    @Test
    void onceTimesASingleCall() {
        double seconds = Timeit.once(() -> Thread.sleep(15));
        assertThat(seconds).isGreaterThanOrEqualTo(0.015).isLessThan(60);
    }
}
