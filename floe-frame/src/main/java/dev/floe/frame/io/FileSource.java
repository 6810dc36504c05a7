package dev.floe.frame.io;

import dev.floe.frame.Schema;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.physical.Source;
import java.util.List;

/**
 * Data in files that a lazy scan reads when the query runs: CSV here, Parquet and Arrow IPC from
 * the modules that read them. A source knows its columns before reading them (from a header,
 * a sample or the file's metadata), so that plans over it are checked when they are built; the
 * data is read through the physical {@link Source} it makes for each scan, cut into splits that
 * workers read in parallel, batch by batch, never the whole file at once. Implementations are
 * immutable and thread-safe.
 */
public interface FileSource {
    /** Every column the files hold, with its type. */
    Schema schema();

    /**
     * The scan of these files that a query runs.
     *
     * @param projection the columns to give, in this order (the others are not decoded)
     * @param predicate only the rows where it is true (checked as they are read), or null for all;
     *     it may use columns outside the projection
     * @param limit the most rows the query needs (after the predicate), or -1 for all; a bound on
     *     what is read, not a promise: a source may give more, and the rows are cut above it
     */
    Source scan(List<String> projection, Expr predicate, long limit);

    /**
     * What the files' metadata tells without reading their data (row count, per-column ranges and
     * null counts), for the optimizer's estimates; {@link TableStatistics#UNKNOWN} when they tell
     * nothing cheaply.
     */
    default TableStatistics statistics() {
        return TableStatistics.UNKNOWN;
    }

    /** What is read, for {@code explain()}: the format and the files. */
    String describe();

    /**
     * The scan as plain values (format, files, options, columns): what another engine needs to
     * read the same data, and what {@link FileFormat#open(ScanDescriptor)} opens again.
     */
    ScanDescriptor descriptor();
}
