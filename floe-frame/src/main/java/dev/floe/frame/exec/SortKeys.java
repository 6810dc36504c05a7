package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.StructVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;

/**
 * Values of any type as bytes whose unsigned order is the values' order, and whose equality is
 * theirs (DuckDB makes its sort keys so): what sorts and compares lists of lists, maps and structs.
 *
 * <p>A value is its bytes alone; a value inside a list, map or struct is a byte 1 then its bytes, or
 * the byte 2 where it is null (after every value, as a list's null elements compare). Whole numbers,
 * dates, times, durations and decimals of up to 18 digits: 8 bytes big-endian with the sign bit
 * flipped; wider ones 16. Floats: the 8 bytes of the double whose order is theirs (-0.0 as 0.0, every
 * NaN one NaN, after every number). Text: its UTF-8 bytes, a 0 byte written 0 255, then 0 0. A list:
 * its elements, then 0 (so a list before any longer list it begins); a map: its keys and values in
 * turn, then 0; a struct: its fields in order. Values compare so only when they are of one type.
 */
public final class SortKeys {
    private SortKeys() {}

    private static final byte PRESENT = 1;
    private static final byte ABSENT = 2;
    private static final byte END = 0;

    /** The sort key of each row of {@code vector}; null where the row is. */
    public static Utf8Vector encode(Vector vector) {
        int rows = vector.length();
        // a batch of a longer column shares its lists' elements: read only its own
        Encoder encoder = encoder(vector instanceof ListVector list ? ListKernel.compact(list) : vector);
        Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows * 16);
        Bytes bytes = new Bytes();
        for (int i = 0; i < rows; i++) {
            if (vector.isNull(i)) {
                out.appendNull();
                continue;
            }
            bytes.size = 0;
            encoder.write(i, bytes);
            out.append(bytes.data, 0, bytes.size);
        }
        return out.build();
    }

    /** A growing byte buffer. */
    private static final class Bytes {
        byte[] data = new byte[64];
        int size;

        void put(int b) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = (byte) b;
        }

        void putLong(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((int) (value >>> shift));
            }
        }
    }

    /** Writes the value of one row of a vector (its arrays read once). */
    private interface Encoder {
        void write(int row, Bytes out);

        /** A value inside a list, map or struct: marked present or absent. */
        default void writeMarked(Vector vector, int row, Bytes out) {
            if (vector.isNull(row)) {
                out.put(ABSENT);
            } else {
                out.put(PRESENT);
                write(row, out);
            }
        }
    }

    private static Encoder encoder(Vector vector) {
        DataType type = vector.type();
        if (type == DataType.NULL) {
            return (row, out) -> { };
        }
        return switch (vector) {
            case ListVector whole -> {
                ListVector list = ListKernel.compact(whole);
                Vector elements = list.elements();
                Encoder element = encoder(elements);
                yield (row, out) -> {
                    for (int e = list.start(row), end = e + list.size(row); e < end; e++) {
                        element.writeMarked(elements, e, out);
                    }
                    out.put(END);
                };
            }
            case MapVector map -> {
                Vector keys = map.keys();
                Vector values = map.values();
                Encoder key = encoder(keys);
                Encoder value = encoder(values);
                yield (row, out) -> {
                    for (int e = map.start(row), end = e + map.size(row); e < end; e++) {
                        key.writeMarked(keys, e, out);
                        value.writeMarked(values, e, out);
                    }
                    out.put(END);
                };
            }
            case StructVector struct -> {
                int n = struct.fields().size();
                Vector[] fields = new Vector[n];
                Encoder[] encoders = new Encoder[n];
                for (int f = 0; f < n; f++) {
                    fields[f] = struct.field(f);
                    encoders[f] = encoder(fields[f]);
                }
                yield (row, out) -> {
                    for (int f = 0; f < n; f++) {
                        encoders[f].writeMarked(fields[f], row, out);
                    }
                };
            }
            case Utf8Vector text -> (row, out) -> text(text.data(), text.start(row), text.byteLength(row), out);
            case CategoricalVector categorical -> {
                Utf8Vector values = categorical.dictionary().values();
                yield (row, out) -> {
                    int code = categorical.code(row);
                    text(values.data(), values.start(code), values.byteLength(code), out);
                };
            }
            default -> {
                if (type.isFloat()) {
                    double[] values = Kernels.doubles(vector);
                    yield (row, out) -> out.putLong(orderedBits(values[row]));
                }
                if (type.isWide()) {
                    long[][] words = Kernels.int128Words(vector);
                    yield (row, out) -> {
                        out.putLong(words[0][row] ^ Long.MIN_VALUE);
                        out.putLong(words[1][row]);
                    };
                }
                long[] values = Kernels.longs(vector);
                yield (row, out) -> out.putLong(values[row] ^ Long.MIN_VALUE);
            }
        };
    }

    private static void text(byte[] data, int start, int length, Bytes out) {
        for (int k = start; k < start + length; k++) {
            out.put(data[k]);
            if (data[k] == 0) {
                out.put(0xFF);
            }
        }
        out.put(0);
        out.put(0);
    }

    /** A double's bits whose unsigned order is its order: -0.0 as 0.0, every NaN one NaN, the largest. */
    private static long orderedBits(double value) {
        double canonical = value == 0 ? 0.0 : Double.isNaN(value) ? Double.NaN : value;
        long bits = Double.doubleToLongBits(canonical);
        return bits >= 0 ? bits ^ Long.MIN_VALUE : ~bits;
    }
}
