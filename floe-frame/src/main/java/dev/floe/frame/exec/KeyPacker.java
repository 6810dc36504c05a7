package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Group-by keys packed into one {@code long}, when their values fit: each key takes the bits its
 * value range needs (a categorical its dictionary's codes, an integer-like column its max - min,
 * short text its bytes, each less the column's smallest byte in as many bits as the range of its
 * bytes needs, and its length), with 0 kept for null. A table of one
 * long key hashes and compares one number per row instead of one per key column (and when the
 * packed keys are small numbers, finds their groups in an array). Only keys that are plain
 * columns of the input pack, and only where their bounds are known before the first row is
 * grouped ({@link ValueBounds}: a frame's values, a file's statistics); each value packed is
 * checked against them.
 */
final class KeyPacker {
    /**
     * One key: its type, the offset subtracted (text: from each byte), its bit position, its
     * dictionary (categorical), and for text the bits of its length (the length + 1, in the low
     * bits) and of each byte (above, the first byte highest); its {@code span}: the most bytes a
     * text takes, or how many values a number may take.
     */
    private record Part(String name, DataType type, long min, int shift, long mask, Dictionary dictionary,
            int lengthBits, int byteBits, long span) {}

    private final List<Part> parts;
    /** Where the parts' bounds come from ({@link ValueBounds#origin}). */
    private final String origin;

    private KeyPacker(List<Part> parts, String origin) {
        this.parts = parts;
        this.origin = origin;
    }

    /**
     * A packer for these keys of rows of {@code input}, from what {@code bounds} knows of their
     * columns; null when a key is not a plain column it bounds, or the keys do not pack into 63 bits.
     */
    static KeyPacker of(List<Expr> keys, Schema input, ValueBounds bounds) {
        for (Expr key : keys) { // kinds that never pack first: bounds may take reading (a file's dictionaries)
            if (!(key instanceof Col col) || !input.contains(col.name()) || !packable(input.type(col.name()))) {
                return null;
            }
        }
        List<Part> parts = new ArrayList<>();
        int bits = 0;
        for (Expr key : keys) {
            Col col = (Col) key; // each a column of the input, checked above
            DataType type = input.type(col.name());
            long min;
            long values; // distinct non-null values the key may take
            Dictionary dictionary = null;
            int lengthBits = 0;
            if (type == DataType.UTF8) {
                int[] shape = bounds.textShape(col.name());
                if (shape == null) {
                    return null;
                }
                int most = shape[0];
                int byteBits = 32 - Integer.numberOfLeadingZeros(shape[2] - shape[1]);
                lengthBits = 64 - Long.numberOfLeadingZeros(most + 1L);
                long width = (long) most * byteBits + lengthBits;
                if (bits + width > 63) {
                    return null;
                }
                parts.add(new Part(col.name(), type, shape[1], bits, (1L << width) - 1, null, lengthBits, byteBits,
                        most));
                bits += (int) width;
                continue;
            } else if (type == DataType.CATEGORICAL) {
                dictionary = bounds.dictionary(col.name());
                if (dictionary == null) {
                    return null;
                }
                min = 0;
                values = dictionary.size();
            } else if (integerLike(type)) {
                long[] range = bounds.integerRange(col.name());
                if (range == null) {
                    return null;
                }
                min = range.length == 0 ? 0 : range[0];
                values = range.length == 0 ? 0 : range[1] - range[0] + 1;
                if (values <= 0) {
                    return null; // the range overflows
                }
            } else {
                return null;
            }
            int width = 64 - Long.numberOfLeadingZeros(values); // values + 1 codes: 0 for null
            if (bits + width > 63) {
                return null;
            }
            parts.add(new Part(col.name(), type, min, bits, (1L << width) - 1, dictionary, 0, 0, values));
            bits += width;
        }
        return new KeyPacker(parts, bounds.origin());
    }

    private static boolean packable(DataType type) {
        return type == DataType.UTF8 || type == DataType.CATEGORICAL || integerLike(type);
    }

    /** Whether a key of this type packs by its range of whole numbers ({@link ValueBounds#integerRange}). */
    static boolean integerLike(DataType type) {
        return (type.isInteger() && type != DataType.INT128) || type.isTemporal() || type == DataType.BOOLEAN
                || type.isLongDecimal();
    }

    /** The packed key of each row (never null: a null key part is 0). */
    Vector pack(List<Vector> keys, int rows) {
        long[] packed = new long[rows];
        for (int k = 0; k < parts.size(); k++) {
            Part part = parts.get(k);
            Vector key = keys.get(k);
            // each kind's loop a method of its own: small units for the JIT, compiled for the kinds used
            if (part.type() == DataType.UTF8) {
                if (!packText((Utf8Vector) key, part, rows, packed)) {
                    throw outside(part, "a text of more than " + part.span() + " bytes, or a byte outside "
                            + part.min() + " to " + (part.min() + (1L << part.byteBits()) - 1));
                }
            } else if (key instanceof CategoricalVector categorical) {
                if (categorical.dictionary() != part.dictionary()) {
                    throw new IllegalStateException("a batch of a packed categorical key has another dictionary");
                }
                packCodes(categorical.codes(), categorical.offset(), key.validity(), part.shift(), rows, packed);
            } else {
                if (!packLongs(Kernels.longArray(key), Kernels.longOffset(key), key.validity(), part.min(),
                        part.span() - 1, part.shift(), rows, packed)) {
                    throw outside(part, "a value outside " + part.min() + " to " + (part.min() + part.span() - 1));
                }
            }
        }
        return new LongVector(DataType.INT64, packed, 0, rows, null);
    }

    /**
     * The error for a key value outside its bounds: they came from the input's metadata (a file's
     * statistics), which are wrong, as packing it would make another key's number.
     */
    private dev.floe.FloeException outside(Part part, String what) {
        return new dev.floe.FloeException("column '" + part.name() + "' holds " + what + ", outside the bounds "
                + origin + " give: the metadata is wrong (is the file corrupt?)");
    }

    /** Packs each row's text; false when one is longer than the part's bytes or has a byte outside its range. */
    private static boolean packText(Utf8Vector text, Part part, int rows, long[] packed) {
        Validity validity = text.validity();
        byte[] data = text.data();
        int lengthBits = part.lengthBits();
        int byteBits = part.byteBits();
        int smallest = (int) part.min();
        int shift = part.shift();
        int[] offsets = text.offsets();
        int base = text.offset();
        long most = part.span();
        int outside = 0; // each byte less the smallest, or'ed: any bit from byteBits up is a byte out of range
        boolean tooLong = false;
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int start = offsets[base + i];
                int length = offsets[base + i + 1] - start;
                tooLong |= length > most;
                long bytes = 0;
                for (int b = 0; b < length; b++) {
                    int value = (data[start + b] & 0xFF) - smallest;
                    outside |= value;
                    bytes = bytes << byteBits | value;
                }
                packed[i] |= (bytes << lengthBits | (length + 1L)) << shift;
            }
        }
        return !tooLong && outside >>> byteBits == 0;
    }

    private static void packCodes(int[] codes, int offset, Validity validity, int shift, int rows, long[] packed) {
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                packed[i] |= (codes[offset + i] + 1L) << shift;
            }
        }
    }

    /** Packs each row's number; false when one lies outside {@code [min, min + most]}. */
    private static boolean packLongs(long[] values, int offset, Validity validity, long min, long most, int shift,
            int rows, long[] packed) {
        long outside = 0; // negative once a value less min is negative or more than most
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                long value = values[offset + i] - min;
                outside |= value | (most - value);
                packed[i] |= (value + 1) << shift;
            }
        }
        return outside >= 0;
    }

    /** The key columns of packed keys. */
    List<Vector> unpack(Vector packedKeys) {
        long[] packed = Kernels.longs(packedKeys);
        int n = packedKeys.length();
        List<Vector> keys = new ArrayList<>(parts.size());
        for (Part part : parts) {
            long[] bits = new long[(n + 63) >>> 6];
            long[] values = new long[n];
            long offset = part.type() == DataType.UTF8 ? 0 : part.min();
            for (int i = 0; i < n; i++) {
                long value = (packed[i] >>> part.shift()) & part.mask();
                if (value != 0) {
                    values[i] = value - 1 + offset;
                    bits[i >>> 6] |= 1L << i;
                }
            }
            Validity validity = Validity.of(bits, n);
            if (part.type() == DataType.UTF8) {
                keys.add(texts(values, n, validity, part));
            } else if (part.type() == DataType.CATEGORICAL) {
                int[] codes = new int[n];
                for (int i = 0; i < n; i++) {
                    codes[i] = (int) values[i];
                }
                keys.add(new CategoricalVector(codes, 0, n, validity, part.dictionary()));
            } else {
                keys.add(Kernels.fromLongs(part.type(), values, n, validity));
            }
        }
        return keys;
    }

    /** Text keys back from their packed parts (each less one; null where {@code validity}, if any, says). */
    private static Utf8Vector texts(long[] values, int n, Validity validity, Part part) {
        int lengthBits = part.lengthBits();
        int byteBits = part.byteBits();
        long byteMask = (1L << byteBits) - 1;
        int[] offsets = new int[n + 1];
        long lengthMask = (1L << lengthBits) - 1;
        for (int i = 0; i < n; i++) {
            int length = validity == null || validity.isValid(i) ? (int) ((values[i] + 1) & lengthMask) - 1 : 0;
            offsets[i + 1] = offsets[i] + length;
        }
        byte[] data = new byte[offsets[n]];
        for (int i = 0; i < n; i++) {
            long bytes = (values[i] + 1) >>> lengthBits;
            for (int at = offsets[i + 1] - 1; at >= offsets[i]; at--) {
                data[at] = (byte) ((bytes & byteMask) + part.min());
                bytes >>>= byteBits;
            }
        }
        return new Utf8Vector(data, offsets, 0, n, validity);
    }
}
