package dev.floe.spark;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.floe.frame.DataType;
import dev.floe.frame.expr.DateUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Floe's date and time functions on Spark, computed as Floe computes them: on day numbers and
 * microseconds since 1970 (Spark's session is in UTC, so a datetime's instant is its wall time),
 * with Spark's calendar functions only where they agree with Floe's (year, month, day of a date;
 * adding months, which keeps the day or takes the month's last; truncating to a month, quarter or
 * year). Integer divisions truncate toward zero and floor divisions are written out, as in Floe.
 */
final class TemporalFunctions {
    static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MICROS_PER_MINUTE = 60_000_000L;

    private TemporalFunctions() {}

    /** Microseconds since 1970 of a date (its midnight) or a datetime. */
    static Column micros(Column value, DataType type) {
        return type == DataType.DATETIME ? functions.unix_micros(value.cast(DataTypes.TimestampType))
                : functions.unix_date(value).cast(DataTypes.LongType).multiply(lit(MICROS_PER_DAY));
    }

    /** The day of a date or datetime, as a date. */
    static Column date(Column value) {
        return value.cast(DataTypes.DateType); // a datetime's wall-clock day, before 1970 too
    }

    /** A datetime of so many microseconds since 1970. */
    static Column datetime(Column micros) {
        return functions.timestamp_micros(micros).cast(DataTypes.TimestampNTZType);
    }

    /** {@code a / b} of integers, truncated toward zero (Java's and Floe's {@code /}). */
    static Column div(Column a, Column b) {
        return functions.call_function("div", a, b);
    }

    /** {@code a} rounded down to a multiple of the positive {@code unit} (Java's {@code a - floorMod(a, unit)}). */
    private static Column floorTo(Column a, long unit) {
        return a.minus(functions.pmod(a, lit(unit)));
    }

    /** The milliseconds of the minute, 0 to 59999. */
    static Column millisecond(Column value, DataType type) {
        return div(functions.pmod(micros(value, type), lit(MICROS_PER_MINUTE)), lit(1_000L));
    }

    /** The microseconds of the minute, 0 to 59999999. */
    static Column microsecond(Column value, DataType type) {
        return functions.pmod(micros(value, type), lit(MICROS_PER_MINUTE));
    }

    /** The decade ({@code year / 10}), century or millennium (from 1; before year 1 from -1) of a value. */
    static Column yearPart(Column value, long length, boolean fromOne) {
        Column year = functions.year(date(value)).cast(DataTypes.LongType);
        if (!fromOne) {
            return div(year, lit(length));
        }
        return when(year.gt(0), div(year.minus(1), lit(length)).plus(1))
                .otherwise(div(year.multiply(-1), lit(length)).multiply(-1).minus(1));
    }

    /** The year the value's ISO week belongs to: the year of that week's Thursday. */
    static Column isoYear(Column value) {
        Column day = date(value);
        return functions.year(functions.date_add(day, lit(3).minus(functions.weekday(day))));
    }

    /** The value cut down to the start of its unit, a datetime. */
    static Column truncate(Column value, DataType type, DateUnit unit) {
        Column micros = micros(value, type);
        Column day = date(value);
        Column out = switch (unit) {
            case MICROSECOND -> micros;
            case MILLISECOND -> floorTo(micros, 1_000L);
            case SECOND -> floorTo(micros, 1_000_000L);
            case MINUTE -> floorTo(micros, MICROS_PER_MINUTE);
            case HOUR -> floorTo(micros, 3_600_000_000L);
            case DAY -> floorTo(micros, MICROS_PER_DAY);
            // from the ISO week's Monday
            case WEEK -> dayMicros(functions.date_sub(day, functions.weekday(day)));
            case MONTH -> dayMicros(functions.trunc(day, "MM"));
            case QUARTER -> dayMicros(functions.trunc(day, "QUARTER"));
            case YEAR -> dayMicros(functions.trunc(day, "YEAR"));
            case DECADE, CENTURY, MILLENNIUM -> {
                long length = unit == DateUnit.DECADE ? 10 : unit == DateUnit.CENTURY ? 100 : 1_000;
                Column year = div(functions.year(day).cast(DataTypes.LongType), lit(length)).multiply(length);
                yield dayMicros(functions.make_date(year.cast(DataTypes.IntegerType), lit(1), lit(1)));
            }
        };
        return datetime(out);
    }

    private static Column dayMicros(Column date) {
        return functions.unix_date(date).cast(DataTypes.LongType).multiply(lit(MICROS_PER_DAY));
    }

    /** {@code months} months after the value: the day kept, or the new month's last day; the time kept; a datetime. */
    static Column addMonths(Column value, DataType type, int months) {
        Column micros = micros(value, type);
        Column time = functions.pmod(micros, lit(MICROS_PER_DAY));
        return datetime(dayMicros(functions.add_months(date(value), months)).plus(time));
    }

    /**
     * The boundaries of {@code unit} crossed from {@code from} to {@code to}, or ({@code elapsed})
     * the whole units between them, as Floe counts them (DuckDB's {@code date_diff} and
     * {@code date_sub}).
     */
    static Column diff(DateUnit unit, Column from, DataType fromType, Column to, DataType toType, boolean elapsed) {
        if (fromType == DataType.NULL || toType == DataType.NULL) {
            return lit(null);
        }
        Column a = micros(from, fromType);
        Column b = micros(to, toType);
        long length = switch (unit) {
            case MILLENNIUM -> 12_000;
            case CENTURY -> 1_200;
            case DECADE -> 120;
            case YEAR -> 12;
            case QUARTER -> 3;
            case MONTH -> 1;
            case WEEK -> 7 * MICROS_PER_DAY;
            case DAY -> MICROS_PER_DAY;
            case HOUR -> 3_600_000_000L;
            case MINUTE -> MICROS_PER_MINUTE;
            case SECOND -> 1_000_000L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1L;
        };
        boolean calendar = switch (unit) {
            case MILLENNIUM, CENTURY, DECADE, YEAR, QUARTER, MONTH -> true;
            default -> false;
        };
        if (elapsed) {
            if (!calendar) {
                return div(b.minus(a), lit(length));
            }
            Column months = when(a.leq(b), elapsedMonths(from, fromType, to, toType))
                    .otherwise(elapsedMonths(to, toType, from, fromType).multiply(-1));
            return div(months, lit(length));
        }
        if (!calendar) {
            if (unit == DateUnit.WEEK) { // whole weeks of days between the days, not Mondays crossed
                return div(floorTo(b, MICROS_PER_DAY).minus(floorTo(a, MICROS_PER_DAY)), lit(length));
            }
            return div(floorTo(b, length).minus(floorTo(a, length)), lit(length));
        }
        Column ya = functions.year(date(from)).cast(DataTypes.LongType);
        Column yb = functions.year(date(to)).cast(DataTypes.LongType);
        Column ma = ya.multiply(12).plus(functions.month(date(from)));
        Column mb = yb.multiply(12).plus(functions.month(date(to)));
        return switch (unit) {
            case MILLENNIUM -> div(yb, lit(1_000L)).minus(div(ya, lit(1_000L)));
            case CENTURY -> div(yb, lit(100L)).minus(div(ya, lit(100L)));
            case DECADE -> div(yb, lit(10L)).minus(div(ya, lit(10L)));
            case YEAR -> yb.minus(ya);
            // the months since year 0 divided toward zero
            case QUARTER -> div(mb.minus(1), lit(3L)).minus(div(ma.minus(1), lit(3L)));
            default -> mb.minus(ma);
        };
    }

    /**
     * The whole months from {@code from} to a later {@code to}: the months between them, less one
     * where {@code to}'s day and time of month come before {@code from}'s; a {@code from} day past
     * the end of {@code to}'s month counts as that month's last day when {@code to} is on it.
     */
    private static Column elapsedMonths(Column from, DataType fromType, Column to, DataType toType) {
        Column a = date(from);
        Column b = date(to);
        Column fromTime = functions.pmod(micros(from, fromType), lit(MICROS_PER_DAY));
        Column toTime = functions.pmod(micros(to, toType), lit(MICROS_PER_DAY));
        Column toDay = functions.dayofmonth(b);
        Column last = functions.dayofmonth(functions.last_day(b));
        Column fromDay = when(toDay.equalTo(last).and(functions.dayofmonth(a).gt(last)), last)
                .otherwise(functions.dayofmonth(a));
        Column months = functions.year(b).cast(DataTypes.LongType).multiply(12).plus(functions.month(b))
                .minus(functions.year(a).cast(DataTypes.LongType).multiply(12).plus(functions.month(a)));
        return when(toDay.lt(fromDay).or(toDay.equalTo(fromDay).and(toTime.lt(fromTime))), months.minus(1))
                .otherwise(months);
    }
}
