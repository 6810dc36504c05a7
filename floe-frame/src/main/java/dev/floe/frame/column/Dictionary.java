package dev.floe.frame.column;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct strings of a categorical column, each with its code (its position). Codes are
 * what grouping and joining work on. Immutable (the lookup map is built on first use); {@link
 * Builder} grows one, keeping the codes of the values it already has.
 */
public final class Dictionary {
    private final Utf8Vector values;
    private volatile Map<String, Integer> codes;
    private volatile long[] textHashes;

    private Dictionary(Utf8Vector values) {
        this.values = values;
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
     * Each value's {@link TextHash}, by code: computed on first use and kept, so that every table
     * grouping on this dictionary's codes hashes it once.
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
                + (hashes == null ? 0 : 8L * hashes.length);
    }

    /**
     * Collects distinct strings, giving each a code in order of first appearance; looks values up
     * by their UTF-8 bytes (an open-addressing table over the stored bytes), so that a reader can
     * encode text without making a {@code String} per value. Not thread-safe.
     */
    public static final class Builder {
        private final Utf8Vector.Builder values = new Utf8Vector.Builder(16, 128);
        private int[] hashes = new int[16];
        private int[] slots = emptySlots(32);
        private int size;

        /** A builder holding {@code dictionary}'s values under their codes, to add more after them. */
        public static Builder startingWith(Dictionary dictionary) {
            Builder builder = new Builder();
            Utf8Vector values = dictionary.values();
            byte[] data = values.data();
            for (int code = 0; code < dictionary.size(); code++) {
                builder.codeOf(data, values.start(code), values.byteLength(code));
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
            int hash = hash(data, start, length);
            int mask = slots.length - 1;
            int slot = hash & mask;
            int code;
            while ((code = slots[slot]) >= 0) {
                if (hashes[code] == hash && values.equalsAt(code, data, start, length)) {
                    return code;
                }
                slot = (slot + 1) & mask;
            }
            code = size++;
            values.append(data, start, length);
            if (code == hashes.length) {
                hashes = Arrays.copyOf(hashes, code * 2);
            }
            hashes[code] = hash;
            slots[slot] = code;
            if (size * 2 > slots.length) {
                rehash();
            }
            return code;
        }

        /** How many distinct values so far. */
        public int size() {
            return size;
        }

        public Dictionary build() {
            return new Dictionary(values.build());
        }

        private void rehash() {
            slots = emptySlots(slots.length * 2);
            int mask = slots.length - 1;
            for (int code = 0; code < size; code++) {
                int slot = hashes[code] & mask;
                while (slots[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = code;
            }
        }

        private static int[] emptySlots(int count) {
            int[] slots = new int[count];
            Arrays.fill(slots, -1);
            return slots;
        }

        private static int hash(byte[] data, int start, int length) {
            int h = 0x9E3779B9 ^ length;
            for (int i = start; i < start + length; i++) {
                h = (h ^ data[i]) * 0x01000193;
            }
            return h ^ (h >>> 16);
        }
    }
}
