package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import java.util.List;

/**
 * Where a pipeline's batches come from: data cut into {@link Split}s that workers read
 * independently, each split's batches in order, the splits in order. A scan of a frame in
 * memory, of files (with their projection, filter and limit already applied), or the result of
 * a pipeline breaker. Implementations are immutable and thread-safe: workers open splits at once.
 */
public interface Source {
    /** The columns of every batch. */
    Schema schema();

    /** The splits, in order: the rows of one come before the rows of the next. */
    List<? extends Split> splits(ExecutionContext context);

    /** Reads one of this source's splits. */
    BatchReader open(Split split, ExecutionContext context);

    /** What is read, for {@code explain}. */
    String describe();

    /**
     * What is known of the values of this source's columns before they are read (a frame's
     * values, a file's statistics), for packing group-by keys; null when nothing is.
     */
    default dev.floe.frame.exec.ValueBounds valueBounds() {
        return null;
    }
}
