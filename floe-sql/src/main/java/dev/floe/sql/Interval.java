package dev.floe.sql;

import dev.floe.frame.column.IntervalText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * An {@code INTERVAL} written in the query, as SQL (and DuckDB) holds one: whole months, days
 * and microseconds, kept apart because a month and a day have no fixed length. Added to a date
 * or timestamp, the months go first, then the days, then the microseconds.
 */
record Interval(long months, long days, long micros) {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * The interval {@code amount unit}, or, when {@code unit} is null, a text such as
     * {@code '1 year 2 months'} or {@code '1 day 01:30:00'}, read as a cast of text to an interval
     * reads it ({@link IntervalText}); null if the text is not one.
     */
    static Interval parse(String amount, String unit) {
        if (unit != null) {
            return of(amount.strip(), unit);
        }
        IntervalText reader = new IntervalText();
        return reader.read(amount) ? new Interval(reader.months(), reader.days(), reader.micros()) : null;
    }

    private static Interval of(String amount, String unit) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            return null;
        }
        String name = unit.toLowerCase(Locale.ROOT);
        if (name.endsWith("s") && name.length() > 1 && !name.equals("ms") && !name.equals("us")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            return switch (name) {
                case "year" -> months(value.multiply(BigDecimal.valueOf(12)));
                case "quarter" -> months(value.multiply(BigDecimal.valueOf(3)));
                case "month", "mon" -> months(value);
                case "week" -> days(value.multiply(BigDecimal.valueOf(7)));
                case "day" -> days(value);
                case "hour" -> micros(value.multiply(BigDecimal.valueOf(3_600_000_000L)));
                case "minute", "min" -> micros(value.multiply(BigDecimal.valueOf(60_000_000L)));
                case "second", "sec" -> micros(value.multiply(BigDecimal.valueOf(1_000_000L)));
                case "millisecond", "ms", "msec" -> micros(value.multiply(BigDecimal.valueOf(1_000L)));
                case "microsecond", "us", "usec" -> micros(value);
                default -> null;
            };
        } catch (ArithmeticException e) {
            return null; // a fraction of a month, or a number too large
        }
    }

    private static Interval months(BigDecimal value) {
        return new Interval(value.longValueExact(), 0, 0);
    }

    /** Whole days, and a fraction of one as microseconds (1.5 days are 1 day and 12 hours). */
    private static Interval days(BigDecimal value) {
        BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
        return new Interval(0, whole.longValueExact(),
                value.subtract(whole).multiply(BigDecimal.valueOf(MICROS_PER_DAY)).setScale(0, RoundingMode.HALF_UP)
                        .longValueExact());
    }

    private static Interval micros(BigDecimal value) {
        return new Interval(0, 0, value.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    Interval plus(Interval other) {
        return new Interval(Math.addExact(months, other.months), Math.addExact(days, other.days),
                Math.addExact(micros, other.micros));
    }

    Interval negated() {
        return new Interval(Math.negateExact(months), Math.negateExact(days), Math.negateExact(micros));
    }

    /** {@code point} moved by this interval: months first, then days, then microseconds. */
    LocalDateTime addTo(LocalDateTime point) {
        // microseconds as such: in nanoseconds a span of some 292 years would overflow
        return point.plusMonths(months).plusDays(days).plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    /** The days and microseconds as one span (without the months). */
    java.time.Duration span() {
        java.time.Duration span = java.time.Duration.ofDays(days).plus(java.time.Duration.of(micros,
                java.time.temporal.ChronoUnit.MICROS));
        try {
            dev.floe.frame.column.Temporals.micros(span);
        } catch (ArithmeticException e) {
            // a duration is a long of microseconds
            throw new dev.floe.frame.OutOfRangeException("out of range: an INTERVAL of " + days + " days and " + micros
                    + " microseconds is past the durations Floe holds (about 106751991 days either way)");
        }
        return span;
    }
}
