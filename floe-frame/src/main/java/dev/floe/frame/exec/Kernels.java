package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.StructVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.util.Arrays;
import java.util.List;

/**
 * The building blocks of the expression kernels: numbers read as {@code long[]} or
 * {@code double[]} ({@code INT128} has two {@code long[]} of its own, see {@link Int128Vector}), results written back in their type, validity combined, constants broadcast,
 * rows gathered. Loops run over primitive arrays; nothing here boxes a value per row.
 */
public final class Kernels {
    private Kernels() {}

    /**
     * The array holding a vector's values as {@code long}s, without a copy for a {@code
     * LongVector} (a morsel is usually a slice of one): value {@code i} is element {@code
     * longOffset(vector) + i}. For other layouts, {@link #longs} (offset 0).
     */
    public static long[] longArray(Vector vector) {
        return vector instanceof LongVector v ? v.values() : longs(vector);
    }

    public static int longOffset(Vector vector) {
        return vector instanceof LongVector v ? v.offset() : 0;
    }

    /** As {@link #longArray}, for {@code double}s: a {@code DoubleVector}'s own array. */
    public static double[] doubleArray(Vector vector) {
        return vector instanceof DoubleVector v ? v.values() : doubles(vector);
    }

    public static int doubleOffset(Vector vector) {
        return vector instanceof DoubleVector v ? v.offset() : 0;
    }

    /**
     * The values of an integer, temporal or boolean vector as a {@code long[]} whose element
     * {@code i} is value {@code i} (a {@code LongVector}'s own array when its range starts at 0).
     * Values under nulls are unspecified.
     */
    public static long[] longs(Vector vector) {
        int n = vector.length();
        return switch (vector) {
            case LongVector v -> v.offset() == 0 ? v.values() : Arrays.copyOfRange(v.values(), v.offset(), v.offset() + n);
            case IntVector v -> {
                int[] source = v.values();
                int offset = v.offset();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = source[offset + i];
                }
                yield out;
            }
            case ShortVector v -> {
                short[] source = v.values();
                int offset = v.offset();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = source[offset + i];
                }
                yield out;
            }
            case ByteVector v -> {
                byte[] source = v.values();
                int offset = v.offset();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = source[offset + i];
                }
                yield out;
            }
            case NullVector v -> new long[n];
            case Int128Vector v -> throw new IllegalArgumentException("i128 values do not fit a long[]; read their "
                    + "high and low words");
            default -> throw new IllegalArgumentException("no integer values in a " + vector.type() + " vector");
        };
    }

    /**
     * The rows of a batch by hash partition of their key values, as grouping partitions them:
     * {@code rowsOf[p]} lists, in order, the rows whose key falls in partition {@code p}. Equal
     * keys (categorical values by their text, whatever their dictionaries) share a partition.
     */
    public static int[][] rowsByPartition(List<DataType> keyTypes, List<Vector> keys, int rows, int partitions) {
        return GroupTable.rowsByPartition(keyTypes, keys, rows, partitions);
    }

    /**
     * The rows of a batch by hash partition at a level of re-partitioning: level 0 is {@link
     * #rowsByPartition(List, List, int, int)}; each further level splits by other bits of the same
     * hashes ({@code partitions} at most 64), so the rows of one partition at a level spread over
     * the next level's partitions unless their keys are equal.
     */
    public static int[][] rowsByPartition(List<DataType> keyTypes, List<Vector> keys, int rows, int partitions,
            int level) {
        return GroupTable.rowsByPartition(GroupTable.rowHashes(keyTypes, keys, rows), rows, partitions, level);
    }

    /** The hash grouping gives each row's key values: equal keys, equal hashes. */
    public static long[] keyHashes(List<DataType> keyTypes, List<Vector> keys, int rows) {
        return GroupTable.rowHashes(keyTypes, keys, rows);
    }

    /**
     * Rows by partition of hashes from {@link #keyHashes} at a level of re-partitioning (see
     * {@link #rowsByPartition(List, List, int, int, int)}); {@code hashes} is overwritten.
     */
    public static int[][] rowsByPartition(long[] hashes, int rows, int partitions, int level) {
        return GroupTable.rowsByPartition(hashes, rows, partitions, level);
    }

    /**
     * The values of an integer or boolean vector as 128-bit words: {@code {high, low}}, element
     * {@code i} of each being value {@code i}'s (narrower integers widened by their sign). The
     * arrays of an {@code INT128} vector itself when its range starts at 0.
     */
    public static long[][] int128Words(Vector vector) {
        int n = vector.length();
        if (vector instanceof Int128Vector v) {
            int offset = v.offset();
            return offset == 0 ? new long[][] {v.high(), v.low()}
                    : new long[][] {Arrays.copyOfRange(v.high(), offset, offset + n),
                            Arrays.copyOfRange(v.low(), offset, offset + n)};
        }
        long[] low = longs(vector);
        long[] high = new long[n];
        for (int i = 0; i < n; i++) {
            high[i] = low[i] >> 63;
        }
        return new long[][] {high, low};
    }

    /** The values of a numeric, decimal or boolean vector as a {@code double[]}; see {@link #longs}. */
    public static double[] doubles(Vector vector) {
        int n = vector.length();
        if (vector.type().isDecimal()) {
            return DecimalKernel.values(vector); // the numbers, not their whole numbers of 10^-scale
        }
        return switch (vector) {
            case DoubleVector v -> v.offset() == 0 ? v.values()
                    : Arrays.copyOfRange(v.values(), v.offset(), v.offset() + n);
            case FloatVector v -> {
                float[] source = v.values();
                int offset = v.offset();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = source[offset + i];
                }
                yield out;
            }
            case Int128Vector v -> {
                long[] high = v.high();
                long[] low = v.low();
                int offset = v.offset();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Int128.toDouble(high[offset + i], low[offset + i]);
                }
                yield out;
            }
            default -> {
                long[] values = longs(vector);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = values[i];
                }
                yield out;
            }
        };
    }

    /** {@code length} values of type {@code type} (an integer, temporal or boolean type) from a {@code long[]}. */
    public static Vector fromLongs(DataType type, long[] values, int length, Validity validity) {
        return switch (type.id()) {
            case INT64, DATETIME, DURATION, TIME -> new LongVector(type, values, 0, length, validity);
            case DECIMAL -> {
                if (!type.isLongDecimal()) {
                    throw new IllegalArgumentException("a decimal of more than 18 digits is not made from longs: " + type);
                }
                yield new LongVector(type, values, 0, length, validity); // whole numbers of 10^-scale
            }
            case INT128 -> {
                long[] high = new long[values.length]; // the low words may be a longer array, used as they are
                for (int i = 0; i < length; i++) {
                    high[i] = values[i] >> 63;
                }
                yield new Int128Vector(high, values, 0, length, validity);
            }
            case INT32, DATE -> {
                int[] out = new int[length];
                for (int i = 0; i < length; i++) {
                    out[i] = (int) values[i];
                }
                yield new IntVector(type, out, 0, length, validity);
            }
            case INT16 -> {
                short[] out = new short[length];
                for (int i = 0; i < length; i++) {
                    out[i] = (short) values[i];
                }
                yield new ShortVector(type, out, 0, length, validity);
            }
            case INT8, BOOLEAN -> {
                byte[] out = new byte[length];
                for (int i = 0; i < length; i++) {
                    out[i] = (byte) values[i];
                }
                yield new ByteVector(type, out, 0, length, validity);
            }
            case FLOAT64, FLOAT32 -> {
                double[] out = new double[length];
                for (int i = 0; i < length; i++) {
                    out[i] = values[i];
                }
                yield fromDoubles(type, out, length, validity);
            }
            case NULL -> new NullVector(length);
            default -> throw new IllegalArgumentException("no " + type + " from integers");
        };
    }

    /** {@code length} values of a float type from a {@code double[]}. */
    public static Vector fromDoubles(DataType type, double[] values, int length, Validity validity) {
        return switch (type.id()) {
            case FLOAT64 -> new DoubleVector(type, values, 0, length, validity);
            case FLOAT32 -> {
                float[] out = new float[length];
                for (int i = 0; i < length; i++) {
                    out[i] = (float) values[i];
                }
                yield new FloatVector(type, out, 0, length, validity);
            }
            case NULL -> new NullVector(length);
            default -> throw new IllegalArgumentException("no " + type + " from floats");
        };
    }

    /** A boolean vector. */
    public static ByteVector booleans(byte[] values, int length, Validity validity) {
        return new ByteVector(DataType.BOOLEAN, values, 0, length, validity);
    }

    /** Present where both are: the AND of two validities (null: all present). */
    public static Validity and(Validity a, Validity b, int length) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        long[] bits = new long[(length + 63) >>> 6];
        if ((a.offset() & 63) == 0 && (b.offset() & 63) == 0) {
            long[] x = a.bits();
            long[] y = b.bits();
            int xw = a.offset() >>> 6;
            int yw = b.offset() >>> 6;
            for (int w = 0; w < bits.length; w++) {
                bits[w] = x[xw + w] & y[yw + w];
            }
        } else {
            for (int i = 0; i < length; i++) {
                if (a.isValid(i) && b.isValid(i)) {
                    bits[i >>> 6] |= 1L << i;
                }
            }
        }
        return Validity.of(bits, length);
    }

    /** Bits with a 1 for each present value of {@code vector}: a fresh array the caller may change. */
    public static long[] validBits(Vector vector) {
        int length = vector.length();
        long[] bits = new long[(length + 63) >>> 6];
        Validity validity = vector.validity();
        if (validity == null) {
            Arrays.fill(bits, -1L);
        } else {
            for (int i = 0; i < length; i++) {
                if (validity.isValid(i)) {
                    bits[i >>> 6] |= 1L << i;
                }
            }
        }
        return bits;
    }

    /** {@code rows} copies of one value of type {@code type} (null: all nulls). */
    public static Vector broadcast(DataType type, Object value, int rows) {
        if (value == null) {
            return nulls(type, rows);
        }
        ColumnBuilder one = ColumnBuilder.of(type, "literal", 1).append(value);
        return repeat(one.build().chunk(0), rows);
    }

    /** The first value of {@code single} on each of {@code rows} rows. */
    public static Vector repeat(Vector single, int rows) {
        if (single.isNull(0)) {
            return nulls(single.type(), rows);
        }
        DataType type = single.type();
        return switch (single) {
            case IntVector v -> {
                int[] out = new int[rows];
                Arrays.fill(out, v.values()[v.offset()]);
                yield new IntVector(type, out, null);
            }
            case LongVector v -> {
                long[] out = new long[rows];
                Arrays.fill(out, v.values()[v.offset()]);
                yield new LongVector(type, out, null);
            }
            case DoubleVector v -> {
                double[] out = new double[rows];
                Arrays.fill(out, v.values()[v.offset()]);
                yield new DoubleVector(type, out, null);
            }
            case ByteVector v -> {
                byte[] out = new byte[rows];
                Arrays.fill(out, v.values()[v.offset()]);
                yield new ByteVector(type, out, null);
            }
            default -> gather(single, new int[rows], rows);
        };
    }

    /** {@code rows} nulls of type {@code type}. */
    public static Vector nulls(DataType type, int rows) {
        return dev.floe.frame.column.Vectors.nulls(type, rows);
    }

    /** Like {@link #gather}, with null where a position is -1. */
    public static Vector gatherOrNull(Vector vector, int[] positions, int count) {
        boolean missing = false;
        for (int i = 0; i < count && !missing; i++) {
            missing = positions[i] < 0;
        }
        if (!missing) {
            return gather(vector, positions, count);
        }
        int[] safe = new int[count];
        long[] bits = new long[(count + 63) >>> 6];
        for (int i = 0; i < count; i++) {
            int p = positions[i];
            safe[i] = Math.max(p, 0);
            if (p >= 0 && !vector.isNull(p)) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        if (vector.length() == 0) {
            return nulls(vector.type(), count);
        }
        Vector gathered = gather(vector, safe, count);
        return withValidity(gathered, Validity.of(bits, count));
    }

    /** The same values with another validity. */
    static Vector withValidity(Vector vector, Validity validity) {
        return switch (vector) {
            case LongVector v -> new LongVector(v.type(), v.values(), v.offset(), v.length(), validity);
            case Int128Vector v -> new Int128Vector(v.type(), v.high(), v.low(), v.offset(), v.length(), validity);
            case IntVector v -> new IntVector(v.type(), v.values(), v.offset(), v.length(), validity);
            case ShortVector v -> new ShortVector(v.type(), v.values(), v.offset(), v.length(), validity);
            case ByteVector v -> new ByteVector(v.type(), v.values(), v.offset(), v.length(), validity);
            case DoubleVector v -> new DoubleVector(v.type(), v.values(), v.offset(), v.length(), validity);
            case FloatVector v -> new FloatVector(v.type(), v.values(), v.offset(), v.length(), validity);
            case Utf8Vector v -> new Utf8Vector(v.data(), v.offsets(), v.offset(), v.length(), validity);
            case CategoricalVector v -> new CategoricalVector(v.codes(), v.offset(), v.length(), validity, v.dictionary());
            case NullVector v -> v;
            case ListVector v -> new ListVector(v.offsets(), v.elements(), v.offset(), v.length(), validity);
            case MapVector v -> new MapVector(v.type(), v.offsets(), v.keys(), v.values(), v.offset(), v.length(),
                    validity);
            case StructVector v -> new StructVector(v.type(), v.fields(), v.offset(), v.length(), validity);
        };
    }

    /** Values {@code positions[0 .. count)} of {@code vector}, in that order. */
    public static Vector gather(Vector vector, int[] positions, int count) {
        // each type's loop a method of its own: small units the JIT compiles (and compiles again
        // at a loop, on a first run) quickly, and only for the types a query gathers
        Validity validity = vector.validity() == null ? null : gatherValidity(vector.validity(), positions, count);
        return switch (vector) {
            case LongVector v -> new LongVector(v.type(), gatherLongs(v.values(), v.offset(), positions, count), 0,
                    count, validity);
            case Int128Vector v -> new Int128Vector(v.type(), gatherLongs(v.high(), v.offset(), positions, count),
                    gatherLongs(v.low(), v.offset(), positions, count), 0, count, validity);
            case IntVector v -> new IntVector(v.type(), gatherInts(v.values(), v.offset(), positions, count), 0, count,
                    validity);
            case ShortVector v -> new ShortVector(v.type(), gatherShorts(v.values(), v.offset(), positions, count), 0,
                    count, validity);
            case ByteVector v -> new ByteVector(v.type(), gatherBytes(v.values(), v.offset(), positions, count), 0,
                    count, validity);
            case DoubleVector v -> new DoubleVector(v.type(), gatherDoubles(v.values(), v.offset(), positions, count),
                    0, count, validity);
            case FloatVector v -> new FloatVector(v.type(), gatherFloats(v.values(), v.offset(), positions, count), 0,
                    count, validity);
            case CategoricalVector v -> new CategoricalVector(gatherInts(v.codes(), v.offset(), positions, count), 0,
                    count, validity, v.dictionary());
            case Utf8Vector v -> gatherText(v, positions, count, validity);
            case NullVector v -> new NullVector(count);
            case ListVector v -> {
                int[] outOffsets = new int[count + 1];
                int[] elementPositions = entryPositions(v.offsets(), v.offset(), positions, count, outOffsets);
                yield new ListVector(outOffsets, gather(v.elements(), elementPositions, elementPositions.length), 0,
                        count, validity);
            }
            case MapVector v -> {
                int[] outOffsets = new int[count + 1];
                int[] entries = entryPositions(v.offsets(), v.offset(), positions, count, outOffsets);
                yield new MapVector(v.type(), outOffsets, gather(v.keys(), entries, entries.length),
                        gather(v.values(), entries, entries.length), 0, count, validity);
            }
            case StructVector v -> {
                List<Vector> fields = new java.util.ArrayList<>(v.fields().size());
                for (int f = 0; f < v.fields().size(); f++) {
                    fields.add(gather(v.field(f), positions, count));
                }
                yield new StructVector(v.type(), fields, 0, count, validity);
            }
        };
    }

    /**
     * The positions of the elements (or entries) of rows {@code positions[0 .. count)} of a list or
     * map vector whose rows start at {@code offsets[offset + row]}, one row's after another's; fills
     * {@code outOffsets} (of {@code count + 1}) with where each row's begin among them.
     */
    private static int[] entryPositions(int[] offsets, int offset, int[] positions, int count, int[] outOffsets) {
        for (int i = 0; i < count; i++) {
            int row = offset + positions[i];
            outOffsets[i + 1] = outOffsets[i] + offsets[row + 1] - offsets[row];
        }
        int[] entries = new int[outOffsets[count]];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int row = offset + positions[i];
            for (int k = offsets[row], end = offsets[row + 1]; k < end; k++) {
                entries[at++] = k;
            }
        }
        return entries;
    }

    /**
     * The runs of consecutive rows in {@code positions[0 .. count)}, as pairs of first row and
     * length, when they are long (at least {@link #RUN_ROWS} rows each on average, as where a
     * filter keeps most rows); else null.
     */
    public static int[] runs(int[] positions, int count) {
        if (count < RUN_ROWS) {
            return null;
        }
        int most = count / RUN_ROWS; // more runs than this are too short: stop counting there
        int runs = 1;
        for (int k = 1; k < count && runs <= most; k++) {
            runs += positions[k] != positions[k - 1] + 1 ? 1 : 0;
        }
        if (runs > most) {
            return null;
        }
        int[] out = new int[2 * runs];
        int r = 0;
        out[0] = positions[0];
        for (int k = 1; k < count; k++) {
            if (positions[k] != positions[k - 1] + 1) {
                out[2 * r + 1] = positions[k - 1] - out[2 * r] + 1;
                r++;
                out[2 * r] = positions[k];
            }
        }
        out[2 * r + 1] = positions[count - 1] - out[2 * r] + 1;
        return out;
    }

    /** The average length of the runs below which {@link #runs} gives none: a copy per run costs more than a value. */
    static final int RUN_ROWS = 16;

    private static Validity gatherValidity(Validity source, int[] positions, int count) {
        long[] bits = new long[(count + 63) >>> 6];
        for (int i = 0; i < count; i++) {
            if (source.isValid(positions[i])) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Validity.of(bits, count);
    }

    private static long[] gatherLongs(long[] source, int offset, int[] positions, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = source[offset + positions[i]];
        }
        return out;
    }

    private static int[] gatherInts(int[] source, int offset, int[] positions, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = source[offset + positions[i]];
        }
        return out;
    }

    private static short[] gatherShorts(short[] source, int offset, int[] positions, int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = source[offset + positions[i]];
        }
        return out;
    }

    private static byte[] gatherBytes(byte[] source, int offset, int[] positions, int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = source[offset + positions[i]];
        }
        return out;
    }

    private static double[] gatherDoubles(double[] source, int offset, int[] positions, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = source[offset + positions[i]];
        }
        return out;
    }

    private static float[] gatherFloats(float[] source, int offset, int[] positions, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = source[offset + positions[i]];
        }
        return out;
    }

    /**
     * Text at {@code positions}: one pass over the (randomly placed) offsets keeps each start and
     * the running end; the second copies the bytes, short strings byte by byte.
     */
    private static Utf8Vector gatherText(Utf8Vector v, int[] positions, int count, Validity validity) {
        int[] offsets = v.offsets();
        int base = v.offset();
        int[] starts = new int[count];
        int[] outOffsets = new int[count + 1];
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int p = base + positions[i];
            int start = offsets[p];
            starts[i] = start;
            bytes += offsets[p + 1] - start;
            outOffsets[i + 1] = (int) Math.min(bytes, Integer.MAX_VALUE);
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new dev.floe.frame.SchemaException("gathering " + count + " strings makes " + bytes
                    + " bytes, more than one text column holds (2 GiB)");
        }
        byte[] source = v.data();
        byte[] data = new byte[(int) bytes];
        for (int i = 0; i < count; i++) {
            int start = starts[i];
            int at = outOffsets[i];
            int size = outOffsets[i + 1] - at;
            // a short string as one or two words, the bytes past its end in the places of the
            // strings after it, which are copied later (never past the text's last byte)
            if (size <= 8 && at + 8 <= data.length && start + 8 <= source.length) {
                WORDS.set(data, at, (long) WORDS.get(source, start));
            } else if (size <= 16 && at + 16 <= data.length && start + 16 <= source.length) {
                WORDS.set(data, at, (long) WORDS.get(source, start));
                WORDS.set(data, at + 8, (long) WORDS.get(source, start + 8));
            } else if (size <= 16) {
                for (int b = 0; b < size; b++) {
                    data[at + b] = source[start + b];
                }
            } else {
                System.arraycopy(source, start, data, at, size);
            }
        }
        return new Utf8Vector(data, outOffsets, 0, count, validity);
    }

    /** Eight bytes of a {@code byte[]} at once, for copying short strings. */
    private static final java.lang.invoke.VarHandle WORDS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Row {@code i} from {@code sources[choice[i]]}, or null where {@code choice[i]} is -1. The
     * sources all have type {@code type} and {@code rows} values.
     */
    public static Vector pick(DataType type, Vector[] sources, int[] choice, int rows) {
        long[] bits = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            if (choice[i] >= 0 && !sources[choice[i]].isNull(i)) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        Validity validity = Validity.of(bits, rows);
        if (type == DataType.NULL) {
            return new NullVector(rows);
        }
        if (type.isNested()) {
            // one vector of all sources (source s's row i at s * rows + i), then a gather
            int[] positions = new int[rows];
            for (int i = 0; i < rows; i++) {
                positions[i] = choice[i] < 0 ? -1 : choice[i] * rows + i;
            }
            return gatherOrNull(dev.floe.frame.column.Vectors.concat(type, java.util.Arrays.asList(sources)),
                    positions, rows);
        }
        if (type.isFloat()) {
            double[][] values = new double[sources.length][];
            for (int s = 0; s < sources.length; s++) {
                values[s] = doubles(sources[s]);
            }
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                if (choice[i] >= 0) {
                    out[i] = values[choice[i]][i];
                }
            }
            return fromDoubles(type, out, rows, validity);
        }
        if (type == DataType.UTF8) {
            Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, rows * 8);
            for (int i = 0; i < rows; i++) {
                if (choice[i] < 0 || sources[choice[i]].isNull(i)) {
                    builder.appendNull();
                } else {
                    Utf8Vector source = (Utf8Vector) sources[choice[i]];
                    builder.append(source.data(), source.start(i), source.byteLength(i));
                }
            }
            return builder.build();
        }
        if (type == DataType.CATEGORICAL) {
            CategoricalVector first = (CategoricalVector) sources[0];
            // sources of one dictionary lineage share the codes of its largest dictionary
            Dictionary widest = first.dictionary();
            boolean shared = true;
            for (Vector source : sources) {
                Dictionary dictionary = ((CategoricalVector) source).dictionary();
                shared &= dictionary.sameLineage(widest);
                if (shared && dictionary.covers(widest)) {
                    widest = dictionary;
                }
            }
            if (!shared) {
                Vector[] text = new Vector[sources.length];
                for (int s = 0; s < sources.length; s++) {
                    text[s] = CastKernel.categoricalToText((CategoricalVector) sources[s]);
                }
                return CastKernel.textToCategorical((Utf8Vector) pick(DataType.UTF8, text, choice, rows));
            }
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                if (choice[i] >= 0) {
                    CategoricalVector source = (CategoricalVector) sources[choice[i]];
                    codes[i] = source.codes()[source.offset() + i];
                }
            }
            return new CategoricalVector(codes, 0, rows, validity, widest);
        }
        if (type == DataType.INT128 || type.isDecimal() && !type.isLongDecimal()) {
            long[] high = new long[rows];
            long[] low = new long[rows];
            for (int i = 0; i < rows; i++) {
                if (choice[i] >= 0) {
                    Int128Vector source = (Int128Vector) sources[choice[i]];
                    high[i] = source.high()[source.offset() + i];
                    low[i] = source.low()[source.offset() + i];
                }
            }
            return new Int128Vector(type, high, low, 0, rows, validity);
        }
        long[][] values = new long[sources.length][];
        for (int s = 0; s < sources.length; s++) {
            values[s] = longs(sources[s]);
        }
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (choice[i] >= 0) {
                out[i] = values[choice[i]][i];
            }
        }
        return fromLongs(type, out, rows, validity);
    }
}
