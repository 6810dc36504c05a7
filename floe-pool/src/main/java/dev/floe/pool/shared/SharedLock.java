package dev.floe.pool.shared;

import java.time.Duration;

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
    private final SharedRegion region;
    private final LockWord word;

    private SharedLock(SharedRegion region) {
        this.region = region;
        this.word = new LockWord(region.segment(), 0, region.name());
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
        word.lock();
    }

    /** Takes the lock if it is free (or its owner died); never waits. */
    public boolean tryLock() {
        return word.tryLock();
    }

    /**
     * Waits at most {@code timeout} for the lock.
     *
     * @return whether it was taken
     */
    public boolean tryLock(Duration timeout) {
        return word.tryLock(timeout.toNanos());
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     */
    public void unlock() {
        word.unlock();
    }

    /** Whether some process holds the lock now. */
    public boolean isLocked() {
        return word.isLocked();
    }

    public String name() {
        return region.name();
    }

    @Override
    public void close() {
        region.close();
    }
}
