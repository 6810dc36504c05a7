package dev.floe.frame.io;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.ExecutionConfig;
import java.util.List;

/**
 * Data in files that a lazy scan reads when the query runs: CSV here, Parquet and Arrow IPC from
 * the modules that read them. A source knows its columns before reading them (from a header,
 * a sample or the file's metadata), so that plans over it are checked when they are built.
 * Implementations are immutable and thread-safe.
 */
public interface FileSource {
    /** Every column the files hold, with its type. */
    Schema schema();

    /**
     * Reads the files.
     *
     * @param projection the columns to read, in this order (the others are not decoded)
     * @param predicate only the rows where it is true (checked as they are read), or null for all;
     *     it may use columns outside the projection
     * @param limit the most rows to read (after the predicate), or -1 for all
     */
    DataFrame read(List<String> projection, dev.floe.frame.expr.Expr predicate, long limit, ExecutionConfig config);

    /** What is read, for {@code explain()}: the format and the files. */
    String describe();
}
