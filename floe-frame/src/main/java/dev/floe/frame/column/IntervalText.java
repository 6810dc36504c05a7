package dev.floe.frame.column;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Reads an interval from its text, as DuckDB reads {@code CAST(s AS INTERVAL)}: amounts with units
 * ({@code 2 days 3 hours}, {@code 1.5 h}, {@code 1day}, {@code -1 week}), then at most one time of
 * day ({@code [-]h:mm[:ss[.ffffff]]}, hours without bound, minutes and seconds below 60), and
 * {@code ago} after the last unit to negate the whole; an {@code @} may come first, white space
 * around the parts. Units, in any case: {@code y yr yrs year(s)}, {@code decade(s)},
 * {@code century centuries}, {@code millennium millennia millenniums}, {@code quarter(s)},
 * {@code mon(s) month(s)}, {@code w week(s)}, {@code d day(s)}, {@code h hr hrs hour(s)},
 * {@code m min(s) minute(s)}, {@code s sec(s) second(s)}, {@code ms msec(s) millisecond(s)},
 * {@code us usec(s) microsecond(s)}. An amount is cut to six places after the point; a fraction
 * of a day or a shorter unit is then taken to the microsecond toward zero (half a microsecond and
 * more of the microsecond unit itself rounds away from zero); months and longer units must come to
 * whole months. A time of day's sign is its own ({@code 1 hour -00:30} is half an hour, as
 * PostgreSQL reads it; DuckDB 1.5 negates the hours before it too).
 *
 * <p>The parts are kept apart, as SQL keeps them: {@link #months()}, {@link #days()} and
 * {@link #micros()}, as a month and a day have no fixed length. One reader is reused from text to
 * text (it is not thread-safe); {@link #read} says whether the text was an interval, and
 * {@link #error()} why not. Anything else (text after the time of day, a number without a unit, a
 * unit it does not know, an amount past 64 bits) is no interval: where DuckDB 1.5 passes over
 * text it cannot read after a valid start ({@code '1 day 1'}), this refuses it.
 */
public final class IntervalText {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private long months;
    private long days;
    private long micros;
    private String error;

    public long months() {
        return months;
    }

    public long days() {
        return days;
    }

    public long micros() {
        return micros;
    }

    /** Why the last {@link #read} found no interval (null after one that did). */
    public String error() {
        return error;
    }

    /** Reads {@code text}: true where it is an interval, its parts then in this reader. */
    public boolean read(String text) {
        months = 0;
        days = 0;
        micros = 0;
        error = null;
        try {
            return parse(text);
        } catch (ArithmeticException | NumberFormatException e) {
            return fail("it is too large");
        }
    }

    private boolean fail(String why) {
        error = why;
        return false;
    }

    private boolean parse(String text) {
        int n = text.length();
        int i = n > 0 && text.charAt(0) == '@' ? 1 : 0; // as DuckDB: only as the first character
        boolean any = false;
        while (true) {
            i = spaces(text, i);
            if (i == n) {
                return any || fail("it holds no amount");
            }
            if (any && word(text, i, "ago")) {
                i = spaces(text, i + 3);
                if (i != n) {
                    return fail("there is text after 'ago'");
                }
                months = Math.negateExact(months);
                days = Math.negateExact(days);
                micros = Math.negateExact(micros);
                return true;
            }
            int start = i;
            if (text.charAt(i) == '-') {
                i++;
            }
            int digits = i;
            while (i < n && digit(text.charAt(i))) {
                i++;
            }
            if (i == digits) {
                return fail("expected a number at character " + (start + 1));
            }
            if (i < n && text.charAt(i) == ':') {
                i = time(text, start, digits, i);
                if (i < 0) {
                    return false;
                }
                return spaces(text, i) == n || fail("there is text after the time of day");
            }
            int end = i;
            if (i < n && text.charAt(i) == '.') {
                i++;
                while (i < n && digit(text.charAt(i))) {
                    i++;
                }
                end = i;
            }
            i = spaces(text, i);
            int unitStart = i;
            while (i < n && letter(text.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                return fail("the amount " + text.substring(start, end) + " has no unit");
            }
            String unit = text.substring(unitStart, i).toLowerCase(Locale.ROOT);
            // as DuckDB: the amount to six places after the point (the digits past them never read, nor
            // more whole digits than a long holds: such an amount is too large for any unit)
            int point = text.indexOf('.', start);
            int wholeEnd = point >= 0 && point < end ? point : end;
            int significant = digits;
            while (significant < wholeEnd - 1 && text.charAt(significant) == '0') {
                significant++;
            }
            if (wholeEnd - significant > 19) {
                return fail("it is too large");
            }
            BigDecimal value = new BigDecimal(text.substring(start, Math.min(end, wholeEnd + 7)))
                    .setScale(6, RoundingMode.DOWN);
            if (!add(value, unit)) {
                return false;
            }
            any = true;
        }
    }

    /** Adds {@code amount} of {@code unit}; false (with the reason) for a unit it does not know. */
    private boolean add(BigDecimal amount, String unit) {
        switch (unit) {
            case "y", "yr", "yrs", "year", "years" -> addMonths(amount, 12, unit);
            case "decade", "decades" -> addMonths(amount, 120, unit);
            case "century", "centuries" -> addMonths(amount, 1_200, unit);
            case "millennium", "millennia", "millenniums" -> addMonths(amount, 12_000, unit);
            case "quarter", "quarters" -> addMonths(amount, 3, unit);
            case "mon", "mons", "month", "months" -> addMonths(amount, 1, unit);
            case "w", "week", "weeks" -> addDays(amount.multiply(BigDecimal.valueOf(7)));
            case "d", "day", "days" -> addDays(amount);
            case "h", "hr", "hrs", "hour", "hours" -> addMicros(amount, 3_600_000_000L);
            case "m", "min", "mins", "minute", "minutes" -> addMicros(amount, 60_000_000L);
            case "s", "sec", "secs", "second", "seconds" -> addMicros(amount, 1_000_000L);
            case "ms", "msec", "msecs", "millisecond", "milliseconds" -> addMicros(amount, 1_000L);
            case "us", "usec", "usecs", "microsecond", "microseconds" ->
                micros = Math.addExact(micros, amount.setScale(0, RoundingMode.HALF_UP).longValueExact());
            default -> {
                return fail("unknown unit '" + unit + "'");
            }
        }
        return error == null;
    }

    private void addMonths(BigDecimal amount, long per, String unit) {
        BigDecimal value = amount.multiply(BigDecimal.valueOf(per));
        if (value.stripTrailingZeros().scale() > 0) {
            fail(amount.toPlainString() + " " + unit + " is not a whole number of months");
            return;
        }
        months = Math.addExact(months, value.longValueExact());
    }

    private void addDays(BigDecimal amount) {
        BigDecimal whole = amount.setScale(0, RoundingMode.DOWN);
        days = Math.addExact(days, whole.longValueExact());
        addMicros(amount.subtract(whole), MICROS_PER_DAY);
    }

    private void addMicros(BigDecimal amount, long per) {
        micros = Math.addExact(micros, amount.multiply(BigDecimal.valueOf(per)).setScale(0, RoundingMode.DOWN)
                .longValueExact());
    }

    /**
     * Reads {@code h:mm[:ss[.f]]} whose hours are {@code text[digits, colon)} (a sign at
     * {@code start} where it is before {@code digits}); the position after it, or -1.
     */
    private int time(String text, int start, int digits, int colon) {
        long hours = Long.parseLong(text.substring(digits, colon));
        int i = colon + 1;
        int minutesEnd = twoDigits(text, i);
        if (minutesEnd < 0) {
            fail("expected minutes after the colon at character " + (colon + 1));
            return -1;
        }
        int minutes = Integer.parseInt(text.substring(i, minutesEnd));
        i = minutesEnd;
        int seconds = 0;
        long fraction = 0;
        if (i < text.length() && text.charAt(i) == ':') {
            int secondsEnd = twoDigits(text, i + 1);
            if (secondsEnd < 0) {
                fail("expected seconds after the colon at character " + (i + 1));
                return -1;
            }
            seconds = Integer.parseInt(text.substring(i + 1, secondsEnd));
            i = secondsEnd;
            if (i < text.length() && text.charAt(i) == '.') {
                int places = 0;
                for (i++; i < text.length() && digit(text.charAt(i)); i++) {
                    if (places < 6) { // past microseconds: dropped
                        fraction = fraction * 10 + (text.charAt(i) - '0');
                        places++;
                    }
                }
                for (; places < 6; places++) {
                    fraction *= 10;
                }
            }
        }
        if (minutes > 59 || seconds > 59) {
            fail("minutes and seconds must be below 60");
            return -1;
        }
        long value = Math.addExact(Math.multiplyExact(hours, 3_600_000_000L),
                minutes * 60_000_000L + seconds * 1_000_000L + fraction);
        micros = Math.addExact(micros, start < digits ? -value : value);
        return i;
    }

    /** The position after one or two digits at {@code i}, or -1 where there is none. */
    private static int twoDigits(String text, int i) {
        if (i >= text.length() || !digit(text.charAt(i))) {
            return -1;
        }
        return i + 1 < text.length() && digit(text.charAt(i + 1)) ? i + 2 : i + 1;
    }

    private static boolean word(String text, int i, String word) {
        int end = i + word.length();
        return text.regionMatches(true, i, word, 0, word.length()) && (end == text.length() || !letter(text.charAt(end)));
    }

    private static int spaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
