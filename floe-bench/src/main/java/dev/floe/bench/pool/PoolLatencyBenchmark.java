package dev.floe.bench.pool;

import dev.floe.pool.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of handing out one task when nothing amortises it: an {@code apply} round trip, and
 * {@code map} over 10,000 trivial tasks with chunk size 1, on threads and on virtual threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolLatencyBenchmark {
    static final int TASKS = 10_000;

    private List<Integer> inputs;
    private Pool threads;
    private Pool virtualThreads;

    @Setup(Level.Trial)
    public void setUp() {
        inputs = IntStream.range(0, TASKS).boxed().toList();
        threads = Pool.threads();
        virtualThreads = Pool.virtualThreads();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        threads.terminate();
        virtualThreads.terminate();
    }

    @Benchmark
    public Integer applyRoundTripThreads() {
        return threads.apply(() -> 42);
    }

    @Benchmark
    public Integer applyRoundTripVirtualThreads() {
        return virtualThreads.apply(() -> 42);
    }

    @Benchmark
    public List<Integer> mapChunksize1Threads() {
        return threads.map(x -> x + 1, inputs, 1);
    }

    @Benchmark
    public List<Integer> mapChunksize1VirtualThreads() {
        return virtualThreads.map(x -> x + 1, inputs, 1);
    }
}
