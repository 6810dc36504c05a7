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
     * A timestamp written as SQL writes one: {@code yyyy-mm-dd hh:mm[:ss[.fraction]]} (a space or
     * {@code T} between), or a date alone ({@code yyyy-mm-dd}, at midnight), as DuckDB reads them.
     *
     * @throws java.time.format.DateTimeParseException where the text is neither
     */
    public static LocalDateTime parseTimestamp(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        return LocalDateTime.parse(text.replace(' ', 'T'));
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
