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
        private final Utf8Vector.Builder values = new Utf8Vector.Builder(16, 128);
        /** Each value's {@link TextHash}, by code: handed to the dictionary built. */
        private long[] hashes = new long[16];
        /**
         * Open addressing by the hash's low bits: a slot holds the hash's high 32 bits over
         * {@code code + 1}, 0 when empty, so a probe reads one array and compares text only where
         * the hashes agree.
         */
        private long[] slots = new long[32];
        private int size;
        private final Object lineage = new Object();

        /** A builder holding {@code dictionary}'s values under their codes, to add more after them. */
        public static Builder startingWith(Dictionary dictionary) {
            Builder builder = new Builder();
            Utf8Vector values = dictionary.values();
            byte[] data = values.data();
            long[] hashes = dictionary.textHashes();
            for (int code = 0; code < dictionary.size(); code++) {
                builder.codeOf(data, values.start(code), values.byteLength(code), hashes[code]);
            }
            return builder;
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
         * {@link #codeOf} one by one would give them; looked up {@value #STEP} at a time, each
         * step's table reads first, so that their cache misses overlap.
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
            byte[] data = values.data();
            int n = values.length();
            long[] entries = new long[STEP];
            for (int from = first; from < n; from += STEP) {
                int to = Math.min(n, from + STEP);
                long[] slots = this.slots;
                int mask = slots.length - 1;
                for (int i = from; i < to; i++) {
                    entries[i - from] = slots[(int) valueHashes[i] & mask];
                }
                for (int i = from; i < to; i++) {
                    long entry = entries[i - from];
                    long hash = valueHashes[i];
                    int start = values.start(i);
                    int length = values.byteLength(i);
                    // a value found in its first slot (codes never change, so a hit stays one); else looked up in full
                    out[i] = entry != 0 && (entry & HIGH) == (hash & HIGH)
                            && this.values.equalsAt((int) entry - 1, data, start, length)
                            ? (int) entry - 1 : codeOf(data, start, length, hash);
                }
            }
        }

        private static final int STEP = 16;

        /** {@link #codeOf(byte[], int, int)} of a value whose {@link TextHash} is {@code hash}. */
        private int codeOf(byte[] data, int start, int length, long hash) {
            long tag = hash & HIGH;
            long[] slots = this.slots;
            int mask = slots.length - 1;
            int slot = (int) hash & mask;
            long entry;
            while ((entry = slots[slot]) != 0) {
                if ((entry & HIGH) == tag) {
                    int code = (int) entry - 1;
                    if (values.equalsAt(code, data, start, length)) {
                        return code;
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
            slots[slot] = tag | (code + 1L);
            if (size * 2 > slots.length) {
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
            int mask = grown.length - 1;
            for (int code = 0; code < size; code++) {
                long hash = hashes[code];
                int slot = (int) hash & mask;
                while (grown[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = (hash & HIGH) | (code + 1L);
            }
            slots = grown;
        }

        private static final long HIGH = 0xFFFFFFFF00000000L;
    }
}
