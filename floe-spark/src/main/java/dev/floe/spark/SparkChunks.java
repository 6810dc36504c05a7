package dev.floe.spark;

import dev.floe.FloeException;
import dev.floe.pool.ChunkBackend;
import dev.floe.pool.Pool;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A pool's chunks as Spark jobs: each chunk is one partition, run by one task on an executor,
 * its tasks in order until one throws; what they return and what the failing one threw come back
 * as values. Each job has a job group of its own, so a terminated pool cancels it and Spark
 * interrupts its task.
 */
final class SparkChunks implements ChunkBackend {
    private static final AtomicLong CHUNK_NUMBERS = new AtomicLong();

    private final SparkEngine engine;

    SparkChunks(SparkEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "spark";
    }

    /** What a chunk's tasks gave: their values in order, and the failure that stopped them. */
    record Outcome(ArrayList<Object> values, Throwable failure) implements Serializable {}

    @Override
    public Result run(Pool.Fn<Object, Object> fn, List<Object> items) throws InterruptedException {
        SparkContext sparkContext = engine.session().sparkContext();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(sparkContext);
        ArrayList<Object> chunk = new ArrayList<>(items);
        sparkContext.setJobGroup("floe-pool-chunk-" + CHUNK_NUMBERS.incrementAndGet(), "a chunk of a Floe pool", true);
        try {
            JavaFutureAction<List<Outcome>> job = context.parallelize(List.of(chunk), 1)
                    .map(values -> runChunk(fn, values)).collectAsync();
            try {
                Outcome outcome = job.get().get(0);
                return new Result(outcome.values(), outcome.failure());
            } catch (InterruptedException e) {
                job.cancel(true); // Spark kills the task, interrupting its thread
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new FloeException("Spark could not run a chunk of the pool's tasks: " + cause.getMessage(), cause);
            }
        } finally {
            sparkContext.clearJobGroup();
        }
    }

    /** In the executor: the chunk's tasks in order, stopping at the first that throws. */
    private static Outcome runChunk(Pool.Fn<Object, Object> fn, List<Object> items) {
        ArrayList<Object> values = new ArrayList<>(items.size());
        for (Object item : items) {
            try {
                values.add(fn.apply(item));
            } catch (Throwable e) {
                return new Outcome(values, e);
            }
        }
        return new Outcome(values, null);
    }
}
