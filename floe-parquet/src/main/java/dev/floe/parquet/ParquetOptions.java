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

    /**
     * Snappy, row groups of 122,880 rows (as DuckDB writes them: each row group is encoded in
     * memory before it is written, so its size bounds what a sink holds), all columns, the
     * engine's threads.
     */
    public static ParquetOptions defaults() {
        return new ParquetOptions(CompressionCodecName.SNAPPY, 122_880, null, 0);
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

    /** The writing options by name ({@code compression}, {@code row_group_rows}): what a Parquet sink hands to the engine. */
    public java.util.Map<String, String> toWriteOptions() {
        return java.util.Map.of("compression", compression.name(), "row_group_rows", Integer.toString(rowGroupRows));
    }

    /** The writing options given by name ({@link #toWriteOptions}), the others as by default. */
    public static ParquetOptions fromWriteOptions(java.util.Map<String, String> options) {
        dev.floe.frame.io.FileFormat.checkOptions("Parquet", options, List.of("compression", "row_group_rows"));
        ParquetOptions out = defaults();
        String codec = options.get("compression");
        if (codec != null) {
            try {
                out = out.withCompression(CompressionCodecName.valueOf(codec.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Parquet compression is one of "
                        + java.util.Arrays.toString(CompressionCodecName.values()) + ", not '" + codec + "'");
            }
        }
        String rows = options.get("row_group_rows");
        if (rows != null) {
            try {
                out = out.withRowGroupRows(Integer.parseInt(rows.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the Parquet option row_group_rows is a whole number, not '" + rows
                        + "'");
            }
        }
        return out;
    }
}
