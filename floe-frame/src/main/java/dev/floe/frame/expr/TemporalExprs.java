package dev.floe.frame.expr;

import java.util.List;

/**
 * The date functions of a {@code date} or {@code datetime} expression: {@code col("when").dt().year()},
 * {@code col("when").dt().truncate("month")}. They follow DuckDB's functions of the same names;
 * the calendar is the proleptic Gregorian one, year 0 being 1 BC.
 */
public final class TemporalExprs {
    private final Expr input;

    TemporalExprs(Expr input) {
        this.input = input;
    }

    private Expr call(ScalarFunction function) {
        return new Call(function, input, List.of());
    }

    public Expr year() {
        return call(ScalarFunction.YEAR);
    }

    /** 1 to 12. */
    public Expr month() {
        return call(ScalarFunction.MONTH);
    }

    /** The day of the month, 1 to 31. */
    public Expr day() {
        return call(ScalarFunction.DAY);
    }

    /** 0 to 23 ({@code datetime} only). */
    public Expr hour() {
        return call(ScalarFunction.HOUR);
    }

    /** 0 to 59 ({@code datetime} only). */
    public Expr minute() {
        return call(ScalarFunction.MINUTE);
    }

    /** 0 to 59, the fraction left out ({@code datetime} only). */
    public Expr second() {
        return call(ScalarFunction.SECOND);
    }

    /** The seconds of the minute in milliseconds, 0 to 59999 ({@code datetime} only), as DuckDB's. */
    public Expr millisecond() {
        return call(ScalarFunction.MILLISECOND);
    }

    /** The seconds of the minute in microseconds, 0 to 59999999 ({@code datetime} only), as DuckDB's. */
    public Expr microsecond() {
        return call(ScalarFunction.MICROSECOND);
    }

    /** 1 to 4. */
    public Expr quarter() {
        return call(ScalarFunction.QUARTER);
    }

    /** The day of the week, 0 (Sunday) to 6 (Saturday), as SQL's {@code dayofweek}. */
    public Expr weekday() {
        return call(ScalarFunction.WEEKDAY);
    }

    /** The ISO day of the week, 1 (Monday) to 7 (Sunday). */
    public Expr isoWeekday() {
        return call(ScalarFunction.ISO_WEEKDAY);
    }

    /** 1 to 366. */
    public Expr dayOfYear() {
        return call(ScalarFunction.DAY_OF_YEAR);
    }

    /** The ISO week, 1 to 53: weeks begin on Monday, and week 1 holds the year's first Thursday. */
    public Expr isoWeek() {
        return call(ScalarFunction.ISO_WEEK);
    }

    /** The year the ISO week belongs to (2020 for 2021-01-03). */
    public Expr isoYear() {
        return call(ScalarFunction.ISO_YEAR);
    }

    /** The year divided by 10, rounded toward zero. */
    public Expr decade() {
        return call(ScalarFunction.DECADE);
    }

    /** The century: 20 for 1901 to 2000; -1 for the years 0 to -99. */
    public Expr century() {
        return call(ScalarFunction.CENTURY);
    }

    /** The millennium: 2 for 1001 to 2000; -1 for the years 0 to -999. */
    public Expr millennium() {
        return call(ScalarFunction.MILLENNIUM);
    }

    /** Seconds since 1970-01-01 00:00:00, with the fraction: an {@code f64}. */
    public Expr epoch() {
        return call(ScalarFunction.EPOCH);
    }

    /**
     * The value cut down to the start of its {@code unit} (a {@link DateUnit} name: {@code "month"},
     * {@code "week"} for the Monday, {@code "hour"}, ...): a {@code datetime}, for a date too. The
     * decade, century and millennium begin at a year that is a multiple of 10, 100 and 1000, the
     * year counted toward zero (as DuckDB's {@code date_trunc}).
     */
    public Expr truncate(String unit) {
        return new Call(ScalarFunction.TRUNCATE, input, List.of(DateUnit.of(unit)));
    }

    /**
     * The start of the bucket of width {@code every} that holds the value (Polars'
     * {@code dt.truncate("15m")}, SQL's {@code time_bucket}): buckets laid end to end from
     * 2000-01-03T00:00 (a Monday, so that buckets of days and weeks start on Mondays, as DuckDB
     * lays them): a {@code datetime}, for a date too.
     */
    public Expr bucket(java.time.Duration every) {
        return bucket(every, java.time.LocalDateTime.of(2000, 1, 3, 0, 0));
    }

    /**
     * As {@link #bucket(java.time.Duration)}, the buckets laid from {@code origin} (a date or
     * datetime, or an expression of one).
     */
    public Expr bucket(java.time.Duration every, Object origin) {
        long span = dev.floe.frame.column.Temporals.micros(every);
        if (span <= 0) {
            throw new IllegalArgumentException("a bucket's width must be above 0, not " + every);
        }
        Expr from = Exprs.wrap(origin);
        // microseconds since the origin, down to a multiple of the width (floor division: before the origin too)
        Expr since = input.sub(from).cast(dev.floe.frame.DataType.INT64);
        return from.cast(dev.floe.frame.DataType.DATETIME).add(since.floorDiv(span).mul(span)
                .cast(dev.floe.frame.DataType.DURATION));
    }

    /**
     * The first day of the bucket of {@code months} months that holds the value, buckets laid
     * from January 2000 (SQL's {@code time_bucket(INTERVAL 3 MONTH, x)}): a {@code datetime} at
     * midnight, for a date too.
     */
    public Expr bucketMonths(int months) {
        if (months <= 0) {
            throw new IllegalArgumentException("a bucket's width must be above 0 months, not " + months);
        }
        Expr since = year().cast(dev.floe.frame.DataType.INT64).mul(12).add(month().cast(dev.floe.frame.DataType.INT64))
                .sub(12 * 2000 + 1);
        Expr first = since.floorDiv(months).mul(months).add(12 * 2000);
        return Exprs.makeDate(first.floorDiv(12), first.mod(12).add(1), 1).cast(dev.floe.frame.DataType.DATETIME);
    }

    /** The last day of the value's month: a {@code date}. */
    public Expr monthEnd() {
        return call(ScalarFunction.MONTH_END);
    }

    /**
     * The boundaries of {@code unit} crossed from this value to {@code end}, as DuckDB's {@code
     * date_diff}: 1 month from 2024-01-31 to 2024-02-01. An {@code i64}; negative where {@code end}
     * is earlier. The week, unlike the others, counts whole weeks of days between the dates. The
     * decade, century and millennium count by the year divided toward zero, and the quarter by the
     * months since year 0 divided toward zero, as DuckDB does.
     */
    public Expr diff(String unit, Expr end) {
        return new MultiCall(ScalarFunction.DATE_DIFF, List.of(input, end), List.of(DateUnit.of(unit)));
    }

    /**
     * The whole units from this value to {@code end}, as DuckDB's {@code date_sub}: 0 months from
     * 2024-01-31 to 2024-02-28, 1 to 2024-02-29 (the end month's last day). An {@code i64}; from a
     * later value to an earlier one, the same count negated.
     */
    public Expr elapsed(String unit, Expr end) {
        return new MultiCall(ScalarFunction.DATE_ELAPSED, List.of(input, end), List.of(DateUnit.of(unit)));
    }

    /**
     * The value as text in {@code format}, DuckDB's {@code strftime} codes: {@code %Y %y %m %-m %d
     * %-d %j %-j %H %-H %I %-I %M %-M %S %-S %f %g %p %b %B %a %A %u %w %G %V %c %x %X %z %Z %%}.
     * Any other code is refused, and so is {@code %G} of a date before ISO year 0, which DuckDB writes wrongly.
     */
    public Expr format(String format) {
        DateFormat.compile(java.util.Objects.requireNonNull(format, "format is null"));
        return new Call(ScalarFunction.STRFTIME, input, List.of(format));
    }
}
