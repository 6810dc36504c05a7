package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Column;
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
 * columns of the input frame pack, since their ranges must be known before the first row is
 * grouped.
 */
final class KeyPacker {
    /**
     * One key: its type, the offset subtracted (text: from each byte), its bit position, its
     * dictionary (categorical), and for text the bits of its length (the length + 1, in the low
     * bits) and of each byte (above, the first byte highest).
     */
    private record Part(DataType type, long min, int shift, long mask, Dictionary dictionary, int lengthBits,
            int byteBits) {}

    private final List<Part> parts;

    private KeyPacker(List<Part> parts) {
        this.parts = parts;
    }

    /** A packer for these keys over this frame, or null when they do not pack into 63 bits. */
    static KeyPacker of(List<Expr> keys, DataFrame source) {
        List<Part> parts = new ArrayList<>();
        int bits = 0;
        for (Expr key : keys) {
            if (!(key instanceof Col col) || !source.schema().contains(col.name())) {
                return null;
            }
            Column column = source.column(col.name()).column();
            DataType type = column.type();
            long min;
            long values; // distinct non-null values the key may take
            Dictionary dictionary = null;
            int lengthBits = 0;
            if (type == DataType.UTF8) {
                int[] shape = column.textShape();
                int most = shape[0];
                int byteBits = 32 - Integer.numberOfLeadingZeros(shape[2] - shape[1]);
                lengthBits = 64 - Long.numberOfLeadingZeros(most + 1L);
                long width = (long) most * byteBits + lengthBits;
                if (bits + width > 63) {
                    return null;
                }
                parts.add(new Part(type, shape[1], bits, (1L << width) - 1, null, lengthBits, byteBits));
                bits += (int) width;
                continue;
            } else if (type == DataType.CATEGORICAL) {
                dictionary = column.chunkCount() == 0 ? new Dictionary.Builder().build()
                        : ((CategoricalVector) column.chunk(0)).dictionary();
                min = 0;
                values = dictionary.size();
            } else if ((type.isInteger() && type != DataType.INT128) || type.isTemporal() || type == DataType.BOOLEAN
                    || type.isLongDecimal()) {
                long[] range = column.integerRange();
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
            parts.add(new Part(type, min, bits, (1L << width) - 1, dictionary, 0, 0));
            bits += width;
        }
        return new KeyPacker(parts);
    }

    /** The packed key of each row (never null: a null key part is 0). */
    Vector pack(List<Vector> keys, int rows) {
        long[] packed = new long[rows];
        for (int k = 0; k < parts.size(); k++) {
            Part part = parts.get(k);
            Vector key = keys.get(k);
            // each kind's loop a method of its own: small units for the JIT, compiled for the kinds used
            if (part.type() == DataType.UTF8) {
                packText((Utf8Vector) key, part, rows, packed);
            } else if (key instanceof CategoricalVector categorical) {
                if (categorical.dictionary() != part.dictionary()) {
                    throw new IllegalStateException("a batch of a packed categorical key has another dictionary");
                }
                packCodes(categorical.codes(), categorical.offset(), key.validity(), part.shift(), rows, packed);
            } else {
                packLongs(Kernels.longArray(key), Kernels.longOffset(key), key.validity(), part.min(), part.shift(),
                        rows, packed);
            }
        }
        return new LongVector(DataType.INT64, packed, 0, rows, null);
    }

    private static void packText(Utf8Vector text, Part part, int rows, long[] packed) {
        Validity validity = text.validity();
        byte[] data = text.data();
        int lengthBits = part.lengthBits();
        int byteBits = part.byteBits();
        int smallest = (int) part.min();
        int shift = part.shift();
        int[] offsets = text.offsets();
        int base = text.offset();
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int start = offsets[base + i];
                int length = offsets[base + i + 1] - start;
                long bytes = 0;
                for (int b = 0; b < length; b++) {
                    bytes = bytes << byteBits | ((data[start + b] & 0xFF) - smallest);
                }
                packed[i] |= (bytes << lengthBits | (length + 1L)) << shift;
            }
        }
    }

    private static void packCodes(int[] codes, int offset, Validity validity, int shift, int rows, long[] packed) {
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                packed[i] |= (codes[offset + i] + 1L) << shift;
            }
        }
    }

    private static void packLongs(long[] values, int offset, Validity validity, long min, int shift, int rows,
            long[] packed) {
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                packed[i] |= (values[offset + i] - min + 1) << shift;
            }
        }
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
