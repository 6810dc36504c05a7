package dev.floe.pool;

import java.util.List;

/**
 * Where a pool's chunks run when not on the pool's own threads: the workers of another engine
 * (Apache Spark's executors, in {@code floe-spark}). A pool over a backend
 * ({@link #pool(ChunkBackend, int)}) keeps the whole {@link Pool} contract (order, chunk sizes,
 * failures naming the task, callbacks, progress, close and terminate): its dispatcher threads hand
 * the chunks to the backend one at a time each and wait for them. Functions and inputs are
 * checked for serialization when the work is submitted, so a task that cannot travel is refused
 * at once, naming what could not be serialized.
 *
 * <p>Implementations are thread-safe: the dispatchers call {@link #run} at the same time.
 */
public interface ChunkBackend {
    /** A short name for messages and the pool's {@code toString}: {@code spark}. */
    String name();

    /**
     * Runs {@code fn} on each item in order, stopping at the first that throws.
     *
     * @return the values of the tasks that ran, in order, and what the failing one threw (null
     *     when none did); a task that threw is not among the values
     * @throws InterruptedException when the waiting dispatcher is interrupted (the pool is
     *     terminated); the backend stops the chunk's tasks first, as far as it can
     */
    Result run(Pool.Fn<Object, Object> fn, List<Object> items) throws InterruptedException;

    /** How a chunk ended: the values of the tasks that ran, and the failure that stopped it, if any. */
    record Result(List<Object> values, Throwable failure) {
        public Result {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values)); // values may be null
        }
    }

    /**
     * A pool whose chunks run on {@code backend}, {@code workers} at a time (the number of
     * dispatcher threads, and the {@code workers} of the default chunk size).
     */
    static Pool pool(ChunkBackend backend, int workers) {
        Checks.notNull(backend, "backend");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        return new ExecutorPool(new PoolCore(backend, workers));
    }
}
