package dev.floe.frame.physical;

import dev.floe.FloeException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one operator of one query holds of the session's {@link MemoryPool}: it grows the
 * reservation before it grows its state, and spills when a growth is refused. Closed (everything
 * given back) when the operator is done or the query ends. Thread-safe: workers of one operator
 * share it.
 */
public final class MemoryReservation implements AutoCloseable {
    private final MemoryPool pool;
    private final String operator;
    private final AtomicLong reserved = new AtomicLong();
    /** What the heap has room for beside the query's in-memory inputs, as it is now. */
    private final java.util.function.LongSupplier heapRoom;

    MemoryReservation(MemoryPool pool, String operator, java.util.function.LongSupplier heapRoom) {
        this.pool = pool;
        this.operator = operator;
        this.heapRoom = heapRoom;
    }

    /** Reserves {@code bytes} more if the pool has them; whether it did. */
    public boolean tryGrow(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        if (!pool.tryReserve(bytes, heapRoom.getAsLong())) {
            return false;
        }
        reserved.addAndGet(bytes);
        return true;
    }

    /** Gives {@code bytes} back (what spilling freed). */
    public void shrink(long bytes) {
        long given = Math.min(bytes, reserved.get());
        if (given > 0) {
            reserved.addAndGet(-given);
            pool.release(given);
        }
    }

    public long reserved() {
        return reserved.get();
    }

    /** The operator's name, for errors. */
    public String operator() {
        return operator;
    }

    /**
     * What this operator's query may hold: the pool's limit, or less where the heap has no more
     * room beside the frames the query reads from memory ({@link MemoryPool#heapRoom}).
     */
    public long limit() {
        return Math.min(pool.limit(), heapRoom.getAsLong());
    }

    /**
     * The error of an operator that spilled but still cannot fit: {@code piece} (what it could not
     * hold, such as "the 20,000 build rows of one join key") needs at least {@code bytes}, more than the
     * pool's limit, and cannot be split further. It says how to raise the limit.
     *
     * @param kind the kind of operator, such as "hash join" or "group-by"
     */
    public FloeException tooLarge(String kind, String piece, long bytes) {
        long room = heapRoom.getAsLong();
        String bound = room < pool.limit()
                ? "the " + MemoryPool.format(room) + " the heap has room for beside the query's in-memory inputs "
                        + "(the memory limit is " + MemoryPool.format(pool.limit()) + ")"
                : "the memory limit of " + MemoryPool.format(pool.limit());
        return new FloeException("the " + kind + " cannot hold " + piece + " in memory: that needs at least "
                + MemoryPool.format(bytes) + ", more than " + bound
                + " (operator: " + operator + "), and spilling to disk cannot split it further; raise the memory "
                + "limit above what is needed (Floe.session().memoryLimit(\"" + MemoryPool.suggest(bytes)
                + "\"), FLOE_MEMORY_LIMIT=" + MemoryPool.suggest(bytes) + ", floe sql --memory-limit "
                + MemoryPool.suggest(bytes) + ", or SQL SET memory_limit = '" + MemoryPool.suggest(bytes)
                + "'), or make the query hold less: filter rows or select fewer columns before the " + kind);
    }

    @Override
    public void close() {
        shrink(reserved.get());
    }
}
