package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import java.util.function.Consumer;

/**
 * A step of a pipeline that turns batches into batches as they come (filter, project, explode,
 * a join's probe), without holding the stream.
 *
 * <p>Calling protocol: {@link #push} is called for every batch of every split, by many workers at
 * once, so implementations are thread-safe (most hold no state); each call hands its output, zero
 * or more batches in order, to {@code downstream} before it returns. After every batch has been
 * pushed, {@link #finish} is called once, on one thread, for the rows that only the whole stream
 * decides (the unmatched build rows of a full join).
 */
public interface StreamingOperator {
    /** The columns of the batches it gives. */
    Schema schema();

    void push(Batch batch, Consumer<Batch> downstream);

    /** Whether {@link #finish} may give batches. */
    default boolean hasTail() {
        return false;
    }

    /** Gives the batches that follow the whole stream; nothing by default. */
    default void finish(Consumer<Batch> downstream) {
        // nothing follows
    }

    /** One line for {@code explain}. */
    String describe();
}
