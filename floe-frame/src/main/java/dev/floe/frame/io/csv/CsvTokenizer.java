package dev.floe.frame.io.csv;

import java.util.Arrays;

/**
 * Splits the rows of a byte buffer into fields, recording where each field's bytes are, without
 * copying or decoding them. One row at a time, so that a caller can stop at a byte position, or
 * give more bytes when a row runs past the end of the buffer.
 *
 * <p>A row ends at {@code \n}, {@code \r\n} or a lone {@code \r} (classic Mac OS) outside quotes. A field is
 * quoted when it starts with the quote character; inside, the escape character (the quote itself
 * by default, as {@code ""}) makes the next quote literal. Blank lines and lines starting with the
 * comment prefix are skipped. Fields past the expected width are counted but not stored, and a
 * row stores only the fields it has: the arrays grow with the bytes read, not with the expected
 * width times the rows (a header of 300,000 names costs nothing for rows of a few fields).
 *
 * <p>Not thread-safe: each parsing task has its own.
 */
final class CsvTokenizer {
    /** The outcome of {@link #next}. */
    static final int ROW = 0;
    static final int SKIPPED = 1;
    static final int END = 2;
    static final int NEED_MORE = 3;

    /** Field flags. */
    static final byte QUOTED = 1;
    static final byte ESCAPED = 2;

    /** Row problems. */
    static final byte OK = 0;
    static final byte UNCLOSED_QUOTE = 1;
    static final byte TEXT_AFTER_QUOTE = 2;

    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final boolean quoting;
    private final byte[] comment;
    private final int width;

    // the rows found so far: row r's field c (c < min(fieldCounts[r], width)) at firstFields[r] + c
    int rows;
    int fields;
    int[] firstFields;
    int[] starts;
    int[] ends;
    byte[] flags;
    int[] fieldCounts;
    int[] rowStarts;
    byte[] problems;

    /** Position after the last row (or skipped line) read: where the next one starts. */
    int position;

    CsvTokenizer(CsvOptions options, int width) {
        this.delimiter = (byte) options.delimiter();
        this.quote = (byte) options.quote();
        this.escape = (byte) options.escape();
        this.quoting = options.quote() != 0;
        this.comment = options.commentPrefix() == null ? null
                : options.commentPrefix().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.width = width;
        reset(16, 1024);
    }

    /**
     * Forgets the rows found, keeping the arrays; sized for {@code expectedRows} rows of
     * {@code expectedBytes} bytes (a row's fields are at most its bytes plus one).
     */
    void reset(int expectedRows, long expectedBytes) {
        rows = 0;
        fields = 0;
        if (starts == null || fieldCounts.length < expectedRows) {
            int capacity = Math.max(16, expectedRows);
            long wanted = Math.min((long) capacity * Math.max(1, width), expectedBytes + capacity);
            int fieldCapacity = (int) Math.max(16, Math.min(wanted, Integer.MAX_VALUE - 16));
            starts = new int[fieldCapacity];
            ends = new int[fieldCapacity];
            flags = new byte[fieldCapacity];
            firstFields = new int[capacity];
            fieldCounts = new int[capacity];
            rowStarts = new int[capacity];
            problems = new byte[capacity];
        }
    }

    /** Where row {@code r}'s field {@code column} is in {@link #starts}, {@link #ends} and {@link #flags}. */
    int field(int r, int column) {
        return firstFields[r] + column;
    }

    /** Drops the rows from {@code row} on (to read them again with more bytes). */
    void truncate(int row) {
        rows = row;
        fields = row == 0 ? 0 : firstFields[row - 1] + Math.min(fieldCounts[row - 1], width);
    }

    /**
     * Reads the row (or skipped line) starting at {@code from} in {@code data[0, limit)}.
     *
     * @param atEnd whether {@code limit} is the end of the input (else a row reaching it needs more bytes)
     * @return {@link #ROW} (recorded as row {@code rows - 1}), {@link #SKIPPED} (a blank or comment
     *     line), {@link #END} ({@code from == limit} at the end), or {@link #NEED_MORE}; {@link #position}
     *     is then where the next row starts (for {@code NEED_MORE}: unchanged)
     */
    int next(byte[] data, int from, int limit, boolean atEnd) {
        if (from >= limit) {
            return atEnd ? END : NEED_MORE;
        }
        byte first = data[from];
        if (first == '\r' && from + 1 >= limit && !atEnd) {
            return NEED_MORE;
        }
        if (first == '\n' || first == '\r') {
            position = afterLineBreak(data, from, limit);
            return SKIPPED;
        }
        if (comment != null && startsWith(data, from, limit, comment)) {
            int end = lineBreak(data, from, limit);
            if ((end < 0 || end + 1 >= limit && data[end] == '\r') && !atEnd) {
                return NEED_MORE;
            }
            position = end < 0 ? limit : afterLineBreak(data, end, limit);
            return SKIPPED;
        }
        ensureRow();
        int row = rows;
        int base = fields;
        int field = 0;
        int pos = from;
        byte problem = OK;
        while (true) {
            int start;
            int end;
            byte flag = 0;
            if (quoting && pos < limit && data[pos] == quote) {
                flag = QUOTED;
                start = pos + 1;
                pos = start;
                while (true) {
                    if (pos >= limit) {
                        if (!atEnd) {
                            return NEED_MORE;
                        }
                        problem = UNCLOSED_QUOTE;
                        end = limit;
                        break;
                    }
                    byte c = data[pos];
                    if (c == escape && escape != quote) {
                        if (pos + 1 >= limit && !atEnd) {
                            return NEED_MORE;
                        }
                        flag |= ESCAPED;
                        pos += 2;
                        continue;
                    }
                    if (c == quote) {
                        if (escape == quote) {
                            if (pos + 1 >= limit && !atEnd) {
                                return NEED_MORE;
                            }
                            if (pos + 1 < limit && data[pos + 1] == quote) {
                                flag |= ESCAPED;
                                pos += 2;
                                continue;
                            }
                        }
                        end = pos;
                        pos++;
                        break;
                    }
                    pos++;
                }
                if (problem == UNCLOSED_QUOTE) {
                    pos = limit;
                } else if (pos < limit && data[pos] != delimiter && data[pos] != '\n' && data[pos] != '\r') {
                    // text after the closing quote: the row is malformed; read on to the field's end
                    problem = TEXT_AFTER_QUOTE;
                    while (pos < limit && data[pos] != delimiter && data[pos] != '\n' && data[pos] != '\r') {
                        pos++;
                    }
                    if (pos >= limit && !atEnd) {
                        return NEED_MORE;
                    }
                }
            } else {
                start = pos;
                while (pos < limit) {
                    byte c = data[pos];
                    if (c == delimiter || c == '\n' || c == '\r') {
                        break;
                    }
                    pos++;
                }
                if (pos >= limit && !atEnd) {
                    return NEED_MORE;
                }
                end = pos;
            }
            if (field < width) {
                ensureField(base + field);
                starts[base + field] = start;
                ends[base + field] = end;
                flags[base + field] = flag;
            }
            field++;
            if (pos >= limit) {
                if (!atEnd) {
                    return NEED_MORE;
                }
                break; // the last row, without a line break
            }
            byte c = data[pos];
            if (c == delimiter) {
                pos++;
                if (pos >= limit) {
                    if (!atEnd) {
                        return NEED_MORE;
                    }
                    // a delimiter at the very end: one more, empty field
                    if (field < width) {
                        ensureField(base + field);
                        starts[base + field] = pos;
                        ends[base + field] = pos;
                        flags[base + field] = 0;
                    }
                    field++;
                    break;
                }
                continue;
            }
            if (c == '\r') {
                if (pos + 1 >= limit && !atEnd) {
                    return NEED_MORE;
                }
                pos += pos + 1 < limit && data[pos + 1] == '\n' ? 2 : 1;
                break;
            }
            pos++; // the '\n'
            break;
        }
        firstFields[row] = base;
        fields = base + Math.min(field, width);
        fieldCounts[row] = field;
        rowStarts[row] = from;
        problems[row] = problem;
        rows++;
        position = pos;
        return ROW;
    }

    private void ensureField(int index) {
        if (index >= starts.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(16, (long) starts.length * 2));
            if (index >= capacity) {
                throw new IllegalStateException("more than " + capacity + " fields in one range");
            }
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
    }

    private void ensureRow() {
        if (rows == fieldCounts.length) {
            int capacity = rows * 2;
            firstFields = Arrays.copyOf(firstFields, capacity);
            fieldCounts = Arrays.copyOf(fieldCounts, capacity);
            rowStarts = Arrays.copyOf(rowStarts, capacity);
            problems = Arrays.copyOf(problems, capacity);
        }
    }

    private static boolean startsWith(byte[] data, int from, int limit, byte[] prefix) {
        if (from + prefix.length > limit) {
            return false;
        }
        return Arrays.equals(data, from, from + prefix.length, prefix, 0, prefix.length);
    }

    /** The position of the first {@code \n} or {@code \r} in {@code data[from, limit)}, or -1. */
    static int lineBreak(byte[] data, int from, int limit) {
        for (int i = from; i < limit; i++) {
            byte c = data[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Where the line after the line break at {@code at} starts: past {@code \n}, {@code \r\n} or {@code \r}. */
    static int afterLineBreak(byte[] data, int at, int limit) {
        return data[at] == '\r' && at + 1 < limit && data[at + 1] == '\n' ? at + 2 : at + 1;
    }

    static int indexOf(byte[] data, int from, int limit, byte value) {
        for (int i = from; i < limit; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The field's bytes with the escapes taken out (for a field flagged {@link #ESCAPED}). */
    byte[] unescaped(byte[] data, int start, int end) {
        byte[] out = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            byte c = data[i];
            if (c == escape && i + 1 < end && (escape != quote || data[i + 1] == quote)) {
                out[n++] = data[++i];
            } else {
                out[n++] = c;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
