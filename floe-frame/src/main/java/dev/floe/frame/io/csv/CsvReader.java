package dev.floe.frame.io.csv;

import dev.floe.frame.ColumnNotFoundException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CSV parsing core: the header and the type-inference sample ({@link #resolve}), the layout
 * of an input (where its data starts), and the parse of the rows that start in a byte range
 * ({@link #parse}): the first row after the range's first line break (or at a known place), the
 * rows split into fields ({@link CsvTokenizer}), reading past the range's end to finish the last
 * one, and the wanted columns decoded straight into typed vectors ({@link ColumnDecoder}).
 * {@link CsvScan} runs it over the ranges of a file, in parallel, checking that each range
 * starts where the one before ended. Thread-safe: it holds only its options.
 */
public final class CsvReader {
    private static final System.Logger LOG = System.getLogger(CsvReader.class.getName());

    private final CsvOptions options;
    private final byte[][] nullMarkers;

    public CsvReader(CsvOptions options) {
        this.options = options;
        this.nullMarkers = options.nullValues().stream().map(v -> v.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    CsvOptions options() {
        return options;
    }

    /**
     * The columns of the inputs (from the first one): names from the header, the schema option
     * or {@code column_1...}, types from the schema option, the type overrides, or inference over
     * the first {@link CsvOptions#inferSchemaLength()} rows.
     *
     * @param bytesPerRow the sample's average row length, to judge how much a row limit reads
     */
    public record Resolved(List<String> names, List<DataType> types, double bytesPerRow) {
        public Schema schema() {
            List<Schema.Field> fields = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                fields.add(new Schema.Field(names.get(c), types.get(c)));
            }
            return Schema.of(fields);
        }
    }

    /** Where an input's data starts, and its header's names (null without a header). */
    record Layout(long dataStart, List<String> header) {}

    /** The bytes at the top of an input, read on demand. */
    private static final class Head {
        final CsvInput input;
        byte[] bytes = new byte[1 << 16];
        int length;
        boolean atEnd;

        Head(CsvInput input) {
            this.input = input;
            more();
        }

        /** Reads more (doubling the buffer when full); false at the end of the input. */
        boolean more() {
            if (atEnd) {
                return false;
            }
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            int n = input.read(length, bytes, length, bytes.length - length);
            length += n;
            atEnd = length >= input.size();
            return n > 0 || !atEnd;
        }
    }

    // ---- the header and the schema -----------------------------------------------------------

    /** The delimiters {@link #detectDelimiter} looks for besides the comma, in the order ties are decided (DuckDB's). */
    private static final char[] OTHER_DELIMITERS = {'|', ';', '\t'};

    /** How many rows {@link #detectDelimiter} looks at. */
    private static final int DELIMITER_SAMPLE_ROWS = 20;

    /**
     * The options with the delimiter the input's first rows use, where the options say a comma (the
     * default, not one given with {@link CsvOptions#withDelimiter}) and no schema: of the comma, a
     * bar, a semicolon and a tab, the one at which every one of the first rows splits into the same
     * number of fields, the most (two or more), the comma first on a tie, then in that order, as
     * DuckDB's sniffer chooses: {@code a;b;c} files are not read as one column of text.
     */
    static CsvOptions detectDelimiter(CsvInput input, CsvOptions options) {
        if (!options.detectDelimiter() || options.delimiter() != ',' || options.schema() != null) {
            return options;
        }
        Head head = new Head(input);
        int start = (int) new CsvReader(options.withHeader(false)).layout(head).dataStart();
        char best = 0;
        int bestCount = Math.max(1, fieldCounts(head, start, options)); // the comma's, where the rows split alike
        for (char delimiter : OTHER_DELIMITERS) {
            int count = fieldCounts(head, start, options.withDelimiter(delimiter));
            if (count > bestCount) {
                best = delimiter;
                bestCount = count;
            }
        }
        return best == 0 ? options : options.withDelimiter(best);
    }

    /**
     * The number of fields every one of the first rows from {@code pos} has with {@code options}'
     * delimiter; -1 where they differ, where a row is malformed or where there is no row.
     */
    private static int fieldCounts(Head head, int pos, CsvOptions options) {
        int count = -1;
        for (int row = 0; row < DELIMITER_SAMPLE_ROWS; row++) {
            CsvTokenizer probe = new CsvTokenizer(options, 1);
            if (nextRow(probe, head, pos) < 0) {
                break;
            }
            if (probe.problems[0] != CsvTokenizer.OK || count >= 0 && probe.fieldCounts[0] != count) {
                return -1;
            }
            count = probe.fieldCounts[0];
            pos = probe.position;
        }
        return count;
    }

    /** How many rows after the first {@link #detectHeader} infers the columns' types from, at most. */
    private static final int HEADER_SAMPLE_ROWS = 1_000;

    /**
     * The options without a header where the input's first row is data, as DuckDB's sniffer reads
     * it: where the options say a header by default (not one given with {@link CsvOptions#withHeader})
     * and no schema, and some column of the rows after the first is typed (a boolean, a number, a
     * date or a timestamp; {@link #infer}), while every value of the first row fits its column's
     * type ({@code 1;2} then {@code 3;4} is two rows of data, not a header of "1" and "2"). A first
     * row that a typed column's type does not hold ({@code id,v} over numbers) is a header, and so
     * is the first row of text columns only; an input of one row is data where a value of it is typed.
     */
    static CsvOptions detectHeader(CsvInput input, CsvOptions options) {
        if (!options.detectHeader() || !options.header() || options.schema() != null) {
            return options;
        }
        Head head = new Head(input);
        CsvReader plain = new CsvReader(options.withHeader(false));
        int start = (int) plain.layout(head).dataStart();
        int width = plain.firstRowWidth(head, start);
        if (width == 0) {
            return options;
        }
        CsvTokenizer sample = new CsvTokenizer(options, width);
        sample(sample, head, start, 1 + Math.min(HEADER_SAMPLE_ROWS, options.inferSchemaLength()));
        if (sample.rows == 0 || sample.problems[0] != CsvTokenizer.OK) {
            return options;
        }
        CsvValues values = new CsvValues();
        boolean typed = false;
        for (int c = 0; c < width; c++) {
            // the rows after the first; an input of one row, that row (1,2 alone is a row of data, as DuckDB)
            DataType type = plain.infer(sample, head.bytes, c, sample.rows == 1 ? 0 : 1);
            if (type == DataType.UTF8) {
                continue;
            }
            typed = true;
            if (c >= sample.fieldCounts[0]) {
                continue;
            }
            int f = sample.field(0, c);
            int from = sample.starts[f];
            int to = sample.ends[f];
            boolean isNull = (sample.flags[f] & CsvTokenizer.QUOTED) == 0 && plain.isNullMarker(head.bytes, from, to);
            boolean fits = isNull || switch (type.id()) {
                case BOOLEAN -> values.parseBoolean(head.bytes, from, to) >= 0;
                case INT64 -> values.parseLong(head.bytes, from, to);
                case FLOAT64 -> values.parseDouble(head.bytes, from, to);
                case DATE -> values.parseDate(head.bytes, from, to);
                default -> values.parseDate(head.bytes, from, to) || values.parseDatetime(head.bytes, from, to);
            };
            if (!fits) {
                return options; // a name where a value of the column's type would be: a header
            }
        }
        return typed ? options.withHeader(false) : options;
    }

    Resolved resolve(CsvInput first) {
        Head head = new Head(first);
        Layout layout = layout(head);
        int width;
        if (options.schema() != null) {
            width = options.schema().size();
        } else if (layout.header() != null) {
            width = layout.header().size();
        } else {
            width = firstRowWidth(head, (int) layout.dataStart());
        }
        // the sample
        CsvTokenizer sample = new CsvTokenizer(options, Math.max(1, width));
        int pos = sample(sample, head, (int) layout.dataStart(), options.inferSchemaLength());
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (options.schema() != null) {
                names.add(options.schema().field(c).name());
                types.add(options.schema().field(c).type());
            } else {
                names.add(layout.header() != null ? layout.header().get(c) : "column_" + (c + 1));
                types.add(infer(sample, head.bytes, c, 0));
            }
        }
        java.util.Map<String, Integer> positions = new java.util.HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            positions.putIfAbsent(names.get(c), c);
        }
        for (var override : options.types().entrySet()) {
            Integer index = positions.get(override.getKey());
            if (index == null) {
                throw new ColumnNotFoundException(override.getKey(), names);
            }
            types.set(index, override.getValue());
        }
        if (options.columns() != null) {
            for (String column : options.columns()) {
                if (!positions.containsKey(column)) {
                    throw new ColumnNotFoundException(column, names);
                }
            }
        }
        double bytesPerRow = sample.rows == 0 ? 64 : (double) (pos - layout.dataStart()) / sample.rows;
        return new Resolved(List.copyOf(names), List.copyOf(types), bytesPerRow);
    }

    /** Where an input's data starts and its header, read from its top. */
    Layout layout(CsvInput input) {
        return layout(new Head(input));
    }

    /** Skips the BOM and the skipped lines, and reads the header. */
    private Layout layout(Head head) {
        int pos = head.length >= 3 && (head.bytes[0] & 0xFF) == 0xEF && (head.bytes[1] & 0xFF) == 0xBB
                && (head.bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int k = 0; k < options.skipRows(); k++) {
            int end;
            while (((end = CsvTokenizer.lineBreak(head.bytes, pos, head.length)) < 0
                    || end + 1 >= head.length && head.bytes[end] == '\r') && head.more()) {
                // read on (a \r at the end may be the start of \r\n)
            }
            pos = end < 0 ? head.length : CsvTokenizer.afterLineBreak(head.bytes, end, head.length);
        }
        if (!options.header()) {
            return new Layout(pos, null);
        }
        int width = firstRowWidth(head, pos);
        if (width == 0) {
            return new Layout(pos, List.of()); // an empty input
        }
        CsvTokenizer tokens = new CsvTokenizer(options, width);
        int row = nextRow(tokens, head, pos);
        if (tokens.problems[0] != CsvTokenizer.OK) {
            throw new CsvParseException(head.input.name(), line(head, tokens.rowStarts[0]), null,
                    text(head.bytes, tokens.rowStarts[0], tokens.position), "a header row of column names",
                    tokens.problems[0] == CsvTokenizer.UNCLOSED_QUOTE ? "a quote is not closed"
                            : "text follows a closing quote");
        }
        List<String> names = new ArrayList<>(width);
        Set<String> seen = new HashSet<>();
        java.util.Map<String, Integer> nextNumber = new java.util.HashMap<>();
        for (int c = 0; c < width; c++) {
            int start = tokens.starts[c];
            int end = tokens.ends[c];
            byte[] bytes = (tokens.flags[c] & CsvTokenizer.ESCAPED) != 0 ? tokens.unescaped(head.bytes, start, end)
                    : Arrays.copyOfRange(head.bytes, start, end);
            if (!CsvValues.isUtf8(bytes, 0, bytes.length)) {
                throw new CsvParseException(head.input.name(), line(head, row), null,
                        new String(bytes, StandardCharsets.UTF_8), "UTF-8 text in the header", null);
            }
            String name = new String(bytes, StandardCharsets.UTF_8);
            if (name.isEmpty()) {
                name = "column_" + (c + 1);
            }
            String unique = name;
            if (!seen.add(unique)) {
                // a repeated name gets a number, as DuckDB does; counting on from the number it got
                // last keeps a header of one name repeated linear
                int n = nextNumber.getOrDefault(name, 2);
                do {
                    unique = name + "_" + n++;
                } while (!seen.add(unique));
                nextNumber.put(name, n);
            }
            names.add(unique);
        }
        return new Layout(tokens.position, List.copyOf(names));
    }

    /** The field count of the first row at or after {@code pos} (0 for none). */
    private int firstRowWidth(Head head, int pos) {
        CsvTokenizer probe = new CsvTokenizer(options, 1);
        return nextRow(probe, head, pos) < 0 ? 0 : probe.fieldCounts[0];
    }

    /** Reads the first row at or after {@code pos} into {@code tokens}; its start, or -1 at the end. */
    private static int nextRow(CsvTokenizer tokens, Head head, int pos) {
        while (true) {
            int result = tokens.next(head.bytes, pos, head.length, head.atEnd);
            switch (result) {
                case CsvTokenizer.NEED_MORE -> head.more();
                case CsvTokenizer.END -> {
                    return -1;
                }
                case CsvTokenizer.SKIPPED -> pos = tokens.position;
                default -> {
                    return pos;
                }
            }
        }
    }

    /** Reads up to {@code rows} rows from {@code pos} into {@code sample}; where the last one read ends. */
    private static int sample(CsvTokenizer sample, Head head, int pos, int rows) {
        while (sample.rows < rows) {
            int result = sample.next(head.bytes, pos, head.length, head.atEnd);
            if (result == CsvTokenizer.NEED_MORE) {
                head.more();
                continue;
            }
            if (result == CsvTokenizer.END) {
                break;
            }
            pos = sample.position;
        }
        return pos;
    }

    /** The type of {@code column}'s values in the sample's rows from {@code firstRow}. */
    private DataType infer(CsvTokenizer sample, byte[] data, int column, int firstRow) {
        CsvValues values = new CsvValues();
        boolean any = false;
        boolean bool = true;
        boolean whole = true;
        boolean number = true;
        boolean date = true;
        boolean datetime = true;
        for (int r = firstRow; r < sample.rows; r++) {
            if (column >= sample.fieldCounts[r]) {
                continue;
            }
            int f = sample.field(r, column);
            int start = sample.starts[f];
            int end = sample.ends[f];
            if ((sample.flags[f] & CsvTokenizer.QUOTED) == 0 && isNullMarker(data, start, end)) {
                continue;
            }
            any = true;
            bool &= values.parseBoolean(data, start, end) >= 0;
            whole &= values.parseLong(data, start, end);
            number &= values.parseDouble(data, start, end);
            boolean isDate = values.parseDate(data, start, end);
            date &= isDate;
            datetime &= isDate || values.parseDatetime(data, start, end);
            if (!bool && !whole && !number && !date && !datetime) {
                break;
            }
        }
        if (!any) {
            return DataType.UTF8;
        }
        return bool ? DataType.BOOLEAN : whole ? DataType.INT64 : number ? DataType.FLOAT64 : date ? DataType.DATE
                : datetime ? DataType.DATETIME : DataType.UTF8;
    }

    private boolean isNullMarker(byte[] data, int start, int end) {
        for (byte[] marker : nullMarkers) {
            if (marker.length == end - start && Arrays.equals(data, start, end, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    // ---- the data ----------------------------------------------------------------------------

    /**
     * A byte range of one input to parse: rows starting in {@code [start, end)}; the first one at
     * {@code knownFirstRow}, or to be found ({@link #GUESS}), or none ({@link #NO_ROW}).
     */
    record Range(long start, long end, long knownFirstRow) {}

    static final long GUESS = -1;
    static final long NO_ROW = -2;

    /** A problem at an absolute byte position of an input. */
    record Found(long rowStart, String column, String found, String expected, String hint) {}

    /**
     * What one range gave: its first row start (-1: none), where its rows end, its columns (the
     * decoded ones, every row, before the predicate), its problems and how many bad rows it dropped.
     */
    record Parsed(long firstRow, long end, int rows, List<Vector> columns, List<Found> problems, int dropped) {}

    /**
     * Parses the rows starting in a range, at most {@code maxRows} of them.
     *
     * @param selected the file columns to decode, in order
     */
    Parsed parse(CsvInput input, Resolved resolved, int[] selected, Range range, long maxRows) {
        long size = input.size();
        int width = resolved.names().size();
        long readStart = range.knownFirstRow() >= 0 ? range.knownFirstRow() : range.start() - 1;
        if (range.knownFirstRow() == NO_ROW || range.knownFirstRow() == GUESS && range.start() >= range.end()) {
            return new Parsed(-1, range.start(), 0, empty(resolved, selected), List.of(), 0);
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(16, Math.min(size - readStart,
                Math.max(0, range.end() - readStart) + 65_536)));
        byte[] data = new byte[capacity];
        int length = input.read(readStart, data, 0, capacity);
        boolean atEnd = readStart + length >= size;
        long firstRow;
        if (range.knownFirstRow() >= 0) {
            firstRow = range.knownFirstRow();
        } else {
            // the first row start in the range: after the first line break from the byte before it
            int limit = (int) Math.min(length, range.end() - readStart);
            int at = CsvTokenizer.lineBreak(data, 0, limit);
            int next = at < 0 ? -1 : CsvTokenizer.afterLineBreak(data, at, length);
            if (at < 0 || readStart + next >= range.end()) {
                return new Parsed(-1, range.start(), 0, empty(resolved, selected), List.of(), 0);
            }
            firstRow = readStart + next;
        }
        CsvTokenizer tokens = new CsvTokenizer(options, Math.max(1, width));
        tokens.reset((int) Math.min(1 << 20, Math.max(16, (range.end() - firstRow) / Math.max(1, resolved.bytesPerRow())
                * 1.1)), Math.max(0, range.end() - firstRow) + 1024);
        int pos = (int) (firstRow - readStart);
        while (readStart + pos < range.end() && tokens.rows < maxRows) {
            int result = tokens.next(data, pos, length, atEnd);
            if (result == CsvTokenizer.NEED_MORE) {
                if (length == data.length) {
                    if (data.length >= Integer.MAX_VALUE / 2) {
                        throw new CsvParseException(input.name(), lineOf(input, readStart + pos), null, null,
                                "a row shorter than 1 GiB", "a quote may be left open");
                    }
                    data = Arrays.copyOf(data, data.length * 2);
                }
                length += input.read(readStart + length, data, length, data.length - length);
                atEnd = readStart + length >= size;
                continue;
            }
            if (result == CsvTokenizer.END) {
                break;
            }
            pos = tokens.position;
        }
        long end = readStart + pos;
        Problems problems = new Problems(options.onBadRow());
        for (int r = 0; r < tokens.rows; r++) {
            byte problem = tokens.problems[r];
            if (problem != CsvTokenizer.OK) {
                problems.reportRow(r, rowText(tokens, data, r, length), problem == CsvTokenizer.UNCLOSED_QUOTE
                        ? "a closing quote" : "a delimiter or line break after a closing quote", null);
            } else if (tokens.fieldCounts[r] != width) {
                String found = rowText(tokens, data, r, length);
                String expected = width + " fields, as the header has";
                String hint = "the row has " + tokens.fieldCounts[r];
                if (options.onBadRow() == CsvOptions.OnBadRow.SKIP) {
                    problems.reportRow(r, found, expected, hint);
                } else {
                    problems.report(r, null, found, expected, hint);
                }
            }
        }
        ColumnDecoder decoder = new ColumnDecoder(tokens, data, nullMarkers, problems);
        List<Vector> columns = new ArrayList<>(selected.length);
        for (int column : selected) {
            columns.add(decoder.decode(column, resolved.names().get(column), resolved.types().get(column)));
        }
        int rows = tokens.rows;
        if (problems.droppedCount() > 0) {
            int[] kept = new int[rows - problems.droppedCount()];
            int n = 0;
            for (int r = 0; r < rows; r++) {
                if (!problems.isDropped(r)) {
                    kept[n++] = r;
                }
            }
            columns.replaceAll(vector -> Kernels.gather(vector, kept, kept.length));
            rows = kept.length;
        }
        List<Found> found = new ArrayList<>();
        List<Problems.Problem> raw = options.onBadRow() == CsvOptions.OnBadRow.FAIL
                ? (problems.first() == null ? List.of() : List.of(problems.first())) : problems.all();
        for (Problems.Problem p : raw) {
            found.add(new Found(readStart + tokens.rowStarts[p.row()], p.column(), p.found(), p.expected(),
                    p.hint()));
        }
        return new Parsed(firstRow, end, rows, columns, found, problems.droppedCount());
    }

    /** No rows of the selected columns. */
    private static List<Vector> empty(Resolved resolved, int[] selected) {
        List<Vector> columns = new ArrayList<>(selected.length);
        for (int column : selected) {
            columns.add(Kernels.nulls(resolved.types().get(column), 0));
        }
        return columns;
    }

    private static String rowText(CsvTokenizer tokens, byte[] data, int r, int length) {
        int start = tokens.rowStarts[r];
        int end = r + 1 < tokens.rows ? tokens.rowStarts[r + 1] : Math.min(length, tokens.position);
        return text(data, start, Math.max(start, Math.min(end, start + 200)));
    }

    private static String text(byte[] data, int start, int end) {
        int to = end;
        while (to > start && (data[to - 1] == '\n' || data[to - 1] == '\r')) {
            to--;
        }
        return new String(data, start, to - start, StandardCharsets.UTF_8);
    }

    static long lineOf(CsvInput input, long position) {
        return linesOf(input, new long[] {position})[0];
    }

    /** The line (from 1) of each byte position, positions ascending. */
    static long[] linesOf(CsvInput input, long[] positions) {
        long[] lines = new long[positions.length];
        byte[] buffer = new byte[1 << 16];
        long line = 1;
        long at = 0;
        int next = 0;
        byte previous = 0;
        while (next < positions.length) {
            int n = input.read(at, buffer, 0, buffer.length);
            for (int i = 0; i < n && next < positions.length; i++) {
                while (next < positions.length && at + i == positions[next]) {
                    lines[next++] = line;
                }
                byte c = buffer[i];
                if (c == '\r' || c == '\n' && previous != '\r') {
                    line++;
                }
                previous = c;
            }
            at += n;
            if (n <= 0) {
                while (next < positions.length) {
                    lines[next++] = line;
                }
            }
        }
        return lines;
    }

    /** The line of a byte position within the head buffer. */
    private static long line(Head head, int position) {
        long line = 1;
        for (int i = 0; i < position && i < head.length; i++) {
            byte c = head.bytes[i];
            if (c == '\r' || c == '\n' && (i == 0 || head.bytes[i - 1] != '\r')) {
                line++;
            }
        }
        return line;
    }
}
