package dev.floe.frame.column;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct strings of a categorical column, each with its code (its position). Codes are
 * what grouping and joining work on. Immutable (the lookup map is built on first use); {@link
 * Builder} grows one, keeping the codes of the values it already has.
 *
 * <p>The dictionaries one builder gives as it grows are one <em>lineage</em>: each holds the
 * values of every earlier one under the same codes, and shares their storage. So codes over any
 * of them are codes over the latest ({@link #covers}): a reader that decodes a file's row groups
 * into one builder gives chunks that group, join and collect without translating codes.
 */
public final class Dictionary {
    private final Utf8Vector values;
    /** What the dictionaries of one builder share (never null; a dictionary of its own has its own). */
    private final Object lineage;
    private volatile Map<String, Integer> codes;
    private volatile long[] textHashes;

    private Dictionary(Utf8Vector values, Object lineage) {
        this.values = values;
        this.lineage = lineage;
    }

    /**
     * Whether every code of {@code other} is a code here, of the same value: {@code other} is this
     * dictionary or an earlier one of its lineage.
     */
    public boolean covers(Dictionary other) {
        return other == this || other.lineage == lineage && other.size() <= size();
    }

    /** Whether this dictionary and {@code other} come from one builder (one {@link #covers} the other). */
    public boolean sameLineage(Dictionary other) {
        return other.lineage == lineage;
    }

    /** The token shared by the dictionaries of one lineage, to key what is kept per lineage. */
    public Object lineage() {
        return lineage;
    }

    public int size() {
        return values.length();
    }

    /** The string of code {@code code}. */
    public String value(int code) {
        return values.getString(code);
    }

    /** The code of {@code value}, or -1 if it is not in the dictionary. */
    public int code(String value) {
        Map<String, Integer> map = codes;
        if (map == null) {
            map = new HashMap<>(size() * 2);
            for (int code = 0; code < size(); code++) {
                map.put(values.getString(code), code);
            }
            codes = map;
        }
        Integer code = map.get(value);
        return code == null ? -1 : code;
    }

    /** The strings, in code order. */
    public Utf8Vector values() {
        return values;
    }

    /**
     * Each value's {@link TextHash}, by code (the array may be longer than the dictionary, when it
     * is shared with later dictionaries of its lineage): computed on first use and kept, so that
     * every table grouping on this dictionary's codes hashes it once.
     */
    public long[] textHashes() {
        long[] hashes = textHashes;
        if (hashes == null) {
            hashes = new long[size()];
            byte[] data = values.data();
            for (int code = 0; code < hashes.length; code++) {
                hashes[code] = TextHash.of(data, values.start(code), values.byteLength(code));
            }
            textHashes = hashes;
        }
        return hashes;
    }

    /** Bytes this dictionary holds on to: its values, its lookup map if built, its text hashes if computed. */
    public long retainedSizeInBytes() {
        long[] hashes = textHashes;
        return values.retainedSizeInBytes() + (codes == null ? 0 : 48L * codes.size())
                + (hashes == null ? 0 : 8L * Math.min(hashes.length, size()));
    }

    /**
     * Collects distinct strings, giving each a code in order of first appearance; looks values up
     * by their UTF-8 bytes (an open-addressing table over the stored bytes), so that a reader can
     * encode text without making a {@code String} per value. Not thread-safe.
     */
    public static final class Builder {
        private final Utf8Vector.Builder values;
        /** Each value's {@link TextHash}, by code: handed to the dictionary built. */
        private long[] hashes;
        /**
         * Open addressing by the hash's low bits, two longs a slot: the hash's high 32 bits over
         * {@code code + 1} (0 when empty), then where the value's bytes lie in {@link #values}
         * (their start over their length). A probe reads one slot, and the stored bytes only where
         * the hashes agree: two cache misses for a value of a table larger than the caches.
         */
        private long[] slots;
        private int size;
        private final Object lineage = new Object();

        public Builder() {
            this(new Utf8Vector.Builder(16, 128), new long[16], 0);
        }

        private Builder(Utf8Vector.Builder values, long[] hashes, int size) {
            this.values = values;
            this.hashes = hashes;
            this.size = size;
            // at most half the slots in use, as codeOf keeps it
            this.slots = new long[2 * Math.max(32, Integer.highestOneBit(Math.max(1, size) * 2 - 1) * 2)];
            placeAll(slots);
        }

        /**
         * A builder holding {@code dictionary}'s values under their codes, to add more after them:
         * its bytes and hashes copied, its table made at its final size in one pass.
         */
        public static Builder startingWith(Dictionary dictionary) {
            int size = dictionary.size();
            long[] hashes = Arrays.copyOf(dictionary.textHashes(), Math.max(16, size + size / 2));
            return new Builder(Utf8Vector.Builder.holding(dictionary.values()), hashes, size);
        }

        /** The code of {@code value}, adding it if new. */
        public int codeOf(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            return codeOf(utf8, 0, utf8.length);
        }

        /** The code of the UTF-8 text {@code data[start, start + length)}, adding it if new. */
        public int codeOf(byte[] data, int start, int length) {
            return codeOf(data, start, length, TextHash.of(data, start, length));
        }

        /**
         * The code of each value of {@code dictionary} here, adding those that are new, as
         * {@link #codeOf} one by one would give them (looked up as {@link #codesOf(byte[], int[],
         * int[], int, int, int[], int)} does).
         */
        public int[] codesOf(Dictionary dictionary) {
            int[] out = new int[dictionary.size()];
            codesOf(dictionary, 0, out);
            return out;
        }

        /** {@link #codesOf(Dictionary)} for the codes from {@code first} on, into {@code out[first..]}. */
        public void codesOf(Dictionary dictionary, int first, int[] out) {
            Utf8Vector values = dictionary.values();
            long[] valueHashes = dictionary.textHashes();
            int n = values.length();
            int chunk = Math.min(Math.max(n - first, 0), 4096);
            int[] starts = new int[chunk];
            int[] lengths = new int[chunk];
            for (int from = first; from < n; from += chunk) {
                int count = Math.min(chunk, n - from);
                for (int i = 0; i < count; i++) {
                    starts[i] = values.start(from + i);
                    lengths[i] = values.byteLength(from + i);
                }
                lookUp(values.data(), starts, lengths, 0, count, valueHashes, from, out, from);
            }
        }

        private static final int STEP = 32;

        /**
         * The codes of {@code count} UTF-8 texts into {@code out[outFrom..]}, text {@code i} being
         * {@code data[starts[from + i], starts[from + i] + lengths[from + i])}, adding those that are
         * new, as {@link #codeOf(byte[], int, int)} one by one would give them. Looked up
         * {@value #STEP} at a time in phases (every text's hash; a loop of the slots' loads alone;
         * the probes, whose slots are mostly in cache by then; the first byte of each value found;
         * the comparisons), so that the cache misses of a step's lookups overlap instead of
         * following one another. Measured here with 12-byte texts: with a million distinct values
         * (a table larger than the caches) about 65 ns a lookup against 200 one by one, with
         * 100,000 about 35 against 60.
         */
        public void codesOf(byte[] data, int[] starts, int[] lengths, int from, int count, int[] out, int outFrom) {
            lookUp(data, starts, lengths, from, count, null, 0, out, outFrom);
        }

        /** {@link #codesOf(byte[], int[], int[], int, int, int[], int)}, with the hashes if known. */
        private void lookUp(byte[] data, int[] starts, int[] lengths, int from, int count, long[] knownHashes,
                int hashesFrom, int[] out, int outFrom) {
            long[] hashes = new long[STEP];
            int[] candidates = new int[STEP];
            long[] places = new long[STEP];
            byte[] firstBytes = new byte[STEP];
            for (int step = 0; step < count; step += STEP) {
                int n = Math.min(STEP, count - step);
                int first = from + step;
                long[] slots = this.slots;
                int mask = slots.length / 2 - 1;
                for (int k = 0; k < n; k++) {
                    hashes[k] = knownHashes != null ? knownHashes[hashesFrom + step + k]
                            : TextHash.of(data, starts[first + k], lengths[first + k]);
                }
                // a loop of loads alone, so that the processor has them all in flight at once
                for (int k = 0; k < n; k++) {
                    places[k] = slots[2 * ((int) hashes[k] & mask)];
                }
                for (int k = 0; k < n; k++) {
                    // the probe up to the first slot of the same hash tag: its value is the text
                    // unless the bytes differ (a code never changes, so a hit stays one); the
                    // slots after the first mostly lie in the first's cache line
                    long hash = hashes[k];
                    long tag = hash & HIGH;
                    int slot = (int) hash & mask;
                    long entry = places[k];
                    while (entry != 0 && (entry & HIGH) != tag) {
                        slot = (slot + 1) & mask;
                        entry = slots[2 * slot];
                    }
                    candidates[k] = entry != 0 ? (int) entry - 1 : -1;
                    places[k] = entry != 0 ? slots[2 * slot + 1] : 0;
                }
                for (int k = 0; k < n; k++) {
                    if (candidates[k] >= 0) {
                        firstBytes[k] = values.byteAt((int) (places[k] >>> 32));
                    }
                }
                for (int k = 0; k < n; k++) {
                    int candidate = candidates[k];
                    int start = starts[first + k];
                    int length = lengths[first + k];
                    long place = places[k];
                    out[outFrom + step + k] = candidate >= 0 && (int) place == length
                            && (length == 0 || firstBytes[k] == data[start])
                            && values.sameBytes((int) (place >>> 32), data, start, length)
                            ? candidate : codeOf(data, start, length, hashes[k]);
                }
            }
        }

        /** {@link #codeOf(byte[], int, int)} of a value whose {@link TextHash} is {@code hash}. */
        private int codeOf(byte[] data, int start, int length, long hash) {
            long tag = hash & HIGH;
            long[] slots = this.slots;
            int mask = slots.length / 2 - 1;
            int slot = (int) hash & mask;
            long entry;
            while ((entry = slots[2 * slot]) != 0) {
                if ((entry & HIGH) == tag) {
                    long place = slots[2 * slot + 1];
                    if ((int) place == length && values.sameBytes((int) (place >>> 32), data, start, length)) {
                        return (int) entry - 1;
                    }
                }
                slot = (slot + 1) & mask;
            }
            int code = size++;
            values.append(data, start, length);
            if (code == hashes.length) {
                hashes = Arrays.copyOf(hashes, code * 2);
            }
            hashes[code] = hash;
            slots[2 * slot] = tag | (code + 1L);
            slots[2 * slot + 1] = (long) values.startOf(code) << 32 | length;
            if (size * 4 > slots.length) {
                rehash();
            }
            return code;
        }

        /** How many distinct values so far. */
        public int size() {
            return size;
        }

        /** The lineage of the dictionaries this builder gives ({@link Dictionary#lineage}). */
        public Object lineage() {
            return lineage;
        }

        /**
         * The values so far as a dictionary, of this builder's lineage: it shares the builder's
         * storage (values added later are beyond its size), so building is cheap however large
         * the builder is.
         */
        public Dictionary build() {
            Dictionary dictionary = new Dictionary(values.build(), lineage);
            dictionary.textHashes = hashes;
            return dictionary;
        }

        private void rehash() {
            long[] grown = new long[slots.length * 2];
            placeAll(grown);
            slots = grown;
        }

        /** Puts every value in {@code table}, an empty table of at least twice as many slots. */
        private void placeAll(long[] table) {
            int mask = table.length / 2 - 1;
            int end = values.startOf(0);
            for (int code = 0; code < size; code++) {
                int start = end;
                end = values.startOf(code + 1);
                long hash = hashes[code];
                int slot = (int) hash & mask;
                while (table[2 * slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = (hash & HIGH) | (code + 1L);
                table[2 * slot + 1] = (long) start << 32 | (end - start);
            }
        }

        private static final long HIGH = 0xFFFFFFFF00000000L;
    }
}
