package dev.floe.arrow;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Series;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.DecimalKernel;
import dev.floe.frame.exec.Kernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.BaseRepeatedValueVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Between Arrow's vectors and Floe's: each value copied (Arrow's memory is off-heap), numbers a
 * buffer at a time. Categorical columns travel dictionary-encoded, as pandas and Polars read them;
 * the Floe types go into the file's metadata ({@code floe:types}) so durations and the like read
 * back exactly.
 */
final class ArrowConversion {
    static final String TYPES_KEY = "floe:types";

    private ArrowConversion() {}

    // ---- Arrow to Floe -------------------------------------------------------------------------

    /** The Floe type of an Arrow field (a dictionary-encoded one is categorical), or an error naming it. */
    static DataType typeOf(Field field, String file) {
        if (field.getDictionary() != null) {
            // the field holds the indices; what the dictionary holds is checked by the caller
            return DataType.CATEGORICAL;
        }
        ArrowType type = field.getType();
        return switch (type) {
            case ArrowType.Null n -> DataType.NULL;
            case ArrowType.Bool b -> DataType.BOOLEAN;
            case ArrowType.Int i when i.getIsSigned() -> switch (i.getBitWidth()) {
                case 8 -> DataType.INT8;
                case 16 -> DataType.INT16;
                case 32 -> DataType.INT32;
                default -> DataType.INT64;
            };
            case ArrowType.Int i -> switch (i.getBitWidth()) {
                case 8 -> DataType.INT16;
                case 16 -> DataType.INT32;
                case 32 -> DataType.INT64;
                default -> throw unsupported(field, file, "unsigned 64-bit integers");
            };
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.SINGLE -> DataType.FLOAT32;
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.DOUBLE -> DataType.FLOAT64;
            case ArrowType.Utf8 u -> DataType.UTF8;
            case ArrowType.LargeUtf8 u -> DataType.UTF8;
            case ArrowType.Utf8View u -> DataType.UTF8;
            case ArrowType.Date d -> DataType.DATE;
            case ArrowType.Timestamp t -> DataType.DATETIME;
            case ArrowType.Duration d -> DataType.DURATION;
            case ArrowType.Time t -> DataType.TIME;
            // exact, as written; one of more than 38 digits (which no Floe decimal holds) as f64
            case ArrowType.Decimal d when d.getPrecision() >= 1 && d.getPrecision() <= DataType.MAX_DECIMAL_PRECISION
                    && d.getScale() >= 0 && d.getScale() <= d.getPrecision() ->
                    DataType.decimal(d.getPrecision(), d.getScale());
            case ArrowType.Decimal d -> DataType.FLOAT64;
            case ArrowType.Map m -> mapType(field, file);
            case ArrowType.Struct s -> structType(field, file);
            case ArrowType.List l -> DataType.listOf(element(field, file));
            case ArrowType.LargeList l -> DataType.listOf(element(field, file));
            default -> throw unsupported(field, file, type.toString());
        };
    }

    /** A struct's type: its children's. */
    private static DataType structType(Field field, String file) {
        List<dev.floe.frame.Schema.Field> fields = new ArrayList<>();
        for (Field child : field.getChildren()) {
            DataType type = typeOf(child, file);
            if (child.getDictionary() != null) {
                throw unsupported(field, file, "a struct whose field '" + child.getName() + "' is dictionary-encoded");
            }
            fields.add(new dev.floe.frame.Schema.Field(child.getName(), type));
        }
        try {
            return DataType.structOf(fields);
        } catch (SchemaException e) {
            throw unsupported(field, file, e.getMessage());
        }
    }

    /** A map's type: its one child a struct of a key (a single value) and a value. */
    private static DataType mapType(Field field, String file) {
        List<Field> entries = field.getChildren().size() == 1 ? field.getChildren().get(0).getChildren() : List.of();
        if (entries.size() != 2) {
            throw unsupported(field, file, "a map whose entries are not a key and a value");
        }
        if (entries.get(0).getDictionary() != null || entries.get(1).getDictionary() != null) {
            throw unsupported(field, file, "a map whose keys or values are dictionary-encoded");
        }
        DataType key = typeOf(entries.get(0), file);
        DataType value = typeOf(entries.get(1), file);
        if (key.isNested()) {
            throw unsupported(field, file, "a map whose keys are lists, maps or structs");
        }
        return DataType.mapOf(key, value);
    }

    private static DataType element(Field field, String file) {
        if (field.getChildren().get(0).getDictionary() != null) {
            throw unsupported(field, file, "a list whose elements are dictionary-encoded");
        }
        return typeOf(field.getChildren().get(0), file);
    }

    private static SchemaException unsupported(Field field, String file, String what) {
        return new SchemaException(file + ": Floe cannot read column '" + field.getName() + "' (" + what + ")");
    }

    /** A vector read from a file whose buffers do not hold what it declares. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * A column of a record batch of {@code rows} rows as a Floe vector of {@code type}, after
     * checking that its buffers hold what it declares: its value count is the batch's, buffers
     * are long enough for it, offsets start at or above zero, never go back and end within the
     * data (or the list's elements), and dictionary indices are within the dictionary.
     *
     * @throws Invalid when they do not (the file is corrupt)
     */
    static Vector toFloe(FieldVector vector, DataType type, FieldVector dictionary, int rows) {
        if (vector.getValueCount() != rows) {
            throw new Invalid("it holds " + vector.getValueCount() + " values in a batch of " + rows + " rows");
        }
        validate(vector);
        if (dictionary != null) {
            validate(dictionary);
        }
        return toFloe(vector, type, dictionary);
    }

    /** Checks the buffers of a vector (and of a list's elements) against its value count. */
    private static void validate(FieldVector vector) {
        int n = vector.getValueCount();
        if (n < 0) {
            throw new Invalid("it declares " + n + " values");
        }
        if (vector instanceof org.apache.arrow.vector.NullVector || n == 0) {
            return;
        }
        if (vector.getValidityBuffer() != null && vector.getValidityBuffer().capacity() < (n + 7L) / 8) {
            throw new Invalid("its validity buffer holds " + vector.getValidityBuffer().capacity() + " bytes for "
                    + n + " values");
        }
        switch (vector) {
            case BitVector bits -> requireBytes("data", bits.getDataBuffer(), (n + 7L) / 8, n);
            case BaseFixedWidthVector fixed -> requireBytes("data", fixed.getDataBuffer(),
                    (long) n * fixed.getTypeWidth(), n);
            case BaseVariableWidthVector variable -> {
                ArrowBuf offsets = variable.getOffsetBuffer();
                requireBytes("offsets", offsets, (n + 1L) * 4, n);
                long previous = offsets.getInt(0);
                if (previous < 0) {
                    throw new Invalid("its offsets start at " + previous);
                }
                for (int i = 1; i <= n; i++) {
                    long offset = offsets.getInt(i * 4L);
                    if (offset < previous) {
                        throw new Invalid("its offsets go back (value " + (i - 1) + ": " + previous + " to " + offset
                                + ")");
                    }
                    previous = offset;
                }
                if (previous > variable.getDataBuffer().capacity()) {
                    throw new Invalid("its offsets end at " + previous + ", past its " + variable.getDataBuffer()
                            .capacity() + " bytes of data");
                }
            }
            case BaseLargeVariableWidthVector variable -> {
                ArrowBuf offsets = variable.getOffsetBuffer();
                requireBytes("offsets", offsets, (n + 1L) * 8, n);
                checkLargeOffsets(offsets, n, variable.getDataBuffer().capacity(), "bytes of data");
            }
            case LargeListVector list -> {
                requireBytes("offsets", list.getOffsetBuffer(), (n + 1L) * 8, n);
                FieldVector elements = (FieldVector) list.getDataVector();
                checkLargeOffsets(list.getOffsetBuffer(), n, elements.getValueCount(), "elements");
                validate(elements);
            }
            case BaseRepeatedValueVector list -> {
                ArrowBuf offsets = list.getOffsetBuffer();
                requireBytes("offsets", offsets, (n + 1L) * 4, n);
                FieldVector elements = (FieldVector) list.getDataVector();
                long previous = offsets.getInt(0);
                if (previous < 0) {
                    throw new Invalid("its offsets start at " + previous);
                }
                for (int i = 1; i <= n; i++) {
                    long offset = offsets.getInt(i * 4L);
                    if (offset < previous) {
                        throw new Invalid("its offsets go back (list " + (i - 1) + ": " + previous + " to " + offset
                                + ")");
                    }
                    previous = offset;
                }
                if (previous > elements.getValueCount()) {
                    throw new Invalid("its offsets end at " + previous + ", past its " + elements.getValueCount()
                            + " elements");
                }
                validate(elements);
            }
            case org.apache.arrow.vector.complex.StructVector struct -> {
                for (FieldVector child : struct.getChildrenFromFields()) {
                    if (child.getValueCount() < n) {
                        throw new Invalid("its field '" + child.getName() + "' holds " + child.getValueCount()
                                + " values for " + n + " entries");
                    }
                    validate(child);
                }
            }
            default -> { } // views and others: their reads are bounds-checked
        }
    }

    private static void checkLargeOffsets(ArrowBuf offsets, int n, long limit, String what) {
        long previous = offsets.getLong(0);
        if (previous < 0) {
            throw new Invalid("its offsets start at " + previous);
        }
        for (int i = 1; i <= n; i++) {
            long offset = offsets.getLong(i * 8L);
            if (offset < previous) {
                throw new Invalid("its offsets go back (value " + (i - 1) + ": " + previous + " to " + offset + ")");
            }
            previous = offset;
        }
        if (previous > limit || previous > Integer.MAX_VALUE - 16) {
            throw new Invalid("its offsets end at " + previous + ", past its " + limit + " " + what);
        }
    }

    private static void requireBytes(String buffer, ArrowBuf data, long bytes, int n) {
        if (data == null || data.capacity() < bytes) {
            throw new Invalid("its " + buffer + " buffer holds " + (data == null ? 0 : data.capacity()) + " bytes, "
                    + bytes + " are needed for " + n + " values");
        }
    }

    /**
     * An Arrow vector's values as a Floe vector of {@code type} (checked by the caller).
     *
     * @param dictionary the dictionary's values for a dictionary-encoded vector, else null
     */
    private static Vector toFloe(FieldVector vector, DataType type, FieldVector dictionary) {
        int n = vector.getValueCount();
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            if (!vector.isNull(i)) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        Validity validity = Validity.of(bits, n);
        ArrowType arrowType = vector.getField().getType();
        return switch (type.id()) {
            case NULL -> new NullVector(n);
            case BOOLEAN -> {
                byte[] out = new byte[n];
                BitVector bit = (BitVector) vector;
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) (bit.isNull(i) ? 0 : bit.get(i));
                }
                yield new ByteVector(DataType.BOOLEAN, out, 0, n, validity);
            }
            // inside a list, map or struct a categorical is written as text (one dictionary per column)
            case CATEGORICAL -> dictionary == null
                    ? dev.floe.frame.exec.CastKernel.textToCategorical((Utf8Vector) text(vector, n, validity))
                    : categorical(vector, dictionary, n, validity);
            case INT8, INT16, INT32, INT64 -> {
                long[] values = integers(vector, n);
                yield Kernels.fromLongs(type, values, n, validity);
            }
            case DECIMAL -> decimals((BaseFixedWidthVector) vector, type, n, validity);
            case FLOAT32 -> {
                float[] out = new float[n];
                buffer(vector).nioBuffer(0, n * 4L > Integer.MAX_VALUE ? 0 : n * 4).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().get(out);
                yield new FloatVector(DataType.FLOAT32, out, 0, n, validity);
            }
            case FLOAT64 -> {
                double[] out = new double[n];
                if (vector instanceof Float8Vector) {
                    buffer(vector).nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
                } else if (vector instanceof DecimalVector decimal) {
                    for (int i = 0; i < n; i++) {
                        out[i] = decimal.isNull(i) ? 0 : decimal.getObject(i).doubleValue();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        Object value = vector.getObject(i);
                        out[i] = value == null ? 0 : ((java.math.BigDecimal) value).doubleValue();
                    }
                }
                yield new DoubleVector(DataType.FLOAT64, out, 0, n, validity);
            }
            case DATE -> {
                int[] out = new int[n];
                if (vector instanceof DateDayVector) {
                    buffer(vector).nioBuffer(0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
                } else {
                    DateMilliVector milli = (DateMilliVector) vector;
                    for (int i = 0; i < n; i++) {
                        out[i] = milli.isNull(i) ? 0 : (int) Math.floorDiv(milli.get(i), 86_400_000L);
                    }
                }
                yield new IntVector(DataType.DATE, out, 0, n, validity);
            }
            case DATETIME, DURATION -> {
                long[] out = new long[n];
                buffer(vector).nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
                TimeUnit unit = arrowType instanceof ArrowType.Timestamp t ? t.getUnit()
                        : ((ArrowType.Duration) arrowType).getUnit();
                for (int i = 0; i < n; i++) {
                    out[i] = switch (unit) {
                        case SECOND -> out[i] * 1_000_000;
                        case MILLISECOND -> out[i] * 1000;
                        case MICROSECOND -> out[i];
                        case NANOSECOND -> Math.floorDiv(out[i], 1000);
                    };
                }
                yield new LongVector(type, out, 0, n, validity);
            }
            case TIME -> {
                // seconds and milliseconds in 32 bits, microseconds and nanoseconds in 64
                ArrowType.Time time = (ArrowType.Time) arrowType;
                long[] out = new long[n];
                if (time.getBitWidth() == 32) {
                    int[] values = new int[n];
                    buffer(vector).nioBuffer(0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
                    long scale = time.getUnit() == TimeUnit.SECOND ? 1_000_000 : 1000;
                    for (int i = 0; i < n; i++) {
                        out[i] = values[i] * scale;
                    }
                } else {
                    buffer(vector).nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
                    if (time.getUnit() == TimeUnit.NANOSECOND) {
                        for (int i = 0; i < n; i++) {
                            out[i] = Math.floorDiv(out[i], 1000);
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    if ((out[i] < 0 || out[i] >= 86_400_000_000L) && !vector.isNull(i)) {
                        throw new Invalid("value " + i + " is " + out[i] + " microseconds, no time of day");
                    }
                }
                yield new LongVector(type, out, 0, n, validity);
            }
            case UTF8 -> text(vector, n, validity);
            case MAP -> map((org.apache.arrow.vector.complex.MapVector) vector, type, n, validity);
            case STRUCT -> {
                List<FieldVector> children = ((org.apache.arrow.vector.complex.StructVector) vector).getChildrenFromFields();
                List<Vector> fields = new ArrayList<>(children.size());
                for (int f = 0; f < children.size(); f++) {
                    FieldVector child = children.get(f);
                    if (child.getValueCount() < n) {
                        throw new Invalid("its field '" + child.getName() + "' holds " + child.getValueCount()
                                + " values for " + n + " rows");
                    }
                    Vector field = toFloe(child, type.fields().get(f).type(), null);
                    fields.add(field.length() == n ? field : field.slice(0, n));
                }
                yield new dev.floe.frame.column.StructVector(type, fields, 0, n, validity);
            }
            default -> {
                if (!type.isList()) {
                    throw new IllegalStateException("no conversion for " + type);
                }
                BaseRepeatedValueVector list = (BaseRepeatedValueVector) vector;
                int[] offsets = new int[n + 1];
                if (vector instanceof LargeListVector) {
                    for (int i = 0; i <= n; i++) {
                        offsets[i] = Math.toIntExact(list.getOffsetBuffer().getLong(i * 8L));
                    }
                } else if (n > 0) {
                    list.getOffsetBuffer().nioBuffer(0, (n + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                            .get(offsets);
                }
                Vector elements = toFloe((FieldVector) list.getDataVector(), type.elementType(), null);
                yield new ListVector(offsets, elements, 0, n, validity);
            }
        };
    }

    /** A map vector: offsets into a struct of keys and values; a null key, or a key twice in one map, is invalid. */
    private static Vector map(org.apache.arrow.vector.complex.MapVector vector, DataType type, int n,
            Validity validity) {
        int[] offsets = new int[n + 1];
        if (n > 0) {
            vector.getOffsetBuffer().nioBuffer(0, (n + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(offsets);
        }
        org.apache.arrow.vector.complex.StructVector entries =
                (org.apache.arrow.vector.complex.StructVector) vector.getDataVector();
        List<FieldVector> children = entries.getChildrenFromFields();
        Vector keys = toFloe(children.get(0), type.keyType(), null);
        Vector values = toFloe(children.get(1), type.valueType(), null);
        for (int i = 0; i < n; i++) {
            if (validity != null && validity.isNull(i)) {
                continue;
            }
            java.util.Set<Object> seen = new java.util.HashSet<>();
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                if (keys.isNull(e)) {
                    throw new Invalid("a key of map " + i + " is null");
                }
                if (!seen.add(keys.get(e))) {
                    throw new Invalid("map " + i + " holds key " + keys.get(e) + " twice");
                }
            }
        }
        return new MapVector(type, offsets, keys, values, 0, n, validity);
    }

    private static ArrowBuf buffer(FieldVector vector) {
        return ((BaseFixedWidthVector) vector).getDataBuffer();
    }

    private static long[] integers(FieldVector vector, int n) {
        long[] out = new long[n];
        boolean unsigned = vector.getField().getType() instanceof ArrowType.Int i && !i.getIsSigned();
        int width = ((ArrowType.Int) vector.getField().getType()).getBitWidth() / 8;
        ArrowBuf data = buffer(vector);
        for (int i = 0; i < n; i++) {
            long at = (long) i * width;
            out[i] = switch (width) {
                case 1 -> unsigned ? Byte.toUnsignedLong(data.getByte(at)) : data.getByte(at);
                case 2 -> unsigned ? Short.toUnsignedLong(data.getShort(at)) : data.getShort(at);
                case 4 -> unsigned ? Integer.toUnsignedLong(data.getInt(at)) : data.getInt(at);
                default -> data.getLong(at);
            };
        }
        return out;
    }

    private static Vector text(FieldVector vector, int n, Validity validity) {
        if (vector instanceof BaseVariableWidthVector variable) {
            int[] offsets = new int[n + 1];
            if (n > 0) {
                variable.getOffsetBuffer().nioBuffer(0, (n + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                        .get(offsets);
            }
            int base = offsets[0];
            byte[] data = new byte[offsets[n] - base];
            variable.getDataBuffer().getBytes(base, data);
            for (int i = 0; i <= n; i++) {
                offsets[i] -= base;
            }
            return new Utf8Vector(data, offsets, 0, n, validity);
        }
        Utf8Vector.Builder out = new Utf8Vector.Builder(n, n * 8);
        for (int i = 0; i < n; i++) {
            if (vector.isNull(i)) {
                out.appendNull();
            } else {
                byte[] bytes = vector instanceof ViewVarCharVector view ? view.get(i)
                        : ((BaseLargeVariableWidthVector) vector).get(i);
                out.append(bytes, 0, bytes.length);
            }
        }
        return out.build();
    }

    /**
     * A decimal column: each value's whole number of {@code 10^-scale}, read from the little-endian
     * words Arrow keeps (16 bytes, or 32 whose upper half only extends the sign), checked against
     * the type's digits.
     */
    private static Vector decimals(BaseFixedWidthVector vector, DataType type, int n, Validity validity) {
        ArrowBuf data = vector.getDataBuffer();
        int width = vector.getTypeWidth();
        long[] low = new long[n];
        long[] high = new long[n];
        for (int i = 0; i < n; i++) {
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long at = (long) i * width;
            low[i] = data.getLong(at);
            high[i] = data.getLong(at + 8);
            for (int word = 16; word < width; word += 8) {
                if (data.getLong(at + word) != high[i] >> 63) {
                    throw new Invalid("its value at row " + i + " has more digits than its " + type + " holds");
                }
            }
        }
        if (type.isLongDecimal()) {
            long most = java.math.BigInteger.TEN.pow(type.precision()).longValueExact() - 1;
            for (int i = 0; i < n; i++) {
                if (high[i] != low[i] >> 63 || low[i] > most || low[i] < -most) {
                    throw new Invalid("its value at row " + i + " has more digits than its " + type + " holds");
                }
            }
            return new LongVector(type, low, 0, n, validity);
        }
        Int128Vector words = new Int128Vector(type, high, low, 0, n, validity);
        try {
            return DecimalKernel.withinPrecision(words, "column");
        } catch (dev.floe.frame.OutOfRangeException past) {
            throw new Invalid("it holds a value with more digits than its " + type + " holds (" + past.getMessage() + ")");
        }
    }

    private static Vector categorical(FieldVector indices, FieldVector dictionary, int n, Validity validity) {
        int size = dictionary.getValueCount();
        Dictionary.Builder values = new Dictionary.Builder();
        int[] remap = new int[size];
        for (int d = 0; d < size; d++) {
            byte[] bytes = dictionary instanceof VarCharVector varChar ? varChar.get(d)
                    : ((BaseLargeVariableWidthVector) dictionary).get(d);
            remap[d] = bytes == null ? -1 : values.codeOf(bytes, 0, bytes.length);
        }
        long[] raw = integers(indices, n);
        int[] codes = new int[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            if (validity == null || validity.isValid(i)) {
                if (raw[i] < 0 || raw[i] >= size) {
                    throw new Invalid("its dictionary index " + raw[i] + " (row " + i + ") is not within the "
                            + size + " values of its dictionary");
                }
                int code = remap[(int) raw[i]];
                if (code >= 0) {
                    codes[i] = code;
                    bits[i >>> 6] |= 1L << i;
                }
            }
        }
        return new CategoricalVector(codes, 0, n, Validity.of(bits, n), values.build());
    }

    // ---- Floe to Arrow -------------------------------------------------------------------------

    static void write(DataFrame frame, Path path, ArrowOptions options) {
        List<Field> fields = new ArrayList<>();
        List<dev.floe.frame.column.Vector> columns = new ArrayList<>();
        ArrowAccess.require();
        try (BufferAllocator allocator = new RootAllocator();
                DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider()) {
            for (int c = 0; c < frame.width(); c++) {
                Series series = frame.series().get(c);
                Vector vector = series.column().toVector();
                columns.add(vector);
                DictionaryEncoding encoding = null;
                if (vector instanceof CategoricalVector categorical) {
                    encoding = new DictionaryEncoding(c, false, new ArrowType.Int(32, true));
                    VarCharVector values = new VarCharVector(Field.nullable(series.name() + "_dictionary",
                            ArrowType.Utf8.INSTANCE), allocator);
                    Utf8Vector text = categorical.dictionary().values();
                    values.allocateNew(Math.max(1, text.offsets()[text.length()] - text.offsets()[0]), text.length());
                    for (int d = 0; d < text.length(); d++) {
                        values.setSafe(d, text.data(), text.start(d), text.byteLength(d));
                    }
                    values.setValueCount(text.length());
                    dictionaries.put(new org.apache.arrow.vector.dictionary.Dictionary(values, encoding));
                }
                fields.add(field(series.name(), series.type(), encoding));
            }
            String types = frame.series().stream().map(s -> s.type().name()).collect(Collectors.joining(","));
            Schema schema = new Schema(fields, Map.of(TYPES_KEY, types));
            try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowFileWriter writer = new ArrowFileWriter(root, dictionaries, channel, Map.of(TYPES_KEY, types),
                            IpcOption.DEFAULT, options.compression() == CompressionUtil.CodecType.NO_COMPRESSION
                                    ? org.apache.arrow.vector.compression.NoCompressionCodec.Factory.INSTANCE
                                    : CommonsCompressionFactory.INSTANCE, options.compression())) {
                writer.start();
                int rows = frame.height();
                for (int start = 0; start < rows || start == 0; start += options.batchRows()) {
                    int count = Math.min(options.batchRows(), rows - start);
                    for (int c = 0; c < columns.size(); c++) {
                        fill(root.getVector(c), columns.get(c).slice(start, count));
                    }
                    root.setRowCount(count);
                    writer.writeBatch();
                    if (rows == 0) {
                        break;
                    }
                }
                writer.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    static Field field(String name, DataType type, DictionaryEncoding encoding) {
        if (type.isStruct()) {
            List<Field> children = new ArrayList<>();
            for (dev.floe.frame.Schema.Field child : type.fields()) {
                children.add(field(child.name(), plain(child.type()), null)); // categorical fields as text
            }
            return new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
        }
        if (type.isMap()) {
            // as the format lays maps out: a list of non-null structs of a non-null key and a value
            // categorical keys and values as text: one dictionary per column is all a file holds
            Field key = field("key", plain(type.keyType()), null);
            Field entries = new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                    new Field("key", new FieldType(false, key.getType(), null), null),
                    field("value", plain(type.valueType()), null)));
            return new Field(name, FieldType.nullable(new ArrowType.Map(false)), List.of(entries));
        }
        if (type.isList()) {
            Field element = field("item", plain(type.elementType()), null);
            return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element));
        }
        ArrowType arrow = switch (type.id()) {
            case NULL -> ArrowType.Null.INSTANCE;
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT8 -> new ArrowType.Int(8, true);
            case INT16 -> new ArrowType.Int(16, true);
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case UTF8 -> ArrowType.Utf8.INSTANCE;
            case CATEGORICAL -> new ArrowType.Int(32, true); // the indices; the dictionary holds the text
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case DATETIME -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case DURATION -> new ArrowType.Duration(TimeUnit.MICROSECOND);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case INT128 -> throw new IllegalArgumentException("Floe writes no " + type + " to Arrow IPC (column '" + name
                    + "'); cast it to i64 (checked) or f64 first");
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
            default -> throw new IllegalArgumentException("Arrow IPC here holds no " + type);
        };
        return new Field(name, new FieldType(true, arrow, encoding), null);
    }

    /**
     * Text for categorical, else {@code type} (inside lists, maps and structs too: one dictionary per
     * column is all a file holds).
     */
    private static DataType plain(DataType type) {
        if (type == DataType.CATEGORICAL) {
            return DataType.UTF8;
        }
        if (type.isList()) {
            return DataType.listOf(plain(type.elementType()));
        }
        if (type.isMap()) {
            return DataType.mapOf(plain(type.keyType()), plain(type.valueType()));
        }
        if (type.isStruct()) {
            List<dev.floe.frame.Schema.Field> fields = new ArrayList<>();
            for (dev.floe.frame.Schema.Field field : type.fields()) {
                fields.add(new dev.floe.frame.Schema.Field(field.name(), plain(field.type())));
            }
            return DataType.structOf(fields);
        }
        return type;
    }

    /** A categorical vector's values as text (the others as they are). */
    private static Vector plain(Vector vector) {
        if (!(vector instanceof dev.floe.frame.column.CategoricalVector categorical)) {
            return vector;
        }
        int n = vector.length();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = vector.isNull(i) ? -1 : categorical.code(i);
        }
        return Kernels.gatherOrNull(categorical.dictionary().values(), codes, n);
    }

    /** The positions of the entries of the rows that are not null, in order (a null row's range is ignored). */
    private static int[] entryPositions(int[] offsets, int offset, int n, Validity validity) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += validity != null && validity.isNull(i) ? 0 : offsets[offset + i + 1] - offsets[offset + i];
        }
        int[] positions = new int[total];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (validity == null || !validity.isNull(i)) {
                for (int e = offsets[offset + i]; e < offsets[offset + i + 1]; e++) {
                    positions[at++] = e;
                }
            }
        }
        return positions;
    }

    /** Sets an Arrow vector (of the root) to a Floe vector's values. */
    static void fill(FieldVector target, Vector source) {
        int n = source.length();
        target.reset();
        if (target instanceof org.apache.arrow.vector.NullVector nulls) {
            nulls.setValueCount(n);
            return;
        }
        if (source instanceof dev.floe.frame.column.StructVector struct) {
            org.apache.arrow.vector.complex.StructVector arrowStruct = (org.apache.arrow.vector.complex.StructVector) target;
            arrowStruct.allocateNew();
            List<FieldVector> children = arrowStruct.getChildrenFromFields();
            for (int f = 0; f < children.size(); f++) {
                fill(children.get(f), plain(struct.field(f)));
            }
            for (int i = 0; i < n; i++) {
                if (struct.isNull(i)) {
                    arrowStruct.setNull(i);
                } else {
                    arrowStruct.setIndexDefined(i);
                }
            }
            arrowStruct.setValueCount(n);
            return;
        }
        if (source instanceof MapVector map) {
            org.apache.arrow.vector.complex.MapVector arrowMap = (org.apache.arrow.vector.complex.MapVector) target;
            arrowMap.allocateNew();
            int[] positions = entryPositions(map.offsets(), map.offset(), n, map.validity());
            int total = positions.length;
            org.apache.arrow.vector.complex.StructVector entries =
                    (org.apache.arrow.vector.complex.StructVector) arrowMap.getDataVector();
            List<FieldVector> children = entries.getChildrenFromFields();
            fill(children.get(0), plain(Kernels.gather(map.keys(), positions, total)));
            fill(children.get(1), plain(Kernels.gather(map.values(), positions, total)));
            for (int e = 0; e < total; e++) {
                entries.setIndexDefined(e);
            }
            entries.setValueCount(total);
            for (int i = 0; i < n; i++) {
                arrowMap.startNewValue(i);
                arrowMap.endValue(i, map.isNull(i) ? 0 : map.size(i));
                if (map.isNull(i)) {
                    arrowMap.setNull(i);
                }
            }
            arrowMap.setValueCount(n);
            return;
        }
        if (source instanceof ListVector list) {
            org.apache.arrow.vector.complex.ListVector arrowList = (org.apache.arrow.vector.complex.ListVector) target;
            arrowList.allocateNew();
            // the elements of the rows that are not null, in order (a null row's range is ignored)
            int total = 0;
            for (int i = 0; i < n; i++) {
                total += list.isNull(i) ? 0 : list.size(i);
            }
            int[] positions = new int[total];
            int at = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0, size = list.isNull(i) ? 0 : list.size(i); k < size; k++) {
                    positions[at++] = list.start(i) + k;
                }
            }
            fill((FieldVector) arrowList.getDataVector(), plain(Kernels.gather(list.elements(), positions, total)));
            for (int i = 0; i < n; i++) {
                arrowList.startNewValue(i);
                arrowList.endValue(i, list.isNull(i) ? 0 : list.size(i));
                if (list.isNull(i)) {
                    arrowList.setNull(i);
                }
            }
            arrowList.setValueCount(n);
            return;
        }
        switch (target) {
            case BitVector bit -> {
                bit.allocateNew(n);
                ByteVector bytes = (ByteVector) source;
                for (int i = 0; i < n; i++) {
                    if (!source.isNull(i)) {
                        bit.set(i, bytes.values()[bytes.offset() + i]);
                    }
                }
            }
            case VarCharVector varChar when source instanceof Utf8Vector text -> {
                varChar.allocateNew(Math.max(1, (long) text.offsets()[text.offset() + n] - text.offsets()[text.offset()]), n);
                for (int i = 0; i < n; i++) {
                    if (!source.isNull(i)) {
                        varChar.setSafe(i, text.data(), text.start(i), text.byteLength(i));
                    }
                }
            }
            case org.apache.arrow.vector.IntVector ints when source instanceof CategoricalVector categorical -> {
                ints.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    if (!source.isNull(i)) {
                        ints.set(i, categorical.codes()[categorical.offset() + i]);
                    }
                }
            }
            case DecimalVector decimal -> {
                // whole numbers of 10^-scale, as the two 64-bit words Arrow keeps them in
                decimal.allocateNew(n);
                long[][] words = Kernels.int128Words(source);
                for (int i = 0; i < n; i++) {
                    if (!source.isNull(i)) {
                        decimal.set(i, words[1][i]); // the low word, its sign extended
                        decimal.getDataBuffer().setLong(i * 16L + 8, words[0][i]);
                    }
                }
            }
            case Float4Vector floats -> {
                floats.allocateNew(n);
                double[] values = Kernels.doubles(source);
                for (int i = 0; i < n; i++) {
                    if (!source.isNull(i)) {
                        floats.set(i, (float) values[i]);
                    }
                }
            }
            case Float8Vector doubles -> {
                doubles.allocateNew(n);
                double[] values = Kernels.doubles(source);
                for (int i = 0; i < n; i++) {
                    if (!source.isNull(i)) {
                        doubles.set(i, values[i]);
                    }
                }
            }
            default -> {
                BaseFixedWidthVector fixed = (BaseFixedWidthVector) target;
                fixed.allocateNew(n);
                long[] values = Kernels.longs(source);
                for (int i = 0; i < n; i++) {
                    if (source.isNull(i)) {
                        continue;
                    }
                    switch (fixed) {
                        case TinyIntVector v -> v.set(i, (byte) values[i]);
                        case SmallIntVector v -> v.set(i, (short) values[i]);
                        case org.apache.arrow.vector.IntVector v -> v.set(i, (int) values[i]);
                        case BigIntVector v -> v.set(i, values[i]);
                        case DateDayVector v -> v.set(i, (int) values[i]);
                        case TimeStampMicroVector v -> v.set(i, values[i]);
                        case DurationVector v -> v.set(i, values[i]);
                        case org.apache.arrow.vector.TimeMicroVector v -> v.set(i, values[i]);
                        default -> throw new IllegalStateException("no conversion to " + fixed.getClass().getSimpleName());
                    }
                }
            }
        }
        target.setValueCount(n);
    }
}
