package dev.floe.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Runs each benchmark body once, so the benchmarks cannot rot. */
class PoolLatencyBenchmarkTest {
    @Test
    void verify() {
        PoolLatencyBenchmark benchmark = new PoolLatencyBenchmark();
        benchmark.setUp();
        try {
            List<Integer> expected = IntStream.range(1, PoolLatencyBenchmark.TASKS + 1).boxed().toList();
            assertThat(benchmark.applyRoundTripThreads()).isEqualTo(42);
            assertThat(benchmark.applyRoundTripVirtualThreads()).isEqualTo(42);
            assertThat(benchmark.mapChunksize1Threads()).isEqualTo(expected);
            assertThat(benchmark.mapChunksize1VirtualThreads()).isEqualTo(expected);
        } finally {
            benchmark.tearDown();
        }
    }
}
