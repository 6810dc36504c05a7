package dev.floe.frame.io;

import dev.floe.frame.DataFrame;

/**
 * Writes one file of a format from the rows of a query as they come, never the whole result at
 * once. The rows arrive in order, in parts of about {@link #partRows} rows (the last one
 * shorter); each part is first encoded ({@link #encode}: formatted, compressed; on any worker,
 * several at once), then appended ({@link #append}: the encoded parts in order, one call at a
 * time). {@link #finish} completes the file; {@link #abort} closes it and deletes it.
 */
public interface BatchWriter {
    /** The rows of a part: a Parquet row group, an Arrow record batch, a block of CSV lines. */
    int partRows();

    /** Encodes a part; thread-safe. */
    Object encode(DataFrame part);

    /** Appends an encoded part to the file; parts come in order, one call at a time. */
    void append(Object encoded);

    /** Completes the file (its footer) and closes it. */
    void finish();

    /** Closes the file and deletes it, after a failure or a cancellation. */
    void abort();
}
