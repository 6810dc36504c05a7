package dev.floe.pool;

import dev.floe.pool.shared.SharedLong;
import dev.floe.pool.shared.SharedRegion;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter or gate that tasks can use whether they run on a thread of the test's JVM or in a
 * worker JVM: a {@link SharedLong} found by name, opened on first use in each JVM. Serializable,
 * so lambdas sent to worker processes can capture it.
 */
record Probe(String name) implements Serializable {
    private static final Map<String, SharedLong> OPEN = new ConcurrentHashMap<>();
    private static final long WAIT_LIMIT_NANOS = 60_000_000_000L;

    /** A new probe at 0; {@link #remove()} it when the test ends. */
    static Probe create() {
        Probe probe = new Probe("probe-" + UUID.randomUUID());
        OPEN.put(probe.name, SharedLong.create(probe.name, 0));
        return probe;
    }

    private SharedLong value() {
        return OPEN.computeIfAbsent(name, SharedLong::open);
    }

    long incrementAndGet() {
        return value().incrementAndGet();
    }

    long get() {
        return value().get();
    }

    void value(long value) {
        value().set(value);
    }

    /** Opens the gate: {@link #await()} returns from now on. */
    void open() {
        value().set(Math.max(1, value().get()));
    }

    /** Waits until the gate is open (the value is at least 1). */
    void await() throws InterruptedException {
        awaitAtLeast(1);
    }

    /** Waits until the value is at least {@code target}; gives up after a minute. */
    void awaitAtLeast(long target) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT_NANOS;
        while (value().get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("probe " + name + " did not reach " + target);
            }
            Thread.sleep(1);
        }
    }

    /** Closes this JVM's handle and removes the region, whatever other JVMs still hold. */
    void remove() {
        SharedLong open = OPEN.remove(name);
        if (open != null) {
            open.close();
        }
        SharedRegion.unlink(name);
    }
}
