package dev.floe.pool;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The workers behind a thread or virtual-thread {@link Pool}, shared by the pool and its
 * {@link Pool#withProgress progress views}: the executor, the open / shut down / terminated
 * state, and the jobs whose results are still awaited (so that {@link #terminate()} can fail
 * them).
 */
final class PoolCore {
    enum Kind {
        THREADS("threads"),
        VIRTUAL_THREADS("virtual threads"),
        PROCESSES("processes"),
        BACKEND("backend");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private enum State { OPEN, SHUT_DOWN, TERMINATED }

    private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();
    private static final ThreadLocal<PoolCore> CURRENT = new ThreadLocal<>();

    private final Kind kind;
    private final int workers;
    private final String name;
    private final ExecutorService executor;
    private final Semaphore concurrencyLimit;
    private final ProcessWorkers processes;
    private final ChunkBackend backend;
    private final Set<ChunkedJob> awaited = ConcurrentHashMap.newKeySet();
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private volatile State state = State.OPEN;

    /**
     * @param workers thread count for {@link Kind#THREADS}; for virtual threads the concurrency
     *     limit, or 0 for none
     */
    PoolCore(Kind kind, int workers) {
        this.kind = kind;
        this.name = "floe-pool-" + POOL_NUMBERS.incrementAndGet();
        this.processes = null;
        this.backend = null;
        if (kind == Kind.THREADS) {
            this.workers = workers;
            this.concurrencyLimit = null;
            this.executor = fixedThreads(workers, "-worker-");
        } else {
            this.workers = workers == 0 ? Integer.MAX_VALUE : workers;
            this.concurrencyLimit = workers == 0 ? null : new Semaphore(workers);
            this.executor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name(name + "-vthread-", 1).factory());
        }
    }

    /** The core of a process pool: one dispatcher thread per worker JVM. */
    PoolCore(ProcessPool.Options options) {
        this.kind = Kind.PROCESSES;
        this.name = "floe-pool-" + POOL_NUMBERS.incrementAndGet();
        this.workers = options.workers();
        this.concurrencyLimit = null;
        this.processes = new ProcessWorkers(options, name);
        this.backend = null;
        this.executor = fixedThreads(workers, "-dispatcher-");
    }

    /** The core of a pool over another engine's workers: one dispatcher thread per chunk running at a time. */
    PoolCore(ChunkBackend backend, int workers) {
        this.kind = Kind.BACKEND;
        this.name = "floe-pool-" + POOL_NUMBERS.incrementAndGet();
        this.workers = workers;
        this.concurrencyLimit = null;
        this.processes = null;
        this.backend = backend;
        this.executor = fixedThreads(workers, "-dispatcher-");
    }

    /** The backend a pool's chunks run on; null for thread and process pools. */
    ChunkBackend backend() {
        return backend;
    }

    private ExecutorService fixedThreads(int count, String role) {
        AtomicInteger threadNumbers = new AtomicInteger();
        return new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, name + role + threadNumbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The worker JVMs of a process pool; null for thread pools. */
    ProcessWorkers processes() {
        return processes;
    }

    /** The pool whose task the current thread is running, or null. */
    static PoolCore current() {
        return CURRENT.get();
    }

    int workers() {
        return workers;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    /**
     * Starts {@code runners} copies of {@code job}'s runner on the workers.
     *
     * @throws PoolClosedException if the pool no longer accepts work
     */
    void start(ChunkedJob job, int runners, String operation) {
        stateLock.readLock().lock();
        try {
            requireOpen(operation);
            awaited.add(job);
            for (int i = 0; i < runners; i++) {
                executor.execute(() -> runAsWorker(job));
            }
        } catch (RejectedExecutionException e) {
            awaited.remove(job);
            throw new PoolClosedException("cannot " + operation + ": " + this + " rejected the work: " + e.getMessage());
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /** @throws PoolClosedException if the pool no longer accepts work */
    void requireOpen(String operation) {
        State now = state;
        if (now != State.OPEN) {
            throw new PoolClosedException("cannot " + operation + ": " + this + " is "
                    + (now == State.TERMINATED ? "terminated" : "closed")
                    + " and accepts no more work; create a new pool");
        }
    }

    private void runAsWorker(ChunkedJob job) {
        PoolCore outer = CURRENT.get();
        CURRENT.set(this);
        try {
            if (concurrencyLimit != null) {
                try {
                    concurrencyLimit.acquire();
                } catch (InterruptedException e) {
                    return; // terminated while waiting for a slot: the job has been failed already
                }
                try {
                    job.runChunks();
                } finally {
                    concurrencyLimit.release();
                }
            } else {
                job.runChunks();
            }
        } finally {
            CURRENT.set(outer);
        }
    }

    /** The job's result no longer needs {@link #terminate()} to fail it. */
    void settled(ChunkedJob job) {
        awaited.remove(job);
    }

    void shutdown() {
        stateLock.writeLock().lock();
        try {
            if (state == State.OPEN) {
                state = State.SHUT_DOWN;
                executor.shutdown();
            }
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    void terminate() {
        List<ChunkedJob> pending;
        stateLock.writeLock().lock();
        try {
            if (state == State.TERMINATED) {
                return;
            }
            state = State.TERMINATED;
            pending = List.copyOf(awaited);
            awaited.clear();
        } finally {
            stateLock.writeLock().unlock();
        }
        for (ChunkedJob job : pending) {
            job.terminate(new PoolTerminatedException(job.operation() + " did not finish: " + this
                    + " was terminated"));
        }
        executor.shutdownNow();
        if (processes != null) {
            processes.kill();
        }
    }

    void close() {
        if (CURRENT.get() == this) {
            throw new IllegalStateException("close() was called from a task of " + this
                    + "; it would wait for itself. Call shutdown() there, or close() from outside the pool");
        }
        shutdown();
        join();
    }

    void join() {
        requireNotOpen();
        try {
            while (!executor.awaitTermination(1, TimeUnit.DAYS)) {
                // keep waiting: join() waits as long as the work takes
            }
            closeProcesses();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolInterruptedException("interrupted while joining " + this, e);
        }
    }

    boolean join(Duration timeout) {
        Checks.notNull(timeout, "timeout");
        requireNotOpen();
        try {
            boolean done = executor.awaitTermination(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            if (done) {
                closeProcesses();
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolInterruptedException("interrupted while joining " + this, e);
        }
    }

    /** The work is done: the worker JVMs may go. */
    private void closeProcesses() {
        if (processes != null) {
            processes.close();
        }
    }

    private void requireNotOpen() {
        if (state == State.OPEN) {
            throw new IllegalStateException("join() needs the pool to be shut down first: call shutdown(), "
                    + "close() or terminate() before join(), or the wait would never end");
        }
        if (CURRENT.get() == this) {
            throw new IllegalStateException("join() was called from a task of " + this + "; it would wait for itself");
        }
    }

    @Override
    public String toString() {
        String size = workers == Integer.MAX_VALUE ? "unbounded" : Integer.toString(workers);
        return "Pool[" + name + ", " + (backend != null ? backend.name() : kind.label) + ", workers=" + size + "]";
    }
}
