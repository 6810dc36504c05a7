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

    /** The memory limit the reservations are made under, in bytes. */
    long limit();

    /** Tells the query's statistics that a spilled partition was split into smaller ones. */
    void repartitioned();

    /**
     * The error for state that needs more memory than the limit and that spilling cannot split
     * (see {@link Repartitioning}): what the operator ({@code kind}, such as "group-by") could not
     * hold ({@code piece}), the {@code bytes} it needs, the limit and how to raise it.
     */
    RuntimeException tooLarge(String kind, String piece, long bytes);

    /** Batches written to disk and read back in the same order. Written by one thread. */
    interface Run {
        void write(Batch batch);

        /** No more batches: what writing held (buffers, the dictionaries written) is let go until the run is read. */
        void finishWriting();

        /** The batches, each with the start it was written with; close a reader not read to its end. */
        Reader read();

        /** Removes the file. */
        void delete();

        /** About how many bytes a reader of the run holds at most while it reads (a batch and its buffers). */
        long readingBytes();
    }

    /** A run's batches as they are read. */
    interface Reader extends Iterator<Batch>, AutoCloseable {
        @Override
        void close();
    }
}
