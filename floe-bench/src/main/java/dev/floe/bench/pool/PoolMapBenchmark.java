package dev.floe.bench.pool;

import dev.floe.pool.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Pool.map} over a million trivial tasks, next to the ways a Java programmer would do the
 * same without Floe: an {@link ExecutorService} given one task per item ({@code invokeAll}), the
 * same executor given hand-made chunks, and a parallel stream. All use every processor.
 *
 * <p>The task is {@code x -> x + 1} on boxed integers: the cost measured is the hand-off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PoolMapBenchmark {
    @Param("1000000")
    public int tasks;

    private List<Integer> inputs;
    private int workers;
    private Pool pool;
    private ExecutorService executor;

    @Setup(Level.Trial)
    public void setUp() {
        workers = Runtime.getRuntime().availableProcessors();
        inputs = IntStream.range(0, tasks).boxed().toList();
        pool = Pool.threads(workers);
        executor = Executors.newFixedThreadPool(workers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.terminate();
        executor.shutdownNow();
    }

    @Benchmark
    public List<Integer> poolMap() {
        return pool.map(x -> x + 1, inputs);
    }

    @Benchmark
    public List<Integer> executorOneTaskPerItem() throws InterruptedException, ExecutionException {
        List<Callable<Integer>> calls = new ArrayList<>(inputs.size());
        for (Integer x : inputs) {
            calls.add(() -> x + 1);
        }
        List<Integer> out = new ArrayList<>(inputs.size());
        for (Future<Integer> future : executor.invokeAll(calls)) {
            out.add(future.get());
        }
        return out;
    }

    /** The executor given chunks of the same size {@code Pool.map} uses: the fair baseline. */
    @Benchmark
    public List<Integer> executorChunked() throws InterruptedException, ExecutionException {
        int chunk = (int) Math.max(1, (inputs.size() + 4L * workers - 1) / (4L * workers));
        Integer[] out = new Integer[inputs.size()];
        List<Future<?>> futures = new ArrayList<>();
        for (int start = 0; start < out.length; start += chunk) {
            int from = start;
            int to = Math.min(out.length, start + chunk);
            futures.add(executor.submit(() -> {
                for (int i = from; i < to; i++) {
                    out[i] = inputs.get(i) + 1;
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        return java.util.Arrays.asList(out);
    }

    @Benchmark
    public List<Integer> parallelStream() {
        return inputs.parallelStream().map(x -> x + 1).toList();
    }

    @Benchmark
    public List<Integer> sequentialLoop() {
        List<Integer> out = new ArrayList<>(inputs.size());
        for (Integer x : inputs) {
            out.add(x + 1);
        }
        return out;
    }
}
