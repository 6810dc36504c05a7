package dev.floe.frame.physical;

/**
 * A part of a source that one worker reads on its own: a range of an in-memory frame's rows, a
 * byte range of a CSV file, a Parquet row group, an Arrow record batch. Immutable.
 */
public interface Split {
    /** How many rows it holds before any filter, or -1 when not known before reading (the default). */
    default long rows() {
        return -1;
    }

    /** How many bytes of files it reads (0 for data in memory, the default). */
    default long bytes() {
        return 0;
    }
}
