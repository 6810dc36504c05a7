package dev.floe.spark;

import dev.floe.pool.ChunkBackend;
import dev.floe.pool.Pool;
import java.util.Objects;

/**
 * {@link Pool}s whose tasks run on Spark's executors: the whole pool contract ({@code map},
 * {@code starmap}, {@code imap}, {@code imapUnordered}, {@code apply} and their async forms,
 * callbacks, progress, close and terminate), with Spark scheduling each chunk as a job and
 * running its tasks again on another executor when one is lost.
 *
 * <pre>{@code
 * try (SparkEngine spark = SparkEngine.connect("spark://host:7077");
 *      Pool pool = SparkPool.of(spark)) {
 *     List<Integer> lengths = pool.map(String::length, words);   // in input order
 * }
 * }</pre>
 *
 * <p>Results come in input order; a task that throws fails the call with a
 * {@link dev.floe.pool.TaskFailedException} naming its index and input, with the task's exception
 * (a deserialized copy, as in a process pool) as the cause. Functions and inputs cross by Java
 * serialization: one that cannot is refused with a {@link dev.floe.pool.TaskSerializationException}
 * before anything runs. Closing the pool leaves the engine running.
 */
public final class SparkPool {
    private SparkPool() {}

    /** A pool as wide as Spark's default parallelism (the executors' cores). */
    public static Pool of(SparkEngine engine) {
        Objects.requireNonNull(engine, "engine is null");
        return of(engine, engine.session().sparkContext().defaultParallelism());
    }

    /** A pool that runs {@code workers} chunks at a time, each a Spark job of one task. */
    public static Pool of(SparkEngine engine, int workers) {
        Objects.requireNonNull(engine, "engine is null");
        return ChunkBackend.pool(new SparkChunks(engine), workers);
    }
}
