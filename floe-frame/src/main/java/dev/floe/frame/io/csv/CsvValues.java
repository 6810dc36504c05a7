package dev.floe.frame.io.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Reads single values from UTF-8 bytes in place, with no {@code String} made: integers,
 * floats, booleans, ISO dates and datetimes. Each {@code parseX} says whether the bytes are a
 * valid X and leaves the value in {@link #longValue} or {@link #doubleValue}. Not thread-safe:
 * one per parsing task. Public for the other text formats (JSON's dates), which read the same
 * grammar.
 */
public final class CsvValues {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    long longValue;
    double doubleValue;

    /** The value the last successful integer, date or datetime parse left. */
    public long longValue() {
        return longValue;
    }

    /** An optional sign and decimal digits, fitting a {@code long}. */
    boolean parseLong(byte[] data, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean negative = data[from] == '-';
        int i = negative || data[from] == '+' ? from + 1 : from;
        if (i >= to) {
            return false;
        }
        // accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE fits
        long result = 0;
        for (; i < to; i++) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (result < -922_337_203_685_477_580L || result * 10 < Long.MIN_VALUE + digit) {
                return false;
            }
            result = result * 10 - digit;
        }
        if (!negative && result == Long.MIN_VALUE) {
            return false;
        }
        longValue = negative ? result : -result;
        return true;
    }

    /**
     * A decimal number ({@code 1}, {@code -2.5}, {@code .5}, {@code 1e-3}, {@code 6.02E23}) or
     * {@code nan}, {@code inf}, {@code infinity} with an optional sign, in any case. Exact: short
     * numbers are converted with one rounding (the mantissa and the power of ten are both exact
     * doubles), the others by a correctly rounding parser.
     */
    boolean parseDouble(byte[] data, int from, int to) {
        if (from >= to) {
            return false;
        }
        int i = from;
        boolean negative = data[i] == '-';
        if (negative || data[i] == '+') {
            i++;
        }
        if (i < to && (data[i] | 0x20) >= 'a' && (data[i] | 0x20) <= 'z') {
            return special(data, i, to, negative);
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean any = false;
        while (i < to && data[i] >= '0' && data[i] <= '9') {
            if (digits < 19) {
                mantissa = mantissa * 10 + (data[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                digits++;
            }
            any = true;
            i++;
        }
        int intDigitsPastLimit = Math.max(0, digits - 19);
        if (i < to && data[i] == '.') {
            i++;
            while (i < to && data[i] >= '0' && data[i] <= '9') {
                if (digits < 19) {
                    mantissa = mantissa * 10 + (data[i] - '0');
                    fractionDigits++;
                    if (mantissa != 0) {
                        digits++;
                    }
                } else {
                    digits++;
                }
                any = true;
                i++;
            }
        }
        if (!any) {
            return false;
        }
        int exponent = 0;
        if (i < to && (data[i] == 'e' || data[i] == 'E')) {
            i++;
            boolean negativeExponent = i < to && data[i] == '-';
            if (i < to && (data[i] == '-' || data[i] == '+')) {
                i++;
            }
            if (i >= to) {
                return false;
            }
            while (i < to && data[i] >= '0' && data[i] <= '9') {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (data[i] - '0');
                }
                i++;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != to) {
            return false;
        }
        int power = exponent - fractionDigits + intDigitsPastLimit;
        if (digits <= 15 && mantissa < (1L << 53) && power >= -22 && power <= 22) {
            double value = power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
            doubleValue = negative ? -value : value;
            return true;
        }
        doubleValue = JavaDoubleParser.parseDouble(data, from, to - from);
        return true;
    }

    /** A number as {@link #parseDouble} reads it, rounded once to a float ({@link #doubleValue} holds it). */
    boolean parseFloat(byte[] data, int from, int to) {
        if (!parseDouble(data, from, to)) {
            return false;
        }
        if (Double.isFinite(doubleValue)) {
            // straight to float: through a double would round twice
            doubleValue = ch.randelshofer.fastdoubleparser.JavaFloatParser.parseFloat(data, from, to - from);
        }
        return true;
    }

    /** Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF). */
    static boolean isUtf8(byte[] data, int from, int to) {
        int i = from;
        while (i < to && data[i] >= 0) {
            i++;
        }
        while (i < to) {
            int b = data[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int minimum;
            int code;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
                minimum = 0x80;
                code = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                minimum = 0x800;
                code = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                minimum = 0x10000;
                code = b & 0x07;
            } else {
                return false;
            }
            if (i + extra >= to) {
                return false; // cut short
            }
            for (int k = 1; k <= extra; k++) {
                int next = data[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                code = (code << 6) | (next & 0x3F);
            }
            if (code < minimum || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    private boolean special(byte[] data, int i, int to, boolean negative) {
        int length = to - i;
        if (length == 3 && lower(data, i, "nan")) {
            doubleValue = Double.NaN;
            return true;
        }
        if (length == 3 && lower(data, i, "inf") || length == 8 && lower(data, i, "infinity")) {
            doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        return false;
    }

    private static boolean lower(byte[] data, int from, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((data[from + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@code true} or {@code false} in any case: 1 or 0, or -1 for neither. */
    int parseBoolean(byte[] data, int from, int to) {
        int length = to - from;
        if (length == 4 && lower(data, from, "true")) {
            return 1;
        }
        if (length == 5 && lower(data, from, "false")) {
            return 0;
        }
        return -1;
    }

    /** {@code yyyy-mm-dd}: {@link #longValue} is the day number from 1970-01-01. */
    public boolean parseDate(byte[] data, int from, int to) {
        if (to - from != 10 || data[from + 4] != '-' || data[from + 7] != '-') {
            return false;
        }
        int year = digits(data, from, 4);
        int month = digits(data, from + 5, 2);
        int day = digits(data, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return false;
        }
        longValue = epochDay(year, month, day);
        return true;
    }

    /**
     * {@code yyyy-mm-dd hh:mm[:ss[.fraction]]} with {@code T} or a space between, and an optional
     * {@code Z} or {@code ±hh:mm} (the value is then moved to UTC): {@link #longValue} is
     * microseconds from 1970-01-01T00:00 (digits past the microsecond are dropped). A date alone
     * is its midnight.
     */
    public boolean parseDatetime(byte[] data, int from, int to) {
        if (to - from == 10 && parseDate(data, from, to)) {
            longValue *= MICROS_PER_DAY; // a date alone is its midnight
            return true;
        }
        if (to - from < 16 || !parseDate(data, from, from + 10) || data[from + 10] != 'T' && data[from + 10] != ' ') {
            return false;
        }
        long day = longValue;
        int hour = digits(data, from + 11, 2);
        int minute = data[from + 13] == ':' ? digits(data, from + 14, 2) : -1;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return false;
        }
        int i = from + 16;
        int second = 0;
        long micros = 0;
        if (i < to && data[i] == ':') {
            if (i + 3 > to || (second = digits(data, i + 1, 2)) < 0 || second > 59) {
                return false;
            }
            i += 3;
            if (i < to && data[i] == '.') {
                i++;
                int count = 0;
                while (i < to && data[i] >= '0' && data[i] <= '9') {
                    if (count < 6) {
                        micros = micros * 10 + (data[i] - '0');
                    }
                    count++;
                    i++;
                }
                if (count == 0 || count > 9) {
                    return false;
                }
                for (int k = count; k < 6; k++) {
                    micros *= 10;
                }
            }
        }
        long offsetMinutes = 0;
        if (i < to && data[i] == 'Z') {
            i++;
        } else if (i < to && (data[i] == '+' || data[i] == '-')) {
            if (i + 6 != to || data[i + 3] != ':') {
                return false;
            }
            int offsetHours = digits(data, i + 1, 2);
            int offsetMins = digits(data, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMins < 0 || offsetMins > 59) {
                return false;
            }
            offsetMinutes = (data[i] == '-' ? -1 : 1) * (offsetHours * 60L + offsetMins);
            i = to;
        }
        if (i != to) {
            return false;
        }
        longValue = day * MICROS_PER_DAY + ((hour * 60L + minute - offsetMinutes) * 60 + second) * 1_000_000L + micros;
        return true;
    }

    /** {@code count} decimal digits as a number, or -1. */
    private static int digits(byte[] data, int from, int count) {
        int value = 0;
        for (int k = 0; k < count; k++) {
            int digit = data[from + k] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
    static long epochDay(int year, int month, int day) {
        // count from March, so that the leap day is the last day of the counted year
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month <= 2 ? month + 9 : month - 3;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
