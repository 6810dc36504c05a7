package dev.floe.frame.physical;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.pool.AsyncResult;
import dev.floe.pool.Pool;
import dev.floe.pool.PoolInterruptedException;
import dev.floe.pool.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Everything one query runs with: its configuration (threads, morsel size), the worker pool of
 * its session, its cancellation flag and its progress listener. Made by a session for each
 * query and handed down to every operator; the engine keeps no state of its own beyond it.
 * Thread-safe: workers share it.
 */
public final class ExecutionContext implements dev.floe.frame.exec.Workers {
    private final ExecutionConfig config;
    private final Pool pool;
    private final Cancellation cancellation;
    private final QueryProgress progress;
    private final MemoryPool memory;
    private final SpillSpace spill;
    private final java.util.List<MemoryReservation> reservations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The columns this query reads from memory (by identity) and their bytes in all. */
    private java.util.Set<Object> inputs =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private java.util.concurrent.atomic.AtomicLong inputBytes = new java.util.concurrent.atomic.AtomicLong();
    /**
     * The bytes of the rows this query has collected into frames (its result, or the whole input
     * of an operator that holds it): not under a reservation, as they cannot spill, but on the heap.
     */
    private java.util.concurrent.atomic.AtomicLong collectedBytes = new java.util.concurrent.atomic.AtomicLong();
    private java.util.concurrent.atomic.AtomicLong collectedRows = new java.util.concurrent.atomic.AtomicLong();
    /** Set while the query is profiled ({@code explainAnalyze}). */
    private volatile Profile profile;

    /**
     * A context with no memory limit, spilling (if ever) under the default temporary directory.
     *
     * @param pool the workers ({@code config.threads()} of them), or null to run on the calling thread
     */
    public ExecutionContext(ExecutionConfig config, Pool pool, Cancellation cancellation, QueryProgress progress) {
        this(config, pool, cancellation, progress, new MemoryPool(Long.MAX_VALUE), new SpillSpace(SpillSpace.defaultRoot()));
    }

    /**
     * @param pool the workers ({@code config.threads()} of them), or null to run on the calling thread
     * @param memory the session's memory pool, shared with its other queries
     * @param spill where this query's temporary files go; closed by whoever made the context
     */
    public ExecutionContext(ExecutionConfig config, Pool pool, Cancellation cancellation, QueryProgress progress,
            MemoryPool memory, SpillSpace spill) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.pool = config.threads() == 1 ? null : pool;
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation is null");
        this.progress = Objects.requireNonNull(progress, "progress is null");
        this.memory = Objects.requireNonNull(memory, "memory is null");
        this.spill = Objects.requireNonNull(spill, "spill is null");
    }

    /** The session's memory pool. */
    public MemoryPool memory() {
        return memory;
    }

    /** A reservation of the session's memory for one operator of this query; given back when the query ends. */
    public MemoryReservation reservation(String operator) {
        MemoryReservation reservation = new MemoryReservation(memory, operator,
                () -> MemoryPool.heapRoom(inputBytes.get() + collectedBytes.get()));
        reservations.add(reservation);
        return reservation;
    }

    /**
     * Counts a frame the query reads from memory (each column once, however often and in however
     * many frames it is read): it shares the heap with the operators' state, so their reservations
     * have that much less room.
     */
    public void readsFromMemory(dev.floe.frame.DataFrame frame) {
        for (dev.floe.frame.Series series : frame.series()) {
            // a column's first chunk stands for it: a selection or a renaming makes a new column over the same chunks
            java.util.List<? extends dev.floe.frame.column.Vector> chunks = series.column().chunks();
            Object data = chunks.isEmpty() ? series.column() : chunks.get(0);
            boolean added;
            synchronized (inputs) {
                added = inputs.add(data);
            }
            if (added) {
                inputBytes.addAndGet(series.estimatedSize());
            }
        }
    }

    /** The bytes of the columns the query reads from memory. */
    public long inputBytes() {
        return inputBytes.get();
    }

    /**
     * Counts {@code rows} rows of {@code bytes} bytes that the query collects into a frame (its
     * result, or an operator's whole input): they share the heap with the operators' state, so the
     * operators' reservations have that much less room, and an {@link OutOfMemoryError} names them.
     */
    public void collects(long rows, long bytes) {
        collectedRows.addAndGet(rows);
        collectedBytes.addAndGet(bytes);
    }

    /** The bytes of the rows the query has collected into frames so far ({@link #collects}). */
    public long collectedBytes() {
        return collectedBytes.get();
    }

    /** The rows the query has collected into frames so far ({@link #collects}). */
    public long collectedRows() {
        return collectedRows.get();
    }

    /** The reservation holding the most of this query's memory now, or null if it has none. */
    public MemoryReservation largestReservation() {
        MemoryReservation largest = null;
        for (MemoryReservation reservation : reservations) {
            if (largest == null || reservation.reserved() > largest.reserved()) {
                largest = reservation;
            }
        }
        return largest;
    }

    /** Where this query's temporary files go. */
    public SpillSpace spill() {
        return spill;
    }

    /** Gives back every reservation of this query; called when it ends. */
    public void releaseMemory() {
        for (MemoryReservation reservation : reservations) {
            reservation.close();
        }
        reservations.clear();
    }

    /** This query's context for work on one worker: the same resources, the calling thread alone. */
    public ExecutionContext onOneThread() {
        ExecutionContext one = new ExecutionContext(config.withThreads(1), null, cancellation, QueryProgress.NONE,
                memory, spill);
        one.profile = profile;
        one.inputs = inputs;
        one.inputBytes = inputBytes;
        one.collectedBytes = collectedBytes;
        one.collectedRows = collectedRows;
        return one;
    }

    /** The profile the query's operators report to, or null when it is not profiled. */
    Profile profile() {
        return profile;
    }

    void profile(Profile profile) {
        this.profile = profile;
    }

    /** A context on the calling thread alone, for work outside a query (writing a frame, tests). */
    public static ExecutionContext singleThreaded(ExecutionConfig config) {
        return new ExecutionContext(config.withThreads(1), null, new Cancellation(), QueryProgress.NONE);
    }

    public ExecutionConfig config() {
        return config;
    }

    /** How many workers run the query's pipelines. */
    @Override
    public int threads() {
        return pool == null ? 1 : config.threads();
    }

    @Override
    public int morselRows() {
        return config.morselRows();
    }

    /** The worker pool, or null when the query runs on the calling thread. */
    public Pool pool() {
        return pool;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public QueryProgress progress() {
        return progress;
    }

    /** Throws {@link QueryCancelledException} once the query is cancelled. */
    @Override
    public void checkCancelled() {
        if (Thread.currentThread().isInterrupted() && pool == null) {
            // the query runs on the caller's thread alone, and the caller was interrupted
            cancellation.cancel("the thread running it was interrupted");
        }
        cancellation.check();
    }

    /**
     * Runs {@code task(0) .. task(count - 1)} on the workers (on this thread when there is one
     * worker or one task) and returns their results in order. Every task has ended when this
     * returns or throws: a failing task cancels the others, which stop at their next check, and
     * the first failure is thrown as the task threw it. An interrupt of the calling thread
     * cancels the query.
     */
    @Override
    public <R> List<R> runTasks(int count, IntFunction<R> task) {
        if (count == 0) {
            return List.of();
        }
        if (pool == null || count == 1) {
            List<R> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                checkCancelled();
                results.add(task.apply(i));
            }
            return results;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(i);
        }
        AsyncResult<List<R>> pending = pool.mapAsync(i -> {
            if (failure.get() != null || cancellation.isCancelled()) {
                return null;
            }
            try {
                return task.apply(i);
            } catch (Throwable e) {
                if (failure.compareAndSet(null, e)) {
                    cancellation.cancel("a task failed: " + e);
                }
                return null;
            }
        }, ids, 1);
        List<R> results = awaitUninterruptibly(pending);
        Throwable failed = failure.get();
        if (failed != null) {
            throw rethrown(failed); // the first failure; the tasks it stopped failed after it
        }
        checkCancelled();
        return results;
    }

    /** Waits for {@code pending}; an interrupt cancels the query and the wait goes on until its tasks end. */
    private <T> T awaitUninterruptibly(AsyncResult<T> pending) {
        boolean interrupted = false;
        while (true) {
            try {
                pending.await();
                break;
            } catch (PoolInterruptedException e) {
                Thread.interrupted();
                interrupted = true;
                cancellation.cancel("the thread running it was interrupted");
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return pending.get();
        } catch (TaskFailedException e) {
            throw rethrown(e.getCause() == null ? e : e.getCause());
        }
    }

    /** A worker's failure thrown again on the caller's thread, its type and message kept. */
    static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            runtime.addSuppressed(new RuntimeException("rethrown in the thread that ran the query"));
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new dev.floe.FloeException(cause.toString(), cause);
    }
}
