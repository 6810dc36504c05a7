package dev.floe.frame.expr;

import java.util.Locale;

/**
 * A calendar or clock unit that dates and datetimes are truncated to or counted in:
 * {@code col("t").dt().truncate("month")}, {@code col("a").dt().diff("day", col("b"))}. Named as
 * in DuckDB, with its abbreviations ({@code "yr"}, {@code "mon"}, {@code "ms"}, ...).
 */
public enum DateUnit {
    MILLENNIUM,
    CENTURY,
    DECADE,
    YEAR,
    QUARTER,
    MONTH,
    /** An ISO week: from a Monday. */
    WEEK,
    DAY,
    HOUR,
    MINUTE,
    SECOND,
    MILLISECOND,
    MICROSECOND;

    /** The unit a name stands for, in any case; an {@link IllegalArgumentException} names one that stands for none. */
    public static DateUnit of(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "millennium", "millennia", "millenniums", "mil", "mils" -> MILLENNIUM;
            case "century", "centuries", "cent", "c" -> CENTURY;
            case "decade", "decades", "dec", "decs" -> DECADE;
            case "year", "years", "yr", "yrs", "y" -> YEAR;
            case "quarter", "quarters" -> QUARTER;
            case "month", "months", "mon", "mons" -> MONTH;
            case "week", "weeks", "w" -> WEEK;
            case "day", "days", "d", "dayofmonth" -> DAY;
            case "hour", "hours", "hr", "hrs", "h" -> HOUR;
            case "minute", "minutes", "min", "mins", "m" -> MINUTE;
            case "second", "seconds", "sec", "secs", "s" -> SECOND;
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> MILLISECOND;
            case "microsecond", "microseconds", "us", "usec", "usecs" -> MICROSECOND;
            default -> throw new IllegalArgumentException("unknown date unit \"" + name + "\"; the units are "
                    + "millennium, century, decade, year, quarter, month, week, day, hour, minute, second, "
                    + "millisecond and microsecond");
        };
    }

    /** The unit's name in lower case, as SQL writes it. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
