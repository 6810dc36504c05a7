package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.DateParseFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text read as datetimes by {@code strptime} formats, as DuckDB reads them, straight from the
 * UTF-8 bytes into microseconds. The first format that reads a value gives it; a value no format
 * reads fails the query, naming the value and the formats, or (not strict) is null.
 *
 * <p>How a value is read: white space before and after it is passed over; a space in the format
 * matches one white space character or more; other text matches itself exactly; a number code
 * takes from one digit up to its width ({@code %Y} 4, {@code %j} 3, {@code %f} 6, {@code %g} 3,
 * the others 2), in its range; {@code %f} and {@code %g} are fractions of a second, so
 * {@code .5} is half a second; names ({@code %b %B %a %A}) and {@code %p} ignore case, and a
 * weekday is read but not checked. Fields not read are those of 1900-01-01 00:00:00. With
 * {@code %p}, an hour of 12 or less is made a 24-hour one; {@code %j} counts from 1 January when
 * the format reads no month or day, past the year's end too. A day the month has not fails.
 */
final class DateParsing {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"};
    private static final String[] WEEKDAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday"};
    private static final byte[][] MONTH_NAMES = names(MONTHS, false);
    private static final byte[][] MONTH_ABBREVIATIONS = names(MONTHS, true);
    private static final byte[][] WEEKDAY_NAMES = names(WEEKDAYS, false);
    private static final byte[][] WEEKDAY_ABBREVIATIONS = names(WEEKDAYS, true);

    private DateParsing() {}

    private static byte[][] names(String[] names, boolean abbreviated) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = (abbreviated ? names[i].substring(0, 3) : names[i]).getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /**
     * @param parameters {@code strict} (a Boolean), then the formats
     * @param start the row of the whole input where these values begin, for messages
     * @param expression the expression being evaluated, for messages
     */
    static Vector apply(List<Object> parameters, Vector input, long start, String expression) {
        boolean strict = (Boolean) parameters.get(0);
        DateParseFormat[] formats = new DateParseFormat[parameters.size() - 1];
        for (int k = 0; k < formats.length; k++) {
            formats[k] = DateParseFormat.compile((String) parameters.get(k + 1));
        }
        int rows = input.length();
        if (input instanceof CategoricalVector categorical && categorical.dictionary().size() > rows) {
            // a dictionary larger than the chunk (a lineage grown over many chunks): row by row
            return read(formats, CastKernel.categoricalToText(categorical), strict, start, expression);
        }
        if (input instanceof CategoricalVector categorical) {
            // each distinct value read once (not strict), then gathered by code; a row whose value was not read fails
            Vector perValue = read(formats, (Utf8Vector) categorical.dictionary().values(), false, 0, expression);
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                codes[i] = categorical.isNull(i) ? 0 : categorical.codes()[categorical.offset() + i];
            }
            Vector gathered = perValue.length() == 0 ? Kernels.nulls(DataType.DATETIME, rows)
                    : Kernels.gather(perValue, codes, rows);
            Vector out = Kernels.withValidity(gathered, Kernels.and(gathered.validity(), categorical.validity(), rows));
            if (strict) {
                for (int i = 0; i < rows; i++) {
                    if (!categorical.isNull(i) && out.isNull(i)) {
                        throw failure(formats, categorical.getString(i), start + i, expression);
                    }
                }
            }
            return out;
        }
        return read(formats, (Utf8Vector) input, strict, start, expression);
    }

    private static Vector read(DateParseFormat[] formats, Utf8Vector text, boolean strict, long start,
            String expression) {
        int rows = text.length();
        byte[] data = text.data();
        long[] out = new long[rows];
        long[] bits = null;
        Fields fields = new Fields();
        for (int i = 0; i < rows; i++) {
            if (text.isNull(i)) {
                continue;
            }
            int from = text.start(i);
            int to = from + text.byteLength(i);
            boolean read = false;
            for (DateParseFormat format : formats) {
                if (parse(format, data, from, to, fields) == null) {
                    out[i] = fields.micros;
                    read = true;
                    break;
                }
            }
            if (!read) {
                if (strict) {
                    throw failure(formats, new String(data, from, to - from, StandardCharsets.UTF_8), start + i,
                            expression);
                }
                if (bits == null) {
                    bits = new long[(rows + 63) >>> 6];
                    for (int r = 0; r < rows; r++) {
                        if (!text.isNull(r)) {
                            bits[r >>> 6] |= 1L << r;
                        }
                    }
                }
                bits[i >>> 6] &= ~(1L << i);
            }
        }
        Validity validity = bits == null ? text.validity() : Validity.of(bits, rows);
        return Kernels.fromLongs(DataType.DATETIME, out, rows, validity);
    }

    private static FloeException failure(DateParseFormat[] formats, String value, long row, String expression) {
        StringBuilder message = new StringBuilder("strptime could not read \"").append(value).append("\" by the format");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Fields fields = new Fields();
        if (formats.length > 1) {
            message.append("s");
        }
        for (int k = 0; k < formats.length; k++) {
            String problem = parse(formats[k], bytes, 0, bytes.length, fields);
            message.append(k == 0 ? " \"" : ", \"").append(formats[k].text()).append("\" (").append(problem).append(')');
        }
        return new FloeException(message.append(" at row ").append(row).append(", in expression ").append(expression)
                .append("; try_strptime gives null instead").toString());
    }

    /** The fields read, and the value they make. */
    private static final class Fields {
        long micros;
    }

    /** Reads {@code data[from, to)} by {@code format} into {@code fields.micros}; null when it is read, else what went wrong. */
    private static String parse(DateParseFormat format, byte[] data, int from, int to, Fields fields) {
        int[] codes = format.codes();
        byte[][] literals = format.literals();
        long year = 1900;
        int month = 1;
        int day = 1;
        int yearDay = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micro = 0;
        int half = -1; // 0 AM, 1 PM, -1 not read
        int pos = from;
        while (pos < to && isSpace(data[pos])) {
            pos++;
        }
        for (int k = 0; k < codes.length; k++) {
            int code = codes[k];
            if (code == DateParseFormat.LITERAL) {
                byte[] literal = literals[k];
                int l = 0;
                while (l < literal.length) {
                    if (isSpace(literal[l])) {
                        if (pos >= to || !isSpace(data[pos])) {
                            return "white space expected at byte " + (pos - from + 1);
                        }
                        while (pos < to && isSpace(data[pos])) {
                            pos++;
                        }
                        while (l < literal.length && isSpace(literal[l])) {
                            l++;
                        }
                    } else {
                        if (pos >= to || data[pos] != literal[l]) {
                            return "\"" + new String(literal, StandardCharsets.UTF_8) + "\" expected at byte "
                                    + (pos - from + 1);
                        }
                        pos++;
                        l++;
                    }
                }
                continue;
            }
            switch (code) {
                case 'p' -> {
                    int a = pos < to ? data[pos] | 0x20 : 0;
                    int m = pos + 1 < to ? data[pos + 1] | 0x20 : 0;
                    if ((a != 'a' && a != 'p') || m != 'm') {
                        return "AM or PM expected at byte " + (pos - from + 1);
                    }
                    half = a == 'p' ? 1 : 0;
                    pos += 2;
                }
                case 'b', 'B', 'a', 'A' -> {
                    byte[][] names = switch (code) {
                        case 'b' -> MONTH_ABBREVIATIONS;
                        case 'B' -> MONTH_NAMES;
                        case 'a' -> WEEKDAY_ABBREVIATIONS;
                        default -> WEEKDAY_NAMES;
                    };
                    int found = name(names, data, pos, to);
                    if (found < 0) {
                        return (code == 'b' || code == 'a' ? "an abbreviated " : "a ")
                                + (code == 'b' || code == 'B' ? "month" : "weekday") + " name expected at byte "
                                + (pos - from + 1);
                    }
                    pos += names[found].length;
                    if (code == 'b' || code == 'B') {
                        month = found + 1;
                    }
                }
                default -> {
                    int width = switch (code) {
                        case 'Y' -> 4;
                        case 'j', 'g' -> 3;
                        case 'f' -> 6;
                        default -> 2;
                    };
                    int begin = pos;
                    int number = 0;
                    while (pos < to && pos - begin < width && data[pos] >= '0' && data[pos] <= '9') {
                        number = number * 10 + (data[pos] - '0');
                        pos++;
                    }
                    int digits = pos - begin;
                    if (digits == 0) {
                        return "a number expected at byte " + (begin - from + 1);
                    }
                    switch (code) {
                        case 'Y' -> year = number;
                        case 'y' -> year = number < 69 ? 2000 + number : 1900 + number;
                        case 'm' -> {
                            if (number < 1 || number > 12) {
                                return "month " + number + " is not between 1 and 12";
                            }
                            month = number;
                        }
                        case 'd' -> {
                            if (number < 1 || number > 31) {
                                return "day " + number + " is not between 1 and 31";
                            }
                            day = number;
                        }
                        case 'j' -> {
                            if (number < 1 || number > 366) {
                                return "day of the year " + number + " is not between 1 and 366";
                            }
                            yearDay = number;
                        }
                        case 'H' -> {
                            if (number > 23) {
                                return "hour " + number + " is not between 0 and 23";
                            }
                            hour = number;
                        }
                        case 'I' -> {
                            if (number < 1 || number > 12) {
                                return "hour " + number + " is not between 1 and 12";
                            }
                            hour = number;
                        }
                        case 'M' -> {
                            if (number > 59) {
                                return "minute " + number + " is not between 0 and 59";
                            }
                            minute = number;
                        }
                        case 'S' -> {
                            if (number > 59) {
                                return "second " + number + " is not between 0 and 59";
                            }
                            second = number;
                        }
                        case 'f' -> micro = number * POWERS[6 - digits];
                        case 'g' -> micro = number * POWERS[6 - digits];
                        default -> throw new IllegalStateException("format code %" + (char) code);
                    }
                }
            }
        }
        while (pos < to && isSpace(data[pos])) {
            pos++;
        }
        if (pos != to) {
            return "text left over at byte " + (pos - from + 1);
        }
        if (half >= 0) {
            if (hour > 12) {
                return "hour " + hour + " with AM or PM";
            }
            hour = hour % 12 + 12 * half;
        }
        long days;
        if (yearDay > 0 && !format.monthOrDay()) {
            days = TemporalKernel.daysFromCivil(year, 1, 1) + yearDay - 1;
        } else {
            if (day > TemporalKernel.daysInMonth(year, month)) {
                return year + "-" + month + "-" + day + " is not a date";
            }
            days = TemporalKernel.daysFromCivil(year, month, day);
        }
        fields.micros = days * MICROS_PER_DAY + hour * 3_600_000_000L + minute * 60_000_000L + second * 1_000_000L
                + micro;
        return null;
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    /** The first of {@code names} that the text at {@code pos} starts with, ignoring case; -1 if none. */
    private static int name(byte[][] names, byte[] data, int pos, int to) {
        for (int n = 0; n < names.length; n++) {
            byte[] name = names[n];
            if (to - pos < name.length) {
                continue;
            }
            int c = 0;
            while (c < name.length && (data[pos + c] | 0x20) == name[c]) {
                c++;
            }
            if (c == name.length) {
                return n;
            }
        }
        return -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
