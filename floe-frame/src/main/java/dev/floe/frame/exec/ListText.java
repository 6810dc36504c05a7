package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.StructVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;

/**
 * Lists (and maps, {@link #writeMap}) as text and back, in DuckDB's form: {@code [1, 2, NULL]}, {@code []},
 * {@code ['a, b', c]}. {@link #write} quotes an element only where it could not be read back
 * plainly; {@link #read} reads what {@link #write} writes and what people type by hand.
 */
final class ListText {
    private ListText() {}

    /**
     * Lists as text, as DuckDB writes them: {@code [1, 2, NULL]}, {@code []}; each element as it is
     * cast to text on its own, in single quotes where it could not be read back plainly (an empty
     * text, one that starts or ends with white space, holds any of {@code " ' ( ) , : = [ ] { }},
     * or reads {@code null} in any case), with {@code '} and {@code \} escaped by a backslash.
     */
    static Utf8Vector write(ListVector list, boolean strict, String expression) {
        int rows = list.length();
        int first = rows == 0 ? 0 : list.start(0);
        Vector elements = list.elements().slice(first, (rows == 0 ? 0 : list.start(rows)) - first);
        Vector texts = CastKernel.cast(elements, DataType.UTF8, strict, 0, expression + " (its list elements)");
        Utf8Vector values = texts instanceof Utf8Vector utf8 ? utf8 : null; // null: the elements are all null
        boolean nested = list.elements().type().isNested(); // a nested value's text is written as it is
        Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, rows * 16);
        RowBytes row = new RowBytes();
        for (int i = 0; i < rows; i++) {
            if (list.isNull(i)) {
                builder.appendNull();
                continue;
            }
            row.size = 0;
            row.put('[');
            int from = list.start(i) - first;
            int size = list.size(i);
            for (int j = from; j < from + size; j++) {
                if (j > from) {
                    row.put(',');
                    row.put(' ');
                }
                if (texts.isNull(j)) {
                    row.put(NULL_TEXT, 0, NULL_TEXT.length);
                } else {
                    writeElement(row, values.data(), values.start(j), values.byteLength(j), nested);
                }
            }
            row.put(']');
            builder.append(row.data, 0, row.size);
        }
        return builder.build();
    }

    /**
     * Maps as text, as DuckDB writes them: <code>{a=1, b=NULL}</code>, <code>{}</code>; each key and
     * value as {@link #write} writes a list's elements, quoted where it could not be read back plainly.
     */
    static Utf8Vector writeMap(MapVector map, boolean strict, String expression) {
        int rows = map.length();
        int first = rows == 0 ? 0 : map.start(0);
        int count = (rows == 0 ? 0 : map.start(rows)) - first;
        Vector keys = CastKernel.cast(map.keys().slice(first, count), DataType.UTF8, strict, 0,
                expression + " (its map keys)");
        Vector values = CastKernel.cast(map.values().slice(first, count), DataType.UTF8, strict, 0,
                expression + " (its map values)");
        Utf8Vector keyTexts = keys instanceof Utf8Vector utf8 ? utf8 : null; // null: no keys at all
        Utf8Vector valueTexts = values instanceof Utf8Vector utf8 ? utf8 : null; // null: the values are all null
        boolean nested = map.values().type().isNested();
        Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, rows * 16);
        RowBytes row = new RowBytes();
        for (int i = 0; i < rows; i++) {
            if (map.isNull(i)) {
                builder.appendNull();
                continue;
            }
            row.size = 0;
            row.put('{');
            int from = map.start(i) - first;
            for (int j = from, end = from + map.size(i); j < end; j++) {
                if (j > from) {
                    row.put(',');
                    row.put(' ');
                }
                writeElement(row, keyTexts.data(), keyTexts.start(j), keyTexts.byteLength(j), false);
                row.put('=');
                if (values.isNull(j)) {
                    row.put(NULL_TEXT, 0, NULL_TEXT.length);
                } else {
                    writeElement(row, valueTexts.data(), valueTexts.start(j), valueTexts.byteLength(j), nested);
                }
            }
            row.put('}');
            builder.append(row.data, 0, row.size);
        }
        return builder.build();
    }

    /**
     * Structs as text, as DuckDB writes them: <code>{'x': 1, 'name': a b, 'none': NULL}</code>; each
     * field's name in single quotes, each value as {@link #write} writes a list's elements.
     */
    static Utf8Vector writeStruct(StructVector struct, boolean strict, String expression) {
        int rows = struct.length();
        java.util.List<dev.floe.frame.Schema.Field> fields = struct.type().fields();
        Vector[] texts = new Vector[fields.size()];
        byte[][] names = new byte[fields.size()][];
        for (int f = 0; f < texts.length; f++) {
            texts[f] = CastKernel.cast(struct.field(f), DataType.UTF8, strict, 0,
                    expression + " (its field '" + fields.get(f).name() + "')");
            String quoted = "'" + fields.get(f).name().replace("\\", "\\\\").replace("'", "\\'") + "': ";
            names[f] = quoted.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, rows * 16);
        RowBytes row = new RowBytes();
        for (int i = 0; i < rows; i++) {
            if (struct.isNull(i)) {
                builder.appendNull();
                continue;
            }
            row.size = 0;
            row.put('{');
            for (int f = 0; f < texts.length; f++) {
                if (f > 0) {
                    row.put(',');
                    row.put(' ');
                }
                row.put(names[f], 0, names[f].length);
                if (texts[f].isNull(i)) {
                    row.put(NULL_TEXT, 0, NULL_TEXT.length);
                } else {
                    Utf8Vector text = (Utf8Vector) texts[f];
                    writeElement(row, text.data(), text.start(i), text.byteLength(i), fields.get(f).type().isNested());
                }
            }
            row.put('}');
            builder.append(row.data, 0, row.size);
        }
        return builder.build();
    }

    /**
     * Reads lists from their text, as DuckDB reads them: {@code [} and {@code ]} around elements
     * parted by commas, white space around each element and around the brackets passed over.
     * An element is the text between the commas, with:
     * <ul>
     *   <li>parts in single or double quotes taken as they are inside (commas, brackets and white
     *       space too), {@code \} there escaping the character after it (a quote, or itself);</li>
     *   <li>parts in {@code [ ]}, {@code ( )} or <code>{ }</code> taken whole, quotes and all, up to
     *       the bracket that closes the first (so {@code [(1, 2), {a, b}]} has two elements; inside,
     *       brackets of every kind nest, and a closing one of another kind than the innermost open
     *       one is a plain character);</li>
     *   <li>outside quotes, {@code \} before a quote makes it a plain character (and is dropped), and
     *       is itself before anything else;</li>
     *   <li>{@code NULL} in any case, unless the element is one quoted text, a null element;
     *       nothing between two commas an empty text.</li>
     * </ul>
     * Each element is then cast from its text to the list's element type. A text that is no list
     * (no brackets, a quote or bracket never closed, text after the last {@code ]}), or an element
     * that the element type cannot read, fails a strict cast naming the row and the text; a lenient
     * one gives a null list for the first and a null element for the second.
     */
    static ListVector read(Utf8Vector text, DataType to, boolean strict, long start, String expression) {
        int rows = text.length();
        int[] offsets = new int[rows + 1];
        long[] valid = new long[(rows + 63) >>> 6];
        int bytes = rows == 0 ? 0 : text.start(rows - 1) + text.byteLength(rows - 1) - text.start(0); // this slice's
        Utf8Vector.Builder elements = new Utf8Vector.Builder(rows * 4, Math.max(16, bytes));
        Reader reader = new Reader();
        byte[] data = text.data();
        for (int i = 0; i < rows; i++) {
            offsets[i + 1] = offsets[i];
            if (text.isNull(i)) {
                continue;
            }
            int begin = text.start(i);
            String why = reader.read(data, begin, begin + text.byteLength(i));
            if (why != null) {
                if (strict) {
                    throw new FloeException("cannot cast \"" + text.getString(i) + "\" to " + to + " at row " + (start + i)
                            + ", in expression " + expression + ": " + why
                            + " (a list is written [a, b, ...]); use tryCast to get null instead");
                }
                continue;
            }
            for (int e = 0; e < reader.count; e++) {
                if (reader.nulls[e]) {
                    elements.appendNull();
                } else {
                    int from = e == 0 ? 0 : reader.ends[e - 1];
                    elements.append(reader.bytes.data, from, reader.ends[e] - from);
                }
            }
            offsets[i + 1] += reader.count;
            valid[i >>> 6] |= 1L << i;
        }
        Utf8Vector texts = elements.build();
        Vector values = CastKernel.cast(texts, to.elementType(), false, 0, expression + " (its list elements)");
        if (strict) {
            for (int i = 0; i < rows; i++) {
                for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                    if (values.isNull(e) && !texts.isNull(e)) {
                        throw new FloeException("cannot cast \"" + texts.getString(e) + "\" (element " + (e - offsets[i] + 1)
                                + " of \"" + text.getString(i) + "\") to " + to.elementType() + " at row " + (start + i)
                                + ", in expression " + expression + "; use tryCast to get null instead");
                    }
                }
            }
        }
        return new ListVector(offsets, values, 0, rows, Validity.of(valid, rows));
    }

    /** Splits one row's text into its elements' texts, kept end to end in {@link #bytes}. */
    private static final class Reader {
        final RowBytes bytes = new RowBytes();
        int[] ends = new int[8];
        boolean[] nulls = new boolean[8];
        int count;

        /** Reads {@code data[pos, end)}: null where it is a list, else why it is not. */
        String read(byte[] data, int pos, int end) {
            count = 0;
            bytes.size = 0;
            pos = spaces(data, pos, end);
            if (pos == end || data[pos] != '[') {
                return "it does not start with [";
            }
            pos = spaces(data, pos + 1, end);
            if (pos < end && data[pos] == ']') {
                return spaces(data, pos + 1, end) == end ? null : "there is text after the closing ]";
            }
            while (true) {
                pos = spaces(data, pos, end);
                int first = bytes.size;
                int kept = first;
                int raw = pos;
                boolean last;
                while (true) {
                    if (pos == end) {
                        return "no ] closes it";
                    }
                    byte b = data[pos];
                    if (b == ',' || b == ']') {
                        last = b == ']';
                        break;
                    }
                    if (b == '\'' || b == '"') {
                        pos++;
                        while (true) {
                            if (pos == end) {
                                return "a quote " + (char) b + " is not closed";
                            }
                            byte c = data[pos];
                            if (c == '\\' && pos + 1 < end) {
                                bytes.put(data[pos + 1]);
                                pos += 2;
                            } else if (c == b) {
                                pos++;
                                break;
                            } else {
                                bytes.put(c);
                                pos++;
                            }
                        }
                        kept = bytes.size;
                    } else if (b == '[' || b == '(' || b == '{') {
                        int close = closing(data, pos, end);
                        if (close < 0) {
                            return "a " + (char) b + " is not closed";
                        }
                        bytes.put(data, pos, close - pos);
                        pos = close;
                        kept = bytes.size;
                    } else if (b == '\\' && pos + 1 < end && (data[pos + 1] == '\'' || data[pos + 1] == '"')) {
                        bytes.put(data[pos + 1]); // an escaped quote
                        pos += 2;
                        kept = bytes.size;
                    } else {
                        bytes.put(b);
                        pos++;
                        if (!space(b)) {
                            kept = bytes.size;
                        }
                    }
                }
                int rawEnd = trimmedEnd(data, raw, pos);
                bytes.size = kept;
                boolean oneQuoted = rawEnd - raw >= 2 && (data[raw] == '\'' || data[raw] == '"') && data[rawEnd - 1] == data[raw];
                add(kept, !oneQuoted && kept - first == 4 && nullWord(bytes.data, first));
                pos++;
                if (last) {
                    return spaces(data, pos, end) == end ? null : "there is text after the closing ]";
                }
            }
        }

        private void add(int end, boolean isNull) {
            if (count == ends.length) {
                ends = java.util.Arrays.copyOf(ends, 2 * count);
                nulls = java.util.Arrays.copyOf(nulls, 2 * count);
            }
            ends[count] = end;
            nulls[count++] = isNull;
        }
    }

    /**
     * The position after the bracket that closes the one at {@code open}, or -1 where none does.
     * Brackets of every kind opened inside nest; a closing bracket of another kind than the
     * innermost open one is a plain character; quoted parts are passed over whole, as is a quote after {@code \\}.
     */
    private static int closing(byte[] data, int open, int end) {
        byte[] closers = new byte[8];
        int depth = 0;
        for (int pos = open; pos < end; pos++) {
            byte b = data[pos];
            if (b == '\\' && pos + 1 < end && (data[pos + 1] == '\'' || data[pos + 1] == '"')) {
                pos++; // an escaped quote, a plain character
            } else if (b == '\'' || b == '"') {
                pos++;
                while (pos < end && data[pos] != b) {
                    pos += data[pos] == '\\' ? 2 : 1;
                }
                if (pos >= end) {
                    return -1;
                }
            } else if (b == '[' || b == '(' || b == '{') {
                if (depth == closers.length) {
                    closers = java.util.Arrays.copyOf(closers, 2 * depth);
                }
                closers[depth++] = (byte) (b == '[' ? ']' : b == '(' ? ')' : '}');
            } else if (b == closers[depth - 1] && --depth == 0) {
                return pos + 1;
            }
        }
        return -1;
    }

    private static int spaces(byte[] data, int pos, int end) {
        while (pos < end && space(data[pos])) {
            pos++;
        }
        return pos;
    }

    private static int trimmedEnd(byte[] data, int from, int end) {
        while (end > from && space(data[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean nullWord(byte[] data, int start) {
        return (data[start] | 0x20) == 'n' && (data[start + 1] | 0x20) == 'u' && (data[start + 2] | 0x20) == 'l'
                && (data[start + 3] | 0x20) == 'l';
    }

    private static final byte[] NULL_TEXT = {'N', 'U', 'L', 'L'};

    /** The bytes of one row's text, the array kept from row to row. */
    private static final class RowBytes {
        byte[] data = new byte[64];
        int size;

        void put(int b) {
            ensure(1);
            data[size++] = (byte) b;
        }

        void put(byte[] from, int start, int count) {
            ensure(count);
            System.arraycopy(from, start, data, size, count);
            size += count;
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(2 * data.length, size + more));
            }
        }
    }

    private static void writeElement(RowBytes out, byte[] data, int start, int length, boolean nested) {
        if (nested || !quoted(data, start, length)) {
            out.put(data, start, length);
            return;
        }
        out.put('\'');
        for (int k = start; k < start + length; k++) {
            byte b = data[k];
            if (b == '\'' || b == '\\') {
                out.put('\\');
            }
            out.put(b);
        }
        out.put('\'');
    }

    /** Whether a list element's text is written in quotes (see {@link #write}). */
    static boolean quoted(byte[] data, int start, int length) {
        if (length == 0 || space(data[start]) || space(data[start + length - 1])) {
            return true;
        }
        if (length == 4 && nullWord(data, start)) {
            return true;
        }
        for (int k = start; k < start + length; k++) {
            switch (data[k]) {
                case '"', '\'', '(', ')', ',', ':', '=', '[', ']', '{', '}' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static boolean space(byte b) {
        return b == ' ' || b >= '\t' && b <= '\r';
    }
}
