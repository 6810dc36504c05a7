package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches turned into bytes and back, for spilling: each vector's type, length, validity bits and
 * values, the arrays copied in bulk (only the vector's own range); text as its offsets and bytes;
 * a categorical dictionary written once per codec and referred to afterwards (a later dictionary
 * of the same lineage only with the values it added), so what is read back keeps one lineage per
 * dictionary lineage written. One codec per
 * spill file, used by one thread (a writer's codec remembers the dictionaries it has written, a
 * reader's those it has read).
 */
public final class SpillCodec {
    private static final byte NULL = 0;
    private static final byte BYTES = 1;
    private static final byte SHORTS = 2;
    private static final byte INTS = 3;
    private static final byte LONGS = 4;
    private static final byte FLOATS = 5;
    private static final byte DOUBLES = 6;
    private static final byte TEXT = 7;
    private static final byte CATEGORICAL = 8;
    private static final byte LIST = 9;
    private static final byte INT128 = 10;
    private static final byte MAP = 11;
    private static final byte STRUCT = 12;
    /** A categorical vector's dictionary: already written; new (all its values follow); grown (its new values follow). */
    private static final byte KNOWN = 0;
    private static final byte FRESH = 1;
    private static final byte GROWN = 2;

    /** For each dictionary lineage written: its id, and how many of its values are written. */
    private final Map<Object, int[]> written = new IdentityHashMap<>();
    /** For each id read: the builder of its values, and the dictionary of those read so far. */
    private final List<Dictionary.Builder> readBuilders = new ArrayList<>();
    private final List<Dictionary> read = new ArrayList<>();
    private ByteBuffer out = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    /** The largest buffer kept from one batch to the next. */
    public static final int KEPT_BUFFER = 1 << 20;

    /** Lets go of the buffer if a large batch grew it past {@link #KEPT_BUFFER} (call once its bytes are used). */
    public void trim() {
        if (out.capacity() > KEPT_BUFFER) {
            out = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** The bytes of a batch's columns (the buffer is reused: copy what must be kept). */
    public ByteBuffer encode(Batch batch) {
        // a large batch (or a dictionary written once) does not keep its buffer: a query may have
        // hundreds of spill files open, each with a codec
        trim();
        out.clear();
        ensure(16);
        out.putLong(batch.start());
        out.putInt(batch.rows());
        out.putInt(batch.columns().size());
        for (Vector column : batch.columns()) {
            write(column);
        }
        out.flip();
        return out;
    }

    /** The batch read from {@code in} (which {@link #encode} filled), with the start it was written with. */
    public Batch decode(ByteBuffer in) {
        in.order(ByteOrder.LITTLE_ENDIAN);
        long start = in.getLong();
        int rows = in.getInt();
        int count = in.getInt();
        List<Vector> columns = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            Vector column = read(in);
            if (column.length() != rows) {
                throw new IllegalStateException("a spilled column of " + column.length() + " rows in a batch of " + rows);
            }
            columns.add(column);
        }
        return new Batch(columns, rows, start);
    }

    private void ensure(long more) {
        if (out.remaining() < more) {
            long wanted = Math.max((long) out.capacity() * 2, out.position() + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a batch of more than 2 GiB cannot be spilled at once");
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) wanted).order(ByteOrder.LITTLE_ENDIAN);
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    private void write(Vector vector) {
        int length = vector.length();
        ensure(16);
        out.put(kind(vector));
        out.put((byte) vector.type().id().ordinal());
        DataType type = vector.type();
        DataType decimal = type.isDecimal() ? type : type.isList() && type.elementType().isDecimal() ? type.elementType()
                : null;
        if (decimal != null) {
            out.put((byte) decimal.precision());
            out.put((byte) decimal.scale());
        }
        out.putInt(length);
        writeValidity(vector.validity(), length);
        switch (vector) {
            case NullVector ignored -> { }
            case ByteVector v -> {
                ensure(length);
                out.put(v.values(), v.offset(), length);
            }
            case ShortVector v -> {
                ensure(2L * length);
                out.asShortBuffer().put(v.values(), v.offset(), length);
                out.position(out.position() + 2 * length);
            }
            case IntVector v -> putInts(v.values(), v.offset(), length);
            case LongVector v -> putLongs(v.values(), v.offset(), length);
            case FloatVector v -> {
                ensure(4L * length);
                out.asFloatBuffer().put(v.values(), v.offset(), length);
                out.position(out.position() + 4 * length);
            }
            case DoubleVector v -> {
                ensure(8L * length);
                out.asDoubleBuffer().put(v.values(), v.offset(), length);
                out.position(out.position() + 8 * length);
            }
            case Int128Vector v -> {
                putLongs(v.high(), v.offset(), length);
                putLongs(v.low(), v.offset(), length);
            }
            case Utf8Vector v -> {
                int[] offsets = v.offsets();
                int first = offsets[v.offset()];
                int bytes = offsets[v.offset() + length] - first;
                ensure(4L * (length + 1) + bytes + 4);
                for (int i = 0; i <= length; i++) {
                    out.putInt(offsets[v.offset() + i] - first);
                }
                out.putInt(bytes);
                out.put(v.data(), first, bytes);
            }
            case CategoricalVector v -> {
                // a lineage's values are written once: all it has when first met, then only those added since
                Dictionary dictionary = v.dictionary();
                int[] idAndCount = written.get(dictionary.lineage());
                ensure(5);
                if (idAndCount == null) {
                    idAndCount = new int[] {written.size(), dictionary.size()};
                    written.put(dictionary.lineage(), idAndCount);
                    out.put(FRESH);
                    out.putInt(idAndCount[0]);
                    write(dictionary.values());
                } else if (idAndCount[1] < dictionary.size()) {
                    int from = idAndCount[1];
                    idAndCount[1] = dictionary.size();
                    out.put(GROWN);
                    out.putInt(idAndCount[0]);
                    write(dictionary.values().slice(from, dictionary.size() - from));
                } else {
                    out.put(KNOWN);
                    out.putInt(idAndCount[0]);
                }
                putInts(v.codes(), v.offset(), length);
            }
            case ListVector v -> {
                int first = writeOffsets(v.offsets(), v.offset(), length);
                write(v.elements().slice(first, v.offsets()[v.offset() + length] - first));
            }
            case MapVector v -> {
                int first = writeOffsets(v.offsets(), v.offset(), length);
                int count = v.offsets()[v.offset() + length] - first;
                write(v.keys().slice(first, count));
                write(v.values().slice(first, count));
            }
            case StructVector v -> {
                // the type by its name (the fields' names are in it), then each field's rows
                byte[] name = v.type().name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ensure(4L + name.length);
                out.putInt(name.length);
                out.put(name);
                for (int f = 0; f < v.fields().size(); f++) {
                    write(v.field(f));
                }
            }
            default -> throw new IllegalArgumentException("cannot spill a " + vector.getClass().getSimpleName());
        }
    }

    /** The {@code length + 1} offsets from {@code offset}, less the first (so they start at 0); the first. */
    private int writeOffsets(int[] offsets, int offset, int length) {
        int first = offsets[offset];
        ensure(4L * (length + 1));
        for (int i = 0; i <= length; i++) {
            out.putInt(offsets[offset + i] - first);
        }
        return first;
    }

    private static byte kind(Vector vector) {
        return switch (vector) {
            case NullVector ignored -> NULL;
            case ByteVector ignored -> BYTES;
            case ShortVector ignored -> SHORTS;
            case IntVector ignored -> INTS;
            case LongVector ignored -> LONGS;
            case FloatVector ignored -> FLOATS;
            case DoubleVector ignored -> DOUBLES;
            case Utf8Vector ignored -> TEXT;
            case CategoricalVector ignored -> CATEGORICAL;
            case ListVector ignored -> LIST;
            case MapVector ignored -> MAP;
            case StructVector ignored -> STRUCT;
            case Int128Vector ignored -> INT128;
            default -> throw new IllegalArgumentException("cannot spill a " + vector.getClass().getSimpleName());
        };
    }

    private void putInts(int[] values, int offset, int length) {
        ensure(4L * length);
        out.asIntBuffer().put(values, offset, length);
        out.position(out.position() + 4 * length);
    }

    private void putLongs(long[] values, int offset, int length) {
        ensure(8L * length);
        out.asLongBuffer().put(values, offset, length);
        out.position(out.position() + 8 * length);
    }

    /** A flag, then the bits of the range as their own words (bit i is value i). */
    private void writeValidity(Validity validity, int length) {
        ensure(1);
        if (validity == null) {
            out.put((byte) 0);
            return;
        }
        out.put((byte) 1);
        long[] words = new long[(length + 63) >>> 6];
        for (int i = 0; i < length; i++) {
            if (validity.isValid(i)) {
                words[i >>> 6] |= 1L << i;
            }
        }
        putLongs(words, 0, words.length);
    }

    private Vector read(ByteBuffer in) {
        byte kind = in.get();
        DataType.Id typeId = DataType.Id.values()[in.get()];
        DataType type = typeId == DataType.Id.DECIMAL ? DataType.decimal(in.get(), in.get())
                : typeId == DataType.Id.LIST_DECIMAL ? DataType.listOf(DataType.decimal(in.get(), in.get()))
                : typeId == DataType.Id.MAP || typeId == DataType.Id.STRUCT || typeId == DataType.Id.LIST ? null // read below
                : DataType.of(typeId);
        int length = in.getInt();
        Validity validity = null;
        if (in.get() != 0) {
            long[] words = new long[(length + 63) >>> 6];
            in.asLongBuffer().get(words);
            in.position(in.position() + 8 * words.length);
            validity = Validity.of(words, length);
        }
        return switch (kind) {
            case NULL -> new NullVector(length);
            case BYTES -> {
                byte[] values = new byte[length];
                in.get(values);
                yield new ByteVector(type, values, validity);
            }
            case SHORTS -> {
                short[] values = new short[length];
                in.asShortBuffer().get(values);
                in.position(in.position() + 2 * length);
                yield new ShortVector(type, values, validity);
            }
            case INTS -> new IntVector(type, ints(in, length), validity);
            case LONGS -> new LongVector(type, longs(in, length), validity);
            case FLOATS -> {
                float[] values = new float[length];
                in.asFloatBuffer().get(values);
                in.position(in.position() + 4 * length);
                yield new FloatVector(type, values, validity);
            }
            case DOUBLES -> {
                double[] values = new double[length];
                in.asDoubleBuffer().get(values);
                in.position(in.position() + 8 * length);
                yield new DoubleVector(type, values, validity);
            }
            case INT128 -> {
                long[] high = longs(in, length);
                long[] low = longs(in, length);
                yield new Int128Vector(type, high, low, 0, length, validity);
            }
            case TEXT -> {
                int[] offsets = ints(in, length + 1);
                byte[] data = new byte[in.getInt()];
                in.get(data);
                yield new Utf8Vector(data, offsets, 0, length, validity);
            }
            case CATEGORICAL -> {
                byte state = in.get();
                int id = in.getInt();
                if (state != KNOWN && state != FRESH && state != GROWN) {
                    throw new IllegalStateException("a spill file holds an unknown dictionary state " + state);
                }
                if (state != KNOWN) {
                    Utf8Vector values = (Utf8Vector) read(in);
                    Dictionary.Builder builder;
                    if (state == FRESH) {
                        builder = new Dictionary.Builder();
                        readBuilders.add(id, builder);
                        read.add(id, null);
                    } else {
                        builder = readBuilders.get(id);
                    }
                    for (int code = 0; code < values.length(); code++) {
                        builder.codeOf(values.data(), values.start(code), values.byteLength(code));
                    }
                    read.set(id, builder.build());
                }
                yield new CategoricalVector(ints(in, length), 0, length, validity, read.get(id));
            }
            case LIST -> {
                int[] offsets = ints(in, length + 1);
                Vector elements = read(in);
                yield new ListVector(offsets, elements, 0, length, validity);
            }
            case MAP -> {
                int[] offsets = ints(in, length + 1);
                Vector keys = read(in);
                Vector values = read(in);
                yield new MapVector(offsets, keys, values, 0, length, validity);
            }
            case STRUCT -> {
                byte[] name = new byte[in.getInt()];
                in.get(name);
                DataType struct = DataType.valueOf(new String(name, java.nio.charset.StandardCharsets.UTF_8));
                List<Vector> fields = new ArrayList<>(struct.fields().size());
                for (int f = 0; f < struct.fields().size(); f++) {
                    fields.add(read(in));
                }
                yield new StructVector(struct, fields, 0, length, validity);
            }
            default -> throw new IllegalStateException("a spill file holds an unknown vector kind " + kind);
        };
    }

    private static int[] ints(ByteBuffer in, int length) {
        int[] values = new int[length];
        in.asIntBuffer().get(values);
        in.position(in.position() + 4 * length);
        return values;
    }

    private static long[] longs(ByteBuffer in, int length) {
        long[] values = new long[length];
        in.asLongBuffer().get(values);
        in.position(in.position() + 8 * length);
        return values;
    }
}
