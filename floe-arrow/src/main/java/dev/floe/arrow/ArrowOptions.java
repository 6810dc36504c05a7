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
}
