package dev.floe.pool.shared;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * {@code long}s in shared memory, seen by every process that opens the array, without copying:
 * for large numeric data several worker processes read or fill. Element access is plain (fast);
 * {@link #addAndGet} is atomic across processes. Thread-safe as memory is: coordinate writers.
 */
public final class SharedLongArray implements AutoCloseable {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final SharedRegion region;
    private final MemorySegment values;
    private final long length;

    private SharedLongArray(SharedRegion region) {
        this.region = region;
        this.values = region.segment();
        this.length = values.byteSize() / Long.BYTES;
    }

    /** Creates the array {@code name} of {@code length} zeros. */
    public static SharedLongArray create(String name, long length) {
        return new SharedLongArray(SharedRegion.create(name, Math.multiplyExact(checkLength(length), Long.BYTES)));
    }

    /** Opens the existing array {@code name}. */
    public static SharedLongArray open(String name) {
        return new SharedLongArray(SharedRegion.open(name));
    }

    static long checkLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be at least 0, got " + length);
        }
        return length;
    }

    public long length() {
        return length;
    }

    public long get(long index) {
        return values.getAtIndex(ValueLayout.JAVA_LONG, index);
    }

    public void set(long index, long value) {
        values.setAtIndex(ValueLayout.JAVA_LONG, index, value);
    }

    /** Adds {@code delta} to element {@code index}, atomically across processes. */
    public long addAndGet(long index, long delta) {
        return (long) LONG.getAndAdd(values, index * Long.BYTES, delta) + delta;
    }

    /** The elements as a segment: a view, no copy. */
    public MemorySegment segment() {
        return values;
    }

    /** A copy of the elements on the heap. */
    public long[] toArray() {
        return values.toArray(ValueLayout.JAVA_LONG);
    }

    /** Copies {@code source} into the array from element 0. */
    public void copyFrom(long[] source) {
        MemorySegment.copy(source, 0, values, ValueLayout.JAVA_LONG, 0, source.length);
    }

    public String name() {
        return region.name();
    }

    @Override
    public void close() {
        region.close();
    }
}
