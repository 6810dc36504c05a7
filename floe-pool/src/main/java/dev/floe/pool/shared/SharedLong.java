package dev.floe.pool.shared;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A {@code long} in shared memory whose atomic operations are atomic across processes: the
 * multiprocessing {@code Value('l')} that needs no lock to count.
 *
 * <pre>{@code
 * try (SharedLong counter = SharedLong.openOrCreate("hits")) {   // in every process
 *     counter.incrementAndGet();
 * }
 * }</pre>
 *
 * <p>{@code set(get() + 1)} is two operations and loses updates when processes race; use
 * {@link #incrementAndGet()}, or guard it with a {@link SharedLock}. Thread-safe.
 */
public final class SharedLong implements AutoCloseable {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final SharedRegion region;
    private final MemorySegment cell;

    private SharedLong(SharedRegion region) {
        this.region = region;
        this.cell = region.segment();
    }

    /** Creates the shared long {@code name}, set to {@code initial}. */
    public static SharedLong create(String name, long initial) {
        // the value is written before other processes can open the region
        return new SharedLong(SharedRegion.create(name, Long.BYTES, cell -> LONG.setVolatile(cell, 0L, initial)));
    }

    /** Opens the existing shared long {@code name}. */
    public static SharedLong open(String name) {
        return new SharedLong(SharedRegion.open(name));
    }

    /** Opens the shared long {@code name}, creating it at 0 if there is none. */
    public static SharedLong openOrCreate(String name) {
        return new SharedLong(SharedRegion.openOrCreate(name, Long.BYTES));
    }

    public long get() {
        return (long) LONG.getVolatile(cell, 0L);
    }

    public void set(long value) {
        LONG.setVolatile(cell, 0L, value);
    }

    public long incrementAndGet() {
        return addAndGet(1);
    }

    public long addAndGet(long delta) {
        return (long) LONG.getAndAdd(cell, 0L, delta) + delta;
    }

    public long getAndAdd(long delta) {
        return (long) LONG.getAndAdd(cell, 0L, delta);
    }

    public boolean compareAndSet(long expected, long value) {
        return LONG.compareAndSet(cell, 0L, expected, value);
    }

    public String name() {
        return region.name();
    }

    /** Closes this handle; the last one closed, in any process, deletes the value. */
    @Override
    public void close() {
        region.close();
    }

    @Override
    public String toString() {
        return "SharedLong[" + region.name() + " = " + get() + "]";
    }
}
