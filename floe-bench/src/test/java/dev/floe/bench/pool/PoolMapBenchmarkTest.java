package dev.floe.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Runs each benchmark body once, so the benchmarks cannot rot: every variant computes the same list. */
class PoolMapBenchmarkTest {
    @Test
    void verify() throws Exception {
        PoolMapBenchmark benchmark = new PoolMapBenchmark();
        benchmark.tasks = 10_000;
        benchmark.setUp();
        try {
            List<Integer> expected = IntStream.range(1, 10_001).boxed().toList();
            assertThat(benchmark.poolMap()).isEqualTo(expected);
            assertThat(benchmark.executorOneTaskPerItem()).isEqualTo(expected);
            assertThat(benchmark.executorChunked()).isEqualTo(expected);
            assertThat(benchmark.parallelStream()).isEqualTo(expected);
            assertThat(benchmark.sequentialLoop()).isEqualTo(expected);
        } finally {
            benchmark.tearDown();
        }
    }
}
