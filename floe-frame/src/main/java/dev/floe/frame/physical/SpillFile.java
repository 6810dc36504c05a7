package dev.floe.frame.physical;

import dev.floe.FloeException;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.SpillCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * Batches written to a query's spill space and read back in the same order: each batch encoded
 * column by column ({@link SpillCodec}), compressed with LZ4 (pure Java), and appended as a block
 * ({@code raw length, compressed length, bytes}) to a stream kept in pages of the space's one
 * file ({@link SpillSpace}): a page is written when it is full, so the disk sees writes and reads
 * of 64 KB. The buffer of the page being written grows with what is written (a run of a few rows
 * holds a few bytes: a spilled join or aggregation keeps a file open per partition and worker).
 * Written by one thread, then read (as often as needed) by one at a time; {@link #delete} gives
 * its pages back to the space.
 *
 * <p>Compression pays only when it saves more disk time than it costs: LZ4 in Java writes some
 * 200 MB a second of batches on one core, a disk several times that, so on such a disk it saves
 * space, never time (writing raw bytes B at disk speed D takes B/D; compressing them to rB takes
 * B/C + rB/D, more whenever the compressor's speed C is below D). So a file's first batches are
 * compressed and measured, and when they do not shrink to half (random numbers, distinct text,
 * the mixed keys and values of a spilled aggregation) the rest are written as they are (a block
 * of compressed length -1): space is saved where it is much, time everywhere else. A block that
 * does not shrink at all is always written as it is.
 */
public final class SpillFile {
    private static final LZ4Factory LZ4 = LZ4Factory.safeInstance();
    private static final int PAGE = SpillSpace.PAGE;
    /** The first size of the page buffer: doubled as it fills, up to a page. */
    private static final int FIRST_BUFFER = 1 << 10;

    private final SpillSpace space;
    private final String what;
    private final QueryProgress progress;
    /** The writer's codec and compressor: let go once writing is finished (the codec remembers dictionaries). */
    private SpillCodec codec = new SpillCodec();
    private LZ4Compressor compressor = LZ4.fastCompressor();
    private DataOutputStream out;
    private byte[] compressed = new byte[0];
    /** The pages written, in order (the first {@code pageCount}); the last may be partly filled. */
    private int[] pages = new int[4];
    private int pageCount;
    private boolean deleted;
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
    static final double WORTH_COMPRESSING = 0.5;

    SpillFile(SpillSpace space, String what, QueryProgress progress) {
        this.space = space;
        this.what = what;
        this.progress = progress;
        this.out = new DataOutputStream(new PageOutput());
    }

    /** The pages the file takes in its space's file, in order. */
    int[] pages() {
        return Arrays.copyOf(pages, pageCount);
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
            throw new FloeException("cannot write the temporary file of " + what + " (spilling: " + e.getMessage()
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
            throw new FloeException("cannot write the temporary file of " + what + ": " + e.getMessage(), e);
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
        return PAGE + 3L * largestRawBatch;
    }

    /** Reads the batches back, in the order they were written, each with the start it was written with. */
    public BatchReader read() {
        finishWriting();
        if (deleted) {
            throw new IllegalStateException("the spill file of " + what + " is deleted");
        }
        DataInputStream in = new DataInputStream(new PageInput());
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
                    throw new FloeException("cannot read the temporary file of " + what + ": " + e.getMessage(), e);
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
                    throw new FloeException("cannot read the temporary file of " + what + ": " + e.getMessage(), e);
                }
                return reading.decode(ByteBuffer.wrap(raw, 0, length));
            }

            @Override
            public void close() {
                // the pages stay until the file is deleted; the reader holds only its buffers
            }
        };
    }

    /** Gives the file's pages back to the space (once; a file being written stops). */
    public void delete() {
        out = null;
        codec = null;
        compressor = null;
        compressed = new byte[0];
        if (!deleted) {
            deleted = true;
            space.givePages(pages, pageCount);
            pageCount = 0;
        }
    }

    /** The stream of blocks as it is written: a buffer for the last page, written to the space when full. */
    private final class PageOutput extends OutputStream {
        private byte[] buffer = new byte[FIRST_BUFFER];
        private int filled;

        @Override
        public void write(int b) {
            if (filled == buffer.length) {
                room();
            }
            buffer[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (filled == buffer.length) {
                    room();
                }
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        /** Makes room in a full buffer: grows it to a page, or writes the page it holds. */
        private void room() {
            if (buffer.length < PAGE) {
                buffer = Arrays.copyOf(buffer, Math.min(PAGE, 2 * buffer.length));
            } else {
                writePage();
            }
        }

        private void writePage() {
            if (deleted) {
                throw new IllegalStateException("the spill file of " + what + " is deleted");
            }
            int page = space.takePage();
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, 2 * pageCount);
            }
            pages[pageCount++] = page;
            space.writePage(page, buffer, 0, filled, what);
            filled = 0;
        }

        @Override
        public void close() {
            if (filled > 0) {
                writePage();
            }
            buffer = null;
        }
    }

    /** The stream of blocks as it is read: one page at a time, into a buffer of a page. */
    private final class PageInput extends InputStream {
        private final byte[] buffer = new byte[(int) Math.min(PAGE, Math.max(1, fileBytes))];
        private long unread = fileBytes;
        private int next;
        private int position;
        private int limit;

        @Override
        public int read() {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == limit && length >= PAGE && unread > 0) {
                return readWhole(bytes, offset, length);
            }
            if (position == limit && !fill()) {
                return -1;
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, bytes, offset, n);
            position += n;
            return n;
        }

        /**
         * A large block read straight into the reader's array, not through the page buffer: as
         * many of the next pages as it takes whole (the last one whatever it holds) and lie one
         * after another in the space's file, in one read. A file written while no other was
         * takes pages in turn, so its blocks of megabytes are read as they were written.
         */
        private int readWhole(byte[] bytes, int offset, int length) {
            if (deleted) {
                throw new IllegalStateException("the spill file of " + what + " is deleted");
            }
            int count = 1;
            while (count < length / PAGE && next + count < pageCount && pages[next + count] == pages[next] + count) {
                count++;
            }
            // no more than the length asked for: count is at most length / PAGE
            int n = (int) Math.min((long) count * PAGE, unread);
            space.readPages(pages[next], bytes, offset, n, what);
            next += count;
            unread -= n;
            return n;
        }

        private boolean fill() {
            if (unread == 0) {
                return false;
            }
            if (deleted) {
                throw new IllegalStateException("the spill file of " + what + " is deleted");
            }
            int length = (int) Math.min(PAGE, unread);
            space.readPages(pages[next++], buffer, 0, length, what);
            unread -= length;
            position = 0;
            limit = length;
            return true;
        }
    }
}
