package dev.floe.frame.io.json;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes a frame as JSON, one object per row with the columns as keys, in UTF-8: either one
 * array of objects ({@link Layout#ARRAY}, one row per line inside the brackets) or JSON lines
 * ({@link Layout#LINES}, one object per line and nothing else).
 *
 * <p>Values: integers and floats are JSON numbers (unquoted; 64-bit integers in full, though
 * JavaScript reads those above 2^53 inexactly), floats in the fewest digits that read back to
 * the same value; NaN and infinities, which JSON cannot hold, are written as {@code null}, like
 * a null. Booleans are {@code true} / {@code false}; text and categoricals are strings, with
 * {@code "}, {@code \} and control characters escaped; dates ({@code "2024-01-31"}), datetimes
 * ({@code "2024-01-31T12:30"}) and durations ({@code "PT1H30M"}) are ISO-8601 strings; lists are
 * arrays.
 */
public final class JsonWriter {
    /** How rows are laid out in the file. */
    public enum Layout {
        /** One array of row objects, a row per line inside the brackets ({@code .json}). */
        ARRAY,
        /** JSON lines: one row object per line and nothing else ({@code .ndjson}, {@code .jsonl}). */
        LINES
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int FLUSH_BYTES = 1 << 16;

    private final Layout layout;

    public JsonWriter(Layout layout) {
        this.layout = java.util.Objects.requireNonNull(layout, "layout is null");
    }

    /**
     * The rows of {@code part} as one block of the file: each row's object followed by a line
     * break ({@link Layout#LINES}), or the objects separated by a comma and a line break, with
     * none after the last ({@link Layout#ARRAY}: the writer puts the brackets and the separators
     * between blocks). Thread-safe: parts are encoded on any worker.
     */
    public byte[] rows(DataFrame part) {
        List<Series> series = part.series();
        int width = series.size();
        byte[][] keys = keys(series);
        Cell[] cells = new Cell[width];
        for (int c = 0; c < width; c++) {
            cells[c] = cell(series.get(c).column().toVector());
        }
        Bytes buffer = new Bytes(64 * (part.height() + 1) * Math.max(1, width));
        for (int row = 0; row < part.height(); row++) {
            if (layout == Layout.ARRAY && row > 0) {
                buffer.put((byte) ',').put((byte) '\n');
            }
            object(buffer, keys, cells, row);
            if (layout == Layout.LINES) {
                buffer.put((byte) '\n');
            }
        }
        return buffer.toArray();
    }

    private static byte[][] keys(List<Series> series) {
        byte[][] keys = new byte[series.size()][];
        for (int c = 0; c < keys.length; c++) {
            Bytes key = new Bytes(32);
            string(key, series.get(c).name());
            key.put((byte) ':');
            keys[c] = key.toArray();
        }
        return keys;
    }

    private static void object(Bytes buffer, byte[][] keys, Cell[] cells, int row) {
        buffer.put((byte) '{');
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                buffer.put((byte) ',');
            }
            buffer.put(keys[c]);
            cells[c].write(buffer, row);
        }
        buffer.put((byte) '}');
    }

    /** Writes {@code frame} to {@code out} (not closed). */
    public void write(DataFrame frame, OutputStream out) throws IOException {
        List<Series> series = frame.series();
        int width = series.size();
        byte[][] keys = keys(series);
        Cell[] cells = new Cell[width];
        for (int c = 0; c < width; c++) {
            cells[c] = cell(series.get(c).column().toVector());
        }
        Bytes buffer = new Bytes(FLUSH_BYTES + 4096);
        int rows = frame.height();
        if (layout == Layout.ARRAY) {
            buffer.put((byte) '[');
            if (rows > 0) {
                buffer.put((byte) '\n');
            }
        }
        for (int row = 0; row < rows; row++) {
            object(buffer, keys, cells, row);
            if (layout == Layout.ARRAY && row < rows - 1) {
                buffer.put((byte) ',');
            }
            buffer.put((byte) '\n');
            if (buffer.length >= FLUSH_BYTES) {
                out.write(buffer.bytes, 0, buffer.length);
                buffer.length = 0;
            }
        }
        if (layout == Layout.ARRAY) {
            buffer.put((byte) ']').put((byte) '\n');
        }
        out.write(buffer.bytes, 0, buffer.length);
        out.flush();
    }

    /** Writes one column's value of a row. */
    @FunctionalInterface
    private interface Cell {
        void write(Bytes out, int row);
    }

    /** A writer of {@code vector}'s values that reads its arrays directly (no boxing) for the common types. */
    private static Cell cell(Vector vector) {
        DataType type = vector.type();
        Cell values = switch (vector) {
            case LongVector v when type == DataType.INT64 -> (out, row) -> out.ascii(Long.toString(v.getLong(row)));
            case IntVector v when type == DataType.INT32 -> (out, row) -> out.ascii(Integer.toString(v.getInt(row)));
            case IntVector v when type == DataType.DATE ->
                    (out, row) -> out.quotedAscii(LocalDate.ofEpochDay(v.getInt(row)).toString());
            case ShortVector v -> (out, row) -> out.ascii(Integer.toString(v.getShort(row)));
            case ByteVector v when type == DataType.BOOLEAN -> (out, row) -> out.ascii(v.getByte(row) != 0 ? "true" : "false");
            case ByteVector v -> (out, row) -> out.ascii(Integer.toString(v.getByte(row)));
            case DoubleVector v -> (out, row) -> real(out, v.getDouble(row));
            case FloatVector v -> (out, row) -> {
                float value = v.getFloat(row);
                out.ascii(Float.isFinite(value) ? Float.toString(value) : "null");
            };
            case Utf8Vector v -> (out, row) -> utf8(out, v.data(), v.start(row), v.start(row + 1));
            case CategoricalVector v -> (out, row) -> string(out, v.getString(row));
            default -> (out, row) -> value(out, vector.get(row));
        };
        if (vector.validity() == null) {
            return values;
        }
        return (out, row) -> {
            if (vector.isNull(row)) {
                out.ascii("null");
            } else {
                values.write(out, row);
            }
        };
    }

    /** Any value as {@link dev.floe.frame.column.Vector#get} gives it; for the rarer types. */
    private static void value(Bytes out, Object value) {
        switch (value) {
            case null -> out.ascii("null");
            case Boolean b -> out.ascii(b.toString());
            case Double d -> real(out, d);
            case Float f -> out.ascii(Float.isFinite(f) ? f.toString() : "null");
            case java.math.BigDecimal d -> out.ascii(d.toPlainString());
            case Number n -> out.ascii(n.toString());
            case String s -> string(out, s);
            case java.util.Map<?, ?> map -> {
                // a map as an object, its keys as text
                out.put((byte) '{');
                boolean first = true;
                for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.put((byte) ',');
                    }
                    first = false;
                    string(out, String.valueOf(entry.getKey()));
                    out.put((byte) ':');
                    value(out, entry.getValue());
                }
                out.put((byte) '}');
            }
            case List<?> list -> {
                out.put((byte) '[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.put((byte) ',');
                    }
                    value(out, list.get(i));
                }
                out.put((byte) ']');
            }
            default -> string(out, value.toString()); // dates, datetimes, durations: ISO-8601
        }
    }

    private static void real(Bytes out, double value) {
        out.ascii(Double.isFinite(value) ? Double.toString(value) : "null");
    }

    static void string(Bytes out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        utf8(out, bytes, 0, bytes.length);
    }

    /** A JSON string of the UTF-8 bytes {@code [from, to)}: multi-byte characters pass through as they are. */
    private static void utf8(Bytes out, byte[] data, int from, int to) {
        out.ensure(to - from + 2);
        out.put((byte) '"');
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '"' || b == '\\') {
                out.put((byte) '\\').put(b);
            } else if (b >= 0 && b < 0x20) {
                switch (b) {
                    case '\n' -> out.put((byte) '\\').put((byte) 'n');
                    case '\r' -> out.put((byte) '\\').put((byte) 'r');
                    case '\t' -> out.put((byte) '\\').put((byte) 't');
                    default -> out.put((byte) '\\').put((byte) 'u').put((byte) '0').put((byte) '0')
                            .put(HEX[b >> 4]).put(HEX[b & 0xF]);
                }
            } else {
                out.put(b);
            }
        }
        out.put((byte) '"');
    }

    /** A growable byte buffer. */
    static final class Bytes {
        byte[] bytes;
        int length;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        Bytes put(byte b) {
            ensure(1);
            bytes[length++] = b;
            return this;
        }

        Bytes put(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        /** Text known to be ASCII (numbers, keywords, ISO dates). */
        void ascii(String text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
        }

        void quotedAscii(String text) {
            put((byte) '"');
            ascii(text);
            put((byte) '"');
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(bytes, length);
        }
    }
}
