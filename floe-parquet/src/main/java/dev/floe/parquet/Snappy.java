package dev.floe.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Snappy's raw format (what Parquet pages hold) in plain Java: no native library, so reading and
 * writing Snappy Parquet needs no {@code --enable-native-access} and prints no warning. A
 * varint of the uncompressed length, then elements: literals (bytes as they are) and copies of
 * earlier bytes (a length and a distance back). The compressor works on blocks of 64 KiB,
 * finding earlier occurrences of each 4 bytes through a hash table, as the reference
 * implementation does, and like it looking at every other byte once 32 bytes gave no match, at
 * every third after 32 more, and so on up to every sixteenth (so a block that does not compress
 * takes about four thousand lookups, not sixty thousand, and bytes repeated later in the block
 * are still found: the reference's step has no bound and misses those); its output is any valid
 * Snappy stream, not byte for byte the reference's. Stateless and thread-safe.
 */
final class Snappy {
    private Snappy() {}

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 1 << 16;
    private static final int HASH_BITS = 14;
    /** The most bytes the compressor steps between lookups where it finds no repeats. */
    private static final int MAX_STEP = 16;

    /** The most bytes {@code length} input bytes compress to. */
    static int maxCompressedLength(int length) {
        return 32 + length + length / 6;
    }

    static byte[] compress(byte[] input) {
        byte[] out = new byte[maxCompressedLength(input.length)];
        int at = varint(out, 0, input.length);
        int[] table = new int[1 << HASH_BITS];
        for (int block = 0; block < input.length; block += BLOCK) {
            at = compressBlock(input, block, Math.min(input.length, block + BLOCK), out, at, table);
        }
        return Arrays.copyOf(out, at);
    }

    private static int varint(byte[] out, int at, int value) {
        while ((value & ~0x7F) != 0) {
            out[at++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    private static int hash(int bytes) {
        return (bytes * 0x1E35A7BD) >>> (32 - HASH_BITS);
    }

    /** Compresses {@code input[start, end)} (at most a block) into {@code out} at {@code at}; the new end of out. */
    private static int compressBlock(byte[] input, int start, int end, byte[] out, int at, int[] table) {
        Arrays.fill(table, -1);
        int literal = start; // the first byte not yet written
        int i = start;
        int last = end - 4; // the last position a 4-byte match can start
        int skip = 32; // the step between lookups, times 32
        while (i <= last) {
            int bytes = (int) INT.get(input, i);
            int slot = hash(bytes);
            int candidate = table[slot];
            table[slot] = i;
            if (candidate < start || (int) INT.get(input, candidate) != bytes) {
                // bytes that do not repeat (random numbers) are looked at ever more sparsely: the
                // step grows by one for every 32 bytes passed since the last match, up to 16 bytes
                // (so that what repeats later in the block, even bytes from far back, is still found)
                int step = Math.min(MAX_STEP, skip >> 5);
                skip += step;
                i += step;
                continue;
            }
            skip = 32;
            // a match: extend it as far as the block allows
            int length = 4;
            while (i + length + 8 <= end) {
                long differ = (long) LONG.get(input, i + length) ^ (long) LONG.get(input, candidate + length);
                if (differ != 0) {
                    length += Long.numberOfTrailingZeros(differ) >>> 3; // the equal bytes before the first that differs
                    break;
                }
                length += 8;
            }
            while (i + length < end && input[i + length] == input[candidate + length]) {
                length++;
            }
            at = literal(input, literal, i - literal, out, at);
            at = copy(out, at, i - candidate, length);
            i += length;
            literal = i;
            if (i - 1 <= last) {
                table[hash((int) INT.get(input, i - 1))] = i - 1;
            }
        }
        return literal(input, literal, end - literal, out, at);
    }

    private static int literal(byte[] input, int from, int length, byte[] out, int at) {
        if (length == 0) {
            return at;
        }
        int n = length - 1;
        if (n < 16 && from + 16 <= input.length && at + 17 <= out.length) {
            // a short literal: two words copied, the bytes after it written over by what follows
            out[at] = (byte) (n << 2);
            LONG.set(out, at + 1, (long) LONG.get(input, from));
            LONG.set(out, at + 9, (long) LONG.get(input, from + 8));
            return at + 1 + length;
        }
        if (n < 60) {
            out[at++] = (byte) (n << 2);
        } else if (n < 1 << 8) {
            out[at++] = (byte) (60 << 2);
            out[at++] = (byte) n;
        } else if (n < 1 << 16) {
            out[at++] = (byte) (61 << 2);
            out[at++] = (byte) n;
            out[at++] = (byte) (n >>> 8);
        } else {
            out[at++] = (byte) (62 << 2);
            out[at++] = (byte) n;
            out[at++] = (byte) (n >>> 8);
            out[at++] = (byte) (n >>> 16);
        }
        System.arraycopy(input, from, out, at, length);
        return at + length;
    }

    /** Copies of {@code length} bytes from {@code offset} back (offsets within a block fit 2 bytes). */
    private static int copy(byte[] out, int at, int offset, int length) {
        while (length >= 68) {
            at = copy2(out, at, offset, 64);
            length -= 64;
        }
        if (length > 64) {
            at = copy2(out, at, offset, 60);
            length -= 60;
        }
        if (length >= 4 && length <= 11 && offset < 2048) {
            out[at++] = (byte) (1 | (length - 4) << 2 | (offset >>> 8) << 5);
            out[at++] = (byte) offset;
            return at;
        }
        return copy2(out, at, offset, length);
    }

    private static int copy2(byte[] out, int at, int offset, int length) {
        out[at++] = (byte) (2 | (length - 1) << 2);
        out[at++] = (byte) offset;
        out[at++] = (byte) (offset >>> 8);
        return at;
    }

    /**
     * Decompresses {@code input[from, from + length)} into {@code out[0, size)}.
     *
     * @throws IOException when the input is not valid Snappy or does not give {@code size} bytes
     */
    static void decompress(byte[] input, int from, int length, byte[] out, int size) throws IOException {
        int end = from + length;
        int at = from;
        long declared = 0;
        for (int shift = 0; ; shift += 7) {
            if (at >= end || shift > 28) {
                throw new IOException("corrupt Snappy data: a bad length");
            }
            int b = input[at++] & 0xFF;
            declared |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                break;
            }
        }
        if (declared != size) {
            throw new IOException("corrupt Snappy data: it holds " + declared + " bytes, the page says " + size);
        }
        // the elements away from both ends first, then the careful loop for the rest
        long reached = awayFromEnds(input, at, end, out, size);
        at = (int) (reached >>> 32);
        int written = (int) reached;
        while (at < end) {
            int tag = input[at++] & 0xFF;
            int kind = tag & 3;
            if (kind == 0) {
                int n = tag >>> 2;
                if (n >= 60) {
                    int count = n - 59;
                    if (at + count > end) {
                        throw new IOException("corrupt Snappy data: a literal's length is cut");
                    }
                    n = 0;
                    for (int k = 0; k < count; k++) {
                        n |= (input[at + k] & 0xFF) << (8 * k);
                    }
                    at += count;
                }
                long literalLength = (n & 0xFFFFFFFFL) + 1;
                if (literalLength > end - at || literalLength > size - written) {
                    throw new IOException("corrupt Snappy data: a literal runs past the end");
                }
                System.arraycopy(input, at, out, written, (int) literalLength);
                at += (int) literalLength;
                written += (int) literalLength;
                continue;
            }
            int copyLength;
            int offset;
            if (kind == 1) {
                if (at >= end) {
                    throw new IOException("corrupt Snappy data: a copy is cut");
                }
                copyLength = 4 + (tag >>> 2 & 7);
                offset = (tag >>> 5) << 8 | input[at++] & 0xFF;
            } else if (kind == 2) {
                if (at + 2 > end) {
                    throw new IOException("corrupt Snappy data: a copy is cut");
                }
                copyLength = 1 + (tag >>> 2);
                offset = input[at] & 0xFF | (input[at + 1] & 0xFF) << 8;
                at += 2;
            } else {
                if (at + 4 > end) {
                    throw new IOException("corrupt Snappy data: a copy is cut");
                }
                copyLength = 1 + (tag >>> 2);
                offset = (int) INT.get(input, at);
                at += 4;
            }
            if (offset <= 0 || offset > written || copyLength > size - written) {
                throw new IOException("corrupt Snappy data: a copy reaches outside the data");
            }
            int source = written - offset;
            if (offset >= copyLength) {
                System.arraycopy(out, source, out, written, copyLength);
            } else {
                for (int k = 0; k < copyLength; k++) { // overlapping: a run repeating itself
                    out[written + k] = out[source + k];
                }
            }
            written += copyLength;
        }
        if (written != size) {
            throw new IOException("corrupt Snappy data: it gives " + written + " bytes, the page says " + size);
        }
    }
    /**
     * What each copy's tag says, so that its kind needs no branch: the copy's length in the low
     * byte, how many bytes of distance follow the tag (1, 2 or 4) in the next, and for a copy
     * with one byte of distance the distance's high bits (the tag's top three) from bit 16.
     */
    private static final int[] COPY_TAGS = copyTags();
    /** The distance's bytes after a copy's tag, by their count. */
    private static final long[] DISTANCE_MASKS = {0, 0xFFL, 0xFFFFL, 0, 0xFFFF_FFFFL};

    private static int[] copyTags() {
        int[] tags = new int[256];
        for (int tag = 0; tag < 256; tag++) {
            tags[tag] = switch (tag & 3) {
                case 1 -> (4 + (tag >>> 2 & 7)) | 1 << 8 | ((tag >>> 5) << 8) << 16;
                case 2 -> (1 + (tag >>> 2)) | 2 << 8;
                case 3 -> (1 + (tag >>> 2)) | 4 << 8;
                default -> 0; // a literal
            };
        }
        return tags;
    }

    /**
     * Decompresses the elements that lie away from both ends of the input and of the output, from
     * {@code at}, for {@link #decompress}, which goes on from where this stops. There (an element
     * moves at most 64 bytes, its header is at most 5 bytes), each element is copied two words at
     * a time and more only when longer, its last word spilling over bytes that later elements
     * write, so the checks on lengths are needless: only a copy's distance is checked. A copy's
     * length and distance come from one read of the eight bytes at its tag and a table entry for
     * the tag, not from a branch per kind of copy (pages of numbers mix the kinds at random, so
     * such branches were mispredicted). Parquet pages of numbers hold millions of elements of a few
     * bytes, where a call to System.arraycopy per element costs more than the bytes. A long
     * literal (its length in the bytes after the tag) is checked and copied whole, and the fast
     * loop goes on after it: pages that compress poorly are long literals between short copies.
     * Near the ends the careful loop takes over. A method of its own, small enough for the JIT to
     * compile its word copies inline (inside the whole of {@code decompress} they became calls).
     *
     * @return where it stopped: the input position in the high 32 bits, the bytes written in the low
     */
    private static long awayFromEnds(byte[] input, int at, int end, byte[] out, int size) throws IOException {
        int written = 0;
        int fastIn = end - 80;
        int fastOut = size - 80;
        while (at < fastIn && written < fastOut) {
            long word = (long) LONG.get(input, at);
            int tag = (int) word & 0xFF;
            if ((tag & 3) == 0) {
                int n = tag >>> 2;
                if (n >= 60) {
                    int count = n - 59; // 1 to 4 bytes of length, all before fastIn + 5 < end
                    long bytes = (int) INT.get(input, at + 1) & 0xFFFFFFFFL;
                    long literalLength = (bytes & 0xFFFFFFFFL >>> (32 - 8 * count)) + 1;
                    at += 1 + count;
                    if (literalLength > end - at || literalLength > size - written) {
                        throw new IOException("corrupt Snappy data: a literal runs past the end");
                    }
                    System.arraycopy(input, at, out, written, (int) literalLength);
                    at += (int) literalLength;
                    written += (int) literalLength;
                    continue;
                }
                // n + 1 bytes (at most 60) after the tag
                LONG.set(out, written, (long) LONG.get(input, at + 1));
                LONG.set(out, written + 8, (long) LONG.get(input, at + 9));
                for (int k = 16; k <= n; k += 8) {
                    LONG.set(out, written + k, (long) LONG.get(input, at + 1 + k));
                }
                at += n + 2;
                written += n + 1;
                continue;
            }
            int entry = COPY_TAGS[tag];
            int copyLength = entry & 0xFF;
            int distanceBytes = entry >>> 8 & 0xFF;
            // a four-byte distance of 2^31 or more turns negative here and is refused below
            int offset = (int) (word >>> 8 & DISTANCE_MASKS[distanceBytes]) | entry >>> 16;
            at += 1 + distanceBytes;
            if (offset <= 0 || offset > written) {
                throw new IOException("corrupt Snappy data: a copy reaches outside the data");
            }
            int source = written - offset;
            if (offset >= 8) {
                // with the source at least a word back, each word read is already written
                LONG.set(out, written, (long) LONG.get(out, source));
                LONG.set(out, written + 8, (long) LONG.get(out, source + 8));
                for (int k = 16; k < copyLength; k += 8) {
                    LONG.set(out, written + k, (long) LONG.get(out, source + k));
                }
            } else {
                for (int k = 0; k < copyLength; k++) { // a run repeating itself
                    out[written + k] = out[source + k];
                }
            }
            written += copyLength;
        }
        return (long) at << 32 | written;
    }
}
