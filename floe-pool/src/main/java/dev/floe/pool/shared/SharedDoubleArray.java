package dev.floe.pool.shared;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code double}s in shared memory, seen by every process that opens the array, without copying:
 * multiprocessing's {@code Array('d', n)}. Element access is plain (fast); coordinate writers,
 * for example each process filling its own range. Thread-safe as memory is.
 */
public final class SharedDoubleArray implements AutoCloseable {
    private final SharedRegion region;
    private final MemorySegment values;
    private final long length;

    private SharedDoubleArray(SharedRegion region) {
        this.region = region;
        this.values = region.segment();
        this.length = values.byteSize() / Double.BYTES;
    }

    /** Creates the array {@code name} of {@code length} zeros. */
    public static SharedDoubleArray create(String name, long length) {
        return new SharedDoubleArray(SharedRegion.create(name,
                Math.multiplyExact(SharedLongArray.checkLength(length), Double.BYTES)));
    }

    /** Opens the existing array {@code name}. */
    public static SharedDoubleArray open(String name) {
        return new SharedDoubleArray(SharedRegion.open(name));
    }

    public long length() {
        return length;
    }

    public double get(long index) {
        return values.getAtIndex(ValueLayout.JAVA_DOUBLE, index);
    }

    public void set(long index, double value) {
        values.setAtIndex(ValueLayout.JAVA_DOUBLE, index, value);
    }

    /** The elements as a segment: a view, no copy. */
    public MemorySegment segment() {
        return values;
    }

    /** A copy of the elements on the heap. */
    public double[] toArray() {
        return values.toArray(ValueLayout.JAVA_DOUBLE);
    }

    /** Copies {@code source} into the array from element 0. */
    public void copyFrom(double[] source) {
        MemorySegment.copy(source, 0, values, ValueLayout.JAVA_DOUBLE, 0, source.length);
    }

    public String name() {
        return region.name();
    }

    @Override
    public void close() {
        region.close();
    }
}
