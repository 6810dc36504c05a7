package dev.floe.pool.shared;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A cross-process lock in one 8-byte word of shared memory: 0 when free, else the owner's
 * process id. Waiters spin briefly, then park for short spells, and now and then ask whether the
 * owner still lives: a lock whose owner process died is taken over. The holder thread is
 * tracked per instance, so another thread of the same process cannot release it by mistake.
 */
final class LockWord {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long FREE = 0;
    private static final long PID = ProcessHandle.current().pid();
    private static final int OWNER_CHECK_INTERVAL = 256;

    private final MemorySegment segment;
    private final long offset;
    private final String name;
    private volatile Thread holder;

    LockWord(MemorySegment segment, long offset, String name) {
        this.segment = segment;
        this.offset = offset;
        this.name = name;
    }

    void lock() {
        for (int attempt = 0; !tryLock(attempt % OWNER_CHECK_INTERVAL == 0); attempt++) {
            backOff(attempt);
        }
    }

    boolean tryLock() {
        return tryLock(true);
    }

    /** Waits at most {@code nanos} for the lock. */
    boolean tryLock(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (int attempt = 0; !tryLock(attempt % OWNER_CHECK_INTERVAL == 0); attempt++) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            backOff(attempt);
        }
        return true;
    }

    /** Asking the system whether the owner lives is a system call: waiters do it now and then. */
    private boolean tryLock(boolean checkOwner) {
        long owner = (long) LONG.getVolatile(segment, offset);
        if (owner == FREE || (checkOwner && owner != PID && !alive(owner))) {
            if (LONG.compareAndSet(segment, offset, owner, PID)) {
                holder = Thread.currentThread();
                return true;
            }
        }
        return false;
    }

    void unlock() {
        if (holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException("unlock() of shared lock '" + name
                    + "' by a thread that does not hold it");
        }
        holder = null;
        if (!LONG.compareAndSet(segment, offset, PID, FREE)) {
            throw new IllegalMonitorStateException("shared lock '" + name
                    + "' was taken over while held (was this process thought dead?)");
        }
    }

    boolean isLocked() {
        return (long) LONG.getVolatile(segment, offset) != FREE;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void backOff(int attempt) {
        if (attempt < 64) {
            Thread.onSpinWait();
        } else if (attempt < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000_000L, 10_000L * (attempt - 127)));
        }
    }
}
