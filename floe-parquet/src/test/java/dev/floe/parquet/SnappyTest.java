package dev.floe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Floe's Snappy against the reference library (snappy-java, a test-time oracle here): each
 * decompresses what the other compresses, over random inputs of every shape; damaged input is
 * refused, never read past.
 */
class SnappyTest {
    private static byte[] input(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        int alphabet = 1 + random.nextInt(random.nextBoolean() ? 4 : 256);
        for (int i = 0; i < length; i++) {
            // runs, repeats from far back, and noise
            int choice = random.nextInt(10);
            if (choice < 3 && i > 0) {
                bytes[i] = bytes[i - 1];
            } else if (choice < 5 && i > 100) {
                bytes[i] = bytes[i - 1 - random.nextInt(Math.min(i - 1, 70_000))];
            } else {
                bytes[i] = (byte) random.nextInt(alphabet);
            }
        }
        return bytes;
    }

    @Test
    void roundTripsAndAgreesWithTheReferenceLibrary() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        int[] lengths = {0, 1, 3, 4, 5, 15, 60, 61, 64, 65, 100, 300, 4096, 65_535, 65_536, 65_537, 200_000, 1 << 20};
        for (int length : lengths) {
            for (int round = 0; round < 3; round++) {
                byte[] data = input(random, length);
                byte[] ours = Snappy.compress(data);
                byte[] back = new byte[length];
                Snappy.decompress(ours, 0, ours.length, back, length);
                assertThat(back).as("length %d", length).isEqualTo(data);
                assertThat(org.xerial.snappy.Snappy.uncompress(ours)).as("the reference reads ours").isEqualTo(data);
                byte[] theirs = org.xerial.snappy.Snappy.compress(data);
                byte[] fromTheirs = new byte[length];
                Snappy.decompress(theirs, 0, theirs.length, fromTheirs, length);
                assertThat(fromTheirs).as("we read the reference's").isEqualTo(data);
                assertThat(ours.length).isLessThanOrEqualTo(Snappy.maxCompressedLength(length));
                // looking ever more sparsely where nothing repeats gives up little: within 5% of the reference
                assertThat(ours.length).as("length %d", length).isLessThanOrEqualTo(theirs.length * 21 / 20 + 8);
            }
        }
    }

    /**
     * Bytes that do not repeat, then pieces of them again later in the block: the lookups grow
     * sparse over the first half, but not so sparse that the pieces are not found (a step without
     * bound, as the reference's, finds none of them and leaves the block as it is).
     */
    @Test
    void repeatsAfterBytesThatDoNotRepeatAreFound() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        byte[] data = new byte[64_000];
        for (int i = 0; i < 32_000; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        for (int i = 32_000; i < data.length; ) {
            int length = 16 + random.nextInt(48);
            int from = random.nextInt(32_000 - length);
            for (int k = 0; k < length && i < data.length; k++) {
                data[i++] = data[from + k];
            }
        }
        byte[] compressed = Snappy.compress(data);
        assertThat(compressed.length).isLessThan(data.length * 3 / 4);
        assertThat(org.xerial.snappy.Snappy.uncompress(compressed)).isEqualTo(data);
    }

    /**
     * Every kind of element well inside both ends, where they are copied a word at a time: copies
     * with one-, two- and four-byte distances, distances under a word (runs repeating themselves),
     * short and long literals; checked byte for byte against the data built alongside.
     */
    @Test
    void everyKindOfElementAwayFromTheEnds() throws IOException {
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] sofar = expected.toByteArray();
            int choice = sofar.length < 300 ? 0 : random.nextInt(5);
            if (choice == 0) { // a literal of 1 to 60 bytes, or one with its length in 1 to 4 bytes after the tag
                int length = random.nextBoolean() ? 1 + random.nextInt(60) : 1 + random.nextInt(700);
                if (length <= 60 && random.nextBoolean()) {
                    stream.write((length - 1) << 2);
                } else {
                    // its length less one in as many bytes as the tag says, however few it needs
                    int count = length - 1 < 256 ? 1 + random.nextInt(4) : 2 + random.nextInt(3);
                    stream.write((59 + count) << 2);
                    for (int k = 0; k < count; k++) {
                        stream.write((length - 1) >>> (8 * k) & 0xFF);
                    }
                }
                for (int k = 0; k < length; k++) {
                    int b = random.nextInt(256);
                    stream.write(b);
                    expected.write(b);
                }
                continue;
            }
            int offset = choice == 1 ? 1 + random.nextInt(7) : 1 + random.nextInt(Math.min(sofar.length, 2047));
            int length;
            if (choice <= 2) { // one byte of distance: 4 to 11 bytes
                length = 4 + random.nextInt(8);
                stream.write(1 | (length - 4) << 2 | (offset >>> 8) << 5);
                stream.write(offset & 0xFF);
            } else if (choice == 3) { // two bytes
                length = 1 + random.nextInt(64);
                stream.write(2 | (length - 1) << 2);
                stream.write(offset & 0xFF);
                stream.write(offset >>> 8);
            } else { // four bytes
                length = 1 + random.nextInt(64);
                stream.write(3 | (length - 1) << 2);
                for (int k = 0; k < 4; k++) {
                    stream.write(offset >>> (8 * k) & 0xFF);
                }
            }
            for (int k = 0; k < length; k++) {
                byte[] now = expected.toByteArray();
                expected.write(now[now.length - offset]);
            }
        }
        byte[] data = expected.toByteArray();
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        for (int value = data.length; ; value >>>= 7) { // the varint of the length, then the elements
            if ((value & ~0x7F) == 0) {
                whole.write(value);
                break;
            }
            whole.write(value & 0x7F | 0x80);
        }
        whole.write(stream.toByteArray());
        byte[] compressed = whole.toByteArray();
        byte[] out = new byte[data.length];
        Snappy.decompress(compressed, 0, compressed.length, out, data.length);
        assertThat(out).isEqualTo(data);
        assertThat(org.xerial.snappy.Snappy.uncompress(compressed)).as("the reference agrees").isEqualTo(data);
    }

    @Test
    void damagedInputIsRefused() {
        byte[] data = input(new SplittableRandom(3), 10_000);
        byte[] compressed = Snappy.compress(data);
        assertThatThrownBy(() -> Snappy.decompress(compressed, 0, compressed.length, new byte[9_999], 9_999))
                .isInstanceOf(IOException.class).hasMessageContaining("the page says 9999");
        assertThatThrownBy(() -> Snappy.decompress(compressed, 0, compressed.length / 2, new byte[10_000], 10_000))
                .isInstanceOf(IOException.class);
        // read in place from a larger buffer (a row group's, pages one after another): the bytes
        // after the page are not the page's, and one byte short of it is refused
        byte[] buffer = new byte[7 + 2 * compressed.length];
        System.arraycopy(compressed, 0, buffer, 7, compressed.length);
        System.arraycopy(compressed, 0, buffer, 7 + compressed.length, compressed.length);
        byte[] back = new byte[10_000];
        assertThatCode(() -> Snappy.decompress(buffer, 7, compressed.length, back, 10_000)).doesNotThrowAnyException();
        assertThat(back).isEqualTo(data);
        assertThatThrownBy(() -> Snappy.decompress(buffer, 7, compressed.length - 1, new byte[10_000], 10_000))
                .isInstanceOf(IOException.class).hasMessageStartingWith("corrupt Snappy data");
        // well inside a page, a literal whose four bytes of length say 2^32 bytes, or one more
        // than are left
        for (int last : new int[] {0xFF, 0x00}) {
            byte[] huge = new byte[300];
            huge[0] = (byte) (10_000 & 0x7F | 0x80); // the varint of 10,000
            huge[1] = (byte) (10_000 >>> 7);
            huge[2] = (byte) (59 << 2); // a literal of 60 bytes
            huge[63] = (byte) (63 << 2); // then one of a four-byte length
            int length = last == 0xFF ? -1 : 300 - 68; // less one: 2^32 bytes, or one past the end
            for (int k = 0; k < 4; k++) {
                huge[64 + k] = (byte) (length >>> (8 * k));
            }
            assertThatThrownBy(() -> Snappy.decompress(huge, 0, huge.length, new byte[10_000], 10_000))
                    .isInstanceOf(IOException.class).hasMessage("corrupt Snappy data: a literal runs past the end");
        }
        // well inside a page, after a literal of 60 bytes: copies of each kind reaching before the
        // start, of no distance, and of a four-byte distance of 2^31 and more
        int[][] copies = {{1 | 7 << 2 | 7 << 5, 0xFF}, {1, 0}, {2 | 3 << 2, 0, 0}, {2 | 3 << 2, 61, 0},
            {3 | 3 << 2, 0, 0, 0, 0x80}, {3 | 3 << 2, 0xFF, 0xFF, 0xFF, 0xFF}, {3 | 3 << 2, 61, 0, 0, 0}};
        for (int[] copy : copies) {
            byte[] page = new byte[300];
            page[0] = (byte) (10_000 & 0x7F | 0x80);
            page[1] = (byte) (10_000 >>> 7);
            page[2] = (byte) (59 << 2);
            for (int k = 0; k < copy.length; k++) {
                page[63 + k] = (byte) copy[k];
            }
            assertThatThrownBy(() -> Snappy.decompress(page, 0, page.length, new byte[10_000], 10_000))
                    .as("copy %s", java.util.Arrays.toString(copy)).isInstanceOf(IOException.class)
                    .hasMessage("corrupt Snappy data: a copy reaches outside the data");
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 500; round++) {
            byte[] damaged = compressed.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                Snappy.decompress(damaged, 0, damaged.length, new byte[10_000], 10_000);
            } catch (IOException refused) {
                assertThat(refused).hasMessageStartingWith("corrupt Snappy data");
            }
        }
    }
}
