package dev.floe.frame.io.csv;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Formats rows as CSV: the header, then blocks of rows formatted into bytes (on any worker; the
 * {@link CsvFormat}'s writer appends them in order). Values are written so that reading them
 * back (with the frame's schema and the same options) gives them exactly: floats in the fewest
 * digits that read back to the same value, text quoted where it holds the delimiter, a quote, a
 * line break, or would read as null (the empty string is written {@code ""}); a null is the first
 * of the options' null values (the empty field by default); dates and datetimes in ISO form,
 * durations in ISO-8601 ({@code PT1H30M}). List columns cannot be written.
 */
public final class CsvWriter {
    private static final int BLOCK_ROWS = 1 << 15;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final double[] POWERS_OF_TEN = new double[16];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private final CsvOptions options;
    private final byte delimiter;
    private final byte quote;
    private final byte[][] nullMarkers;
    /** What a null is written as: the first null value (the empty field by default). */
    private final byte[] nullText;
    /** What a null of a one-column frame is written as: an empty line would read as no row. */
    private final byte[] loneNull;

    CsvWriter(CsvOptions options) {
        this.options = options;
        this.delimiter = (byte) options.delimiter();
        this.quote = (byte) (options.quote() == 0 ? '"' : options.quote());
        this.nullMarkers = options.nullValues().stream().map(v -> v.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.nullText = nullMarkers.length == 0 ? new byte[0] : nullMarkers[0];
        this.loneNull = java.util.Arrays.stream(nullMarkers).filter(m -> m.length > 0).findFirst().orElse(null);
    }

    /** Refuses columns CSV cannot hold, before anything is written. */
    void check(Schema schema) {
        for (Schema.Field field : schema) {
            if (field.type().isNested()) {
                String kind = field.type().isMap() ? "map" : field.type().isStruct() ? "struct" : "list";
                throw new IllegalArgumentException("CSV cannot hold " + kind + " column '" + field.name() + "' ("
                        + field.type() + "); " + (field.type().isMap() ? "cast it to text"
                        : field.type().isStruct() ? "unnest it" : "explode it") + " first, or write Parquet");
            }
        }
    }

    /** The header line, or nothing without a header. */
    byte[] header(Schema schema) {
        if (!options.header()) {
            return new byte[0];
        }
        Sink header = new Sink(256);
        for (int c = 0; c < schema.size(); c++) {
            if (c > 0) {
                header.put(delimiter);
            }
            byte[] name = schema.field(c).name().getBytes(StandardCharsets.UTF_8);
            text(header, name, 0, name.length);
        }
        header.put((byte) '\n');
        return Arrays.copyOf(header.bytes, header.length);
    }

    /** A part's rows as CSV lines. */
    byte[] format(DataFrame part) {
        if (part.width() == 1 && loneNull == null && part.series().get(0).column().nullCount() > 0) {
            throw new IllegalArgumentException("column '" + part.columns().get(0) + "' has nulls, and with one "
                    + "column a null written as an empty line would be read back as no row: give a null value to "
                    + "write instead (CsvOptions.withNullValues(\"NA\"))");
        }
        List<Column> columns = part.series().stream().map(Series::column).toList();
        Sink sink = format(columns, 0, part.height());
        return sink.length == sink.bytes.length ? sink.bytes : Arrays.copyOf(sink.bytes, sink.length);
    }

    /** Rows of CSV lines in a part. */
    static final int PART_ROWS = BLOCK_ROWS;

    /** Writes a whole frame to a stream (not closed), on the calling thread: a result printed as CSV. */
    public static void write(DataFrame frame, OutputStream out, CsvOptions options) throws IOException {
        CsvWriter writer = new CsvWriter(options);
        writer.check(frame.schema());
        out.write(writer.header(frame.schema()));
        for (int start = 0; start < frame.height(); start += BLOCK_ROWS) {
            out.write(writer.format(frame.slice(start, Math.min(BLOCK_ROWS, frame.height() - start))));
        }
        out.flush();
    }

    /** A growable byte buffer. */
    private static final class Sink {
        byte[] bytes;
        int length;

        Sink(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void put(byte[] b, int from, int count) {
            ensure(count);
            System.arraycopy(b, from, bytes, length, count);
            length += count;
        }

        void put(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
        }
    }

    /** Rows {@code start .. start+count) as CSV; a block within one chunk is read in place, else copied once. */
    private Sink format(List<Column> columns, int start, int count) {
        Sink sink = new Sink(count * 16 * Math.max(1, columns.size()));
        List<Vector> slices = new ArrayList<>(columns.size());
        List<Object> arrays = new ArrayList<>(columns.size());
        for (Column column : columns) {
            Vector slice = column.slice(start, count).toVector();
            slices.add(slice);
            arrays.add(switch (slice.type().id()) {
                case FLOAT32, FLOAT64 -> Kernels.doubles(slice);
                case UTF8, CATEGORICAL, NULL, BOOLEAN, INT128, DECIMAL -> null;
                default -> Kernels.longs(slice);
            });
        }
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < slices.size(); c++) {
                if (c > 0) {
                    sink.put(delimiter);
                }
                Vector vector = slices.get(c);
                if (vector.isNull(r)) {
                    byte[] text = slices.size() == 1 && nullText.length == 0 ? loneNull : nullText;
                    sink.put(text, 0, text.length);
                    continue;
                }
                value(sink, vector, arrays.get(c), r);
            }
            sink.put((byte) '\n');
        }
        return sink;
    }

    private void value(Sink sink, Vector vector, Object array, int r) {
        switch (vector.type().id()) {
            case BOOLEAN -> sink.put(((ByteVector) vector).values()[((ByteVector) vector).offset() + r] != 0 ? "true"
                    : "false");
            case INT8, INT16, INT32, INT64 -> number(sink, ((long[]) array)[r]);
            case INT128 -> sink.put(vector.get(r).toString());
            case DECIMAL -> sink.put(((java.math.BigDecimal) vector.get(r)).toPlainString());
            case FLOAT64 -> real(sink, ((double[]) array)[r], false);
            case FLOAT32 -> real(sink, ((double[]) array)[r], true);
            case DATE -> date(sink, ((long[]) array)[r]);
            case DATETIME -> datetime(sink, ((long[]) array)[r]);
            case TIME -> sink.put(dev.floe.frame.column.Temporals.timeText(((long[]) array)[r]));
            case DURATION -> sink.put(java.time.Duration.of(((long[]) array)[r], java.time.temporal.ChronoUnit.MICROS)
                    .toString());
            case UTF8 -> {
                Utf8Vector text = (Utf8Vector) vector;
                text(sink, text.data(), text.start(r), text.byteLength(r));
            }
            case CATEGORICAL -> {
                CategoricalVector categorical = (CategoricalVector) vector;
                Utf8Vector values = categorical.dictionary().values();
                int code = categorical.codes()[categorical.offset() + r];
                text(sink, values.data(), values.start(code), values.byteLength(code));
            }
            default -> throw new IllegalArgumentException("CSV cannot hold " + vector.type() + " values");
        }
    }

    /** Text, quoted (inner quotes doubled, or escaped) when it must be. */
    private void text(Sink sink, byte[] data, int start, int length) {
        boolean needsQuotes = length == 0 || isNullMarker(data, start, length);
        for (int i = start; i < start + length && !needsQuotes; i++) {
            byte c = data[i];
            needsQuotes = c == delimiter || c == quote || c == '\n' || c == '\r'
                    || options.commentPrefix() != null && i == start && c == options.commentPrefix().charAt(0);
        }
        if (!needsQuotes) {
            sink.put(data, start, length);
            return;
        }
        byte escape = (byte) options.escape();
        sink.ensure(length * 2 + 2);
        sink.put(quote);
        for (int i = start; i < start + length; i++) {
            byte c = data[i];
            if (c == quote || c == escape && escape != quote) {
                sink.put(escape == 0 ? quote : escape);
            }
            sink.put(c);
        }
        sink.put(quote);
    }

    private boolean isNullMarker(byte[] data, int start, int length) {
        for (byte[] marker : nullMarkers) {
            if (marker.length == length && Arrays.equals(data, start, start + length, marker, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static void number(Sink sink, long value) {
        if (value == Long.MIN_VALUE) {
            sink.put("-9223372036854775808");
            return;
        }
        sink.ensure(20);
        if (value < 0) {
            sink.bytes[sink.length++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = digits - 1; i >= 0; i--) {
            sink.bytes[sink.length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        sink.length += digits;
    }

    /**
     * A float in as few decimal places as read back to it exactly: {@code m / 10^k}, k from 0,
     * where the integer m and 10^k are exact doubles and their quotient (rounded once) is the
     * value; else Java's shortest representation.
     */
    private static void real(Sink sink, double value, boolean single) {
        if (Double.isNaN(value)) {
            sink.put("NaN");
            return;
        }
        if (Double.isInfinite(value)) {
            sink.put(value > 0 ? "inf" : "-inf");
            return;
        }
        if (single) {
            sink.put(Float.toString((float) value)); // the shortest text that reads back to the float
            return;
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e15 && magnitude >= 1e-5 || value == 0) {
            for (int k = 0; k < POWERS_OF_TEN.length; k++) {
                double scaled = Math.rint(magnitude * POWERS_OF_TEN[k]);
                if (scaled >= 9.007199254740992E15) {
                    break;
                }
                double back = scaled / POWERS_OF_TEN[k];
                if (back == magnitude) {
                    if (Double.doubleToRawLongBits(value) < 0) {
                        sink.put((byte) '-');
                    }
                    decimal(sink, (long) scaled, k);
                    return;
                }
            }
        }
        sink.put(Double.toString(value));
    }

    /** {@code mantissa / 10^decimals} written out: {@code 12345, 2} gives {@code 123.45}; at least one decimal. */
    private static void decimal(Sink sink, long mantissa, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long whole = mantissa / scale;
        long fraction = mantissa % scale;
        number(sink, whole);
        sink.put((byte) '.');
        if (decimals == 0) {
            sink.put((byte) '0');
            return;
        }
        sink.ensure(decimals);
        for (int i = decimals - 1; i >= 0; i--) {
            sink.bytes[sink.length + i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        sink.length += decimals;
    }

    private static void date(Sink sink, long epochDay) {
        // civil date from a day number, counting from March so the leap day ends the year
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            sink.put(java.time.LocalDate.ofEpochDay(epochDay).toString());
            return;
        }
        two(sink, (int) (year / 100));
        two(sink, (int) (year % 100));
        sink.put((byte) '-');
        two(sink, month);
        sink.put((byte) '-');
        two(sink, day);
    }

    private static void datetime(Sink sink, long micros) {
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        long inDay = micros - day * MICROS_PER_DAY;
        date(sink, day);
        sink.put((byte) 'T');
        long seconds = inDay / 1_000_000;
        two(sink, (int) (seconds / 3600));
        sink.put((byte) ':');
        two(sink, (int) (seconds / 60 % 60));
        sink.put((byte) ':');
        two(sink, (int) (seconds % 60));
        long fraction = inDay % 1_000_000;
        if (fraction != 0) {
            sink.put((byte) '.');
            sink.ensure(6);
            for (int i = 5; i >= 0; i--) {
                sink.bytes[sink.length + i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            sink.length += 6;
        }
    }

    private static void two(Sink sink, int value) {
        sink.put((byte) ('0' + value / 10));
        sink.put((byte) ('0' + value % 10));
    }
}
