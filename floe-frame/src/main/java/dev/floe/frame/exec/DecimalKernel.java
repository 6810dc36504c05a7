package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Casts to and from decimals ({@link DataType#decimal}), as SQL engines do: to fewer digits after the
 * point, and from a decimal to an integer, a value is rounded half away from zero; a value with
 * more digits before the point than the target holds fails (a lenient cast gives null); a float
 * is rounded as DuckDB rounds it ({@link #fromDouble}), and NaN and infinities fail; text is read as a decimal number in ASCII digits, with an
 * optional exponent. Decimals of up to 18 digits are whole numbers in a {@code long}, computed
 * there; wider ones go through {@link BigInteger}.
 */
public final class DecimalKernel {
    private static final long[] POW10 = new long[DataType.MAX_LONG_DECIMAL_PRECISION + 1];
    private static final BigInteger[] BIG_POW10 = new BigInteger[DataType.MAX_DECIMAL_PRECISION + 2];
    /** The largest and smallest whole numbers of each count of digits, 10^d - 1 and 1 - 10^d, as 128-bit words. */
    private static final long[] MAX_HIGH = new long[DataType.MAX_DECIMAL_PRECISION + 1];
    private static final long[] MAX_LOW = new long[DataType.MAX_DECIMAL_PRECISION + 1];
    private static final long[] MIN_HIGH = new long[DataType.MAX_DECIMAL_PRECISION + 1];
    private static final long[] MIN_LOW = new long[DataType.MAX_DECIMAL_PRECISION + 1];
    /** The doubles nearest to the powers of ten (exact to 10^22). */
    private static final double[] DOUBLE_POW10 = new double[DataType.MAX_DECIMAL_PRECISION + 1];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < BIG_POW10.length; i++) {
            BIG_POW10[i] = BigInteger.TEN.pow(i);
        }
        for (int i = 0; i < DOUBLE_POW10.length; i++) {
            DOUBLE_POW10[i] = Double.parseDouble("1e" + i);
        }
        for (int d = 1; d <= DataType.MAX_DECIMAL_PRECISION; d++) {
            BigInteger most = BIG_POW10[d].subtract(BigInteger.ONE);
            MAX_HIGH[d] = Int128.high(most);
            MAX_LOW[d] = Int128.low(most);
            MIN_HIGH[d] = Int128.high(most.negate());
            MIN_LOW[d] = Int128.low(most.negate());
        }
    }

    private DecimalKernel() {}

    /** {@code vector} cast to {@code to}, where one of the two is a decimal type. */
    static Vector cast(Vector vector, DataType to, boolean strict, long start, String expression) {
        DataType from = vector.type();
        if (from.isDecimal() && to.isDecimal() && from.scale() == to.scale() && to.precision() >= from.precision()
                && from.isWide() == to.isWide()) {
            // the same whole numbers, with room for more digits: only the type changes, no pass over the values
            return vector instanceof LongVector v ? new LongVector(to, v.values(), v.offset(), v.length(), v.validity())
                    : new Int128Vector(to, ((Int128Vector) vector).high(), ((Int128Vector) vector).low(),
                            ((Int128Vector) vector).offset(), vector.length(), vector.validity());
        }
        if (from.isDecimal() && to.isDecimal() && from.isLongDecimal() && to.isLongDecimal()) {
            return longToLong((LongVector) vector, to, strict, start, expression);
        }
        if (to.isLongDecimal() && from.isInteger() && from != DataType.INT128) {
            return integersToLong(vector, to, strict, start, expression);
        }
        if (to.isLongDecimal() && from.isFloat()) {
            return floatsToLong(vector, to, strict, start, expression);
        }
        if (from.isLongDecimal() && to.isInteger() && to != DataType.INT128) {
            return longToIntegers((LongVector) vector, to, strict, start, expression);
        }
        if (to.isDecimal() && to.isWide() && (from.isLongDecimal() || from.isInteger() && from != DataType.INT128)
                && to.scale() - from.scale() <= DataType.MAX_LONG_DECIMAL_PRECISION && to.scale() >= from.scale()) {
            return longsToWide(vector, to, strict, start, expression);
        }
        if (from.isDecimal() && to.isFloat()) {
            return toDoubles(vector, to);
        }
        if (from.isDecimal() && to == DataType.UTF8) {
            return toText(vector);
        }
        if (!from.isDecimal() && !from.isInteger() && !from.isFloat() && from != DataType.UTF8) {
            throw new FloeException("cannot cast " + from + " to " + to + ", in expression " + expression);
        }
        if (!to.isDecimal() && !to.isInteger()) {
            throw new FloeException("cannot cast " + from + " to " + to + ", in expression " + expression);
        }
        // the general path: each value as a BigDecimal, then fitted to the target
        int rows = vector.length();
        long[] bits = Kernels.validBits(vector);
        Out out = new Out(to, rows);
        for (int i = 0; i < rows; i++) {
            if (!isSet(bits, i)) {
                continue;
            }
            BigDecimal value;
            try {
                value = read(vector, i, to.isDecimal() ? to.scale() : 0);
            } catch (NumberFormatException e) {
                String text = ((Utf8Vector) vector).getString(i);
                if (strict) {
                    throw new FloeException("cannot cast \"" + text + "\" to " + to + " at row " + (start + i)
                            + ", in expression " + expression + "; use tryCast to get null instead");
                }
                clear(bits, i);
                continue;
            }
            if (!out.set(i, value)) {
                refuse(strict, bits, i, shown(vector, i, value), to, start, expression);
            }
        }
        return out.build(Validity.of(bits, rows));
    }

    /**
     * {@code left operator right} for {@code +}, {@code -}, {@code *} and the remainders giving a
     * decimal: the sides' whole numbers (in the result's scale for a sum, difference or remainder;
     * a product's scale is the sum of
     * theirs) computed as checked integers, then held to the result's digits. A value past them
     * fails, naming its row and the expression.
     */
    static Vector arithmetic(dev.floe.frame.expr.BinaryOperator operator, Vector left, Vector right, DataType result,
            long start, String expression) {
        int rows = left.length();
        if (left.type() == DataType.NULL || right.type() == DataType.NULL) {
            return Kernels.nulls(result, rows);
        }
        Vector[] operands = operands(operator, left, right, result, start, expression);
        Vector a = operands[0];
        Vector b = operands[1];
        DataType whole = result.isLongDecimal() ? DataType.INT64 : DataType.INT128;
        Vector out;
        try {
            out = ArithmeticKernel.apply(operator, unscaled(a, whole), unscaled(b, whole), whole, start, expression);
        } catch (OutOfRangeException overflow) {
            throw new OutOfRangeException("out of range: a value of " + expression + " has more digits than " + result
                    + " holds; cast an operand to a decimal of more digits (or to f64)");
        }
        Validity validity = out.validity();
        if (out instanceof LongVector v) {
            long[] values = v.values();
            long most = POW10[result.precision()] - 1;
            for (int i = 0; i < rows; i++) {
                long value = values[v.offset() + i];
                if ((value > most || value < -most) && (validity == null || validity.isValid(i))) {
                    throw tooWide(BigInteger.valueOf(value), result, start + i, expression);
                }
            }
            return new LongVector(result, values, v.offset(), rows, validity);
        }
        Int128Vector v = (Int128Vector) out;
        int past = firstPastDigits(v, result.precision());
        if (past >= 0) {
            throw tooWide(Int128.toBigInteger(v.getHigh(past), v.getLow(past)), result, start + past, expression);
        }
        return new Int128Vector(result, v.high(), v.low(), v.offset(), rows, validity);
    }

    /**
     * The first present value of {@code v} with more than {@code digits} digits (10^digits or more
     * from 0), or -1: each compared as 128-bit words with the bounds, no value made an object.
     */
    private static int firstPastDigits(Int128Vector v, int digits) {
        long[] high = v.high();
        long[] low = v.low();
        int offset = v.offset();
        Validity validity = v.validity();
        long maxHigh = MAX_HIGH[digits];
        long maxLow = MAX_LOW[digits];
        long minHigh = MIN_HIGH[digits];
        long minLow = MIN_LOW[digits];
        for (int i = 0; i < v.length(); i++) {
            long h = high[offset + i];
            long l = low[offset + i];
            if ((Int128.compare(h, l, maxHigh, maxLow) > 0 || Int128.compare(h, l, minHigh, minLow) < 0)
                    && (validity == null || validity.isValid(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code vector} itself, after checking that a decimal's present values have no more digits
     * than its type (a sum in 128 bits may reach 39); other types pass as they are.
     */
    public static Int128Vector withinPrecision(Int128Vector vector, String expression) {
        DataType type = vector.type();
        if (!type.isDecimal()) {
            return vector;
        }
        int past = firstPastDigits(vector, type.precision());
        if (past >= 0) {
            throw tooWide(Int128.toBigInteger(vector.getHigh(past), vector.getLow(past)), type, past, expression);
        }
        return vector;
    }

    /**
     * The sides of {@link #arithmetic} as the decimals it computes with: for a sum, difference or
     * remainder both in the result's type (a remainder's type holds either side; it is smaller than
     * both, and null for a divisor of 0), for a product each as its own decimal (the product's scale
     * is the sum of theirs). Cast left first, then right.
     */
    private static Vector[] operands(dev.floe.frame.expr.BinaryOperator operator, Vector left, Vector right,
            DataType result, long start, String expression) {
        return switch (operator) {
            case ADD, SUB, REM, MOD -> new Vector[] {CastKernel.cast(left, result, true, start, expression),
                    CastKernel.cast(right, result, true, start, expression)};
            case MUL -> {
                Vector a = CastKernel.cast(left, dev.floe.frame.Types.asDecimal(left.type()), true, start, expression);
                Vector b = CastKernel.cast(right, dev.floe.frame.Types.asDecimal(right.type()), true, start, expression);
                if (a.type().scale() + b.type().scale() != result.scale()) {
                    throw new IllegalStateException("a product of " + a.type() + " and " + b.type() + " is not " + result);
                }
                yield new Vector[] {a, b};
            }
            default -> throw new IllegalArgumentException(operator + " does not give a decimal");
        };
    }

    /**
     * {@link #arithmetic} of a column with a present constant ({@code column op c}, or {@code c op
     * column} when {@code constantFirst}) for {@code + - *} giving a decimal held in longs, the
     * constant read once instead of repeated. Null where that does not apply, and where some value
     * may have overflowed or passed the result's digits (under a null too): {@link #arithmetic}
     * then computes them again and names the row.
     */
    static Vector arithmeticScalar(dev.floe.frame.expr.BinaryOperator operator, Vector column, Vector constant,
            boolean constantFirst, DataType result, long start, String expression) {
        if (!result.isLongDecimal() || column.type() == DataType.NULL || column.length() == 0
                || !(operator == dev.floe.frame.expr.BinaryOperator.ADD || operator == dev.floe.frame.expr.BinaryOperator.SUB
                        || operator == dev.floe.frame.expr.BinaryOperator.MUL)) {
            return null;
        }
        // the sides cast as the general way casts them, in its order (the same error, if any)
        Vector[] operands = operands(operator, constantFirst ? constant : column, constantFirst ? column : constant,
                result, start, expression);
        Vector a = operands[constantFirst ? 1 : 0];
        Vector c = operands[constantFirst ? 0 : 1];
        if (!(a instanceof LongVector v) || !(c instanceof LongVector k) || k.isNull(0)) {
            return null;
        }
        int rows = v.length();
        long[] out = ArithmeticKernel.wholeScalar(operator, v.values(), v.offset(), k.values()[k.offset()],
                constantFirst, rows);
        if (out == null) {
            return null;
        }
        long most = POW10[result.precision()] - 1;
        long over = 0;
        for (int i = 0; i < rows; i++) {
            long value = out[i];
            over |= (most - value) | (value + most); // negative past the digits either way
        }
        return over < 0 ? null : new LongVector(result, out, 0, rows, v.validity());
    }

    private static OutOfRangeException tooWide(BigInteger value, DataType result, long row, String expression) {
        return new OutOfRangeException("out of range: " + new BigDecimal(value, result.scale()).toPlainString()
                + " does not fit " + result + " (row " + row + "), in expression " + expression
                + "; cast an operand to a decimal of more digits (or to f64)");
    }

    /** A decimal's whole numbers of {@code 10^-scale}, as integers of type {@code whole} (i64 or i128). */
    private static Vector unscaled(Vector decimal, DataType whole) {
        if (decimal instanceof LongVector v) {
            return whole == DataType.INT64 ? new LongVector(DataType.INT64, v.values(), v.offset(), v.length(), v.validity())
                    : Kernels.fromLongs(DataType.INT128, Kernels.longs(v), v.length(), v.validity());
        }
        Int128Vector v = (Int128Vector) decimal;
        return new Int128Vector(DataType.INT128, v.high(), v.low(), v.offset(), v.length(), v.validity());
    }

    /**
     * Decimals rounded to {@code digits} after the point ({@code mode}: half away from zero,
     * floor or ceiling; below 0, to a multiple of {@code 10^-digits}), as {@code result} (the
     * input's type where it has no more digits, else its precision with {@code max(digits, 0)}
     * after the point). A rounded value never needs more digits before the point than the result
     * frees by dropping some after it.
     */
    static Vector round(Vector input, RoundingMode mode, int digits, DataType result) {
        DataType type = input.type();
        if (digits >= type.scale()) {
            return input;
        }
        int rows = input.length();
        int drop = type.scale() - digits; // powers of ten the value is divided by
        int back = digits < 0 ? -digits : 0; // and multiplied by again, for a negative digits
        if (input instanceof LongVector v && drop <= DataType.MAX_LONG_DECIMAL_PRECISION && result.isLongDecimal()) {
            long[] in = v.values();
            int offset = v.offset();
            long unit = POW10[drop];
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                long value = in[offset + i];
                long quotient = value / unit;
                long rest = value % unit;
                if (rest != 0) {
                    quotient += switch (mode) {
                        case FLOOR -> value < 0 ? -1 : 0;
                        case CEILING -> value > 0 ? 1 : 0;
                        default -> Math.abs(rest) * 2 >= unit ? (value < 0 ? -1 : 1) : 0;
                    };
                }
                out[i] = back == 0 ? quotient : quotient * POW10[Math.min(back, DataType.MAX_LONG_DECIMAL_PRECISION)];
            }
            return new LongVector(result, out, 0, rows, input.validity());
        }
        Out out = new Out(result, rows);
        long[] bits = Kernels.validBits(input);
        for (int i = 0; i < rows; i++) {
            if (isSet(bits, i)) {
                BigDecimal value = read(input, i, type.scale()).setScale(digits, mode).setScale(result.scale());
                if (!out.set(i, value)) {
                    throw new IllegalStateException("a rounded " + value + " does not fit " + result);
                }
            }
        }
        return out.build(Validity.of(bits, rows));
    }

    /** Value {@code row} of a decimal, integer, float or text vector as a decimal (its validity not looked at). */
    private static BigDecimal read(Vector vector, int row, int scale) {
        DataType type = vector.type();
        return switch (vector) {
            case LongVector v when type.isDecimal() -> BigDecimal.valueOf(v.getLong(row), type.scale());
            case Int128Vector v -> new BigDecimal(Int128.toBigInteger(v.getHigh(row), v.getLow(row)), type.scale());
            case Utf8Vector v -> parse(v.getString(row));
            default -> {
                if (type.isFloat()) {
                    yield fromDouble(((Number) vector.get(row)).doubleValue(), scale);
                }
                yield BigDecimal.valueOf(((Number) vector.get(row)).longValue());
            }
        };
    }

    /**
     * A float as a decimal of {@code scale} digits after the point, as DuckDB computes it: the float
     * times {@code 10^scale} in double arithmetic, rounded half away from zero to a whole number
     * (so {@code 1.005} to two places is {@code 1.00}: the float is a little less than 1.005, and
     * {@code 0.1} to 18 places is {@code 0.1} exactly); null for NaN and the infinities.
     */
    static BigDecimal fromDouble(double value, int scale) {
        if (!Double.isFinite(value)) {
            return null;
        }
        double scaled = value * DOUBLE_POW10[scale];
        double magnitude = rounded(Math.abs(scaled));
        if (!Double.isFinite(magnitude)) {
            return null;
        }
        BigInteger whole = magnitude < 0x1p63 ? BigInteger.valueOf((long) magnitude)
                : new BigDecimal(magnitude).toBigInteger();
        return new BigDecimal(scaled < 0 ? whole.negate() : whole, scale);
    }

    /** A float that is not negative, rounded half up to a whole number. */
    private static double rounded(double magnitude) {
        if (magnitude >= 0x1p52) {
            return magnitude; // whole already
        }
        double floor = Math.floor(magnitude);
        return magnitude - floor >= 0.5 ? floor + 1 : floor;
    }

    /** Floats as decimals of up to 18 digits, as {@link #fromDouble} rounds them, in a {@code long}. */
    private static Vector floatsToLong(Vector vector, DataType to, boolean strict, long start, String expression) {
        int rows = vector.length();
        double[] in = Kernels.doubles(vector);
        long[] out = new long[rows];
        long[] bits = Kernels.validBits(vector);
        double factor = DOUBLE_POW10[to.scale()];
        double limit = DOUBLE_POW10[to.precision()]; // exact: up to 10^18
        for (int i = 0; i < rows; i++) {
            double scaled = in[i] * factor;
            double magnitude = rounded(Math.abs(scaled));
            if (magnitude < limit) { // false for NaN
                out[i] = scaled < 0 ? -(long) magnitude : (long) magnitude;
            } else if (isSet(bits, i)) {
                refuse(strict, bits, i, String.valueOf(in[i]), to, start, expression);
            }
        }
        return new LongVector(to, out, 0, rows, Validity.of(bits, rows));
    }

    /** 10^{@code exponent} (0 to 38) as the nearest double: exact up to 10^22. */
    public static double powerOfTen(int exponent) {
        return DOUBLE_POW10[exponent];
    }

    /** What {@link #parseLong} gives for text it leaves to {@link #wholeOf}. */
    public static final long NOT_SIMPLE = Long.MIN_VALUE;

    /**
     * The whole number of {@code 10^-scale} that the ASCII text {@code data[start, end)} is, for a
     * decimal {@code type} of up to 18 digits: an optional sign, digits and at most one point,
     * rounded half away from zero to the type's scale; {@link #NOT_SIMPLE} for any other text (an
     * exponent, spaces, more than 18 digits, a value past the type's digits), which {@link #wholeOf}
     * then reads or refuses. No object is made.
     */
    public static long parseLong(byte[] data, int start, int end, DataType type) {
        int i = start;
        boolean negative = false;
        if (i < end && (data[i] == '-' || data[i] == '+')) {
            negative = data[i] == '-';
            i++;
        }
        int scale = type.scale();
        long limit = POW10[type.precision()];
        long value = 0;
        boolean digits = false;
        int fraction = -1; // digits kept after the point; -1 before the point
        boolean roundUp = false;
        boolean dropping = false;
        for (; i < end; i++) {
            byte c = data[i];
            if (c == '.') {
                if (fraction >= 0) {
                    return NOT_SIMPLE;
                }
                fraction = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                return NOT_SIMPLE;
            }
            digits = true;
            if (fraction == scale) {
                // past the scale: the first dropped digit alone decides half away from zero
                if (!dropping) {
                    roundUp = c >= '5';
                    dropping = true;
                }
                continue;
            }
            if (value > (limit - 1 - (c - '0')) / 10) {
                return NOT_SIMPLE; // more digits than the type holds (and no long overflow)
            }
            value = value * 10 + (c - '0');
            if (fraction >= 0) {
                fraction++;
            }
        }
        if (!digits) {
            return NOT_SIMPLE;
        }
        for (int k = Math.max(fraction, 0); k < scale; k++) {
            if (value > (limit - 1) / 10) {
                return NOT_SIMPLE;
            }
            value *= 10;
        }
        if (roundUp && ++value >= limit) {
            return NOT_SIMPLE;
        }
        return negative ? -value : value;
    }

    /**
     * Text as a decimal {@code type}'s whole number of {@code 10^-scale} (an optional sign, ASCII
     * digits, a point, an exponent; spaces around), rounded half away from zero; null where it is
     * no such number or has more digits before the point than the type holds.
     */
    public static BigInteger wholeOf(String text, DataType type) {
        BigDecimal value;
        try {
            value = parse(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
        BigInteger whole = value.setScale(type.scale(), RoundingMode.HALF_UP).unscaledValue();
        return whole.abs().compareTo(BIG_POW10[type.precision()]) < 0 ? whole : null;
    }

    /**
     * Decimal text: an optional sign, ASCII digits with at most one point, an optional exponent; a
     * single {@code _} between two digits is dropped ({@code 1_000.5}), as DuckDB reads it.
     */
    static BigDecimal parse(String text) {
        String number = text.strip();
        boolean digit = false;
        boolean underscores = false;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '_') {
                underscores = true;
                if (i == 0 || i == number.length() - 1 || !isDigit(number.charAt(i - 1)) || !isDigit(number.charAt(i + 1))) {
                    throw new NumberFormatException(text);
                }
            } else if (!(c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new NumberFormatException(text);
            }
        }
        if (!digit) {
            throw new NumberFormatException(text);
        }
        return new BigDecimal(underscores ? number.replace("_", "") : number);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String shown(Vector vector, int row, BigDecimal value) {
        Object shown = value != null ? value : vector.get(row);
        return shown instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(shown);
    }

    /** Where the values go: whole numbers of {@code 10^-scale} in a {@code long[]} or two, or integers. */
    private static final class Out {
        private final DataType type;
        private final long[] values;
        private final long[] high;
        private final BigInteger limit;

        Out(DataType type, int rows) {
            this.type = type;
            this.values = new long[rows];
            boolean wide = type == DataType.INT128 || type.isDecimal() && !type.isLongDecimal();
            this.high = wide ? new long[rows] : null;
            this.limit = type.isDecimal() ? BIG_POW10[type.precision()] : null;
        }

        /** Sets value {@code row}, rounded to the type; false where the type cannot hold it (or it is null: NaN). */
        boolean set(int row, BigDecimal value) {
            if (value == null) {
                return false;
            }
            BigInteger whole = value.setScale(type.isDecimal() ? type.scale() : 0, RoundingMode.HALF_UP)
                    .unscaledValue();
            if (type.isDecimal()) {
                if (whole.abs().compareTo(limit) >= 0) {
                    return false;
                }
            } else if (!fitsInteger(whole, type)) {
                return false;
            }
            if (high != null) {
                high[row] = Int128.high(whole);
                values[row] = Int128.low(whole);
            } else {
                values[row] = whole.longValue();
            }
            return true;
        }

        Vector build(Validity validity) {
            int rows = values.length;
            if (high != null) {
                return new Int128Vector(type, high, values, 0, rows, validity);
            }
            return type.isDecimal() ? new LongVector(type, values, 0, rows, validity)
                    : Kernels.fromLongs(type, values, rows, validity);
        }
    }

    private static boolean fitsInteger(BigInteger whole, DataType type) {
        return switch (type.id()) {
            case INT8 -> whole.bitLength() < 8;
            case INT16 -> whole.bitLength() < 16;
            case INT32 -> whole.bitLength() < 32;
            case INT64 -> whole.bitLength() < 64;
            case INT128 -> Int128.fits(whole);
            default -> false;
        };
    }

    /** Between decimals of up to 18 digits: the whole numbers rescaled in a {@code long}. */
    private static Vector longToLong(LongVector vector, DataType to, boolean strict, long start, String expression) {
        int rows = vector.length();
        long[] in = vector.values();
        int offset = vector.offset();
        long[] out = new long[rows];
        long[] bits = Kernels.validBits(vector);
        int shift = to.scale() - vector.type().scale();
        long limit = POW10[to.precision()];
        for (int i = 0; i < rows; i++) {
            long value = in[offset + i];
            long result;
            if (shift >= 0) {
                long factor = POW10[shift];
                result = value * factor;
                if (Math.abs(value) > (limit - 1) / factor) {
                    result = limit; // past the target's digits (and perhaps a long's range): refused below
                }
            } else {
                long divisor = POW10[-shift];
                result = value / divisor;
                long rest = value % divisor;
                if (Math.abs(rest) * 2 >= divisor) {
                    result += value < 0 ? -1 : 1; // half away from zero
                }
            }
            if (Math.abs(result) >= limit && isSet(bits, i)) {
                refuse(strict, bits, i, BigDecimal.valueOf(value, vector.type().scale()).toPlainString(), to, start,
                        expression);
            } else {
                out[i] = result;
            }
        }
        return new LongVector(to, out, 0, rows, Validity.of(bits, rows));
    }

    /** Integers as decimals of up to 18 digits: times {@code 10^scale}, where the digits hold it. */
    private static Vector integersToLong(Vector vector, DataType to, boolean strict, long start, String expression) {
        int rows = vector.length();
        long[] in = Kernels.longs(vector);
        long[] out = new long[rows];
        long[] bits = Kernels.validBits(vector);
        long factor = POW10[to.scale()];
        long most = (POW10[to.precision()] - 1) / factor;
        for (int i = 0; i < rows; i++) {
            long value = in[i];
            if (value > most || value < -most) {
                if (isSet(bits, i)) {
                    refuse(strict, bits, i, String.valueOf(value), to, start, expression);
                }
            } else {
                out[i] = value * factor;
            }
        }
        return new LongVector(to, out, 0, rows, Validity.of(bits, rows));
    }

    /**
     * Integers or decimals of up to 18 digits as a wider decimal with at least their digits after
     * the point: each whole number times {@code 10^shift} as a 128-bit product of two longs, its
     * digits checked against the target's as words.
     */
    private static Vector longsToWide(Vector vector, DataType to, boolean strict, long start, String expression) {
        int rows = vector.length();
        long[] in = Kernels.longs(vector);
        long factor = POW10[to.scale() - vector.type().scale()];
        long[] high = new long[rows];
        long[] low = new long[rows];
        long[] bits = Kernels.validBits(vector);
        long maxHigh = MAX_HIGH[to.precision()];
        long maxLow = MAX_LOW[to.precision()];
        long minHigh = MIN_HIGH[to.precision()];
        long minLow = MIN_LOW[to.precision()];
        for (int i = 0; i < rows; i++) {
            long h = Math.multiplyHigh(in[i], factor);
            long l = in[i] * factor;
            if (Int128.compare(h, l, maxHigh, maxLow) > 0 || Int128.compare(h, l, minHigh, minLow) < 0) {
                if (isSet(bits, i)) {
                    refuse(strict, bits, i, shown(vector, i, null), to, start, expression);
                }
            } else {
                high[i] = h;
                low[i] = l;
            }
        }
        return new Int128Vector(to, high, low, 0, rows, Validity.of(bits, rows));
    }

    /** Decimals of up to 18 digits as integers: rounded half away from zero, where the type holds them. */
    private static Vector longToIntegers(LongVector vector, DataType to, boolean strict, long start, String expression) {
        int rows = vector.length();
        long[] in = vector.values();
        int offset = vector.offset();
        long[] out = new long[rows];
        long[] bits = Kernels.validBits(vector);
        long divisor = POW10[vector.type().scale()];
        for (int i = 0; i < rows; i++) {
            long value = in[offset + i];
            long result = value / divisor;
            if (Math.abs(value % divisor) * 2 >= divisor && divisor > 1) {
                result += value < 0 ? -1 : 1;
            }
            boolean fits = switch (to.id()) {
                case INT8 -> result == (byte) result;
                case INT16 -> result == (short) result;
                case INT32 -> result == (int) result;
                default -> true;
            };
            if (!fits && isSet(bits, i)) {
                refuse(strict, bits, i, BigDecimal.valueOf(value, vector.type().scale()).toPlainString(), to, start,
                        expression);
            } else if (fits) {
                out[i] = result;
            }
        }
        return Kernels.fromLongs(to, out, rows, Validity.of(bits, rows));
    }

    private static Vector toDoubles(Vector vector, DataType to) {
        return Kernels.fromDoubles(to, values(vector), vector.length(), vector.validity());
    }

    /** A decimal vector's values as doubles, each correctly rounded (what {@link Kernels#doubles} gives for decimals). */
    static double[] values(Vector vector) {
        int rows = vector.length();
        double[] out = new double[rows];
        int scale = vector.type().scale();
        if (vector instanceof LongVector v) {
            long[] in = v.values();
            int offset = v.offset();
            double divisor = DOUBLE_POW10[scale]; // exact for scales up to 22
            for (int i = 0; i < rows; i++) {
                long value = in[offset + i];
                // one rounding where both are exact doubles; else BigDecimal's correctly rounded value
                out[i] = Math.abs(value) < (1L << 53) ? value / divisor : BigDecimal.valueOf(value, scale).doubleValue();
            }
        } else {
            Int128Vector v = (Int128Vector) vector;
            for (int i = 0; i < rows; i++) {
                out[i] = new BigDecimal(Int128.toBigInteger(v.getHigh(i), v.getLow(i)), scale).doubleValue();
            }
        }
        return out;
    }

    private static Vector toText(Vector vector) {
        int rows = vector.length();
        Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows * 8);
        for (int i = 0; i < rows; i++) {
            if (vector.isNull(i)) {
                out.appendNull();
            } else {
                out.append(((BigDecimal) vector.get(i)).toPlainString());
            }
        }
        return out.build();
    }

    /** A value a cast cannot give: out of range, failing when {@code strict}, else null at its row. */
    private static void refuse(boolean strict, long[] bits, int row, String value, DataType to, long start,
            String expression) {
        if (strict) {
            throw new OutOfRangeException("out of range: cannot cast " + value + " to " + to + " at row " + (start + row)
                    + ", in expression " + expression + "; use tryCast to get null instead");
        }
        clear(bits, row);
    }

    private static boolean isSet(long[] bits, int row) {
        return (bits[row >>> 6] & (1L << row)) != 0;
    }

    private static void clear(long[] bits, int row) {
        bits[row >>> 6] &= ~(1L << row);
    }
}
