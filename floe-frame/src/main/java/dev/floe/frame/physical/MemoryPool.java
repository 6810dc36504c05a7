package dev.floe.frame.physical;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory a session's queries may hold in their operators' state (hash tables, sort runs,
 * join build sides, collected inputs), shared by every query of the session. Operators reserve
 * before they grow ({@link MemoryReservation}); a refused reservation makes them spill to disk
 * instead. The limit is set with {@code Floe.session().memoryLimit("4g")}, {@code
 * FLOE_MEMORY_LIMIT}, {@code floe sql --memory-limit} or SQL's {@code SET memory_limit}; by
 * default it is 70% of the JVM's maximum heap. Thread-safe.
 */
public final class MemoryPool {
    private final AtomicLong used = new AtomicLong();
    private volatile long limit;

    public MemoryPool(long limit) {
        this.limit = positive(limit);
    }

    /** The default limit: {@code FLOE_MEMORY_LIMIT} if set, else 70% of the maximum heap. */
    public static long defaultLimit() {
        String configured = System.getenv("FLOE_MEMORY_LIMIT");
        if (configured != null && !configured.isBlank()) {
            return parse(configured, "FLOE_MEMORY_LIMIT");
        }
        long heap = Runtime.getRuntime().maxMemory();
        return heap == Long.MAX_VALUE ? Long.MAX_VALUE : (long) (heap * 0.7);
    }

    public long limit() {
        return limit;
    }

    public void limit(long bytes) {
        this.limit = positive(bytes);
    }

    /** Bytes reserved now by every query of the session. */
    public long used() {
        return used.get();
    }

    /**
     * Reserves {@code bytes} if they fit under the limit and under {@code ceiling} (what the heap
     * has room for beside a query's inputs, see {@link #heapRoom}); whether they did.
     */
    boolean tryReserve(long bytes, long ceiling) {
        long bound = Math.min(limit, ceiling);
        while (true) {
            long now = used.get();
            long after = now + bytes;
            if (bytes > 0 && (after > bound || after < 0)) {
                return false;
            }
            if (used.compareAndSet(now, after)) {
                return true;
            }
        }
    }

    /**
     * What the heap has room for in operators' state beside {@code inputs} bytes of frames that
     * a query reads from memory (they share the heap with the state, and the pool does not count
     * them): 85% of the maximum heap less the inputs, and never under a tenth of the heap, so
     * that operators still work, spilling early; of the heap that long-lived data can take
     * ({@link #longLivedHeap}). No bound when the heap has none.
     */
    public static long heapRoom(long inputs) {
        long heap = LONG_LIVED_HEAP;
        if (heap == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(heap / 10, (long) (heap * 0.85) - inputs);
    }

    /**
     * The heap that data living longer than a few collections can take: the old generation's
     * maximum where the collector has a bounded one (the parallel and serial collectors give it a
     * fixed share of the heap, two thirds by default, and frames and operators' state end up
     * there), else the maximum heap.
     */
    public static long longLivedHeap() {
        return LONG_LIVED_HEAP;
    }

    private static final long LONG_LIVED_HEAP = oldGenerationMax();

    private static long oldGenerationMax() {
        long heap = Runtime.getRuntime().maxMemory();
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            long max = pool.getUsage() == null ? -1 : pool.getUsage().getMax();
            if (pool.getType() == java.lang.management.MemoryType.HEAP && max > 0
                    && (name.contains("Old Gen") || name.contains("Tenured"))) {
                return Math.min(heap, max);
            }
        }
        return heap;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /**
     * A size written for people: a number of bytes with an optional unit, {@code k}, {@code m},
     * {@code g}, {@code t} (powers of 1024) and an optional {@code b} or {@code ib}: {@code 4g},
     * {@code 512MB}, {@code 2GiB}, {@code 1073741824}.
     *
     * @param what what is being set, for the error
     */
    public static long parse(String text, String what) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
            end++;
        }
        String unit = t.substring(end);
        long scale = switch (unit) {
            case "", "b" -> 1;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default -> -1;
        };
        double number;
        try {
            number = end == 0 ? -1 : Double.parseDouble(t.substring(0, end));
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (scale < 0 || number <= 0 || Double.isNaN(number) || number * scale >= Long.MAX_VALUE) {
            throw new IllegalArgumentException(what + " is a size such as 4g, 512MB or 2GiB, not '" + text + "'");
        }
        return (long) (number * scale);
    }

    /** A size for messages: {@code 3.5 GiB}, {@code 120 MiB}, {@code 1.5 MiB}, {@code 128 KiB}, {@code 300 bytes}. */
    public static String format(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "no limit";
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 10L << 20) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes >= 1L << 10 ? String.format(Locale.ROOT, "%.0f KiB", bytes / (double) (1L << 10))
                : bytes + " bytes";
    }

    /**
     * A limit to suggest for state of {@code bytes}: twice that, rounded up to a power of two, as
     * {@link #parse} reads it ({@code 512k}, {@code 8m}, {@code 2g}).
     */
    public static String suggest(long bytes) {
        long size = Long.highestOneBit(Math.max(1L << 10, Math.min(bytes, 1L << 50)) * 2 - 1) << 1;
        return size >= 1L << 40 ? (size >> 40) + "t" : size >= 1L << 30 ? (size >> 30) + "g"
                : size >= 1L << 20 ? (size >> 20) + "m" : (size >> 10) + "k";
    }

    private static long positive(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a memory limit is more than 0 bytes, not " + bytes);
        }
        return bytes;
    }
}
