package dev.floe.arrow;

import java.util.Objects;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * How to write Arrow IPC files (reading takes whatever the file holds). Immutable.
 *
 * @param compression buffer compression: {@code NO_COMPRESSION} (default), {@code LZ4_FRAME} or
 *     {@code ZSTD}
 * @param batchRows rows per record batch
 */
public record ArrowOptions(CompressionUtil.CodecType compression, int batchRows) {
    public ArrowOptions {
        Objects.requireNonNull(compression, "compression is null");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be >= 1, got " + batchRows);
        }
    }

    /** Uncompressed, record batches of 1,048,576 rows. */
    public static ArrowOptions defaults() {
        return new ArrowOptions(CompressionUtil.CodecType.NO_COMPRESSION, 1 << 20);
    }

    public ArrowOptions withCompression(CompressionUtil.CodecType compression) {
        return new ArrowOptions(compression, batchRows);
    }

    public ArrowOptions withBatchRows(int rows) {
        return new ArrowOptions(compression, rows);
    }

    /** The options by name ({@code compression}, {@code batch_rows}): what an Arrow sink hands to the engine. */
    public java.util.Map<String, String> toWriteOptions() {
        return java.util.Map.of("compression", compression.name(), "batch_rows", Integer.toString(batchRows));
    }

    /** The options given by name ({@link #toWriteOptions}), the others as by default. */
    public static ArrowOptions fromWriteOptions(java.util.Map<String, String> options) {
        dev.floe.frame.io.FileFormat.checkOptions("Arrow", options, java.util.List.of("compression", "batch_rows"));
        ArrowOptions out = defaults();
        String codec = options.get("compression");
        if (codec != null) {
            try {
                out = out.withCompression(CompressionUtil.CodecType.valueOf(codec.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Arrow compression is one of "
                        + java.util.Arrays.toString(CompressionUtil.CodecType.values()) + ", not '" + codec + "'");
            }
        }
        String rows = options.get("batch_rows");
        if (rows != null) {
            try {
                out = out.withBatchRows(Integer.parseInt(rows.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the Arrow option batch_rows is a whole number, not '" + rows + "'");
            }
        }
        return out;
    }
}
