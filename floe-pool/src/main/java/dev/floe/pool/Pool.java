package dev.floe.pool;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A pool of workers that runs tasks in parallel: Python's {@code multiprocessing.Pool}, the JVM
 * way.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads()) {                                  // one worker per core
 *     List<Integer> counts = pool.map(row -> countOf(row, 4), rows);   // results in input order
 *     List<Integer> same = pool.starmap(Demo::countOf, argsList);      // Args.of(row, 4) pairs
 *     Integer one = pool.apply(() -> countOf(rows.get(0), 4));
 *     AsyncResult<List<Integer>> pending =
 *             pool.mapAsync(row -> countOf(row, 4), rows, done -> log(done), err -> log(err));
 *     try (Stream<Integer> lazy = pool.imap(row -> countOf(row, 4), rows, 10)) { ... }
 * }
 * }</pre>
 *
 * <h2>Backends</h2>
 * {@link #threads()} runs tasks on platform threads, for CPU-bound work (on the JVM, threads
 * really run in parallel). {@link #virtualThreads()} runs each task on a virtual thread, for
 * many tasks that mostly wait on I/O. Every backend passes the same test suite.
 *
 * <h2>Chunks</h2>
 * {@code map}, {@code starmap} and their async forms split the input into chunks of
 * {@code ceil(n / (4 * workers))} items unless told otherwise, as multiprocessing does; a worker
 * runs a chunk's tasks one after the other, which amortises the cost of handing out work.
 * {@code imap} and {@code imapUnordered} use chunks of 1 unless told otherwise, so results
 * arrive as early as possible.
 *
 * <h2>Failures</h2>
 * A task that throws fails its operation with a {@link TaskFailedException} naming the task's
 * index and carrying what it threw. {@code map} fails fast: the first failure is thrown at once
 * and tasks not yet started never start. Work submitted after {@link #close()} or
 * {@link #terminate()} gets a {@link PoolClosedException}; {@link #terminate()} fails pending
 * results with {@link PoolTerminatedException}.
 *
 * <h2>Closing</h2>
 * {@link #close()} stops accepting work and waits until the submitted work is done (Python's
 * {@code close()} then {@code join()}), so a pool in try-with-resources finishes its work before
 * the block ends. {@link #shutdown()} is the non-waiting half (Python's {@code close()}), to be
 * followed by {@link #join()}. Worker threads are daemon threads: a pool that is never closed
 * does not keep the JVM alive.
 *
 * <p>A pool is thread-safe: any thread may submit work, and tasks may submit work to the pool
 * they run on (a worker waiting for such work runs it itself rather than wait for a free worker,
 * so nested use cannot deadlock).
 */
public interface Pool extends AutoCloseable {

    /** A function of one argument run as a task. Serializable, so a lambda can cross to a worker JVM. */
    @FunctionalInterface
    interface Fn<T, R> extends Serializable {
        R apply(T value) throws Exception;
    }

    /** A function of two arguments, for {@link #starmap(Fn2, Iterable)}. */
    @FunctionalInterface
    interface Fn2<A, B, R> extends Serializable {
        R apply(A first, B second) throws Exception;
    }

    /** A function of three arguments, for {@link #starmap(Fn3, Iterable)}. */
    @FunctionalInterface
    interface Fn3<A, B, C, R> extends Serializable {
        R apply(A first, B second, C third) throws Exception;
    }

    /** A task without arguments, for {@link #apply(Task)}. It is a {@link Callable} too. */
    @FunctionalInterface
    interface Task<R> extends Callable<R>, Serializable {
    }

    /** A pool of platform threads, one per available processor: for CPU-bound work. */
    static Pool threads() {
        return threads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A pool of {@code workers} platform threads: for CPU-bound work.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    static Pool threads(int workers) {
        Checks.positive(workers, "workers");
        return new ExecutorPool(PoolCore.Kind.THREADS, workers);
    }

    /**
     * A pool that runs every task on a virtual thread of its own, with no limit on how many run
     * at once: for many tasks that block on I/O (network calls, files, sleeps).
     */
    static Pool virtualThreads() {
        return new ExecutorPool(PoolCore.Kind.VIRTUAL_THREADS, 0);
    }

    /**
     * Like {@link #virtualThreads()}, but at most {@code maxConcurrency} tasks run at once, say
     * to stay under a server's connection limit.
     *
     * @throws IllegalArgumentException if {@code maxConcurrency < 1}
     */
    static Pool virtualThreads(int maxConcurrency) {
        Checks.positive(maxConcurrency, "maxConcurrency");
        return new ExecutorPool(PoolCore.Kind.VIRTUAL_THREADS, maxConcurrency);
    }

    /**
     * A pool of worker JVMs, one per available processor: for isolation, crash recovery and hard
     * time-outs. See {@link ProcessPool} for the options (heap, retries, time-out, ...).
     */
    static Pool processes() {
        return ProcessPool.builder().build();
    }

    /**
     * A pool of {@code workers} worker JVMs.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    static Pool processes(int workers) {
        return ProcessPool.builder().workers(workers).build();
    }

    /**
     * How many tasks this pool runs at once: its thread count, its concurrency limit, or
     * {@link Integer#MAX_VALUE} for unlimited virtual threads.
     */
    int workers();

    // ---- apply ----------------------------------------------------------------------------

    /**
     * Runs {@code task} on a worker and waits for its result.
     *
     * @throws TaskFailedException if the task throws (task index 0)
     * @throws PoolClosedException if the pool no longer accepts work
     */
    <R> R apply(Task<? extends R> task);

    /** Runs {@code task} on a worker and returns at once with its pending result. */
    <R> AsyncResult<R> applyAsync(Task<? extends R> task);

    /**
     * Runs {@code task} on a worker; exactly one of {@code callback} (with the result) and
     * {@code errorCallback} (with the failure) is called, once, on a pool thread, before the
     * result becomes ready. Either callback may be {@code null}.
     */
    <R> AsyncResult<R> applyAsync(Task<? extends R> task, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback);

    // ---- map ------------------------------------------------------------------------------

    /**
     * Applies {@code fn} to every item in parallel and returns the results in the items' order.
     * Uses the default chunk size {@code ceil(n / (4 * workers))}.
     *
     * @throws TaskFailedException for the first task that throws; the others are cancelled
     */
    <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** {@link #map(Fn, Iterable)} with an explicit chunk size ({@code >= 1}). */
    <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /** {@link #map(Fn, Iterable)} that returns at once with the pending list of results. */
    <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** {@link #mapAsync(Fn, Iterable)} with an explicit chunk size ({@code >= 1}). */
    <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize);

    /**
     * {@link #mapAsync(Fn, Iterable)} with callbacks: exactly one of them is called, once, on a
     * pool thread, before the result becomes ready. Either may be {@code null}.
     */
    <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback);

    /** {@link #mapAsync(Fn, Iterable, Consumer, Consumer)} with an explicit chunk size. */
    <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback);

    // ---- starmap --------------------------------------------------------------------------

    /**
     * Calls a two-argument {@code fn} with each pair of arguments in parallel; results in order.
     * Python's {@code pool.starmap(f, [(a, b), ...])} is {@code pool.starmap(f, List.of(Args.of(a, b), ...))}.
     */
    <A, B, R> List<R> starmap(Fn2<? super A, ? super B, ? extends R> fn, Iterable<Args2<A, B>> args);

    /** {@link #starmap(Fn2, Iterable)} with an explicit chunk size. */
    <A, B, R> List<R> starmap(Fn2<? super A, ? super B, ? extends R> fn, Iterable<Args2<A, B>> args,
            int chunksize);

    /** Calls a three-argument {@code fn} with each triple of arguments in parallel; results in order. */
    <A, B, C, R> List<R> starmap(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args);

    /** {@link #starmap(Fn3, Iterable)} with an explicit chunk size. */
    <A, B, C, R> List<R> starmap(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args, int chunksize);

    /** {@link #starmap(Fn2, Iterable)} that returns at once with the pending results. */
    <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> fn,
            Iterable<Args2<A, B>> args);

    /**
     * {@link #starmapAsync(Fn2, Iterable)} with callbacks: exactly one is called, once, on a pool
     * thread, before the result becomes ready. Either may be {@code null}.
     */
    <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> fn,
            Iterable<Args2<A, B>> args, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback);

    /** {@link #starmapAsync(Fn2, Iterable, Consumer, Consumer)} with an explicit chunk size. */
    <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> fn,
            Iterable<Args2<A, B>> args, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback);

    /** {@link #starmap(Fn3, Iterable)} that returns at once with the pending results. */
    <A, B, C, R> AsyncResult<List<R>> starmapAsync(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args);

    /** {@link #starmapAsync(Fn3, Iterable)} with an explicit chunk size and callbacks (either may be null). */
    <A, B, C, R> AsyncResult<List<R>> starmapAsync(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback);

    // ---- imap -----------------------------------------------------------------------------

    /**
     * Applies {@code fn} to every item in parallel and returns a lazy stream of the results in the
     * items' order, each yielded as soon as it and all before it are done. All tasks are
     * submitted at once; closing the stream cancels those not yet started. A failing task ends
     * the stream with a {@link TaskFailedException} after the results before it were yielded.
     * Chunk size 1.
     */
    <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** {@link #imap(Fn, Iterable)} with an explicit chunk size ({@code >= 1}). */
    <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /**
     * Like {@link #imap(Fn, Iterable)}, but yields each chunk's results as soon as that chunk is
     * done, whatever its position. Chunk size 1.
     */
    <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** {@link #imapUnordered(Fn, Iterable)} with an explicit chunk size ({@code >= 1}). */
    <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize);

    // ---- progress -------------------------------------------------------------------------

    /**
     * A view of this pool whose {@code map}, {@code starmap} and {@code imap} calls (and their
     * async forms) show a progress bar on stderr: count, rate and time left, like tqdm. The bar
     * is drawn only when stderr is a terminal, unless the environment variable
     * {@code FLOE_PROGRESS=always} forces it ({@code never} turns every bar off). The view shares
     * this pool's workers; closing it closes this pool.
     */
    Pool withProgress(String label);

    /**
     * A view of this pool that reports the progress of its {@code map}, {@code starmap} and
     * {@code imap} calls to {@code progress}: a bar ({@link Progress#bar()}), a log, anything.
     */
    Pool withProgress(String label, Progress progress);

    // ---- life cycle -----------------------------------------------------------------------

    /**
     * Stops accepting work and returns at once; work already submitted goes on. Python's
     * {@code pool.close()}. Follow with {@link #join()} to wait for it.
     */
    void shutdown();

    /**
     * Stops accepting work and waits until all submitted work is done and the workers have
     * exited: Python's {@code pool.close(); pool.join()}. Idempotent. Called by
     * try-with-resources.
     *
     * @throws IllegalStateException if called from one of this pool's own tasks, which would
     *     wait for itself
     */
    @Override
    void close();

    /**
     * Stops at once: no more work is accepted, tasks not yet started never start, running tasks
     * are interrupted, and every pending result fails with {@link PoolTerminatedException}.
     * Idempotent.
     */
    void terminate();

    /**
     * Waits until the workers have exited, after {@link #shutdown()}, {@link #close()} or
     * {@link #terminate()}.
     *
     * @throws IllegalStateException if the pool is still accepting work (it would never end)
     */
    void join();

    /**
     * Like {@link #join()}, waiting at most {@code timeout}.
     *
     * @return whether the workers have exited
     */
    boolean join(Duration timeout);

    /** Whether the pool still accepts work. */
    boolean isOpen();
}
