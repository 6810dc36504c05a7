package dev.floe.frame.physical;

import dev.floe.frame.exec.Batch;

/**
 * The end of a pipeline: a pipeline breaker (hash aggregation, a join's build side, sort, top-k,
 * window, unique) or the query's output (a frame, a file). Each worker fills a {@link Local} of
 * its own, so consuming takes no lock; the locals are combined, then {@link #finish} gives the
 * result.
 *
 * <p>Calling protocol: {@link #newLocal} once per worker; that worker's batches go to its local
 * with {@link Local#consume}, each split's batches in order and followed by {@link Local#endSplit};
 * the batches' {@code start} is their place in the stream (it grows along the stream, so an
 * order-sensitive sink sorts by it); {@link #combine} once per local, one call at a time; then
 * {@link #finish} once.
 *
 * @param <L> the state of one worker
 * @param <R> what the sink gives when finished
 */
public interface Sink<L extends Sink.Local, R> {
    /** One worker's state; used by that worker alone. */
    interface Local {
        void consume(Batch batch);

        /** All of split {@code split}'s batches have been consumed. */
        default void endSplit(int split) {
            // nothing to do
        }
    }

    L newLocal();

    void combine(L local);

    R finish();

    /**
     * The sink needs only the first rows of the stream, this many; the pipeline stops reading once
     * they are in. -1: every row.
     */
    default long rowsWanted() {
        return -1;
    }

    /**
     * How many splits past the oldest unfinished one a worker may start: an order-keeping writer
     * holds back the splits that finish early, so it bounds how many. Unbounded by default.
     */
    default int splitsAhead() {
        return Integer.MAX_VALUE;
    }

    /**
     * Does one piece of the sink's pending work (a part of a file to encode) for a worker that has
     * nothing else to do: held back by {@link #splitsAhead}, or with no split left. Whether there
     * was any; none by default. Any worker may call it at any time, several at once.
     */
    default boolean help() {
        return false;
    }
}
