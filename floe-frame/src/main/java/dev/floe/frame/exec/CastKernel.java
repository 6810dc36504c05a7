package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Temporals;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Converts a vector to another type. A strict cast throws on the first value it cannot convert,
 * naming the value, its row and the expression; a lenient one gives null there.
 */
public final class CastKernel {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private CastKernel() {}

    /**
     * @param start the row of the whole input where this batch begins, for messages
     * @param expression the expression being evaluated, for messages
     */
    public static Vector cast(Vector vector, DataType to, boolean strict, long start, String expression) {
        DataType from = vector.type();
        int rows = vector.length();
        if (from == to) {
            return vector;
        }
        if (from == DataType.NULL) {
            return Kernels.nulls(to, rows);
        }
        if (from.isDecimal() || to.isDecimal()) {
            if (from == DataType.CATEGORICAL) {
                return cast(categoricalToText((CategoricalVector) vector), to, strict, start, expression);
            }
            return DecimalKernel.cast(vector, to, strict, start, expression);
        }
        if (from.isStruct() && to == DataType.UTF8) {
            return ListText.writeStruct((dev.floe.frame.column.StructVector) vector, strict, expression);
        }
        if (from.isStruct() && to.isStruct()) {
            // field by field, the names alike (the typer sees to it)
            dev.floe.frame.column.StructVector struct = (dev.floe.frame.column.StructVector) vector;
            java.util.List<Vector> fields = new java.util.ArrayList<>();
            for (int f = 0; f < to.fields().size(); f++) {
                fields.add(cast(struct.field(f), to.fields().get(f).type(), strict, start,
                        expression + " (its field '" + to.fields().get(f).name() + "')"));
            }
            return new dev.floe.frame.column.StructVector(to, fields, 0, rows, struct.validity());
        }
        if (from.isMap() && to == DataType.UTF8) {
            return ListText.writeMap((dev.floe.frame.column.MapVector) vector, strict, expression);
        }
        if (from.isMap() && to.isMap()) {
            // keys that stay distinct (the typer allows no other cast of keys), values cast as they are
            dev.floe.frame.column.MapVector map = (dev.floe.frame.column.MapVector) vector;
            Vector keys = cast(map.keys(), to.keyType(), strict, 0, expression + " (its map keys)");
            Vector values = cast(map.values(), to.valueType(), strict, 0, expression + " (its map values)");
            return new dev.floe.frame.column.MapVector(to, map.offsets(), keys, values, map.offset(), rows,
                    map.validity());
        }
        if (from.isList() && to.isList()) {
            dev.floe.frame.column.ListVector list = (dev.floe.frame.column.ListVector) vector;
            Vector elements = cast(list.elements(), to.elementType(), strict, 0, expression + " (its list elements)");
            return new dev.floe.frame.column.ListVector(list.offsets(), elements, list.offset(), rows, list.validity());
        }
        if (from.isList() && to == DataType.UTF8) {
            return ListText.write((dev.floe.frame.column.ListVector) vector, strict, expression);
        }
        if (to == DataType.UTF8) {
            return from == DataType.CATEGORICAL ? categoricalToText((CategoricalVector) vector) : toText(vector);
        }
        if (from == DataType.CATEGORICAL) {
            return cast(categoricalToText((CategoricalVector) vector), to, strict, start, expression);
        }
        if (from == DataType.UTF8 && to.isList()) {
            return ListText.read((Utf8Vector) vector, to, strict, start, expression);
        }
        if (from == DataType.UTF8) {
            return fromText((Utf8Vector) vector, to, strict, start, expression);
        }
        if (from == DataType.DATE && to == DataType.DATETIME) {
            long[] days = Kernels.longs(vector);
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = days[i] * MICROS_PER_DAY;
            }
            return Kernels.fromLongs(to, out, rows, vector.validity());
        }
        if (from == DataType.DATETIME && to == DataType.TIME) {
            long[] micros = Kernels.longs(vector);
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = Math.floorMod(micros[i], MICROS_PER_DAY);
            }
            return Kernels.fromLongs(to, out, rows, vector.validity());
        }
        if (from == DataType.DATETIME && to == DataType.DATE) {
            long[] micros = Kernels.longs(vector);
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = Math.floorDiv(micros[i], MICROS_PER_DAY);
            }
            return Kernels.fromLongs(to, out, rows, vector.validity());
        }
        if (to == DataType.FLOAT32 && from == DataType.FLOAT64) {
            // a finite DOUBLE past a REAL's range fails (null for tryCast), as DuckDB; NaN and the infinities carry over
            double[] values = Kernels.doubles(vector);
            long[] bits = null;
            for (int i = 0; i < rows; i++) {
                if (Double.isFinite(values[i]) && Float.isInfinite((float) values[i]) && !vector.isNull(i)) {
                    bits = refuse(strict, bits == null ? Kernels.validBits(vector) : bits, i, values[i], to, start,
                            expression);
                }
            }
            return Kernels.fromDoubles(to, values, rows, bits == null ? vector.validity() : Validity.of(bits, rows));
        }
        if (to.isFloat()) {
            return Kernels.fromDoubles(to, Kernels.doubles(vector), rows, vector.validity());
        }
        if (to == DataType.BOOLEAN) {
            double[] values = Kernels.doubles(vector);
            byte[] out = new byte[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (byte) (values[i] != 0 ? 1 : 0);
            }
            return Kernels.booleans(out, rows, vector.validity());
        }
        if (to == DataType.INT128) {
            return toInt128(vector, strict, start, expression);
        }
        if (from == DataType.INT128) {
            vector = int128ToLong((Int128Vector) vector, to, strict, start, expression);
            from = DataType.INT64;
        }
        // to an integer or temporal type
        long min = minOf(to);
        long max = maxOf(to);
        long[] out = new long[rows];
        long[] bits = Kernels.validBits(vector);
        if (from.isFloat()) {
            double[] values = Kernels.doubles(vector);
            for (int i = 0; i < rows; i++) {
                double value = values[i];
                if (isSet(bits, i)) {
                    if (!fitsAfterTruncation(value, to, min, max)) {
                        bits = refuse(strict, bits, i, value, to, start, expression);
                    } else {
                        out[i] = (long) value;
                    }
                }
            }
        } else {
            long[] values = Kernels.longs(vector);
            for (int i = 0; i < rows; i++) {
                long value = values[i];
                if (isSet(bits, i)) {
                    if (value < min || value > max) {
                        bits = refuse(strict, bits, i, value, to, start, expression);
                    } else {
                        out[i] = value;
                    }
                }
            }
        }
        return Kernels.fromLongs(to, out, rows, Validity.of(bits, rows));
    }

    /** Integers, booleans and floats (truncated toward zero) as {@code INT128}. */
    private static Vector toInt128(Vector vector, boolean strict, long start, String expression) {
        int rows = vector.length();
        if (!vector.type().isFloat()) {
            return Kernels.fromLongs(DataType.INT128, Kernels.longs(vector), rows, vector.validity());
        }
        double[] values = Kernels.doubles(vector);
        long[] high = new long[rows];
        long[] low = new long[rows];
        long[] bits = Kernels.validBits(vector);
        for (int i = 0; i < rows; i++) {
            double value = values[i];
            if (isSet(bits, i)) {
                if (!Int128.fitsAfterTruncation(value)) {
                    bits = refuse(strict, bits, i, value, DataType.INT128, start, expression);
                } else {
                    high[i] = Int128.highOf(value);
                    low[i] = Int128.lowOf(value);
                }
            }
        }
        return new Int128Vector(high, low, 0, rows, Validity.of(bits, rows));
    }

    /** {@code INT128} values as {@code INT64}, for a cast to a narrower type: those beyond a {@code long} refused. */
    private static Vector int128ToLong(Int128Vector vector, DataType to, boolean strict, long start, String expression) {
        int rows = vector.length();
        long[] high = vector.high();
        long[] low = vector.low();
        int offset = vector.offset();
        long[] out = new long[rows];
        long[] bits = Kernels.validBits(vector);
        for (int i = 0; i < rows; i++) {
            long h = high[offset + i];
            long l = low[offset + i];
            if (isSet(bits, i) && !Int128.fitsLong(h, l)) {
                bits = refuse(strict, bits, i, Int128.toBigInteger(h, l), to, start, expression);
            }
            out[i] = l;
        }
        return new dev.floe.frame.column.LongVector(DataType.INT64, out, 0, rows, Validity.of(bits, rows));
    }

    private static long[] refuse(boolean strict, long[] bits, int row, Object value, DataType to, long start,
            String expression) {
        if (strict) {
            throw new OutOfRangeException("out of range: cannot cast " + value + " to " + to + " at row "
                    + (start + row) + ", in expression " + expression + "; use tryCast to get null instead");
        }
        bits[row >>> 6] &= ~(1L << row);
        return bits;
    }

    /** Whether {@code value}, truncated toward zero, lies in {@code [min, max]} (false for NaN and infinities). */
    private static boolean fitsAfterTruncation(double value, DataType to, long min, long max) {
        if (to == DataType.INT64 || to == DataType.DATETIME || to == DataType.DURATION) {
            return value >= -0x1p63 && value < 0x1p63;
        }
        return value > min - 1.0 && value < max + 1.0;
    }

    private static boolean isSet(long[] bits, int row) {
        return (bits[row >>> 6] & (1L << row)) != 0;
    }

    private static long minOf(DataType type) {
        return switch (type.id()) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32, DATE -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    private static long maxOf(DataType type) {
        return switch (type.id()) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32, DATE -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** The strings of a categorical vector as UTF-8, through its dictionary. */
    public static Utf8Vector categoricalToText(CategoricalVector vector) {
        int rows = vector.length();
        Utf8Vector values = vector.dictionary().values();
        Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, rows * 8);
        for (int i = 0; i < rows; i++) {
            if (vector.isNull(i)) {
                builder.appendNull();
            } else {
                int code = vector.codes()[vector.offset() + i];
                builder.append(values.data(), values.start(code), values.byteLength(code));
            }
        }
        return builder.build();
    }

    /** UTF-8 strings as a categorical vector with a dictionary of its own. */
    public static CategoricalVector textToCategorical(Utf8Vector vector) {
        CategoricalVector.Builder builder = new CategoricalVector.Builder(new Dictionary.Builder(), vector.length());
        for (int i = 0; i < vector.length(); i++) {
            if (vector.isNull(i)) {
                builder.appendNull();
            } else {
                builder.append(vector.getString(i));
            }
        }
        return builder.build();
    }

    private static Utf8Vector toText(Vector vector) {
        int rows = vector.length();
        Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, rows * 8);
        for (int i = 0; i < rows; i++) {
            Object value = vector.get(i);
            if (value == null) {
                builder.appendNull();
            } else {
                builder.append(text(value));
            }
        }
        return builder.build();
    }

    /**
     * A value as {@code cast(str)} writes it: floats in their shortest round-trip digits, plainly
     * from 1e-4 up to 1e16 and with an exponent beyond ({@code 1e+20}, {@code 1.5e-07}), as
     * DuckDB (and Python's {@code repr}) writes them; {@code nan} (or {@code -nan}, by the NaN's sign
     * bit), {@code inf}, {@code -inf};
     * ISO dates; datetimes and durations as DuckDB writes timestamps and intervals.
     */
    static String text(Object value) {
        return switch (value) {
            case Double d -> floatText(d, Double.toString(d));
            case Float f -> floatText(f, realDigits(f));
            case LocalDateTime t -> datetimeText(t);
            case LocalDate d -> dateText(d);
            case java.time.Duration d -> durationText(d);
            case java.time.LocalTime t -> Temporals.timeText(Temporals.micros(t));
            default -> value.toString();
        };
    }

    /**
     * A duration as DuckDB writes an interval of days and time (a difference of timestamps):
     * {@code 1 day 03:00:00}, {@code -2 days}, {@code -00:00:10.5}, {@code 00:00:00}: whole days,
     * then the rest of a day as {@code hh:mm:ss} with the fraction of a second where there is one,
     * each part with the sign of the whole. Floe's durations are microseconds alone, so 36 hours
     * is {@code 1 day 12:00:00} (DuckDB keeps an INTERVAL written in hours as {@code 36:00:00}).
     */
    static String durationText(java.time.Duration duration) {
        long seconds = duration.getSeconds();
        long nanos = duration.getNano();
        if (seconds < 0 && nanos > 0) {
            seconds++; // both parts toward zero, with one sign
            nanos -= 1_000_000_000L;
        }
        long days = seconds / 86_400;
        long rest = Math.abs(seconds % 86_400);
        long micros = Math.abs(nanos) / 1000;
        StringBuilder text = new StringBuilder(24);
        if (days != 0) {
            text.append(days).append(days == 1 || days == -1 ? " day" : " days");
        }
        if (rest == 0 && micros == 0 && days != 0) {
            return text.toString();
        }
        if (days != 0) {
            text.append(' ');
        }
        if (seconds < 0 || nanos < 0) {
            text.append('-');
        }
        return Temporals.clock(text, rest / 3600, (int) (rest / 60 % 60), (int) (rest % 60), (int) micros).toString();
    }

    /**
     * The digits a REAL is written with, as DuckDB writes it: the shortest that read back to it,
     * except where those lie exactly halfway to a neighbouring REAL (they read back only by
     * rounding half to even): there the digits of the value as a DOUBLE, which are exact for
     * such values ({@code -402001216.0}, not {@code -402001200.0}).
     */
    private static String realDigits(float value) {
        String shortest = Float.toString(value);
        if (!Float.isFinite(value) || value == 0) {
            return shortest;
        }
        BigDecimal gap = new BigDecimal(shortest).subtract(new BigDecimal(value)).abs();
        BigDecimal halfUlp = new BigDecimal(Math.ulp(value)).divide(BigDecimal.TWO);
        return gap.compareTo(halfUlp) == 0 ? Double.toString(value) : shortest;
    }

    /**
     * A datetime as SQL (DuckDB) writes it: {@code yyyy-mm-dd hh:mm:ss}, always with the seconds,
     * then the fraction of a second where there is one, without its trailing zeros.
     */
    static String datetimeText(LocalDateTime t) {
        StringBuilder text = new StringBuilder(26).append(dateText(t.toLocalDate())).append(' ');
        return Temporals.clock(text, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000).toString();
    }

    /**
     * A date as SQL (DuckDB) writes it: {@code yyyy-mm-dd}, a year past 9999 with all its digits
     * (no {@code +}), and a year before 1 as the year before Christ it is, with {@code (BC)}: the
     * year 0 is {@code 0001-01-01 (BC)}, -44 is {@code 0045-03-15 (BC)}.
     */
    static String dateText(LocalDate date) {
        int year = date.getYear();
        if (year >= 1 && year <= 9999) {
            return date.toString();
        }
        String digits = Integer.toString(year <= 0 ? 1 - year : year);
        StringBuilder text = new StringBuilder(20).append("0".repeat(Math.max(0, 4 - digits.length()))).append(digits)
                .append('-');
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        text.append(month < 10 ? "0" : "").append(month).append('-').append(day < 10 ? "0" : "").append(day);
        return year <= 0 ? text.append(" (BC)").toString() : text.toString();
    }

    /** A date's text as SQL (and {@link #dateText}) writes it: {@link Temporals#parseDate}. */
    static LocalDate sqlDate(String text) {
        return Temporals.parseDate(text);
    }

    /** A timestamp's text as SQL (and {@link #datetimeText}) writes it: {@link Temporals#parseTimestamp}. */
    static LocalDateTime sqlTimestamp(String text) {
        return Temporals.parseTimestamp(text);
    }

    /** {@code value} written from {@code shortest}, Java's shortest digits for it. */
    private static String floatText(double value, String shortest) {
        if (Double.isNaN(value)) {
            // the sign a NaN carries, as DuckDB writes it: 0/0 and inf - inf make a negative one
            return Double.doubleToRawLongBits(value) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal digits = new BigDecimal(shortest).stripTrailingZeros();
        int exponent = digits.precision() - digits.scale() - 1; // of the first digit
        if (exponent >= -4 && exponent < 16) {
            String plain = digits.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String unscaled = digits.unscaledValue().abs().toString();
        StringBuilder text = new StringBuilder(value < 0 ? "-" : "").append(unscaled.charAt(0));
        if (unscaled.length() > 1) {
            text.append('.').append(unscaled, 1, unscaled.length());
        }
        int magnitude = Math.abs(exponent);
        return text.append('e').append(exponent < 0 ? '-' : '+').append(magnitude < 10 ? "0" : "").append(magnitude)
                .toString();
    }

    private static Vector fromText(Utf8Vector vector, DataType to, boolean strict, long start, String expression) {
        int rows = vector.length();
        if (to == DataType.CATEGORICAL) {
            return textToCategorical(vector);
        }
        if (to == DataType.DURATION) {
            return textToDuration(vector, strict, start, expression);
        }
        long[] bits = Kernels.validBits(vector);
        if (to.isFloat()) {
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                if (isSet(bits, i)) {
                    String text = vector.getString(i);
                    try {
                        out[i] = parseFloat(text);
                    } catch (NumberFormatException e) {
                        bits = refuseText(strict, bits, i, text, to, start, expression);
                    }
                }
            }
            return Kernels.fromDoubles(to, out, rows, Validity.of(bits, rows));
        }
        if (to == DataType.INT128) {
            long[] high = new long[rows];
            long[] low = new long[rows];
            for (int i = 0; i < rows; i++) {
                if (isSet(bits, i)) {
                    String text = vector.getString(i);
                    try {
                        java.math.BigInteger value = wholeNumber(text, false); // DuckDB's HUGEINT takes no 0x, 0b
                        if (!Int128.fits(value)) {
                            throw new NumberFormatException(text);
                        }
                        high[i] = Int128.high(value);
                        low[i] = Int128.low(value);
                    } catch (NumberFormatException e) {
                        bits = refuseText(strict, bits, i, text, to, start, expression);
                    }
                }
            }
            return new Int128Vector(high, low, 0, rows, Validity.of(bits, rows));
        }
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (isSet(bits, i)) {
                String text = vector.getString(i);
                try {
                    out[i] = switch (to.id()) {
                        // as DuckDB reads them, in any case
                        case BOOLEAN -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
                            case "true", "t", "yes", "y", "1" -> 1;
                            case "false", "f", "no", "n", "0" -> 0;
                            default -> throw new NumberFormatException(text);
                        };
                        case DATE -> Temporals.days(sqlDate(text));
                        case TIME -> Temporals.micros(Temporals.parseTime(text));
                        case DATETIME -> Temporals.micros(sqlTimestamp(text));
                        default -> {
                            java.math.BigInteger whole = wholeNumber(text, true);
                            if (whole.bitLength() > 63) {
                                throw new NumberFormatException(text);
                            }
                            long value = whole.longValue();
                            if (value < minOf(to) || value > maxOf(to)) {
                                throw new NumberFormatException(text);
                            }
                            yield value;
                        }
                    };
                } catch (DateTimeParseException e) {
                    bits = refuseText(strict, bits, i, text, to, start, expression, why(e));
                } catch (NumberFormatException | ArithmeticException e) {
                    // (a time too far off for the type overflows its count of microseconds)
                    bits = refuseText(strict, bits, i, text, to, start, expression, "");
                }
            }
        }
        Validity validity = Validity.of(bits, rows);
        return to == DataType.BOOLEAN ? toBooleans(out, rows, validity) : Kernels.fromLongs(to, out, rows, validity);
    }

    /**
     * A floating-point number as SQL writes one: decimal digits with an optional exponent, or
     * {@code nan}, {@code inf}, {@code infinity} in any case, with a sign; spaces around it. Java's
     * own forms beyond those (hex floats, a {@code d} or {@code f} suffix) are refused.
     */
    static double parseFloat(String text) {
        String number = text.strip();
        String word = number.toLowerCase(java.util.Locale.ROOT);
        String unsigned = word.startsWith("-") || word.startsWith("+") ? word.substring(1) : word;
        switch (unsigned) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "infinity" -> {
                return word.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            default -> { }
        }
        boolean underscores = false;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == '_') {
                // as DuckDB reads them: a single _ between two digits (1_000.5, 1e1_0), dropped
                underscores = true;
                if (i == 0 || i == number.length() - 1 || !isAsciiDigit(number.charAt(i - 1))
                        || !isAsciiDigit(number.charAt(i + 1))) {
                    throw new NumberFormatException(text);
                }
            } else if (!(isAsciiDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new NumberFormatException(text);
            }
        }
        return Double.parseDouble(underscores ? number.replace("_", "") : number);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Text as a whole number, as DuckDB casts it: spaces around it; decimal digits with a sign, a
     * fraction and an exponent ({@code 1e2}, {@code 1.5}, {@code .5}, {@code 1.}), rounded half away
     * from zero ({@code 2.5} is 3, {@code -2.5} -3); where {@code radixes}, {@code 0x} hexadecimal
     * and {@code 0b} binary digits without a sign; a single {@code _} between digits ({@code 1_000}).
     * Else {@link NumberFormatException}, as for a value far past 128 bits.
     */
    static java.math.BigInteger wholeNumber(String text, boolean radixes) {
        String number = text.strip();
        int from = !number.isEmpty() && (number.charAt(0) == '-' || number.charAt(0) == '+') ? 1 : 0;
        if (from == number.length()) {
            throw new NumberFormatException(text);
        }
        boolean plain = true;
        for (int i = from; i < number.length() && plain; i++) {
            plain = number.charAt(i) >= '0' && number.charAt(i) <= '9';
        }
        if (plain) {
            return new java.math.BigInteger(number);
        }
        if (radixes && number.length() > from + 2 && number.charAt(from) == '0') {
            char base = Character.toLowerCase(number.charAt(from + 1));
            if (base == 'x' || base == 'b') {
                if (from > 0) {
                    throw new NumberFormatException(text); // DuckDB takes no sign before 0x and 0b
                }
                return new java.math.BigInteger(digits(number.substring(2), base == 'x' ? 16 : 2, text), base == 'x' ? 16 : 2);
            }
        }
        String unsigned = number.substring(from);
        int e = Math.max(unsigned.indexOf('e'), unsigned.indexOf('E'));
        String mantissa = e < 0 ? unsigned : unsigned.substring(0, e);
        long exponent = 0;
        if (e >= 0) {
            String power = unsigned.substring(e + 1);
            boolean negative = power.startsWith("-");
            String powerDigits = digits(power.startsWith("-") || power.startsWith("+") ? power.substring(1) : power, 10, text);
            if (powerDigits.length() > 9) {
                throw new NumberFormatException(text);
            }
            exponent = negative ? -Long.parseLong(powerDigits) : Long.parseLong(powerDigits);
        }
        int point = mantissa.indexOf('.');
        String whole = point < 0 ? mantissa : mantissa.substring(0, point);
        String fraction = point < 0 ? "" : mantissa.substring(point + 1);
        if (whole.isEmpty() && fraction.isEmpty()) {
            throw new NumberFormatException(text);
        }
        String wholeDigits = whole.isEmpty() ? "0" : digits(whole, 10, text);
        String fractionDigits = fraction.isEmpty() ? "" : digits(fraction, 10, text);
        java.math.BigDecimal value = new java.math.BigDecimal(wholeDigits + (fractionDigits.isEmpty() ? "" : "." + fractionDigits));
        if (value.signum() == 0) {
            return java.math.BigInteger.ZERO;
        }
        // the place of its first digit: past 10^40 it holds no 128-bit value; below 10^-2 it rounds to 0
        long magnitude = value.precision() - value.scale() + exponent;
        if (magnitude > 40) {
            throw new NumberFormatException(text);
        }
        if (magnitude < -2) {
            return java.math.BigInteger.ZERO;
        }
        java.math.BigInteger rounded = value.scaleByPowerOfTen((int) exponent)
                .setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
        return number.charAt(0) == '-' ? rounded.negate() : rounded;
    }

    /** {@code part}'s digits in {@code radix}, a single {@code _} allowed between two of them; else {@link NumberFormatException}. */
    private static String digits(String part, int radix, String text) {
        if (part.isEmpty() || part.charAt(0) == '_' || part.charAt(part.length() - 1) == '_' || part.contains("__")) {
            throw new NumberFormatException(text);
        }
        StringBuilder out = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '_') {
                continue;
            }
            if (Character.digit(c, radix) < 0 || c > 'z') {
                throw new NumberFormatException(text);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static ByteVector toBooleans(long[] values, int rows, Validity validity) {
        byte[] out = new byte[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = (byte) values[i];
        }
        return Kernels.booleans(out, rows, validity);
    }

    /** Durations from interval text ({@link dev.floe.frame.column.IntervalText}): days of 24 hours; months refused. */
    private static Vector textToDuration(Utf8Vector vector, boolean strict, long start, String expression) {
        int rows = vector.length();
        long[] bits = Kernels.validBits(vector);
        long[] out = new long[rows];
        dev.floe.frame.column.IntervalText reader = new dev.floe.frame.column.IntervalText();
        for (int i = 0; i < rows; i++) {
            if (!isSet(bits, i)) {
                continue;
            }
            String text = vector.getString(i);
            String why = null;
            if (!reader.read(text)) {
                why = reader.error();
            } else if (reader.months() != 0) {
                why = "it holds months or years, which have no fixed length in microseconds";
            } else {
                try {
                    out[i] = Math.addExact(Math.multiplyExact(reader.days(), MICROS_PER_DAY), reader.micros());
                } catch (ArithmeticException e) {
                    why = "it is too large";
                }
            }
            if (why != null) {
                if (strict) {
                    throw new FloeException("cannot cast \"" + text + "\" to " + DataType.DURATION + " at row " + (start + i)
                            + ", in expression " + expression + ": " + why + "; use tryCast to get null instead");
                }
                bits[i >>> 6] &= ~(1L << i);
            }
        }
        return Kernels.fromLongs(DataType.DURATION, out, rows, Validity.of(bits, rows));
    }

    private static long[] refuseText(boolean strict, long[] bits, int row, String text, DataType to, long start,
            String expression) {
        return refuseText(strict, bits, row, text, to, start, expression, "");
    }

    /** What a date's or timestamp's reading expected where it stopped ({@link Temporals#parseDate}), if it says. */
    private static String why(DateTimeParseException e) {
        String message = e.getMessage();
        int expected = message == null ? -1 : message.indexOf(": expected ");
        return expected < 0 ? "" : " (" + message.substring(expected + 2) + ")";
    }

    private static long[] refuseText(boolean strict, long[] bits, int row, String text, DataType to, long start,
            String expression, String why) {
        if (strict) {
            throw new FloeException("cannot cast \"" + text + "\" to " + to + why + " at row " + (start + row)
                    + ", in expression " + expression + "; use tryCast to get null instead");
        }
        bits[row >>> 6] &= ~(1L << row);
        return bits;
    }
}
