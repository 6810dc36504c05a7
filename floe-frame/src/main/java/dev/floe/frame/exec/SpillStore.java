package dev.floe.frame.exec;

import java.util.Iterator;

/**
 * What an operator's state may use of the query's memory, and where it goes when that runs out:
 * the query's memory reservation and its spill files, as the kernels see them.
 */
public interface SpillStore {
    /** Reserves {@code bytes} more memory; false when the limit is reached (then spill). */
    boolean tryReserve(long bytes);

    /** Gives back {@code bytes} of memory reserved before. */
    void release(long bytes);

    /** A new spill file. */
    Run newRun(String what);

    /** Batches written to disk and read back in the same order. Written by one thread. */
    interface Run {
        void write(Batch batch);

        /** The batches, each with the start it was written with. */
        Iterator<Batch> read();
    }
}
