package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The date functions of {@code dt()} against java.time over random dates and datetimes, years
 * before 1970 and before year 1 among them (java.time's year 0 is 1 BC, as DuckDB's); the SQL
 * spec corpus checks the same functions against DuckDB itself.
 */
class TemporalFunctionsTest {
    private static final int ROWS = 3000;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final String[] UNITS = {"millennium", "century", "decade", "year", "quarter", "month", "week", "day",
            "hour", "minute", "second", "millisecond", "microsecond"};

    private final List<Object> dates = new ArrayList<>();
    private final List<Object> moments = new ArrayList<>();
    private final List<Object> others = new ArrayList<>();
    private final DataFrame frame;

    TemporalFunctionsTest() {
        SplittableRandom random = new SplittableRandom(20_240_229);
        for (int i = 0; i < ROWS; i++) {
            dates.add(LocalDate.ofEpochDay(random.nextLong(-800_000, 800_000)));
            moments.add(moment(random));
            // near the first value half of the time, so that short spans and month ends come up
            others.add(random.nextBoolean() ? moment(random) : ((LocalDateTime) moments.get(i))
                    .plusDays(random.nextInt(-70, 70)).plusMinutes(random.nextInt(-3000, 3000))
                    .withDayOfMonth(1).plusMonths(1).minusDays(random.nextInt(0, 3))
                    .plusNanos(random.nextLong(-5_000_000_000L, 5_000_000_000L) / 1000 * 1000));
        }
        // the edges: month ends, leap days, the turn of a year across ISO weeks, 1970, year 0
        for (String text : List.of("2024-01-31T10:00", "2024-02-29T09:00", "2023-02-28T23:59:59.999999",
                "2024-12-30T00:00", "2021-01-03T12:00", "1970-01-01T00:00", "1969-12-31T23:59:59.5", "0000-03-01T00:00",
                "-0001-12-31T23:00", "2000-02-29T00:00", "1900-02-28T12:00")) {
            LocalDateTime t = LocalDateTime.parse(text);
            dates.add(t.toLocalDate());
            moments.add(t);
            others.add(t.plusMonths(1).withDayOfMonth(1).minusDays(1));
        }
        dates.add(null);
        moments.add(null);
        others.add(null);
        frame = DataFrame.of(Series.of("d", dates), Series.of("t", moments), Series.of("u", others));
    }

    private static LocalDateTime moment(SplittableRandom random) {
        long micros = random.nextLong(-800_000L * MICROS_PER_DAY, 800_000L * MICROS_PER_DAY);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** The column an expression gives over the frame. */
    private List<Object> values(Expr expr) {
        DataFrame out = frame.select(expr.alias("v"));
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < out.height(); i++) {
            values.add(out.row(i).toList().get(0));
        }
        return values;
    }

    private static <T> List<Object> expected(List<Object> inputs, Function<T, Object> reference) {
        List<Object> out = new ArrayList<>();
        for (Object input : inputs) {
            @SuppressWarnings("unchecked")
            T value = (T) input;
            out.add(value == null ? null : reference.apply(value));
        }
        return out;
    }

    private void check(String name, Expr expr, List<Object> inputs, Function<LocalDateTime, Object> reference) {
        List<Object> asMoments = new ArrayList<>();
        for (Object input : inputs) {
            asMoments.add(input instanceof LocalDate date ? date.atStartOfDay() : input);
        }
        List<Object> actual = values(expr);
        List<Object> wanted = expected(asMoments, reference);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("%s of %s", name, inputs.get(i)).isEqualTo(wanted.get(i));
        }
    }

    private static int century(int year, int length) {
        // counted from year 1: 1 to 100 are century 1; year 0 and the years before it count down from -1
        return year >= 1 ? Math.floorDiv(year - 1, length) + 1 : -(Math.floorDiv(-year, length) + 1);
    }

    @Test
    void theEpochOfADurationIsItsSecondsAndItsOtherPartsAreRefused() {
        DataFrame spans = DataFrame.of(Series.of("u", DataType.DURATION, java.util.Arrays.asList(
                java.time.Duration.ofHours(36), java.time.Duration.ofMillis(-1_500), null)));
        assertThat(spans.lazy().select(col("u").dt().epoch().alias("e")).collect().column("e").toList())
                .containsExactly(129_600.0, -1.5, null);
        assertThatThrownBy(() -> spans.lazy().select(col("u").dt().hour()).collect())
                .hasMessageContaining("a duration is a count of microseconds").hasMessageContaining("dt.epoch()");
    }

    @Test
    void bucketsStartAtMultiplesOfTheirWidthFromTheirOrigin() {
        DataFrame df = DataFrame.of(Series.of("t", Arrays.asList(LocalDateTime.of(2024, 1, 1, 10, 7), LocalDateTime.of(1969, 7, 20, 20, 17, 40),
                null, LocalDateTime.of(2024, 2, 29, 0, 0))), Series.of("d", Arrays.asList(LocalDate.of(2024, 1, 10),
                LocalDate.of(1999, 12, 31), null, LocalDate.of(2024, 2, 29))));
        DataFrame out = df.select(col("t").dt().bucket(java.time.Duration.ofMinutes(15)).alias("quarter_hour"),
                col("t").dt().bucket(java.time.Duration.ofDays(7)).alias("week"),
                col("t").dt().bucket(java.time.Duration.ofHours(1), LocalDateTime.of(2024, 1, 1, 0, 30)).alias("half_past"),
                col("d").dt().bucket(java.time.Duration.ofDays(10)).alias("tens"),
                col("t").dt().bucketMonths(3).alias("quarter"), col("d").dt().bucketMonths(12).alias("year"));
        assertThat(out.column("quarter_hour").toList()).containsExactly(LocalDateTime.of(2024, 1, 1, 10, 0),
                LocalDateTime.of(1969, 7, 20, 20, 15), null, LocalDateTime.of(2024, 2, 29, 0, 0));
        // weeks from Monday 2000-01-03: each a Monday, before 2000 too
        for (Object week : out.column("week").toList()) {
            if (week != null) {
                assertThat(((LocalDateTime) week).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
                assertThat(((LocalDateTime) week).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
            }
        }
        assertThat(out.column("week").get(1)).isEqualTo(LocalDateTime.of(1969, 7, 14, 0, 0));
        assertThat(out.column("half_past").toList()).containsExactly(LocalDateTime.of(2024, 1, 1, 9, 30),
                LocalDateTime.of(1969, 7, 20, 19, 30), null, LocalDateTime.of(2024, 2, 28, 23, 30));
        assertThat(out.column("tens").get(1)).isEqualTo(LocalDateTime.of(1999, 12, 24, 0, 0));
        assertThat(out.column("quarter").toList()).containsExactly(LocalDateTime.of(2024, 1, 1, 0, 0),
                LocalDateTime.of(1969, 7, 1, 0, 0), null, LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(out.column("year").toList()).containsExactly(LocalDateTime.of(2024, 1, 1, 0, 0),
                LocalDateTime.of(1999, 1, 1, 0, 0), null, LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThatThrownBy(() -> col("t").dt().bucket(java.time.Duration.ZERO)).hasMessageContaining("above 0");
    }

    @Test
    void timesOfDayHoldMicrosecondsAndSortGroupJoinAndCast() {
        java.time.LocalTime nine = java.time.LocalTime.of(9, 0);
        java.time.LocalTime late = java.time.LocalTime.of(23, 59, 59, 999_999_000);
        List<java.time.LocalTime> times = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 3000; i++) { // past the radix sort's threshold
            times.add(i % 50 == 0 ? null : java.time.LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000));
        }
        times.set(1, nine);
        times.set(2, late);
        DataFrame df = DataFrame.of(Series.of("t", times));
        assertThat(df.schema().type("t")).isEqualTo(DataType.TIME);
        List<Object> sorted = df.sort("t").column("t").toList();
        List<java.time.LocalTime> expected = new ArrayList<>(times.stream().filter(java.util.Objects::nonNull).sorted().toList());
        int nulls = times.size() - expected.size(); // first, as Polars sorts
        assertThat(sorted.subList(0, nulls)).containsOnlyNulls();
        assertThat(sorted.subList(nulls, sorted.size())).isEqualTo(new ArrayList<Object>(expected));
        DataFrame parts = df.filter(col("t").eq(Exprs.lit(late))).select(col("t").dt().hour().alias("h"),
                col("t").dt().minute().alias("m"), col("t").dt().second().alias("s"),
                col("t").dt().microsecond().alias("us"), col("t").cast(DataType.UTF8).alias("text"),
                col("t").cast(DataType.INT64).alias("micros"), col("t").sub(Exprs.lit(nine)).alias("since"));
        assertThat(parts.row(0).toList()).containsExactly(23, 59, 59, 59_999_999, "23:59:59.999999", 86_399_999_999L,
                java.time.Duration.ofNanos(late.toNanoOfDay() - nine.toNanoOfDay()));
        // text and datetimes to times; a time that is none fails naming it
        DataFrame cast = DataFrame.of(Series.of("s", Arrays.asList("9:05", "13:45:30.25", null, "24:00")),
                Series.of("d", Arrays.asList(LocalDateTime.of(2024, 1, 1, 7, 30), null, LocalDateTime.of(1969, 12, 31, 23, 0),
                        null))).select(col("s").tryCast(DataType.TIME), col("d").cast(DataType.TIME));
        assertThat(cast.column("s").toList()).containsExactly(java.time.LocalTime.of(9, 5),
                java.time.LocalTime.of(13, 45, 30, 250_000_000), null, null);
        assertThat(cast.column("d").toList()).containsExactly(java.time.LocalTime.of(7, 30), null,
                java.time.LocalTime.of(23, 0), null);
        assertThatThrownBy(() -> DataFrame.of(Series.of("s", List.of("25:00"))).select(col("s").cast(DataType.TIME)))
                .hasMessageContaining("cannot cast \"25:00\" to time[μs] at row 0");
        assertThat(df.groupBy("t").agg(Exprs.len()).filter(col("t").eq(Exprs.lit(nine))).column("len").get(0)).isEqualTo(1L);
        assertThat(df.head(3).toString()).contains("09:00:00").contains("23:59:59.999999");
        // moved by a duration, on the clock: past midnight it comes round, either way
        DataFrame moved = df.filter(col("t").eq(Exprs.lit(late))).select(
                col("t").add(Exprs.lit(java.time.Duration.ofHours(1))).alias("later"),
                col("t").sub(Exprs.lit(java.time.Duration.ofDays(3).plusHours(24))).alias("same"),
                Exprs.lit(java.time.Duration.ofMinutes(-1)).add(col("t")).alias("earlier"));
        assertThat(moved.row(0).toList()).containsExactly(java.time.LocalTime.of(0, 59, 59, 999_999_000), late,
                java.time.LocalTime.of(23, 58, 59, 999_999_000));
        assertThatThrownBy(() -> df.select(col("t").add(col("t")))).hasMessageContaining("cannot apply '+' to time[μs] and time[μs]");
        DataFrame made = DataFrame.of(Series.of("h", 9L, 23L, 10L), Series.of("m", 5L, 59L, 0L), Series.of("s", 1.5, 59.9999994, 60.0))
                .select(Exprs.makeTime(col("h"), col("m"), col("s")).alias("t"));
        assertThat(made.column("t").toList()).containsExactly(java.time.LocalTime.of(9, 5, 1, 500_000_000),
                java.time.LocalTime.of(23, 59, 59, 999_999_000), java.time.LocalTime.of(10, 1));
        assertThatThrownBy(() -> DataFrame.of(Series.of("h", 23L)).select(Exprs.makeTime(col("h"), 59, 60.0)))
                .hasMessageContaining("make_time(23, 59, 60.0) is not a time of day (row 0)");
    }

    @Test
    void textCastsToDurationsAsSqlReadsIntervals() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("1 day 01:30:00", "2 hours 30 minutes", "1.5h", "-1 week",
                "3 days ago", "@1 day", "10:00:00.1234567", null, "1 month", "1 day 1", "1:60", "2 fortnights")));
        DataFrame out = df.select(col("s").tryCast(DataType.DURATION));
        assertThat(out.schema().type("s")).isEqualTo(DataType.DURATION);
        assertThat(out.column("s").toList()).containsExactly(java.time.Duration.parse("PT25H30M"),
                java.time.Duration.parse("PT2H30M"), java.time.Duration.parse("PT1H30M"), java.time.Duration.ofDays(-7),
                java.time.Duration.ofDays(-3), java.time.Duration.ofDays(1), java.time.Duration.parse("PT10H0.123456S"), null,
                null, null, null, null);
        // a strict cast says why: months have no length in microseconds; text after an interval; a unit it does not know
        assertThatThrownBy(() -> df.slice(8, 1).select(col("s").cast(DataType.DURATION)))
                .hasMessageContaining("cannot cast \"1 month\" to duration[μs] at row 0").hasMessageContaining("months or years");
        assertThatThrownBy(() -> df.slice(9, 1).select(col("s").cast(DataType.DURATION)))
                .hasMessageContaining("the amount 1 has no unit");
        assertThatThrownBy(() -> df.slice(10, 1).select(col("s").cast(DataType.DURATION)))
                .hasMessageContaining("below 60");
        assertThatThrownBy(() -> df.slice(11, 1).select(col("s").cast(DataType.DURATION)))
                .hasMessageContaining("unknown unit 'fortnights'");
        // an amount of more whole digits than any unit holds is refused before it is read; leading zeros are no digits
        DataFrame long_ = DataFrame.of(Series.of("s", List.of("9".repeat(100_000) + " days", "0".repeat(30) + "1 days")));
        assertThat(long_.select(col("s").tryCast(DataType.DURATION)).column("s").toList())
                .containsExactly(null, java.time.Duration.ofDays(1));
    }

    @Test
    void datePartsMatchJavaTime() {
        for (String column : List.of("d", "t")) {
            List<Object> inputs = column.equals("d") ? dates : moments;
            check("quarter", col(column).dt().quarter(), inputs, t -> t.get(IsoFields.QUARTER_OF_YEAR));
            check("weekday", col(column).dt().weekday(), inputs, t -> t.getDayOfWeek().getValue() % 7);
            check("isoWeekday", col(column).dt().isoWeekday(), inputs, t -> t.getDayOfWeek().getValue());
            check("dayOfYear", col(column).dt().dayOfYear(), inputs, LocalDateTime::getDayOfYear);
            check("isoWeek", col(column).dt().isoWeek(), inputs, t -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            check("isoYear", col(column).dt().isoYear(), inputs, t -> t.get(IsoFields.WEEK_BASED_YEAR));
            check("decade", col(column).dt().decade(), inputs, t -> (int) (t.getYear() / 10L));
            check("century", col(column).dt().century(), inputs, t -> century(t.getYear(), 100));
            check("millennium", col(column).dt().millennium(), inputs, t -> century(t.getYear(), 1000));
            check("epoch", col(column).dt().epoch(), inputs,
                    t -> ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t) / 1e6);
            check("monthEnd", col(column).dt().monthEnd(), inputs,
                    t -> t.toLocalDate().with(TemporalAdjusters.lastDayOfMonth()));
        }
        check("minute", col("t").dt().minute(), moments, LocalDateTime::getMinute);
        check("second", col("t").dt().second(), moments, LocalDateTime::getSecond);
        check("millisecond", col("t").dt().millisecond(), moments, t -> t.getSecond() * 1000 + t.getNano() / 1_000_000);
        check("microsecond", col("t").dt().microsecond(), moments, t -> t.getSecond() * 1_000_000 + t.getNano() / 1000);
    }

    private static LocalDateTime truncated(LocalDateTime t, String unit) {
        LocalDate date = t.toLocalDate();
        return switch (unit) {
            // the decade, century and millennium begin at a multiple of 10, 100, 1000 years, counted toward zero
            case "millennium" -> LocalDate.of(t.getYear() / 1000 * 1000, 1, 1).atStartOfDay();
            case "century" -> LocalDate.of(t.getYear() / 100 * 100, 1, 1).atStartOfDay();
            case "decade" -> LocalDate.of(t.getYear() / 10 * 10, 1, 1).atStartOfDay();
            case "year" -> date.withDayOfYear(1).atStartOfDay();
            case "quarter" -> date.withMonth((t.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1).atStartOfDay();
            case "month" -> date.withDayOfMonth(1).atStartOfDay();
            case "week" -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "millisecond" -> t.truncatedTo(ChronoUnit.MILLIS);
            default -> t;
        };
    }

    @Test
    void truncateMatchesJavaTime() {
        for (String unit : UNITS) {
            check("truncate " + unit, col("t").dt().truncate(unit), moments, t -> truncated(t, unit));
            check("truncate " + unit, col("d").dt().truncate(unit), dates, t -> truncated(t, unit));
        }
        assertThat(frame.select(col("d").dt().truncate("month")).schema().type("d")).isEqualTo(DataType.DATETIME);
    }

    /** DuckDB's date_diff: the unit's boundaries crossed, by java.time's counts between truncated values. */
    private static long boundaries(LocalDateTime a, LocalDateTime b, String unit) {
        return switch (unit) {
            case "millennium" -> b.getYear() / 1000 - a.getYear() / 1000;
            case "century" -> b.getYear() / 100 - a.getYear() / 100;
            case "decade" -> b.getYear() / 10 - a.getYear() / 10;
            case "year" -> b.getYear() - a.getYear();
            // the months since year 0 divided toward zero, as DuckDB does
            case "quarter" -> YearMonth.from(b).getLong(java.time.temporal.ChronoField.PROLEPTIC_MONTH) / 3
                    - YearMonth.from(a).getLong(java.time.temporal.ChronoField.PROLEPTIC_MONTH) / 3;
            case "month" -> ChronoUnit.MONTHS.between(YearMonth.from(a), YearMonth.from(b));
            case "week" -> ChronoUnit.DAYS.between(a.toLocalDate(), b.toLocalDate()) / 7;
            case "day" -> ChronoUnit.DAYS.between(a.toLocalDate(), b.toLocalDate());
            case "hour" -> ChronoUnit.HOURS.between(a.truncatedTo(ChronoUnit.HOURS), b.truncatedTo(ChronoUnit.HOURS));
            case "minute" -> ChronoUnit.MINUTES.between(a.truncatedTo(ChronoUnit.MINUTES),
                    b.truncatedTo(ChronoUnit.MINUTES));
            case "second" -> ChronoUnit.SECONDS.between(a.truncatedTo(ChronoUnit.SECONDS),
                    b.truncatedTo(ChronoUnit.SECONDS));
            case "millisecond" -> ChronoUnit.MILLIS.between(a.truncatedTo(ChronoUnit.MILLIS),
                    b.truncatedTo(ChronoUnit.MILLIS));
            default -> ChronoUnit.MICROS.between(a, b);
        };
    }

    /** The most months n with a + n months (java.time's: the day kept, or the month's last) not after b. */
    private static long wholeMonths(LocalDateTime a, LocalDateTime b) {
        if (b.isBefore(a)) {
            return -wholeMonths(b, a);
        }
        long n = ChronoUnit.MONTHS.between(YearMonth.from(a), YearMonth.from(b));
        while (a.plusMonths(n).isAfter(b)) {
            n--;
        }
        return n;
    }

    /** DuckDB's date_sub: the whole units from a to b. */
    private static long elapsed(LocalDateTime a, LocalDateTime b, String unit) {
        return switch (unit) {
            case "millennium" -> wholeMonths(a, b) / 12_000;
            case "century" -> wholeMonths(a, b) / 1_200;
            case "decade" -> wholeMonths(a, b) / 120;
            case "year" -> wholeMonths(a, b) / 12;
            case "quarter" -> wholeMonths(a, b) / 3;
            case "month" -> wholeMonths(a, b);
            case "week" -> ChronoUnit.WEEKS.between(a, b);
            case "day" -> ChronoUnit.DAYS.between(a, b);
            case "hour" -> ChronoUnit.HOURS.between(a, b);
            case "minute" -> ChronoUnit.MINUTES.between(a, b);
            case "second" -> ChronoUnit.SECONDS.between(a, b);
            case "millisecond" -> ChronoUnit.MILLIS.between(a, b);
            default -> ChronoUnit.MICROS.between(a, b);
        };
    }

    private void checkSpans(String name, Expr expr, String start, String end,
            java.util.function.BiFunction<LocalDateTime, LocalDateTime, Long> reference) {
        List<Object> actual = values(expr);
        DataFrame pairs = frame.select(col(start), col(end));
        for (int i = 0; i < actual.size(); i++) {
            Object a = pairs.row(i).toList().get(0);
            Object b = pairs.row(i).toList().get(1);
            LocalDateTime from = a instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) a;
            LocalDateTime to = b instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) b;
            Object wanted = from == null || to == null ? null : reference.apply(from, to);
            assertThat(actual.get(i)).as("%s from %s to %s", name, a, b).isEqualTo(wanted);
        }
    }

    @Test
    void diffAndElapsedMatchJavaTime() {
        for (String unit : UNITS) {
            checkSpans("diff " + unit, col("t").dt().diff(unit, col("u")), "t", "u", (a, b) -> boundaries(a, b, unit));
            checkSpans("diff " + unit, col("u").dt().diff(unit, col("t")), "u", "t", (a, b) -> boundaries(a, b, unit));
            checkSpans("elapsed " + unit, col("t").dt().elapsed(unit, col("u")), "t", "u",
                    (a, b) -> elapsed(a, b, unit));
            checkSpans("elapsed " + unit, col("u").dt().elapsed(unit, col("t")), "u", "t",
                    (a, b) -> elapsed(a, b, unit));
            checkSpans("diff " + unit + " of a date", col("d").dt().diff(unit, col("u")), "d", "u",
                    (a, b) -> boundaries(a, b, unit));
        }
        assertThat(frame.select(col("t").dt().diff("day", col("u"))).schema().type("t")).isEqualTo(DataType.INT64);
    }

    @Test
    void formatMatchesJavaTime() {
        // %G before ISO year 0 is refused (DuckDB writes a wrong number there), so only the years from 0 take it
        String format = "%Y-%m-%d %H:%M:%S.%f|%y|%j|%a %A|%b %B|%I %p|%u %w|%G-W%V|%g|%-m/%-d %-H:%-M:%-S %-I|%%";
        List<Object> fromYearZero = new ArrayList<>();
        for (Object value : moments) {
            if (value == null || ((LocalDateTime) value).get(IsoFields.WEEK_BASED_YEAR) >= 0) {
                fromYearZero.add(value);
            }
        }
        DataFrame formatted = DataFrame.of(Series.of("t", fromYearZero)).select(col("t").dt().format(format));
        List<Object> wanted = new ArrayList<>();
        for (Object value : fromYearZero) {
            LocalDateTime t = (LocalDateTime) value;
            if (t == null) {
                wanted.add(null);
                continue;
            }
            int year = t.getYear();
            int micros = t.getNano() / 1000;
            int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            String name = t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            String month = t.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            int isoYear = t.get(IsoFields.WEEK_BASED_YEAR);
            wanted.add(String.format(Locale.ROOT,
                    "%s-%02d-%02d %02d:%02d:%02d.%06d|%02d|%03d|%s %s|%s %s|%02d %s|%d %d|%s-W%02d|%03d|%d/%d %d:%d:%d %d|%%",
                    year < 0 ? "-" + -year : String.format(Locale.ROOT, "%04d", year), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), micros, Math.abs(year % 100),
                    t.getDayOfYear(), name.substring(0, 3), name, month.substring(0, 3), month, hour12,
                    t.getHour() < 12 ? "AM" : "PM", t.getDayOfWeek().getValue(), t.getDayOfWeek().getValue() % 7,
                    isoYear < 0 ? "-" + -isoYear : String.format(Locale.ROOT, "%04d", isoYear),
                    t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), micros / 1000, t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), hour12));
        }
        assertThat(formatted.height()).isGreaterThan(ROWS / 3);
        for (int i = 0; i < formatted.height(); i++) {
            assertThat(formatted.row(i).toList().get(0)).as("%s", fromYearZero.get(i)).isEqualTo(wanted.get(i));
        }
        assertThatThrownBy(() -> col("t").dt().format("%Y %q")).hasMessageContaining("%q");
        assertThatThrownBy(() -> col("t").dt().format("%n|")).hasMessageContaining("%n");
        assertThatThrownBy(() -> DataFrame.of(Series.of("d", List.of(LocalDate.of(-1, 6, 1))))
                .select(col("d").dt().format("%G"))).isInstanceOf(FloeException.class)
                .hasMessageContaining("%G of a date whose ISO year is before year 0");
    }

    @Test
    void toDatetimeReadsWhatFormatWrites() {
        // %Y reads four digits at most, so the years 0 to 9999
        List<Object> fourDigitYears = new ArrayList<>();
        for (Object value : moments) {
            if (value == null || (((LocalDateTime) value).getYear() >= 0 && ((LocalDateTime) value).getYear() <= 9999)) {
                fourDigitYears.add(value);
            }
        }
        DataFrame frame = DataFrame.of(Series.of("t", fourDigitYears));
        for (String format : List.of("%Y-%m-%d %H:%M:%S.%f", "%d/%m/%Y %I:%M:%S.%f %p", "%A %d %B %Y %H%M%S %g",
                "%a, %b %-d %Y %-H:%-M:%-S.%f", "%Y %j %X.%f", "%c.%f")) {
            DataFrame read = frame.select(col("t").dt().format(format).str().toDatetime(format).alias("read"),
                    col("t").dt().format(format).cast(DataType.CATEGORICAL).str().toDatetime(format).alias("cat"));
            for (int i = 0; i < read.height(); i++) {
                LocalDateTime t = (LocalDateTime) fourDigitYears.get(i);
                Object wanted = t == null ? null
                        : format.contains("%g") ? t.truncatedTo(ChronoUnit.MILLIS) : t;
                assertThat(read.row(i).toList()).as("%s by %s", t, format).containsExactly(wanted, wanted);
            }
        }
    }

    @Test
    void toDatetimeFailsOnTextItDoesNotReadOrGivesNull() {
        DataFrame texts = DataFrame.of(Series.of("s", Arrays.asList("2024-02-29", null, " 2023-02-29 ", "29/02/2024")));
        DataFrame tried = texts.select(col("s").str().toDatetime(false, "%Y-%m-%d").alias("one"),
                col("s").str().toDatetime(false, "%Y-%m-%d", "%d/%m/%Y").alias("two"),
                col("s").cast(DataType.CATEGORICAL).str().toDatetime(false, "%d/%m/%Y").alias("cat"));
        LocalDateTime leapDay = LocalDateTime.of(2024, 2, 29, 0, 0);
        assertThat(tried.row(0).toList()).containsExactly(leapDay, leapDay, null);
        assertThat(tried.row(1).toList()).containsExactly(null, null, null);
        assertThat(tried.row(2).toList()).containsExactly(null, null, null);
        assertThat(tried.row(3).toList()).containsExactly(null, leapDay, leapDay);
        assertThatThrownBy(() -> texts.select(col("s").str().toDatetime("%Y-%m-%d")))
                .isInstanceOf(FloeException.class)
                .hasMessageContaining("could not read \" 2023-02-29 \" by the format \"%Y-%m-%d\" (2023-2-29 is not a date)")
                .hasMessageContaining("row 2");
        assertThatThrownBy(() -> texts.select(col("s").cast(DataType.CATEGORICAL).str().toDatetime("%d/%m/%Y")))
                .isInstanceOf(FloeException.class).hasMessageContaining("could not read \"2024-02-29\"")
                .hasMessageContaining("row 0");
        assertThatThrownBy(() -> col("s").str().toDatetime("%Y %z")).hasMessageContaining("%z");
        assertThatThrownBy(() -> col("s").str().toDatetime("%Q")).hasMessageContaining("%Q");
        assertThatThrownBy(() -> DataFrame.of(Series.of("n", 1L)).select(col("n").str().toDatetime("%Y")))
                .hasMessageContaining("strptime reads text");
    }

    @Test
    void makeDateMatchesJavaTimeAndRefusesDaysThatDoNotExist() {
        SplittableRandom random = new SplittableRandom(5);
        List<Object> years = new ArrayList<>();
        List<Object> months = new ArrayList<>();
        List<Object> days = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextLong(-1_000_000, 1_000_000));
            years.add((long) date.getYear());
            months.add((long) date.getMonthValue());
            days.add((long) date.getDayOfMonth());
        }
        years.add(null);
        months.add(1L);
        days.add(1L);
        DataFrame parts = DataFrame.of(Series.of("y", years), Series.of("m", months), Series.of("d", days));
        DataFrame out = parts.select(Exprs.makeDate(col("y"), col("m"), col("d")).alias("date"));
        assertThat(out.schema().type("date")).isEqualTo(DataType.DATE);
        for (int i = 0; i < years.size(); i++) {
            Object wanted = years.get(i) == null ? null : LocalDate.of(((Long) years.get(i)).intValue(),
                    ((Long) months.get(i)).intValue(), ((Long) days.get(i)).intValue());
            assertThat(out.row(i).toList().get(0)).isEqualTo(wanted);
        }
        for (long[] bad : new long[][] {{2023, 2, 29}, {2023, 13, 1}, {2023, 0, 1}, {2024, 4, 31}, {1900, 2, 29}}) {
            DataFrame one = DataFrame.of(Series.of("y", List.of(bad[0])), Series.of("m", List.of(bad[1])),
                    Series.of("d", List.of(bad[2])));
            assertThatThrownBy(() -> one.select(Exprs.makeDate(col("y"), col("m"), col("d"))))
                    .isInstanceOf(FloeException.class)
                    .hasMessageContaining("make_date(" + bad[0] + ", " + bad[1] + ", " + bad[2] + ") is not a date");
        }
        assertThat(DataFrame.of(Series.of("y", List.of(2000L))).select(Exprs.makeDate(col("y"), 2, 29)).row(0).toList())
                .isEqualTo(List.of(LocalDate.of(2000, 2, 29)));
    }

    @Test
    void unknownUnitsAndClockPartsOfDatesAreRefusedByName() {
        assertThatThrownBy(() -> col("t").dt().truncate("fortnight")).hasMessageContaining("unknown date unit \"fortnight\"");
        assertThatThrownBy(() -> frame.select(col("d").dt().minute())).hasMessageContaining("dt.minute needs datetime");
        assertThatThrownBy(() -> DataFrame.of(Series.of("s", "x")).select(col("s").dt().diff("day", col("s"))))
                .hasMessageContaining("dt.diff needs dates or datetimes");
        assertThat(Arrays.asList(UNITS)).hasSize(13);
    }
}
