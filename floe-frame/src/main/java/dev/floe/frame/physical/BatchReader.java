package dev.floe.frame.physical;

import dev.floe.frame.exec.Batch;

/**
 * The batches of one split, in order. Used by one thread; {@link #close} releases what it holds
 * (files, buffers) and may be called before the end.
 */
public interface BatchReader extends AutoCloseable {
    /** The next batch, or null at the end. */
    Batch next();

    @Override
    void close();

    /** A reader of the given batches. */
    static BatchReader of(java.util.List<Batch> batches) {
        java.util.Iterator<Batch> iterator = batches.iterator();
        return new BatchReader() {
            @Override
            public Batch next() {
                return iterator.hasNext() ? iterator.next() : null;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
