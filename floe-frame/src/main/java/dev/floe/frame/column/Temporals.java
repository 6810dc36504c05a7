package dev.floe.frame.column;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Conversions between Java's time types and the engine's numbers: days and microseconds since 1970. */
public final class Temporals {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private Temporals() {}

    public static int days(LocalDate date) {
        return Math.toIntExact(date.toEpochDay());
    }

    public static long micros(LocalDateTime datetime) {
        return ChronoUnit.MICROS.between(EPOCH, datetime);
    }

    /** A time of day as microseconds since midnight (finer digits dropped, as for timestamps). */
    public static long micros(java.time.LocalTime time) {
        return time.toNanoOfDay() / 1000;
    }

    /**
     * A time of day as SQL (DuckDB) writes it: {@code hh:mm:ss}, always with the seconds, then the
     * fraction of a second where there is one, without its trailing zeros.
     */
    public static String timeText(long micros) {
        return clock(new StringBuilder(15), micros / 3_600_000_000L, (int) (micros / 60_000_000L % 60),
                (int) (micros / 1_000_000L % 60), (int) (micros % 1_000_000L)).toString();
    }

    /**
     * {@code hh:mm:ss} onto {@code text} (hours in two digits at least), then the fraction of a
     * second where there is one, without trailing zeros: how SQL writes the clock of a time, a
     * timestamp and an interval.
     */
    public static StringBuilder clock(StringBuilder text, long hours, int minutes, int seconds, int micros) {
        two(text, hours).append(':');
        two(text, minutes).append(':');
        two(text, seconds);
        if (micros != 0) {
            String fraction = String.valueOf(1_000_000 + micros).substring(1);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text;
    }

    private static StringBuilder two(StringBuilder text, long value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }

    /** The time of day {@code micros} after midnight. */
    public static java.time.LocalTime time(long micros) {
        return java.time.LocalTime.ofNanoOfDay(micros * 1000);
    }

    public static long micros(Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000);
    }

    /**
     * A timestamp as SQL writes one (DuckDB's reading of text): a date as {@link #parseDate} reads
     * it, then optionally its time of day after a {@code T} or spaces: {@code h:m[:s[.fraction]]},
     * each field in one or two digits, digits past the microsecond dropped, {@code 24:00:00} the
     * next day's midnight. A date alone is its midnight.
     *
     * @throws java.time.format.DateTimeParseException where the text is none (a time zone or
     *     offset after the time included: a TIMESTAMP has none, and dropping it would change the
     *     value)
     */
    public static LocalDateTime parseTimestamp(String text) {
        return new DateText(text).timestamp();
    }

    /**
     * A date as SQL writes one (DuckDB's reading of text): white space, an optional {@code -}, the
     * year's digits, then the month and the day in one or two digits each, after the same separator
     * ({@code -}, {@code /}, {@code \\} or a space) each time; {@code " (BC)"} right after it for a
     * year before Christ. Then nothing but white space, or after white space or a {@code T} whatever
     * follows (a time of day, as a timestamp's text has one), which is not part of the date and is
     * passed over, as DuckDB passes over it; anything else right after the date is refused.
     *
     * @throws java.time.format.DateTimeParseException where the text is none
     */
    public static LocalDate parseDate(String text) {
        DateText scanner = new DateText(text);
        LocalDate date = scanner.date();
        scanner.afterDate();
        return date;
    }

    /** A reading of a date's or timestamp's text, left to right. */
    private static final class DateText {
        private final String text;
        private int at;

        DateText(String text) {
            this.text = text;
        }

        LocalDateTime timestamp() {
            LocalDate date = date();
            long micros = time();
            LocalDateTime timestamp = date.atStartOfDay().plusNanos(micros * 1000);
            try {
                micros(timestamp);
            } catch (ArithmeticException e) {
                throw refused("a timestamp within the TIMESTAMP range (microseconds since 1970 in 64 bits)");
            }
            return timestamp;
        }

        LocalDate date() {
            skipSpaces();
            boolean negative = at < text.length() && text.charAt(at) == '-';
            if (negative) {
                at++;
            }
            int yearStart = at;
            long year = 0;
            while (at < text.length() && isDigit(text.charAt(at))) {
                if (at - yearStart == 9) {
                    throw refused("a year of at most 9 digits");
                }
                year = year * 10 + (text.charAt(at) - '0');
                at++;
            }
            if (at == yearStart) {
                throw refused("a year");
            }
            char separator = at < text.length() ? text.charAt(at) : 0;
            if (separator != '-' && separator != '/' && separator != '\\' && separator != ' ') {
                throw refused("'-' after the year");
            }
            at++;
            int month = twoDigits("a month");
            if (at >= text.length() || text.charAt(at) != separator) {
                throw refused("'" + separator + "' after the month");
            }
            at++;
            int day = twoDigits("a day");
            long signedYear = negative ? -year : year;
            if (text.startsWith(" (BC)", at) || text.startsWith(" (bc)", at)) {
                if (negative || year < 1) {
                    throw refused("a year before Christ of 1 or more");
                }
                at += 5;
                signedYear = 1 - year;
            }
            LocalDate date;
            try {
                date = LocalDate.of(Math.toIntExact(signedYear), month, day);
            } catch (java.time.DateTimeException | ArithmeticException e) {
                throw refused("a day of the calendar");
            }
            if (date.toEpochDay() != (int) date.toEpochDay()) {
                throw refused("a date within the DATE range (days since 1970 in 32 bits)");
            }
            return date;
        }

        /** What may follow a date's text: nothing, or white space or {@code T} and then anything. */
        void afterDate() {
            if (at < text.length() && !isSpace(text.charAt(at)) && text.charAt(at) != 'T') {
                throw refused("the end of the date, or a time of day after 'T' or a space");
            }
            at = text.length();
        }

        /**
         * The time of day after the date, as microseconds (0 where there is none), up to the text's
         * end; no white space after it, as DuckDB reads a timestamp.
         */
        long time() {
            int end = text.length();
            if (at == end) {
                return 0;
            }
            boolean t = text.charAt(at) == 'T';
            if (t) {
                at++;
            }
            int spaces = at;
            skipSpaces();
            if (!t && at == spaces) {
                throw refused("the end of the date, or a time of day after 'T' or a space");
            }
            int hour = twoDigits("an hour");
            expect(':', "':' after the hour");
            int minute = twoDigits("minutes");
            int second = 0;
            long micros = 0;
            if (at < end && text.charAt(at) == ':') {
                at++;
                second = twoDigits("seconds");
                if (at < end && text.charAt(at) == '.') {
                    at++;
                    long scale = 100_000;
                    while (at < end && isDigit(text.charAt(at))) {
                        micros += (text.charAt(at) - '0') * scale;
                        scale /= 10;
                        at++;
                    }
                }
            }
            if (at != end) {
                throw refused("the end of the time of day");
            }
            at = text.length();
            if (hour == 24 && minute == 0 && second == 0 && micros == 0) {
                return 86_400_000_000L;
            }
            if (hour > 23 || minute > 59 || second > 59) {
                throw refused("a time of day");
            }
            return ((hour * 60L + minute) * 60 + second) * 1_000_000L + micros;
        }

        private int twoDigits(String what) {
            int start = at;
            int value = 0;
            while (at < text.length() && isDigit(text.charAt(at)) && at - start < 2) {
                value = value * 10 + (text.charAt(at) - '0');
                at++;
            }
            if (at == start || at < text.length() && isDigit(text.charAt(at))) {
                at = start;
                throw refused(what + " in one or two digits");
            }
            return value;
        }

        private void expect(char c, String what) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw refused(what);
            }
            at++;
        }

        private void skipSpaces() {
            while (at < text.length() && isSpace(text.charAt(at))) {
                at++;
            }
        }

        /** White space as C's isspace: space, tab, line feed, vertical tab, form feed, carriage return. */
        private static boolean isSpace(char c) {
            return c == ' ' || c >= '\t' && c <= '\r';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private java.time.format.DateTimeParseException refused(String expected) {
            return new java.time.format.DateTimeParseException("'" + text + "' is not a date or timestamp: expected "
                    + expected + " at character " + (at + 1), text, Math.min(at, text.length()));
        }
    }

    /**
     * A time of day as SQL writes one: {@code hh:mm[:ss[.fraction]]}, the hours in one or two
     * digits (DuckDB reads {@code 9:05} too).
     *
     * @throws java.time.format.DateTimeParseException where the text is none
     */
    public static java.time.LocalTime parseTime(String text) {
        return java.time.LocalTime.parse(text.length() > 1 && text.charAt(1) == ':' ? "0" + text : text);
    }

    public static LocalDateTime datetime(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }
}
