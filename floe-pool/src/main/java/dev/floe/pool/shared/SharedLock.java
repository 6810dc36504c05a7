package dev.floe.pool.shared;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock held by one thread of one process at a time, across every process that opens it:
 * multiprocessing's {@code Lock}.
 *
 * <pre>{@code
 * try (SharedLock lock = SharedLock.openOrCreate("counter-lock");
 *      SharedLock.Held held = lock.acquire()) {
 *     counter.set(counter.get() + 1);              // no other process runs this meanwhile
 * }
 * }</pre>
 *
 * <p>The lock word holds the owner's process id. A waiter spins briefly, then parks for short
 * spells. If the owning process dies while it holds the lock, the next waiter takes the lock
 * over. Not reentrant. Thread-safe.
 */
public final class SharedLock implements AutoCloseable {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long FREE = 0;
    private static final long PID = ProcessHandle.current().pid();
    private static final int OWNER_CHECK_INTERVAL = 256;

    private final SharedRegion region;
    private final MemorySegment word;
    private volatile Thread holder;

    private SharedLock(SharedRegion region) {
        this.region = region;
        this.word = region.segment();
    }

    public static SharedLock create(String name) {
        return new SharedLock(SharedRegion.create(name, Long.BYTES));
    }

    public static SharedLock open(String name) {
        return new SharedLock(SharedRegion.open(name));
    }

    public static SharedLock openOrCreate(String name) {
        return new SharedLock(SharedRegion.openOrCreate(name, Long.BYTES));
    }

    /** Proof that the lock is held; closing it releases the lock. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits until the lock is free and takes it; returns the handle that releases it. */
    public Held acquire() {
        lock();
        return this::unlock;
    }

    /** Waits until the lock is free and takes it. */
    public void lock() {
        for (int attempt = 0; !tryLock(attempt % OWNER_CHECK_INTERVAL == 0); attempt++) {
            backOff(attempt);
        }
    }

    /** Takes the lock if it is free (or its owner died); never waits. */
    public boolean tryLock() {
        return tryLock(true);
    }

    /** Asking the system whether the owner lives is a system call: waiters do it now and then. */
    private boolean tryLock(boolean checkOwner) {
        long owner = (long) LONG.getVolatile(word, 0L);
        if (owner == FREE || (checkOwner && owner != PID && !alive(owner))) {
            if (LONG.compareAndSet(word, 0L, owner, PID)) {
                holder = Thread.currentThread();
                return true;
            }
        }
        return false;
    }

    /**
     * Waits at most {@code timeout} for the lock.
     *
     * @return whether it was taken
     */
    public boolean tryLock(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; !tryLock(attempt % OWNER_CHECK_INTERVAL == 0); attempt++) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            backOff(attempt);
        }
        return true;
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     */
    public void unlock() {
        if (holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException("unlock() of shared lock '" + region.name()
                    + "' by a thread that does not hold it");
        }
        holder = null;
        if (!LONG.compareAndSet(word, 0L, PID, FREE)) {
            throw new IllegalMonitorStateException("shared lock '" + region.name()
                    + "' was taken over while held (was this process thought dead?)");
        }
    }

    /** Whether some process holds the lock now. */
    public boolean isLocked() {
        return (long) LONG.getVolatile(word, 0L) != FREE;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void backOff(int attempt) {
        if (attempt < 64) {
            Thread.onSpinWait();
        } else if (attempt < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000_000L, 10_000L * (attempt - 127)));
        }
    }

    public String name() {
        return region.name();
    }

    @Override
    public void close() {
        region.close();
    }
}
