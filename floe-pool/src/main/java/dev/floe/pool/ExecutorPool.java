package dev.floe.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@link Pool} over threads or virtual threads: turns each call into a {@link ChunkedJob}
 * and starts it on the {@link PoolCore}. A progress view is another instance over the same core.
 */
final class ExecutorPool implements Pool {
    /** How a call reads its items: in place when the caller waits for the call to end, else from a copy. */
    private enum Inputs { READ_IN_PLACE, COPY }

    private static final List<Object> ONE_INPUT = java.util.Collections.singletonList(null);

    private final PoolCore core;
    private final String progressLabel;
    private final Progress progress;

    ExecutorPool(PoolCore.Kind kind, int workers) {
        this(new PoolCore(kind, workers), null, null);
    }

    ExecutorPool(PoolCore core) {
        this(core, null, null);
    }

    private ExecutorPool(PoolCore core, String progressLabel, Progress progress) {
        this.core = core;
        this.progressLabel = progressLabel;
        this.progress = progress;
    }

    @Override
    public int workers() {
        return core.workers();
    }

    // ---- apply ----------------------------------------------------------------------------

    @Override
    public <R> R apply(Task<? extends R> task) {
        return applyAsync(task, null, null).get();
    }

    @Override
    public <R> AsyncResult<R> applyAsync(Task<? extends R> task) {
        return applyAsync(task, null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> AsyncResult<R> applyAsync(Task<? extends R> task, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback) {
        Checks.notNull(task, "task");
        Pool.Fn<Object, Object> call = ignored -> task.call();
        Consumer<? super List<Object>> unwrap = callback == null ? null
                : values -> callback.accept((R) values.get(0));
        core.requireOpen("apply");
        ChunkedJob job = new ChunkedJob(core, "apply", ChunkedJob.Mode.COLLECT, call, ONE_INPUT, 1,
                false, Progress.NoTracker.INSTANCE, remote("apply", call, ONE_INPUT, 1, false), unwrap, errorCallback);
        core.start(job, 1, "apply");
        return new SingleResult<>(job.result());
    }

    // ---- map ------------------------------------------------------------------------------

    @Override
    public <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return this.<R>collect("map", fn, items, 0, Inputs.READ_IN_PLACE, null, null).get();
    }

    @Override
    public <T, R> List<R> map(Fn<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
        return this.<R>collect("map", fn, items, Checks.positive(chunksize, "chunksize"), Inputs.READ_IN_PLACE,
                null, null).get();
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return collect("map", fn, items, 0, Inputs.COPY, null, null);
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        return collect("map", fn, items, Checks.positive(chunksize, "chunksize"), Inputs.COPY, null, null);
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return collect("map", fn, items, 0, Inputs.COPY, callback, errorCallback);
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return collect("map", fn, items, Checks.positive(chunksize, "chunksize"), Inputs.COPY, callback, errorCallback);
    }

    // ---- starmap --------------------------------------------------------------------------

    @Override
    public <A, B, R> List<R> starmap(Fn2<? super A, ? super B, ? extends R> fn, Iterable<Args2<A, B>> args) {
        return this.<R>collect("starmap", spread(fn), args, 0, Inputs.READ_IN_PLACE, null, null).get();
    }

    @Override
    public <A, B, R> List<R> starmap(Fn2<? super A, ? super B, ? extends R> fn, Iterable<Args2<A, B>> args,
            int chunksize) {
        return this.<R>collect("starmap", spread(fn), args, Checks.positive(chunksize, "chunksize"),
                Inputs.READ_IN_PLACE, null, null).get();
    }

    @Override
    public <A, B, C, R> List<R> starmap(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args) {
        return this.<R>collect("starmap", spread(fn), args, 0, Inputs.READ_IN_PLACE, null, null).get();
    }

    @Override
    public <A, B, C, R> List<R> starmap(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args, int chunksize) {
        return this.<R>collect("starmap", spread(fn), args, Checks.positive(chunksize, "chunksize"),
                Inputs.READ_IN_PLACE, null, null).get();
    }

    @Override
    public <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> fn,
            Iterable<Args2<A, B>> args) {
        return collect("starmap", spread(fn), args, 0, Inputs.COPY, null, null);
    }

    @Override
    public <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> fn,
            Iterable<Args2<A, B>> args, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return collect("starmap", spread(fn), args, 0, Inputs.COPY, callback, errorCallback);
    }

    @Override
    public <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> fn,
            Iterable<Args2<A, B>> args, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return collect("starmap", spread(fn), args, Checks.positive(chunksize, "chunksize"), Inputs.COPY, callback,
                errorCallback);
    }

    @Override
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args) {
        return collect("starmap", spread(fn), args, 0, Inputs.COPY, null, null);
    }

    @Override
    public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        return collect("starmap", spread(fn), args, Checks.positive(chunksize, "chunksize"), Inputs.COPY, callback,
                errorCallback);
    }

    private static <A, B, R> Fn<Args2<A, B>, R> spread(Fn2<? super A, ? super B, ? extends R> fn) {
        Checks.notNull(fn, "fn");
        return args -> {
            Checks.notNull(args, "the arguments of a starmap task");
            return fn.apply(args.first(), args.second());
        };
    }

    private static <A, B, C, R> Fn<Args3<A, B, C>, R> spread(Fn3<? super A, ? super B, ? super C, ? extends R> fn) {
        Checks.notNull(fn, "fn");
        return args -> {
            Checks.notNull(args, "the arguments of a starmap task");
            return fn.apply(args.first(), args.second(), args.third());
        };
    }

    // ---- imap -----------------------------------------------------------------------------

    @Override
    public <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return stream("imap", ChunkedJob.Mode.ORDERED_STREAM, fn, items, 1);
    }

    @Override
    public <T, R> Stream<R> imap(Fn<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
        return stream("imap", ChunkedJob.Mode.ORDERED_STREAM, fn, items, Checks.positive(chunksize, "chunksize"));
    }

    @Override
    public <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return stream("imapUnordered", ChunkedJob.Mode.UNORDERED_STREAM, fn, items, 1);
    }

    @Override
    public <T, R> Stream<R> imapUnordered(Fn<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        return stream("imapUnordered", ChunkedJob.Mode.UNORDERED_STREAM, fn, items,
                Checks.positive(chunksize, "chunksize"));
    }

    // ---- the jobs -------------------------------------------------------------------------

    /** Starts a map-like job; {@code chunksize} 0 means multiprocessing's default. */
    @SuppressWarnings("unchecked")
    private <R> AsyncResult<List<R>> collect(String operation, Fn<?, ?> fn, Iterable<?> items, int chunksize,
            Inputs reading, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        Checks.notNull(fn, "fn");
        List<?> inputs = materialize(items, reading);
        int size = chunksize == 0 ? defaultChunksize(inputs.size()) : chunksize;
        core.requireOpen(operation);
        RemoteChunks remote = remote(operation, fn, inputs, size, true);
        ChunkedJob job = new ChunkedJob(core, operation, ChunkedJob.Mode.COLLECT, fn, inputs, size, true,
                tracker(operation, inputs.size()), remote, (Consumer<? super List<Object>>) (Consumer<?>) callback,
                errorCallback);
        launch(job, operation);
        return (AsyncResult<List<R>>) (AsyncResult<?>) job.result();
    }

    private <R> Stream<R> stream(String operation, ChunkedJob.Mode mode, Fn<?, ?> fn, Iterable<?> items,
            int chunksize) {
        Checks.notNull(fn, "fn");
        List<?> inputs = materialize(items, Inputs.COPY);
        core.requireOpen(operation);
        RemoteChunks remote = remote(operation, fn, inputs, chunksize, true);
        ChunkedJob job = new ChunkedJob(core, operation, mode, fn, inputs, chunksize, true,
                tracker(operation, inputs.size()), remote, null, null);
        launch(job, operation);
        return job.stream();
    }

    private void launch(ChunkedJob job, String operation) {
        if (!job.finishIfEmpty()) {
            try {
                core.start(job, Math.min(core.workers(), job.chunkCount()), operation);
            } catch (PoolClosedException e) {
                job.abandon(); // closed meanwhile: finish its progress bar
                throw e;
            }
        }
    }

    /** For a process pool, the job's chunks serialized for the workers; null for thread pools. */
    private RemoteChunks remote(String operation, Fn<?, ?> fn, List<?> inputs, int chunksize, boolean describeInputs) {
        ProcessWorkers processes = core.processes();
        if (core.backend() != null) {
            return RemoteChunks.encode(core.backend(), operation, fn, inputs, chunksize, describeInputs);
        }
        return processes == null ? null
                : RemoteChunks.encode(processes, operation, fn, inputs, chunksize, describeInputs);
    }

    /**
     * multiprocessing's rule: {@code ceil(n / (4 * workers))}; 1 for unbounded virtual threads, and
     * for process pools with a time-out (so it applies to each task).
     */
    int defaultChunksize(int items) {
        if (core.workers() == Integer.MAX_VALUE
                || (core.processes() != null && core.processes().options().timeout() != null)) {
            return 1;
        }
        long perRound = 4L * core.workers();
        return (int) Math.max(1, (items + perRound - 1) / perRound);
    }

    private Progress.Tracker tracker(String operation, int total) {
        if (progress == null) {
            return Progress.NoTracker.INSTANCE;
        }
        return progress.start(progressLabel == null ? operation : progressLabel, total);
    }

    /**
     * The items as a random-access list. A call that returns before its tasks end ({@code mapAsync},
     * {@code imap}, ...) works on a copy, as multiprocessing does, so the caller may change its
     * collection at once; a blocking call reads a random-access list in place, saving the copy.
     */
    private static List<?> materialize(Iterable<?> items, Inputs reading) {
        Checks.notNull(items, "items");
        if (reading == Inputs.READ_IN_PLACE && items instanceof List<?> list && items instanceof RandomAccess) {
            return list;
        }
        if (items instanceof Collection<?> collection) {
            return Arrays.asList(collection.toArray());
        }
        List<Object> copy = new ArrayList<>();
        for (Object item : items) {
            copy.add(item);
        }
        return copy;
    }

    // ---- progress and life cycle ----------------------------------------------------------

    @Override
    public Pool withProgress(String label) {
        return withProgress(label, Progress.bar());
    }

    @Override
    public Pool withProgress(String label, Progress progress) {
        Checks.notNull(label, "label");
        Checks.notNull(progress, "progress");
        return new ExecutorPool(core, label, progress);
    }

    @Override
    public void shutdown() {
        core.shutdown();
    }

    @Override
    public void close() {
        core.close();
    }

    @Override
    public void terminate() {
        core.terminate();
    }

    @Override
    public void join() {
        core.join();
    }

    @Override
    public boolean join(Duration timeout) {
        return core.join(timeout);
    }

    @Override
    public boolean isOpen() {
        return core.isOpen();
    }

    /** Process ids of a process pool's live workers (empty for thread pools): for monitoring and tests. */
    List<Long> workerPids() {
        return core.processes() == null ? List.of() : core.processes().pids();
    }

    /** Where a process pool's workers call back (null for thread pools): for tests. */
    WorkerChannel workerChannel() {
        return core.processes() == null ? null : core.processes().channel();
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
