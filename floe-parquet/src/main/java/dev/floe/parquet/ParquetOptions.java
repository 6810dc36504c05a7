package dev.floe.parquet;

import java.util.List;
import java.util.Objects;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How to read and write Parquet. Immutable.
 *
 * @param compression the page codec written: {@code SNAPPY} (default), {@code ZSTD}, {@code GZIP},
 *     {@code UNCOMPRESSED}
 * @param rowGroupRows the rows of each row group written (the unit read in parallel, and skipped
 *     by statistics)
 * @param columns the columns to read (in file order); null for all
 * @param threads how many threads read or write, or 0 for the engine's default
 */
public record ParquetOptions(CompressionCodecName compression, int rowGroupRows, List<String> columns, int threads) {
    public ParquetOptions {
        Objects.requireNonNull(compression, "compression is null");
        if (rowGroupRows < 1 || threads < 0) {
            throw new IllegalArgumentException("rowGroupRows must be >= 1 and threads >= 0");
        }
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** Snappy, row groups of 262,144 rows, all columns, the engine's threads. */
    public static ParquetOptions defaults() {
        return new ParquetOptions(CompressionCodecName.SNAPPY, 1 << 18, null, 0);
    }

    public ParquetOptions withCompression(CompressionCodecName compression) {
        return new ParquetOptions(compression, rowGroupRows, columns, threads);
    }

    public ParquetOptions withRowGroupRows(int rows) {
        return new ParquetOptions(compression, rows, columns, threads);
    }

    public ParquetOptions withColumns(String... columns) {
        return new ParquetOptions(compression, rowGroupRows, List.of(columns), threads);
    }

    public ParquetOptions withThreads(int threads) {
        return new ParquetOptions(compression, rowGroupRows, columns, threads);
    }
}
