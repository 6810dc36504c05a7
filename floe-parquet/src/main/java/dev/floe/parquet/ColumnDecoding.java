package dev.floe.parquet;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads one column of one row group from Parquet's column reader into a Floe vector: values in
 * primitive arrays, a bitmap for nulls (definition levels below the maximum), text as bytes.
 * Timestamps become microseconds (milliseconds scaled up; nanoseconds cut to microseconds, as
 * Floe's datetimes hold microseconds); decimals stay decimals (their whole numbers of
 * {@code 10^-scale}, from 32 or 64 bits or big-endian bytes), a value past the type's digits
 * refused as corrupt.
 */
final class ColumnDecoding {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long JULIAN_EPOCH_DAY = 2_440_588;

    private ColumnDecoding() {}

    /** A decimal column: each value's whole number of {@code 10^-scale}, checked against the type's digits. */
    private static Vector decimals(ParquetColumn column, ColumnReader reader, int rows, String file) {
        DataType type = column.type();
        int maxDefinition = column.descriptor().getMaxDefinitionLevel();
        PrimitiveTypeName physical = column.leaf().getPrimitiveTypeName();
        BigInteger limit = BigInteger.TEN.pow(type.precision());
        long[] bits = new long[(rows + 63) >>> 6];
        long[] low = new long[rows];
        long[] high = type.isLongDecimal() ? null : new long[rows];
        for (int r = 0; r < rows; r++) {
            if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                BigInteger whole = switch (physical) {
                    case INT32 -> BigInteger.valueOf(reader.getInteger());
                    case INT64 -> BigInteger.valueOf(reader.getLong());
                    default -> new BigInteger(reader.getBinary().getBytes()); // big-endian two's complement
                };
                if (whole.abs().compareTo(limit) >= 0) {
                    throw new dev.floe.FloeException("'" + file + "' is corrupt: column '" + column.name() + "' holds "
                            + new BigDecimal(whole, type.scale()).toPlainString() + ", more digits than its "
                            + type + " holds");
                }
                dev.floe.frame.column.Int128.put(whole, high, low, r);
                bits[r >>> 6] |= 1L << r;
            }
            reader.consume();
        }
        Validity validity = Validity.of(bits, rows);
        return high == null ? new LongVector(type, low, 0, rows, validity)
                : new dev.floe.frame.column.Int128Vector(type, high, low, 0, rows, validity);
    }

    static Vector decode(ParquetColumn column, ColumnReader reader, int rows, String file) {
        int maxDefinition = column.descriptor().getMaxDefinitionLevel();
        long[] bits = new long[(rows + 63) >>> 6];
        PrimitiveType leaf = column.leaf();
        DataType type = column.type();
        return switch (type.id()) {
            case NULL -> {
                for (int r = 0; r < rows; r++) {
                    reader.consume();
                }
                yield new NullVector(rows);
            }
            case DECIMAL -> decimals(column, reader, rows, file);
            case BOOLEAN -> {
                byte[] out = new byte[rows];
                for (int r = 0; r < rows; r++) {
                    if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                        out[r] = (byte) (reader.getBoolean() ? 1 : 0);
                        bits[r >>> 6] |= 1L << r;
                    }
                    reader.consume();
                }
                yield new ByteVector(DataType.BOOLEAN, out, 0, rows, Validity.of(bits, rows));
            }
            case INT8, INT16, INT32, DATE -> {
                int[] out = new int[rows];
                for (int r = 0; r < rows; r++) {
                    if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                        out[r] = reader.getInteger();
                        bits[r >>> 6] |= 1L << r;
                    }
                    reader.consume();
                }
                yield ints(type, out, Validity.of(bits, rows));
            }
            case INT64, DATETIME, DURATION, TIME -> {
                long[] out = new long[rows];
                boolean unsigned32 = leaf.getPrimitiveTypeName() == PrimitiveTypeName.INT32;
                long scale = 1;
                long divide = 1;
                LogicalTypeAnnotation.TimeUnit unit = switch (leaf.getLogicalTypeAnnotation()) {
                    case LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t -> t.getUnit();
                    case LogicalTypeAnnotation.TimeLogicalTypeAnnotation t -> t.getUnit();
                    case null, default -> LogicalTypeAnnotation.TimeUnit.MICROS;
                };
                switch (unit) {
                    case MILLIS -> scale = 1000;
                    case NANOS -> divide = 1000;
                    default -> { }
                }
                boolean int96 = leaf.getPrimitiveTypeName() == PrimitiveTypeName.INT96;
                for (int r = 0; r < rows; r++) {
                    if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                        long value;
                        if (int96) {
                            value = int96Micros(reader.getBinary());
                        } else if (unsigned32) {
                            value = Integer.toUnsignedLong(reader.getInteger());
                        } else {
                            value = reader.getLong();
                        }
                        out[r] = divide > 1 ? Math.floorDiv(value, divide) : value * scale;
                        if (type == DataType.TIME && (out[r] < 0 || out[r] >= MICROS_PER_DAY)) {
                            throw new dev.floe.FloeException("'" + file + "' is corrupt: column '" + column.name()
                                    + "' holds " + value + " " + unit.name().toLowerCase(java.util.Locale.ROOT)
                                    + " as a time of day, outside 00:00:00 to 23:59:59.999999");
                        }
                        bits[r >>> 6] |= 1L << r;
                    }
                    reader.consume();
                }
                yield new LongVector(type, out, 0, rows, Validity.of(bits, rows));
            }
            case FLOAT32 -> {
                float[] out = new float[rows];
                for (int r = 0; r < rows; r++) {
                    if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                        out[r] = reader.getFloat();
                        bits[r >>> 6] |= 1L << r;
                    }
                    reader.consume();
                }
                yield new FloatVector(DataType.FLOAT32, out, 0, rows, Validity.of(bits, rows));
            }
            case FLOAT64 -> {
                double[] out = new double[rows];
                int decimalScale = leaf.getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d ? d.getScale() : -1;
                PrimitiveTypeName physical = leaf.getPrimitiveTypeName();
                for (int r = 0; r < rows; r++) {
                    if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                        out[r] = switch (physical) {
                            case FLOAT -> reader.getFloat();
                            case DOUBLE -> reader.getDouble();
                            case INT32 -> BigDecimal.valueOf(reader.getInteger(), decimalScale).doubleValue();
                            case INT64 -> BigDecimal.valueOf(reader.getLong(), decimalScale).doubleValue();
                            default -> new BigDecimal(new BigInteger(reader.getBinary().getBytes()), decimalScale)
                                    .doubleValue();
                        };
                        bits[r >>> 6] |= 1L << r;
                    }
                    reader.consume();
                }
                yield new DoubleVector(DataType.FLOAT64, out, 0, rows, Validity.of(bits, rows));
            }
            case UTF8 -> {
                boolean annotated = leaf.getLogicalTypeAnnotation() != null;
                Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows * 8);
                for (int r = 0; r < rows; r++) {
                    if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                        byte[] bytes = reader.getBinary().getBytesUnsafe();
                        if (!annotated) {
                            requireText(bytes, column, file);
                        }
                        out.append(bytes, 0, bytes.length);
                    } else {
                        out.appendNull();
                    }
                    reader.consume();
                }
                yield out.build();
            }
            case CATEGORICAL -> {
                Dictionary.Builder dictionary = new Dictionary.Builder();
                int[] codes = new int[rows];
                for (int r = 0; r < rows; r++) {
                    if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                        byte[] bytes = reader.getBinary().getBytesUnsafe();
                        codes[r] = dictionary.codeOf(bytes, 0, bytes.length);
                        bits[r >>> 6] |= 1L << r;
                    }
                    reader.consume();
                }
                yield new CategoricalVector(codes, 0, rows, Validity.of(bits, rows), dictionary.build());
            }
            default -> throw new IllegalStateException("no decoding for " + type);
        };
    }

    /** Values read from INT32 as a vector of {@code type}: {@code i8} and {@code i16} narrowed, else as they are. */
    static Vector ints(DataType type, int[] out, Validity validity) {
        int rows = out.length;
        return switch (type.id()) {
            case INT8 -> {
                byte[] narrow = new byte[rows];
                for (int r = 0; r < rows; r++) {
                    narrow[r] = (byte) out[r];
                }
                yield new ByteVector(DataType.INT8, narrow, 0, rows, validity);
            }
            case INT16 -> {
                short[] narrow = new short[rows];
                for (int r = 0; r < rows; r++) {
                    narrow[r] = (short) out[r];
                }
                yield new ShortVector(DataType.INT16, narrow, 0, rows, validity);
            }
            default -> new IntVector(type, out, 0, rows, validity);
        };
    }

    /**
     * One value of a list, map or struct as a Java object (these are rare enough to build value by
     * value), read as a column of its type is: timestamps and times in their unit (millis and nanos
     * to micros; Spark's INT96), times checked within the day, doubles from a decimal's digits.
     */
    static Object value(PrimitiveType leaf, DataType type, ColumnReader reader, String file,
            ParquetColumn column) {
        return switch (type.id()) {
            case BOOLEAN -> reader.getBoolean();
            case INT8 -> (byte) reader.getInteger();
            case INT16 -> (short) reader.getInteger();
            case INT32 -> reader.getInteger();
            case INT64 -> leaf.getPrimitiveTypeName() == PrimitiveTypeName.INT32
                    ? Integer.toUnsignedLong(reader.getInteger()) : reader.getLong();
            case FLOAT32 -> reader.getFloat();
            case FLOAT64 -> {
                int decimalScale = leaf.getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d ? d.getScale() : -1;
                yield switch (leaf.getPrimitiveTypeName()) {
                    case FLOAT -> (double) reader.getFloat();
                    case DOUBLE -> reader.getDouble();
                    case INT32 -> BigDecimal.valueOf(reader.getInteger(), decimalScale).doubleValue();
                    case INT64 -> BigDecimal.valueOf(reader.getLong(), decimalScale).doubleValue();
                    default -> new BigDecimal(new BigInteger(reader.getBinary().getBytes()), decimalScale).doubleValue();
                };
            }
            case DATE -> java.time.LocalDate.ofEpochDay(reader.getInteger());
            case DATETIME -> dev.floe.frame.column.Temporals.datetime(micros(leaf, reader));
            case DURATION -> java.time.Duration.of(micros(leaf, reader), java.time.temporal.ChronoUnit.MICROS);
            case TIME -> {
                long micros = micros(leaf, reader);
                if (micros < 0 || micros >= MICROS_PER_DAY) {
                    throw new dev.floe.FloeException("'" + file + "' is corrupt: column '" + column.name() + "' holds "
                            + micros + " microseconds as a time of day, outside 00:00:00 to 23:59:59.999999");
                }
                yield java.time.LocalTime.ofNanoOfDay(micros * 1000);
            }
            case UTF8, CATEGORICAL -> {
                byte[] bytes = reader.getBinary().getBytesUnsafe();
                requireText(bytes, column, file);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case DECIMAL -> {
                BigInteger whole = switch (leaf.getPrimitiveTypeName()) {
                    case INT32 -> BigInteger.valueOf(reader.getInteger());
                    case INT64 -> BigInteger.valueOf(reader.getLong());
                    default -> new BigInteger(reader.getBinary().getBytes()); // big-endian two's complement
                };
                if (whole.abs().compareTo(BigInteger.TEN.pow(type.precision())) >= 0) {
                    throw new dev.floe.FloeException("'" + file + "' is corrupt: column '" + column.name()
                            + "' holds " + new BigDecimal(whole, type.scale()).toPlainString()
                            + " in a list, more digits than its " + type + " holds");
                }
                yield new BigDecimal(whole, type.scale());
            }
            default -> throw new IllegalStateException("no list elements of " + type);
        };
    }

    /** A timestamp's, duration's or time's value in microseconds, from its unit (or Spark's INT96). */
    private static long micros(PrimitiveType leaf, ColumnReader reader) {
        if (leaf.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            return int96Micros(reader.getBinary());
        }
        long value = leaf.getPrimitiveTypeName() == PrimitiveTypeName.INT32 ? Integer.toUnsignedLong(reader.getInteger())
                : reader.getLong();
        LogicalTypeAnnotation.TimeUnit unit = switch (leaf.getLogicalTypeAnnotation()) {
            case LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t -> t.getUnit();
            case LogicalTypeAnnotation.TimeLogicalTypeAnnotation t -> t.getUnit();
            case null, default -> LogicalTypeAnnotation.TimeUnit.MICROS;
        };
        return switch (unit) {
            case MILLIS -> value * 1000;
            case NANOS -> Math.floorDiv(value, 1000);
            default -> value;
        };
    }

    private static void requireText(byte[] bytes, ParquetColumn column, String file) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new dev.floe.frame.SchemaException(file + ", column '" + column.name() + "': a value is binary data, "
                    + "not UTF-8 text, and Floe has no binary type");
        }
    }

    /** Spark's legacy INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
    private static long int96Micros(Binary binary) {
        ByteBuffer buffer = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = buffer.getLong();
        int julianDay = buffer.getInt();
        return (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanos, 1000);
    }
}
