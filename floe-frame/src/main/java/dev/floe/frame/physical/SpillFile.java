package dev.floe.frame.physical;

import dev.floe.FloeException;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.SpillCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * Batches written to a temporary file and read back in the same order: each batch encoded
 * column by column ({@link SpillCodec}), compressed with LZ4 (pure Java), and appended as a block
 * ({@code raw length, compressed length, bytes}) through a buffer, so the disk sees sequential
 * writes and reads (64 KB: a spilled join keeps a file open per partition and worker). Written by one thread, then read (as often as needed) by one at a
 * time; {@link #delete} removes it.
 *
 * <p>Compression pays only when it saves more disk time than it costs: LZ4 in Java writes some
 * 200 MB a second of batches on one core, a disk several times that. So a file's first batches
 * are compressed and measured, and when they shrink by less than a quarter (random numbers,
 * distinct text) the rest are written as they are (a block of compressed length -1). A block
 * that does not shrink at all is always written as it is.
 */
public final class SpillFile {
    private static final LZ4Factory LZ4 = LZ4Factory.safeInstance();
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final QueryProgress progress;
    /** The writer's codec and compressor: let go once writing is finished (the codec remembers dictionaries). */
    private SpillCodec codec = new SpillCodec();
    private LZ4Compressor compressor = LZ4.fastCompressor();
    private DataOutputStream out;
    private byte[] compressed = new byte[0];
    private long rows;
    private long rawBytes;
    private long fileBytes;
    private int batches;
    /** The largest batch before compression, in bytes: what a reader decodes at once. */
    private int largestRawBatch;
    /** Whether batches are still compressed: until the first {@link #PROBED_BATCHES} show it does not pay. */
    private boolean compressing = true;
    private long probedRaw;
    private long probedCompressed;

    /** Batches measured before deciding whether to go on compressing. */
    static final int PROBED_BATCHES = 4;
    /** Compressed over raw bytes above which compressing stops. */
    static final double WORTH_COMPRESSING = 0.75;

    SpillFile(Path path, QueryProgress progress) {
        this.path = path;
        this.progress = progress;
        try {
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BUFFER));
        } catch (IOException e) {
            throw new FloeException("cannot write the temporary file " + path + " (spilling: " + e.getMessage()
                    + "); set FLOE_TEMP_DIR to a directory with room", e);
        }
    }

    public Path path() {
        return path;
    }

    /** Appends a batch. */
    public void write(Batch batch) {
        ByteBuffer raw = codec.encode(batch);
        int length = raw.remaining();
        int size = -1;
        if (compressing) {
            int bound = compressor.maxCompressedLength(length);
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            size = compressor.compress(raw.array(), raw.arrayOffset() + raw.position(), length, compressed, 0, bound);
            if (batches < PROBED_BATCHES) {
                probedRaw += length;
                probedCompressed += size;
                if (batches == PROBED_BATCHES - 1 && probedCompressed > WORTH_COMPRESSING * probedRaw) {
                    compressing = false;
                }
            }
            if (size >= length) {
                size = -1;
            }
        }
        try {
            out.writeInt(length);
            out.writeInt(size);
            if (size >= 0) {
                out.write(compressed, 0, size);
            } else {
                out.write(raw.array(), raw.arrayOffset() + raw.position(), length);
            }
        } catch (IOException e) {
            throw new FloeException("cannot write the temporary file " + path + " (spilling: " + e.getMessage()
                    + "); set FLOE_TEMP_DIR to a directory with room", e);
        }
        if (compressed.length > SpillCodec.KEPT_BUFFER) {
            compressed = new byte[0]; // as the codec's buffer: open spill files hold no large buffers
        }
        codec.trim();
        rows += batch.rows();
        rawBytes += length;
        largestRawBatch = Math.max(largestRawBatch, length);
        int written = size >= 0 ? size : length;
        fileBytes += 8 + written;
        progress.spilled(8 + written);
        batches++;
    }

    /** Flushes what is written; the file can be read from then on. */
    public void finishWriting() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new FloeException("cannot write the temporary file " + path + ": " + e.getMessage(), e);
        }
        out = null;
        // a finished file waiting to be read holds no buffer, nor the dictionaries it wrote
        codec = null;
        compressor = null;
        compressed = new byte[0];
    }

    public long rows() {
        return rows;
    }

    public int batches() {
        return batches;
    }

    /** Bytes the batches took before compression. */
    public long rawBytes() {
        return rawBytes;
    }

    /** Bytes the file takes. */
    public long fileBytes() {
        return fileBytes;
    }

    /**
     * About how many bytes an open reader of this file holds at most: its stream's buffer, and for
     * the largest batch the compressed block, the decompressed bytes and the decoded batch (about
     * as large again). What a merge of several files reserves before it opens them.
     */
    public long readingBytes() {
        return BUFFER + 3L * largestRawBatch;
    }

    /** Reads the batches back, in the order they were written, each with the start it was written with. */
    public BatchReader read() {
        finishWriting();
        InputStream stream;
        try {
            stream = new BufferedInputStream(Files.newInputStream(path), BUFFER);
        } catch (IOException e) {
            throw new FloeException("cannot read the temporary file " + path + ": " + e.getMessage(), e);
        }
        DataInputStream in = new DataInputStream(stream);
        SpillCodec reading = new SpillCodec();
        LZ4FastDecompressor decompressor = LZ4.fastDecompressor();
        return new BatchReader() {
            private byte[] block = new byte[0];
            private byte[] raw = new byte[0];

            @Override
            public Batch next() {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return null;
                } catch (IOException e) {
                    throw new FloeException("cannot read the temporary file " + path + ": " + e.getMessage(), e);
                }
                try {
                    int size = in.readInt();
                    if (raw.length < length) {
                        raw = new byte[length];
                    }
                    if (size < 0) {
                        in.readFully(raw, 0, length); // written as it is
                    } else {
                        if (block.length < size) {
                            block = new byte[size];
                        }
                        in.readFully(block, 0, size);
                        decompressor.decompress(block, 0, raw, 0, length);
                    }
                } catch (IOException e) {
                    throw new FloeException("cannot read the temporary file " + path + ": " + e.getMessage(), e);
                }
                return reading.decode(ByteBuffer.wrap(raw, 0, length));
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    // a temporary file: nothing more to do
                }
            }
        };
    }

    /** Removes the file. */
    public void delete() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException e) {
            // deleted next
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the query's directory is removed at its end anyway
        }
    }
}
