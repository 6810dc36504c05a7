package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.DateFormat;
import dev.floe.frame.expr.DateUnit;
import dev.floe.frame.expr.ScalarFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The date functions, on day numbers (days since 1970-01-01, a {@code date}) and microseconds
 * (since 1970-01-01 00:00:00, a {@code datetime}) without making date objects: the calendar
 * fields come from {@link #civil}, packed into one {@code long}. They follow DuckDB's functions
 * of the same names, including where DuckDB divides years toward zero.
 */
final class TemporalKernel {
    static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_MINUTE = 60_000_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MILLI = 1_000L;
    /** The years a {@code date} made by {@code make_date} may have: its day number fits an {@code int}. */
    private static final long MAX_YEAR = 5_000_000;

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};
    private static final String[] WEEKDAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday"};

    private TemporalKernel() {}

    // ---- calendar arithmetic ---------------------------------------------------------------------

    /** Year, month and day of a day number, packed: {@code year << 9 | month << 5 | day}. */
    static long civil(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year << 9 | month << 5 | day;
    }

    static long year(long packed) {
        return packed >> 9;
    }

    static int month(long packed) {
        return (int) (packed >> 5) & 15;
    }

    static int day(long packed) {
        return (int) packed & 31;
    }

    static long daysFromCivil(long year, long month, long day) {
        return FunctionKernel.daysFromCivil(year, month, day);
    }

    static int daysInMonth(long year, int month) {
        return switch (month) {
            case 4, 6, 9, 11 -> 30;
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            default -> 31;
        };
    }

    /** 1 (Monday) to 7 (Sunday); 1970-01-01 was a Thursday. */
    static int isoWeekday(long days) {
        return (int) Math.floorMod(days + 3, 7) + 1;
    }

    /** The year of the ISO week of a day: that of the week's Thursday. */
    static long isoYear(long days) {
        return year(civil(days - isoWeekday(days) + 4));
    }

    /** The ISO week of a day, 1 to 53. */
    static int isoWeek(long days) {
        long thursday = days - isoWeekday(days) + 4;
        return (int) ((thursday - daysFromCivil(year(civil(thursday)), 1, 1)) / 7 + 1);
    }

    private static long centuryLike(long year, long length) {
        return year > 0 ? (year - 1) / length + 1 : -((-year) / length) - 1;
    }

    /** A day number as microseconds, or an error naming the row where it leaves the datetime range. */
    private static long micros(long days, long row, String expression) {
        long high = Math.multiplyHigh(days, MICROS_PER_DAY);
        long low = days * MICROS_PER_DAY;
        if ((high != 0 || low < 0) && (high != -1 || low >= 0)) {
            throw new OutOfRangeException("out of range: the date of row " + row + " is outside the datetime range, "
                    + "in expression " + expression);
        }
        return low;
    }

    // ---- one input -------------------------------------------------------------------------------

    static Vector apply(ScalarFunction function, List<Object> parameters, Vector input, DataType type, long start,
            String expression) {
        int rows = input.length();
        long[] values = Kernels.longs(input);
        boolean datetime = input.type() == DataType.DATETIME || input.type() == DataType.TIME
                || input.type() == DataType.DURATION; // microseconds
        Validity validity = input.validity();
        return switch (function) {
            case EPOCH -> {
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = datetime ? values[i] / 1e6 : values[i] * 86_400.0;
                }
                yield Kernels.fromDoubles(DataType.FLOAT64, out, rows, validity);
            }
            case TRUNCATE -> truncate((DateUnit) parameters.get(0), values, datetime, validity, rows, start,
                    expression);
            case STRFTIME -> format(DateFormat.compile((String) parameters.get(0)), values, datetime, validity, rows);
            default -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = part(function, values[i], datetime);
                }
                yield Kernels.fromLongs(type, out, rows, validity);
            }
        };
    }

    /** One date part of a day number or a datetime's microseconds. */
    private static long part(ScalarFunction function, long value, boolean datetime) {
        long days = datetime ? Math.floorDiv(value, MICROS_PER_DAY) : value;
        return switch (function) {
            case YEAR -> year(civil(days));
            case MONTH -> month(civil(days));
            case DAY -> day(civil(days));
            case HOUR -> Math.floorMod(value, MICROS_PER_DAY) / MICROS_PER_HOUR;
            case MINUTE -> Math.floorMod(value, MICROS_PER_HOUR) / MICROS_PER_MINUTE;
            case SECOND -> Math.floorMod(value, MICROS_PER_MINUTE) / MICROS_PER_SECOND;
            case MILLISECOND -> Math.floorMod(value, MICROS_PER_MINUTE) / MICROS_PER_MILLI;
            case MICROSECOND -> Math.floorMod(value, MICROS_PER_MINUTE);
            case QUARTER -> (month(civil(days)) - 1) / 3 + 1;
            case WEEKDAY -> Math.floorMod(days + 4, 7);
            case ISO_WEEKDAY -> isoWeekday(days);
            case DAY_OF_YEAR -> days - daysFromCivil(year(civil(days)), 1, 1) + 1;
            case ISO_WEEK -> isoWeek(days);
            case ISO_YEAR -> isoYear(days);
            case DECADE -> year(civil(days)) / 10;
            case CENTURY -> centuryLike(year(civil(days)), 100);
            case MILLENNIUM -> centuryLike(year(civil(days)), 1000);
            case MONTH_END -> {
                long packed = civil(days);
                int month = month(packed);
                yield daysFromCivil(year(packed), month, daysInMonth(year(packed), month));
            }
            default -> throw new IllegalStateException("not a date part: " + function);
        };
    }

    private static Vector truncate(DateUnit unit, long[] values, boolean datetime, Validity validity, int rows,
            long start, String expression) {
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long value = values[i];
            long days = datetime ? Math.floorDiv(value, MICROS_PER_DAY) : value;
            long micros = datetime ? value : micros(days, start + i, expression);
            long truncatedDays = switch (unit) {
                case MILLENNIUM -> daysFromCivil(year(civil(days)) / 1000 * 1000, 1, 1);
                case CENTURY -> daysFromCivil(year(civil(days)) / 100 * 100, 1, 1);
                case DECADE -> daysFromCivil(year(civil(days)) / 10 * 10, 1, 1);
                case YEAR -> daysFromCivil(year(civil(days)), 1, 1);
                case QUARTER -> {
                    long packed = civil(days);
                    yield daysFromCivil(year(packed), (month(packed) - 1) / 3 * 3 + 1, 1);
                }
                case MONTH -> {
                    long packed = civil(days);
                    yield daysFromCivil(year(packed), month(packed), 1);
                }
                case WEEK -> days - isoWeekday(days) + 1;
                case DAY -> days;
                default -> Long.MIN_VALUE;
            };
            out[i] = switch (unit) {
                case HOUR -> micros - Math.floorMod(micros, MICROS_PER_HOUR);
                case MINUTE -> micros - Math.floorMod(micros, MICROS_PER_MINUTE);
                case SECOND -> micros - Math.floorMod(micros, MICROS_PER_SECOND);
                case MILLISECOND -> micros - Math.floorMod(micros, MICROS_PER_MILLI);
                case MICROSECOND -> micros;
                default -> micros(truncatedDays, start + i, expression);
            };
        }
        return Kernels.fromLongs(DataType.DATETIME, out, rows, validity);
    }

    // ---- strftime --------------------------------------------------------------------------------

    private static Vector format(DateFormat format, long[] values, boolean datetime, Validity validity, int rows) {
        int[] codes = format.codes();
        byte[][] literals = new byte[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            literals[k] = format.literals()[k] == null ? null : format.literals()[k].getBytes(StandardCharsets.UTF_8);
        }
        Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, rows * 16);
        Text text = new Text();
        for (int i = 0; i < rows; i++) {
            if (validity != null && !validity.isValid(i)) {
                builder.appendNull();
                continue;
            }
            long days = datetime ? Math.floorDiv(values[i], MICROS_PER_DAY) : values[i];
            long time = datetime ? Math.floorMod(values[i], MICROS_PER_DAY) : 0;
            text.length = 0;
            for (int k = 0; k < codes.length; k++) {
                if (codes[k] == DateFormat.LITERAL) {
                    text.bytes(literals[k]);
                } else {
                    field(text, codes[k], days, time);
                }
            }
            builder.append(text.data, 0, text.length);
        }
        return builder.build();
    }

    private static void field(Text text, int code, long days, long time) {
        boolean unpadded = code >= DateFormat.UNPADDED;
        char c = (char) (unpadded ? code - DateFormat.UNPADDED : code);
        int hour = (int) (time / MICROS_PER_HOUR);
        switch (c) {
            case 'Y' -> text.year(year(civil(days)));
            case 'G' -> {
                long isoYear = isoYear(days);
                if (isoYear < 0) {
                    // DuckDB writes a wrong number there (7295 for -1), so it is refused rather than followed
                    throw new OutOfRangeException("out of range: the format code %G of a date whose ISO year is before "
                            + "year 0 is not supported (ISO year " + isoYear + ")");
                }
                text.year(isoYear);
            }
            case 'y' -> text.number(Math.abs(year(civil(days)) % 100), unpadded ? 1 : 2);
            case 'm' -> text.number(month(civil(days)), unpadded ? 1 : 2);
            case 'd' -> text.number(day(civil(days)), unpadded ? 1 : 2);
            case 'j' -> text.number(days - daysFromCivil(year(civil(days)), 1, 1) + 1, unpadded ? 1 : 3);
            case 'H' -> text.number(hour, unpadded ? 1 : 2);
            case 'I' -> text.number(hour % 12 == 0 ? 12 : hour % 12, unpadded ? 1 : 2);
            case 'M' -> text.number(time % MICROS_PER_HOUR / MICROS_PER_MINUTE, unpadded ? 1 : 2);
            case 'S' -> text.number(time % MICROS_PER_MINUTE / MICROS_PER_SECOND, unpadded ? 1 : 2);
            case 'f' -> text.number(time % MICROS_PER_SECOND, 6);
            case 'g' -> text.number(time % MICROS_PER_SECOND / MICROS_PER_MILLI, 3);
            case 'p' -> text.ascii(hour < 12 ? "AM" : "PM");
            case 'b' -> text.ascii(MONTHS[month(civil(days)) - 1].substring(0, 3));
            case 'B' -> text.ascii(MONTHS[month(civil(days)) - 1]);
            case 'a' -> text.ascii(WEEKDAYS[(int) Math.floorMod(days + 4, 7)].substring(0, 3));
            case 'A' -> text.ascii(WEEKDAYS[(int) Math.floorMod(days + 4, 7)]);
            case 'u' -> text.number(isoWeekday(days), 1);
            case 'w' -> text.number(Math.floorMod(days + 4, 7), 1);
            case 'V' -> text.number(isoWeek(days), 2);
            case 'c', 'x' -> {
                long packed = civil(days);
                text.year(year(packed));
                text.ascii("-");
                text.number(month(packed), 2);
                text.ascii("-");
                text.number(day(packed), 2);
                if (c == 'c') {
                    text.ascii(" ");
                    clock(text, time);
                }
            }
            case 'X' -> clock(text, time);
            case 'z' -> text.ascii("+00");
            case 'Z' -> { }
            default -> throw new IllegalStateException("format code %" + c);
        }
    }

    private static void clock(Text text, long time) {
        text.number(time / MICROS_PER_HOUR, 2);
        text.ascii(":");
        text.number(time % MICROS_PER_HOUR / MICROS_PER_MINUTE, 2);
        text.ascii(":");
        text.number(time % MICROS_PER_MINUTE / MICROS_PER_SECOND, 2);
    }

    /** A growing byte buffer for one value's text. */
    private static final class Text {
        byte[] data = new byte[64];
        int length;

        private void room(int more) {
            if (length + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + more));
            }
        }

        void bytes(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, data, length, bytes.length);
            length += bytes.length;
        }

        void ascii(String s) {
            room(s.length());
            for (int i = 0; i < s.length(); i++) {
                data[length++] = (byte) s.charAt(i);
            }
        }

        /** A number of 0 or more, with leading zeros to {@code width} digits. */
        void number(long value, int width) {
            room(20);
            int digits = 1;
            for (long v = value / 10; v > 0; v /= 10) {
                digits++;
            }
            for (int k = digits; k < width; k++) {
                data[length++] = '0';
            }
            for (int k = digits - 1; k >= 0; k--) {
                data[length + k] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
        }

        /** A year as DuckDB writes it: four digits at least, and a minus sign without them before year 0. */
        void year(long year) {
            if (year < 0) {
                ascii("-");
                number(-year, 1);
            } else {
                number(year, 4);
            }
        }
    }

    // ---- several inputs --------------------------------------------------------------------------

    /**
     * Times of day of hours (0 to 23), minutes (0 to 59) and seconds (0 to 60, a float taken to
     * the nearest microsecond, so 60 is the next minute), as DuckDB's {@code make_time}; a part out
     * of range, or a time past the day, fails naming the row.
     */
    private static Vector makeTime(Vector[] inputs, Validity validity, int rows, long start, String expression) {
        long[] hours = Kernels.longs(inputs[0]);
        long[] minutes = Kernels.longs(inputs[1]);
        double[] seconds = Kernels.doubles(inputs[2]);
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long h = hours[i];
            long m = minutes[i];
            double s = seconds[i];
            boolean parts = h >= 0 && h <= 23 && m >= 0 && m <= 59 && s >= 0 && s <= 60;
            long micros = parts ? h * MICROS_PER_HOUR + m * MICROS_PER_MINUTE + Math.round(s * 1e6) : -1;
            if (micros < 0 || micros >= MICROS_PER_DAY) {
                throw new OutOfRangeException("out of range: make_time(" + h + ", " + m + ", " + s
                        + ") is not a time of day (row " + (start + i) + "), in expression " + expression);
            }
            out[i] = micros;
        }
        return Kernels.fromLongs(DataType.TIME, out, rows, validity);
    }

    static Vector applyMany(ScalarFunction function, List<Object> parameters, Vector[] inputs, DataType type,
            long start, String expression) {
        int rows = inputs[0].length();
        Validity validity = null;
        for (Vector input : inputs) {
            if (input.type() == DataType.NULL) {
                return Kernels.nulls(type, rows);
            }
            validity = Kernels.and(validity, input.validity(), rows);
        }
        if (function == ScalarFunction.MAKE_TIME) {
            return makeTime(inputs, validity, rows, start, expression);
        }
        long[][] values = new long[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            values[k] = Kernels.longs(inputs[k]);
        }
        long[] out = new long[rows];
        switch (function) {
            case MAKE_DATE -> {
                long[] years = values[0];
                long[] months = values[1];
                long[] days = values[2];
                for (int i = 0; i < rows; i++) {
                    if (validity != null && !validity.isValid(i)) {
                        continue;
                    }
                    long year = years[i];
                    long month = months[i];
                    long day = days[i];
                    if (year < -MAX_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1
                            || day > daysInMonth(year, (int) month)) {
                        throw new OutOfRangeException("out of range: make_date(" + year + ", " + month + ", " + day
                                + ") is not a date (row " + (start + i) + "), in expression " + expression);
                    }
                    out[i] = daysFromCivil(year, month, day);
                }
            }
            case DATE_DIFF, DATE_ELAPSED -> {
                DateUnit unit = (DateUnit) parameters.get(0);
                boolean startDatetime = inputs[0].type() == DataType.DATETIME;
                boolean endDatetime = inputs[1].type() == DataType.DATETIME;
                long[] starts = values[0];
                long[] ends = values[1];
                boolean diff = function == ScalarFunction.DATE_DIFF;
                for (int i = 0; i < rows; i++) {
                    if (validity != null && !validity.isValid(i)) {
                        continue;
                    }
                    long from = startDatetime ? starts[i] : micros(starts[i], start + i, expression);
                    long to = endDatetime ? ends[i] : micros(ends[i], start + i, expression);
                    try {
                        out[i] = diff ? diff(unit, from, to) : elapsed(unit, from, to);
                    } catch (ArithmeticException e) {
                        throw new OutOfRangeException("out of range: the " + unit.sqlName() + "s between the values "
                                + "of row " + (start + i) + " do not fit a 64-bit integer, in expression "
                                + expression);
                    }
                }
            }
            default -> throw new IllegalStateException(function + " takes one input");
        }
        return Kernels.fromLongs(type, out, rows, validity);
    }

    /** The boundaries of {@code unit} crossed from {@code from} to {@code to} (microseconds), as DuckDB's date_diff. */
    static long diff(DateUnit unit, long from, long to) {
        return switch (unit) {
            case MILLENNIUM, CENTURY, DECADE, YEAR, QUARTER, MONTH -> {
                long a = civil(Math.floorDiv(from, MICROS_PER_DAY));
                long b = civil(Math.floorDiv(to, MICROS_PER_DAY));
                yield switch (unit) {
                    case MILLENNIUM -> year(b) / 1000 - year(a) / 1000;
                    case CENTURY -> year(b) / 100 - year(a) / 100;
                    case DECADE -> year(b) / 10 - year(a) / 10;
                    case YEAR -> year(b) - year(a);
                    // the months since year 0 divided toward zero, as DuckDB does
                    case QUARTER -> (year(b) * 12 + month(b) - 1) / 3 - (year(a) * 12 + month(a) - 1) / 3;
                    default -> (year(b) * 12 + month(b)) - (year(a) * 12 + month(a));
                };
            }
            // whole weeks of days between the dates, not Mondays crossed
            case WEEK -> (Math.floorDiv(to, MICROS_PER_DAY) - Math.floorDiv(from, MICROS_PER_DAY)) / 7;
            case DAY -> Math.floorDiv(to, MICROS_PER_DAY) - Math.floorDiv(from, MICROS_PER_DAY);
            case HOUR -> Math.floorDiv(to, MICROS_PER_HOUR) - Math.floorDiv(from, MICROS_PER_HOUR);
            case MINUTE -> Math.floorDiv(to, MICROS_PER_MINUTE) - Math.floorDiv(from, MICROS_PER_MINUTE);
            case SECOND -> Math.floorDiv(to, MICROS_PER_SECOND) - Math.floorDiv(from, MICROS_PER_SECOND);
            case MILLISECOND -> Math.floorDiv(to, MICROS_PER_MILLI) - Math.floorDiv(from, MICROS_PER_MILLI);
            case MICROSECOND -> Math.subtractExact(to, from);
        };
    }

    /** The whole units of {@code unit} from {@code from} to {@code to} (microseconds), as DuckDB's date_sub. */
    static long elapsed(DateUnit unit, long from, long to) {
        return switch (unit) {
            case MILLENNIUM, CENTURY, DECADE, YEAR, QUARTER, MONTH -> {
                long months = from <= to ? elapsedMonths(from, to) : -elapsedMonths(to, from);
                yield months / switch (unit) {
                    case MILLENNIUM -> 12_000;
                    case CENTURY -> 1_200;
                    case DECADE -> 120;
                    case YEAR -> 12;
                    case QUARTER -> 3;
                    default -> 1;
                };
            }
            case WEEK -> Math.subtractExact(to, from) / (7 * MICROS_PER_DAY);
            case DAY -> Math.subtractExact(to, from) / MICROS_PER_DAY;
            case HOUR -> Math.subtractExact(to, from) / MICROS_PER_HOUR;
            case MINUTE -> Math.subtractExact(to, from) / MICROS_PER_MINUTE;
            case SECOND -> Math.subtractExact(to, from) / MICROS_PER_SECOND;
            case MILLISECOND -> Math.subtractExact(to, from) / MICROS_PER_MILLI;
            case MICROSECOND -> Math.subtractExact(to, from);
        };
    }

    /**
     * The whole months from {@code from} to a later {@code to}: the months between them, less one
     * where {@code to}'s day and time of month come before {@code from}'s; a {@code from} day past
     * the end of {@code to}'s month counts as that month's last day when {@code to} is on it.
     */
    private static long elapsedMonths(long from, long to) {
        long a = civil(Math.floorDiv(from, MICROS_PER_DAY));
        long b = civil(Math.floorDiv(to, MICROS_PER_DAY));
        long fromTime = Math.floorMod(from, MICROS_PER_DAY);
        long toTime = Math.floorMod(to, MICROS_PER_DAY);
        int fromDay = day(a);
        int toDay = day(b);
        int last = daysInMonth(year(b), month(b));
        if (toDay == last && fromDay > last) {
            fromDay = last;
        }
        long months = (year(b) * 12 + month(b)) - (year(a) * 12 + month(a));
        if (toDay < fromDay || (toDay == fromDay && toTime < fromTime)) {
            months--;
        }
        return months;
    }
}
