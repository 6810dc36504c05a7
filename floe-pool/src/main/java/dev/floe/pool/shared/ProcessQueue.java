package dev.floe.pool.shared;

import dev.floe.FloeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * A first-in first-out queue of serializable values between processes: multiprocessing's
 * {@code Queue}. Any process that knows the name can put and take; values are serialized into a
 * ring buffer in shared memory, guarded by a cross-process lock.
 *
 * <pre>{@code
 * try (ProcessQueue<String> queue = ProcessQueue.create("results", 1 << 20)) {
 *     FloeProcess child = FloeProcess.start(() -> {
 *         try (ProcessQueue<String> q = ProcessQueue.open("results")) { q.put("hello from " + ProcessHandle.current().pid()); }
 *     });
 *     System.out.println(queue.take());
 * }
 * }</pre>
 *
 * <p>{@code put} waits while the queue is full, {@code take} while it is empty. Values are read
 * back through an {@link ObjectInputFilter}: nesting at most {@value #MAX_DEPTH} objects deep, and
 * no array or reference count larger than the value's own serialized size (what a real value
 * always fits), so a damaged queue cannot make a reader allocate without bound. Only the user
 * that created a queue can open it (see {@link SharedRegion}). Thread-safe.
 */
public final class ProcessQueue<T extends Serializable> implements AutoCloseable {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long LOCK = 0;
    private static final long HEAD = 8;    // bytes ever taken
    private static final long TAIL = 16;   // bytes ever put
    private static final long COUNT = 24;  // values in the queue
    static final long RING = 32;
    static final int MAX_DEPTH = 1_000;

    private final SharedRegion region;
    private final MemorySegment memory;
    private final LockWord lock;
    private final long capacity;

    private ProcessQueue(SharedRegion region) {
        this.region = region;
        this.memory = region.segment();
        this.lock = new LockWord(memory, LOCK, region.name());
        this.capacity = memory.byteSize() - RING;
    }

    /** Creates the queue {@code name} holding at most {@code capacityBytes} bytes of serialized values. */
    public static <T extends Serializable> ProcessQueue<T> create(String name, int capacityBytes) {
        if (capacityBytes < 16) {
            throw new IllegalArgumentException("capacityBytes must be at least 16, got " + capacityBytes);
        }
        return new ProcessQueue<>(SharedRegion.create(name, RING + capacityBytes));
    }

    /** Opens the existing queue {@code name}. */
    public static <T extends Serializable> ProcessQueue<T> open(String name) {
        return new ProcessQueue<>(SharedRegion.open(name));
    }

    /**
     * Adds {@code value}, waiting while the queue is full.
     *
     * @throws IllegalArgumentException if the serialized value could never fit
     */
    public void put(T value) throws InterruptedException {
        byte[] bytes = serialize(value);
        for (int attempt = 0; !tryPut(bytes); attempt++) {
            pause(attempt);
        }
    }

    /** Adds {@code value} if there is room within {@code timeout}; returns whether it did. */
    public boolean offer(T value, Duration timeout) throws InterruptedException {
        byte[] bytes = serialize(value);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; !tryPut(bytes); attempt++) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            pause(attempt);
        }
        return true;
    }

    /** Removes and returns the oldest value, waiting while the queue is empty. */
    public T take() throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            T value = tryTake();
            if (value != null) {
                return value;
            }
            pause(attempt);
        }
    }

    /** The oldest value, waiting at most {@code timeout}; null if none came. */
    public T poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; ; attempt++) {
            T value = tryTake();
            if (value != null || System.nanoTime() - deadline >= 0) {
                return value;
            }
            pause(attempt);
        }
    }

    /** How many values are in the queue now. */
    public long size() {
        return (long) LONG.getVolatile(memory, COUNT);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    private boolean tryPut(byte[] bytes) {
        long needed = Integer.BYTES + (long) bytes.length;
        if (needed > capacity) {
            throw new IllegalArgumentException("a value of " + bytes.length + " bytes serialized cannot fit queue '"
                    + region.name() + "' of " + capacity + " bytes; create it larger");
        }
        lock.lock();
        try {
            long head = (long) LONG.get(memory, HEAD);
            long tail = (long) LONG.get(memory, TAIL);
            if (capacity - (tail - head) < needed) {
                return false;
            }
            byte[] length = {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                    (byte) bytes.length};
            write(tail, length);
            write(tail + Integer.BYTES, bytes);
            LONG.set(memory, TAIL, tail + needed);
            LONG.setVolatile(memory, COUNT, (long) LONG.get(memory, COUNT) + 1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private T tryTake() {
        if (size() == 0) {
            return null;
        }
        byte[] bytes;
        lock.lock();
        try {
            long head = (long) LONG.get(memory, HEAD);
            long tail = (long) LONG.get(memory, TAIL);
            if (head == tail) {
                return null;
            }
            byte[] length = read(head, Integer.BYTES);
            int size = ((length[0] & 0xff) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8)
                    | (length[3] & 0xff);
            if (size < 0 || size > tail - head - Integer.BYTES) {
                throw new FloeException("queue '" + region.name() + "' is damaged: a value claims " + size
                        + " bytes where " + (tail - head - Integer.BYTES) + " are queued");
            }
            bytes = read(head + Integer.BYTES, size);
            LONG.set(memory, HEAD, head + Integer.BYTES + size);
            LONG.setVolatile(memory, COUNT, (long) LONG.get(memory, COUNT) - 1);
        } finally {
            lock.unlock();
        }
        return deserialize(bytes);
    }

    /** Writes {@code bytes} at ring position {@code position}, wrapping at the end. */
    private void write(long position, byte[] bytes) {
        long at = position % capacity;
        long first = Math.min(bytes.length, capacity - at);
        MemorySegment.copy(bytes, 0, memory, ValueLayout.JAVA_BYTE, RING + at, (int) first);
        MemorySegment.copy(bytes, (int) first, memory, ValueLayout.JAVA_BYTE, RING, (int) (bytes.length - first));
    }

    private byte[] read(long position, int length) {
        byte[] bytes = new byte[length];
        long at = position % capacity;
        long first = Math.min(length, capacity - at);
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, RING + at, bytes, 0, (int) first);
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, RING, bytes, (int) first, (int) (length - first));
        return bytes;
    }

    private static void pause(int attempt) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting on a process queue");
        }
        LockWord.backOff(attempt);
    }

    private byte[] serialize(T value) {
        if (value == null) {
            throw new IllegalArgumentException("a process queue holds no nulls");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new FloeException("cannot put " + value.getClass().getName() + " on queue '" + region.name()
                    + "': " + e, e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private T deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            ObjectInputFilter limits = ObjectInputFilter.Config.createFilter("maxdepth=" + MAX_DEPTH + ";maxarray="
                    + bytes.length + ";maxrefs=" + bytes.length + ";maxbytes=" + bytes.length);
            ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
            in.setObjectInputFilter(global == null ? limits : ObjectInputFilter.merge(limits, global));
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            String refused = e instanceof InvalidClassException && String.valueOf(e.getMessage()).contains("REJECTED")
                    ? " (refused: nested deeper than " + MAX_DEPTH + " objects, or an array or reference count larger "
                            + "than the value's " + bytes.length + " bytes)" : "";
            throw new FloeException("cannot read a value from queue '" + region.name() + "': " + e + refused, e);
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
