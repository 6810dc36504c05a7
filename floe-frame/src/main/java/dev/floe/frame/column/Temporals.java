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

    public static LocalDateTime datetime(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }
}
