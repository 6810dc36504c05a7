package dev.floe.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pending result of work handed to a {@link Pool} with {@code applyAsync}, {@code mapAsync}
 * or {@code starmapAsync}: Python's {@code AsyncResult}.
 *
 * <pre>{@code
 * AsyncResult<List<Integer>> pending = pool.mapAsync(row -> countOf(row, 4), rows);
 * doSomethingElse();
 * List<Integer> counts = pending.get(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>A result is settled exactly once, with a value or a failure; it is thread-safe.
 */
public interface AsyncResult<T> {

    /**
     * Waits for the result and returns it.
     *
     * @throws TaskFailedException if a task failed (created on this thread, the task's exception
     *     as its cause)
     * @throws PoolTerminatedException if the pool was terminated first
     * @throws PoolInterruptedException if this thread is interrupted while waiting
     */
    T get();

    /**
     * Waits at most {@code timeout} for the result. Running out of time leaves the work running:
     * call again to wait longer.
     *
     * @throws TimeoutException if the result is not ready in time
     */
    T get(Duration timeout) throws TimeoutException;

    /** {@link #get(Duration)} in the style of {@link java.util.concurrent.Future#get(long, TimeUnit)}. */
    default T get(long timeout, TimeUnit unit) throws TimeoutException {
        return get(Duration.of(timeout, unit.toChronoUnit()));
    }

    /** Waits until the result is ready, with a value or a failure, without throwing the failure. */
    void await();

    /**
     * Waits at most {@code timeout} until the result is ready.
     *
     * @return whether it is ready
     */
    boolean await(Duration timeout);

    /** Whether the result is settled, with a value or a failure. */
    boolean ready();

    /**
     * Whether the work succeeded.
     *
     * @throws IllegalStateException if the result is not ready yet (as Python raises ValueError)
     */
    boolean successful();

    /**
     * A {@link CompletableFuture} that completes when this result does: with the value, or
     * exceptionally with the failure ({@link TaskFailedException}, {@link PoolTerminatedException}).
     * Completing the returned future by hand does not change this result.
     */
    CompletableFuture<T> toCompletableFuture();
}
