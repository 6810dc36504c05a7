package dev.floe.frame.io.csv;

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
import dev.floe.frame.exec.DecimalKernel;
import java.nio.charset.StandardCharsets;

/**
 * Turns one column's fields of a tokenized chunk into a typed vector, straight from the bytes:
 * numbers into primitive arrays, text into one byte array with offsets, categorical text into
 * codes. An unquoted field equal to a null marker, or a field missing from a short row, is null.
 * A field that does not parse is reported to {@link Problems} (which decides: fail, null, skip)
 * and stored as null.
 */
final class ColumnDecoder {
    private final CsvTokenizer tokens;
    private final byte[] data;
    private final byte[][] nullMarkers;
    private final CsvValues values = new CsvValues();
    private final Problems problems;

    ColumnDecoder(CsvTokenizer tokens, byte[] data, byte[][] nullMarkers, Problems problems) {
        this.tokens = tokens;
        this.data = data;
        this.nullMarkers = nullMarkers;
        this.problems = problems;
    }

    /** Column {@code column} (named {@code name}) of every row, as {@code type}. */
    Vector decode(int column, String name, DataType type) {
        int rows = tokens.rows;
        long[] bits = new long[(rows + 63) >>> 6];
        return switch (type.id()) {
            case NULL -> new NullVector(rows);
            case BOOLEAN -> {
                byte[] out = new byte[rows];
                for (int r = 0; r < rows; r++) {
                    int f = field(r, column);
                    if (f < 0) {
                        continue;
                    }
                    int value = values.parseBoolean(data, tokens.starts[f], tokens.ends[f]);
                    if (value < 0) {
                        bad(r, column, name, "true or false (bool)");
                        continue;
                    }
                    out[r] = (byte) value;
                    bits[r >>> 6] |= 1L << r;
                }
                yield new ByteVector(DataType.BOOLEAN, out, 0, rows, Validity.of(bits, rows));
            }
            case INT8, INT16, INT32, INT64 -> integers(column, name, type, rows, bits);
            case FLOAT32, FLOAT64 -> {
                double[] out = new double[rows];
                for (int r = 0; r < rows; r++) {
                    int f = field(r, column);
                    if (f < 0) {
                        continue;
                    }
                    boolean parsed = type == DataType.FLOAT64 ? values.parseDouble(data, tokens.starts[f], tokens.ends[f])
                            : values.parseFloat(data, tokens.starts[f], tokens.ends[f]);
                    if (!parsed) {
                        bad(r, column, name, "a number (" + type + ")");
                        continue;
                    }
                    out[r] = values.doubleValue;
                    bits[r >>> 6] |= 1L << r;
                }
                if (type == DataType.FLOAT64) {
                    yield new DoubleVector(DataType.FLOAT64, out, 0, rows, Validity.of(bits, rows));
                }
                float[] narrow = new float[rows];
                for (int r = 0; r < rows; r++) {
                    narrow[r] = (float) out[r];
                }
                yield new FloatVector(DataType.FLOAT32, narrow, 0, rows, Validity.of(bits, rows));
            }
            case DATE -> {
                int[] out = new int[rows];
                for (int r = 0; r < rows; r++) {
                    int f = field(r, column);
                    if (f < 0) {
                        continue;
                    }
                    if (!values.parseDate(data, tokens.starts[f], tokens.ends[f])) {
                        bad(r, column, name, "a date yyyy-mm-dd");
                        continue;
                    }
                    out[r] = (int) values.longValue;
                    bits[r >>> 6] |= 1L << r;
                }
                yield new IntVector(DataType.DATE, out, 0, rows, Validity.of(bits, rows));
            }
            case DATETIME -> {
                long[] out = new long[rows];
                for (int r = 0; r < rows; r++) {
                    int f = field(r, column);
                    if (f < 0) {
                        continue;
                    }
                    if (!values.parseDatetime(data, tokens.starts[f], tokens.ends[f])) {
                        bad(r, column, name, "a datetime yyyy-mm-dd hh:mm[:ss[.ffffff]]");
                        continue;
                    }
                    out[r] = values.longValue;
                    bits[r >>> 6] |= 1L << r;
                }
                yield new LongVector(DataType.DATETIME, out, 0, rows, Validity.of(bits, rows));
            }
            case DURATION -> parsed(column, name, type, rows, bits,
                    text -> dev.floe.frame.column.Temporals.micros(java.time.Duration.parse(text)),
                    "an ISO-8601 duration such as PT1H30M");
            case TIME -> parsed(column, name, type, rows, bits,
                    text -> dev.floe.frame.column.Temporals.micros(dev.floe.frame.column.Temporals.parseTime(text)),
                    "a time of day such as 13:45:00");
            case UTF8 -> {
                long bytes = 0;
                for (int r = 0; r < rows; r++) {
                    if (column < tokens.fieldCounts[r]) {
                        bytes += tokens.ends[tokens.field(r, column)] - tokens.starts[tokens.field(r, column)];
                    }
                }
                // sized to fit: the vector keeps the builder's array
                Utf8Vector.Builder out = new Utf8Vector.Builder(rows, (int) Math.min(Integer.MAX_VALUE - 16, bytes));
                for (int r = 0; r < rows; r++) {
                    int f = field(r, column);
                    if (f < 0 || !validText(r, column, name, f)) {
                        out.appendNull();
                    } else if ((tokens.flags[f] & CsvTokenizer.ESCAPED) != 0) {
                        byte[] plain = tokens.unescaped(data, tokens.starts[f], tokens.ends[f]);
                        out.append(plain, 0, plain.length);
                    } else {
                        out.append(data, tokens.starts[f], tokens.ends[f] - tokens.starts[f]);
                    }
                }
                yield out.build();
            }
            case CATEGORICAL -> {
                Dictionary.Builder dictionary = new Dictionary.Builder();
                int[] codes = new int[rows];
                for (int r = 0; r < rows; r++) {
                    int f = field(r, column);
                    if (f < 0 || !validText(r, column, name, f)) {
                        continue;
                    }
                    if ((tokens.flags[f] & CsvTokenizer.ESCAPED) != 0) {
                        byte[] plain = tokens.unescaped(data, tokens.starts[f], tokens.ends[f]);
                        codes[r] = dictionary.codeOf(plain, 0, plain.length);
                    } else {
                        codes[r] = dictionary.codeOf(data, tokens.starts[f], tokens.ends[f] - tokens.starts[f]);
                    }
                    bits[r >>> 6] |= 1L << r;
                }
                yield new CategoricalVector(codes, 0, rows, Validity.of(bits, rows), dictionary.build());
            }
            case DECIMAL -> decimals(column, name, type, bits);
            default -> throw new IllegalArgumentException("CSV cannot hold " + type + " values (column '" + name + "')");
        };
    }

    /**
     * A column of {@code long}s read from each field's text by {@code read} (durations, times of
     * day); a field it cannot read (a {@code DateTimeParseException}, or a value too large) is a
     * bad value, where {@code expected} says what was.
     */
    private LongVector parsed(int column, String name, DataType type, int rows, long[] bits,
            java.util.function.ToLongFunction<String> read, String expected) {
        long[] out = new long[rows];
        for (int r = 0; r < rows; r++) {
            int f = field(r, column);
            if (f < 0) {
                continue;
            }
            try {
                out[r] = read.applyAsLong(text(f));
                bits[r >>> 6] |= 1L << r;
            } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
                bad(r, column, name, expected);
            }
        }
        return new LongVector(type, out, 0, rows, Validity.of(bits, rows));
    }

    /**
     * A decimal column (a type the reader was given): each field's digits as written, rounded half
     * away from zero to the scale, read in place where it is plain digits; a field that is no
     * number, or has more digits before the point than the type holds, is a bad value.
     */
    private Vector decimals(int column, String name, DataType type, long[] bits) {
        int rows = tokens.rows;
        long[] low = new long[rows];
        long[] high = type.isLongDecimal() ? null : new long[rows];
        for (int r = 0; r < rows; r++) {
            int f = field(r, column);
            if (f < 0) {
                continue;
            }
            long simple = high == null && (tokens.flags[f] & CsvTokenizer.ESCAPED) == 0
                    ? DecimalKernel.parseLong(data, tokens.starts[f], tokens.ends[f], type) : DecimalKernel.NOT_SIMPLE;
            if (simple != DecimalKernel.NOT_SIMPLE) {
                low[r] = simple;
            } else {
                java.math.BigInteger whole = DecimalKernel.wholeOf(text(f), type);
                if (whole == null) {
                    bad(r, column, name, "a number of at most " + (type.precision() - type.scale())
                            + " digits before the point (" + type + ")");
                    continue;
                }
                dev.floe.frame.column.Int128.put(whole, high, low, r);
            }
            bits[r >>> 6] |= 1L << r;
        }
        Validity validity = Validity.of(bits, rows);
        return high == null ? new LongVector(type, low, 0, rows, validity)
                : new dev.floe.frame.column.Int128Vector(type, high, low, 0, rows, validity);
    }

    private Vector integers(int column, String name, DataType type, int rows, long[] bits) {
        long min = switch (type.id()) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long max = switch (type.id()) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long[] out = new long[rows];
        for (int r = 0; r < rows; r++) {
            int f = field(r, column);
            if (f < 0) {
                continue;
            }
            if (!values.parseLong(data, tokens.starts[f], tokens.ends[f]) || values.longValue < min
                    || values.longValue > max) {
                bad(r, column, name, "a whole number from " + min + " to " + max + " (" + type + ")");
                continue;
            }
            out[r] = values.longValue;
            bits[r >>> 6] |= 1L << r;
        }
        Validity validity = Validity.of(bits, rows);
        return switch (type.id()) {
            case INT64 -> new LongVector(DataType.INT64, out, 0, rows, validity);
            case INT32 -> {
                int[] narrow = new int[rows];
                for (int r = 0; r < rows; r++) {
                    narrow[r] = (int) out[r];
                }
                yield new IntVector(DataType.INT32, narrow, 0, rows, validity);
            }
            case INT16 -> {
                short[] narrow = new short[rows];
                for (int r = 0; r < rows; r++) {
                    narrow[r] = (short) out[r];
                }
                yield new ShortVector(DataType.INT16, narrow, 0, rows, validity);
            }
            default -> {
                byte[] narrow = new byte[rows];
                for (int r = 0; r < rows; r++) {
                    narrow[r] = (byte) out[r];
                }
                yield new ByteVector(DataType.INT8, narrow, 0, rows, validity);
            }
        };
    }

    /**
     * The index (into the tokenizer's field arrays) of row {@code r}'s field {@code column}, or -1
     * when the value is null: a null marker, a field the row lacks, a row being dropped.
     */
    int field(int r, int column) {
        if (column >= tokens.fieldCounts[r] || problems.isDropped(r)) {
            return -1;
        }
        int f = tokens.field(r, column);
        if ((tokens.flags[f] & CsvTokenizer.QUOTED) == 0 && isNullMarker(tokens.starts[f], tokens.ends[f])) {
            return -1;
        }
        return f;
    }

    private boolean isNullMarker(int start, int end) {
        int length = end - start;
        for (byte[] marker : nullMarkers) {
            if (marker.length == length && java.util.Arrays.equals(data, start, end, marker, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean validText(int r, int column, String name, int f) {
        if (CsvValues.isUtf8(data, tokens.starts[f], tokens.ends[f])) {
            return true;
        }
        bad(r, column, name, "UTF-8 text");
        return false;
    }

    private void bad(int r, int column, String name, String expected) {
        int f = tokens.field(r, column);
        problems.report(r, name, text(f), expected, null);
    }

    /** The field's text, for messages (malformed UTF-8 replaced). */
    String text(int f) {
        int start = tokens.starts[f];
        int end = tokens.ends[f];
        byte[] bytes = (tokens.flags[f] & CsvTokenizer.ESCAPED) != 0 ? tokens.unescaped(data, start, end)
                : java.util.Arrays.copyOfRange(data, start, end);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
