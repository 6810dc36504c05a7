package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;

/**
 * Arithmetic on two vectors of equal length, in the {@code long} domain (integer results, checked:
 * a result that overflows its type raises {@link OutOfRangeException}; null for floor division,
 * modulo or remainder by zero) or the {@code double} domain (IEEE). Temporal arithmetic is {@code long}
 * arithmetic on microseconds.
 *
 * <p>The integer loops stay branch-free: each folds a sign or difference bit of every result
 * into one word, tested once after the loop. Only when that word says some row may have
 * overflowed are the present rows checked one by one (values under nulls are unspecified and
 * may overflow harmlessly).
 */
final class ArithmeticKernel {
    private ArithmeticKernel() {}

    /**
     * @param start the row of the whole input where these values begin, for messages
     * @param expression the expression being evaluated, for messages
     */
    static Vector apply(BinaryOperator operator, Vector left, Vector right, DataType result, long start,
            String expression) {
        if (result.isDecimal()) {
            return DecimalKernel.arithmetic(operator, left, right, result, start, expression);
        }
        int rows = left.length();
        Validity validity = Kernels.and(left.validity(), right.validity(), rows);
        if (result == DataType.NULL) {
            return Kernels.nulls(result, rows);
        }
        if (result.isFloat()) {
            // doubles are read where they lie; other types are widened first
            double[] a = left instanceof DoubleVector v ? v.values() : Kernels.doubles(left);
            int ao = left instanceof DoubleVector v ? v.offset() : 0;
            double[] b = right instanceof DoubleVector v ? v.values() : Kernels.doubles(right);
            int bo = right instanceof DoubleVector v ? v.offset() : 0;
            return Kernels.fromDoubles(result, floats(operator, a, ao, b, bo, rows), rows, validity);
        }
        if (result == DataType.INT128) {
            return Int128Arithmetic.apply(operator, left, right, validity, start, expression);
        }
        long[] a = micros(left, result, validity, start, expression);
        long[] b = micros(right, result, validity, start, expression);
        long[] out = new long[rows];
        boolean suspect;
        switch (operator) {
            case ADD -> {
                long signs = 0;
                for (int i = 0; i < rows; i++) {
                    long x = a[i];
                    long y = b[i];
                    long r = x + y;
                    out[i] = r;
                    signs |= (x ^ r) & (y ^ r); // negative where both operands' signs differ from the sum's
                }
                suspect = signs < 0;
            }
            case SUB -> {
                long signs = 0;
                for (int i = 0; i < rows; i++) {
                    long x = a[i];
                    long y = b[i];
                    long r = x - y;
                    out[i] = r;
                    signs |= (x ^ y) & (x ^ r);
                }
                suspect = signs < 0;
            }
            case MUL -> {
                long differences = 0;
                for (int i = 0; i < rows; i++) {
                    long x = a[i];
                    long y = b[i];
                    long r = x * y;
                    out[i] = r;
                    differences |= Math.multiplyHigh(x, y) ^ (r >> 63); // the high word is the low one's sign
                }
                suspect = differences != 0;
            }
            case FLOOR_DIV, MOD, REM -> {
                long[] bits = null;
                suspect = false;
                for (int i = 0; i < rows; i++) {
                    if (b[i] == 0) {
                        if (bits == null) {
                            bits = validBits(validity, rows);
                        }
                        bits[i >>> 6] &= ~(1L << i);
                    } else if (operator == BinaryOperator.REM) {
                        out[i] = a[i] % b[i];
                    } else if (operator == BinaryOperator.MOD) {
                        out[i] = Math.floorMod(a[i], b[i]);
                    } else {
                        out[i] = Math.floorDiv(a[i], b[i]);
                        suspect |= a[i] == Long.MIN_VALUE && b[i] == -1;
                    }
                }
                if (bits != null) {
                    validity = Validity.of(bits, rows);
                }
            }
            case POW -> {
                suspect = false;
                for (int i = 0; i < rows; i++) {
                    try {
                        out[i] = powerExact(a[i], b[i]);
                    } catch (ArithmeticException overflow) {
                        suspect = true; // perhaps under a null: the rows are checked below
                    }
                }
            }
            default -> throw new IllegalArgumentException(operator + " is not arithmetic on integers");
        }
        if (suspect || !fitsAll(out, rows, result)) {
            checkRows(operator, a, b, rows, validity, result, start, expression);
        }
        return Kernels.fromLongs(result, out, rows, validity);
    }

    /**
     * {@code -x} ({@code abs} false) or {@code |x|} of an integer or duration vector, checked:
     * the smallest value of a type has no negation in it.
     */
    static Vector negate(Vector value, DataType type, boolean abs, long start, String expression) {
        if (type == DataType.INT128) {
            return Int128Arithmetic.negate(value, abs, start, expression);
        }
        if (type.isWide()) {
            // a decimal of more than 18 digits: its whole numbers (below 10^38, so their negations fit)
            Int128Vector words = (Int128Vector) value;
            Int128Vector whole = new Int128Vector(DataType.INT128, words.high(), words.low(), words.offset(),
                    words.length(), words.validity());
            Int128Vector negated = (Int128Vector) Int128Arithmetic.negate(whole, abs, start, expression);
            return new Int128Vector(type, negated.high(), negated.low(), negated.offset(), negated.length(),
                    negated.validity());
        }
        int rows = value.length();
        long[] values = Kernels.longs(value);
        long[] out = new long[rows];
        long signs = 0;
        if (abs) {
            for (int i = 0; i < rows; i++) {
                long r = Math.abs(values[i]);
                out[i] = r;
                signs |= r; // negative only for the smallest long
            }
        } else {
            for (int i = 0; i < rows; i++) {
                long x = values[i];
                long r = -x;
                out[i] = r;
                signs |= x & r; // both negative only for the smallest long
            }
        }
        if (signs < 0 || !fitsAll(out, rows, type)) {
            Validity validity = value.validity();
            for (int i = 0; i < rows; i++) {
                long x = values[i];
                if ((validity == null || validity.isValid(i)) && (x == Long.MIN_VALUE || !fits(-x, type))) {
                    throw new OutOfRangeException("out of range: " + (abs ? "abs(" + x + ")" : "-(" + x + ")")
                            + " does not fit " + type + " (row " + (start + i) + "), in expression " + expression);
                }
            }
        }
        return Kernels.fromLongs(type, out, rows, value.validity());
    }

    /** Whether every value fits {@code type}: a branch-free pass, needed for the types narrower than {@code long}. */
    private static boolean fitsAll(long[] values, int rows, DataType type) {
        long differences = 0;
        switch (type.id()) {
            case INT32 -> {
                for (int i = 0; i < rows; i++) {
                    differences |= values[i] ^ (int) values[i];
                }
            }
            case INT16 -> {
                for (int i = 0; i < rows; i++) {
                    differences |= values[i] ^ (short) values[i];
                }
            }
            case INT8 -> {
                for (int i = 0; i < rows; i++) {
                    differences |= values[i] ^ (byte) values[i];
                }
            }
            default -> { }
        }
        return differences == 0;
    }

    private static boolean fits(long value, DataType type) {
        return switch (type.id()) {
            case INT32, DATE -> value == (int) value;
            case INT16 -> value == (short) value;
            case INT8 -> value == (byte) value;
            default -> true;
        };
    }

    /** The slow path: each present row computed exactly; the first that does not fit raises. */
    private static void checkRows(BinaryOperator operator, long[] a, long[] b, int rows, Validity validity,
            DataType result, long start, String expression) {
        for (int i = 0; i < rows; i++) {
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long x = a[i];
            long y = b[i];
            boolean fits;
            try {
                long r = switch (operator) {
                    case ADD -> Math.addExact(x, y);
                    case SUB -> Math.subtractExact(x, y);
                    case MUL -> Math.multiplyExact(x, y);
                    case FLOOR_DIV -> y == 0 ? 0 : Math.floorDivExact(x, y);
                    case MOD -> y == 0 ? 0 : Math.floorMod(x, y);
                    case REM -> y == 0 ? 0 : x % y;
                    case POW -> powerExact(x, y);
                    default -> throw new IllegalArgumentException(operator + " is not arithmetic on integers");
                };
                fits = fits(r, result);
            } catch (ArithmeticException overflow) {
                fits = false;
            }
            if (!fits) {
                throw new OutOfRangeException("out of range: " + x + " " + operator.symbol() + " " + y
                        + " does not fit " + result + " (row " + (start + i) + "), in expression " + expression);
            }
        }
    }

    /**
     * The operand as {@code long}s; a date next to a datetime or duration result in microseconds
     * (a date is midnight of its day), so that temporal arithmetic is plain integer arithmetic.
     */
    private static long[] micros(Vector operand, DataType result, Validity validity, long start, String expression) {
        long[] values = Kernels.longs(operand);
        if (operand.type() != DataType.DATE || result == DataType.DATE) {
            return values;
        }
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            long days = values[i];
            if (Math.abs(days) > MAX_DAYS && (validity == null || validity.isValid(i))) {
                throw new OutOfRangeException("out of range: a date " + days + " days from 1970-01-01 has no "
                        + "datetime[μs] (row " + (start + i) + "), in expression " + expression);
            }
            out[i] = days * MICROS_PER_DAY;
        }
        return out;
    }

    /** The most days from 1970-01-01 whose midnight a {@code long} of microseconds holds. */
    private static final long MAX_DAYS = Long.MAX_VALUE / 86_400_000_000L;

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * {@code + - *} of a column of whole numbers with a present whole-number constant ({@code
     * column op c}, or {@code c op column} when {@code constantFirst}) as {@code result}, an
     * integer of 8 to 64 bits, without repeating the constant. Null where that does not apply,
     * and where some value may have overflowed (under a null too): the general way ({@link
     * #apply}) then computes them again and names the row.
     */
    static Vector applyWholeScalar(BinaryOperator operator, Vector column, Vector constant, boolean constantFirst,
            DataType result) {
        if (!result.isInteger() || result == DataType.INT128 || !column.type().isInteger()
                || column.type() == DataType.INT128 || !constant.type().isInteger()
                || constant.type() == DataType.INT128) {
            return null;
        }
        int rows = column.length();
        long[] a = column instanceof LongVector v ? v.values() : Kernels.longs(column);
        int o = column instanceof LongVector v ? v.offset() : 0;
        long[] out = wholeScalar(operator, a, o, Kernels.longs(constant)[0], constantFirst, rows);
        return out == null || !fitsAll(out, rows, result) ? null
                : Kernels.fromLongs(result, out, rows, column.validity());
    }

    /**
     * {@code a[o + i] op c} (or {@code c op a[o + i]} when {@code constantFirst}) for {@code + - *},
     * or null where the operator is another or some value overflowed a {@code long}.
     */
    static long[] wholeScalar(BinaryOperator operator, long[] a, int o, long c, boolean constantFirst, int rows) {
        // each loop a method of its own: small units the JIT compiles (at a loop, on a first run) quickly
        return switch (operator) {
            case ADD -> addWholeScalar(a, o, c, rows);
            case SUB -> constantFirst ? wholeSubtractedFromScalar(a, o, c, rows) : subWholeScalar(a, o, c, rows);
            case MUL -> mulWholeScalar(a, o, c, rows);
            default -> null;
        };
    }

    private static long[] addWholeScalar(long[] a, int o, long c, int rows) {
        long[] out = new long[rows];
        long signs = 0;
        for (int i = 0; i < rows; i++) {
            long x = a[o + i];
            long r = x + c;
            out[i] = r;
            signs |= (x ^ r) & (c ^ r);
        }
        return signs < 0 ? null : out;
    }

    private static long[] subWholeScalar(long[] a, int o, long c, int rows) {
        long[] out = new long[rows];
        long signs = 0;
        for (int i = 0; i < rows; i++) {
            long x = a[o + i];
            long r = x - c;
            out[i] = r;
            signs |= (x ^ c) & (x ^ r);
        }
        return signs < 0 ? null : out;
    }

    private static long[] wholeSubtractedFromScalar(long[] a, int o, long c, int rows) {
        long[] out = new long[rows];
        long signs = 0;
        for (int i = 0; i < rows; i++) {
            long x = a[o + i];
            long r = c - x;
            out[i] = r;
            signs |= (c ^ x) & (c ^ r);
        }
        return signs < 0 ? null : out;
    }

    private static long[] mulWholeScalar(long[] a, int o, long c, int rows) {
        long[] out = new long[rows];
        long differences = 0;
        for (int i = 0; i < rows; i++) {
            long x = a[o + i];
            long r = x * c;
            out[i] = r;
            differences |= Math.multiplyHigh(x, c) ^ (r >> 63);
        }
        return differences != 0 ? null : out;
    }

    /**
     * Float arithmetic of a column with a constant ({@code column op c}, or {@code c op column}
     * when {@code constantFirst}) without repeating the constant: the same IEEE results as
     * {@link #apply}. Only {@code + - * /}; null for other operators, which take the general way.
     */
    static Vector applyScalar(BinaryOperator operator, Vector column, double c, boolean constantFirst,
            DataType result) {
        if (!result.isFloat() || !(operator == BinaryOperator.ADD || operator == BinaryOperator.SUB
                || operator == BinaryOperator.MUL || operator == BinaryOperator.DIV)) {
            return null;
        }
        int rows = column.length();
        double[] a = column instanceof DoubleVector v ? v.values() : Kernels.doubles(column);
        int o = column instanceof DoubleVector v ? v.offset() : 0;
        // each loop a method of its own: small units the JIT compiles (at a loop, on a first run) quickly
        double[] out = switch (operator) {
            case ADD -> addScalar(a, o, c, rows);
            case SUB -> constantFirst ? subtractedFromScalar(a, o, c, rows) : addScalar(a, o, -c, rows);
            case MUL -> mulScalar(a, o, c, rows);
            default -> constantFirst ? scalarDividedBy(a, o, c, rows) : divByScalar(a, o, c, rows);
        };
        return Kernels.fromDoubles(result, out, rows, column.validity());
    }

    private static double[] addScalar(double[] a, int o, double c, int rows) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = a[o + i] + c;
        }
        return out;
    }

    private static double[] subtractedFromScalar(double[] a, int o, double c, int rows) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = c - a[o + i];
        }
        return out;
    }

    private static double[] mulScalar(double[] a, int o, double c, int rows) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = a[o + i] * c;
        }
        return out;
    }

    private static double[] scalarDividedBy(double[] a, int o, double c, int rows) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = c / a[o + i];
        }
        return out;
    }

    private static double[] divByScalar(double[] a, int o, double c, int rows) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = a[o + i] / c;
        }
        return out;
    }

    private static double[] floats(BinaryOperator operator, double[] a, int ao, double[] b, int bo, int rows) {
        double[] out = new double[rows];
        switch (operator) {
            case ADD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[ao + i] / b[bo + i];
                }
            }
            case FLOOR_DIV -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.floor(a[ao + i] / b[bo + i]);
                }
            }
            case MOD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = floorMod(a[ao + i], b[bo + i]);
                }
            }
            case REM -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[ao + i] % b[bo + i];
                }
            }
            case POW -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.pow(a[ao + i], b[bo + i]);
                }
            }
            default -> throw new IllegalArgumentException(operator + " is not arithmetic");
        }
        return out;
    }

    /** Python's float {@code %}: the sign of the divisor; NaN for a zero divisor. */
    static double floorMod(double a, double b) {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    /**
     * {@code base} to a non-negative integer power.
     *
     * @throws ArithmeticException where the power leaves the {@code long}s
     */
    static long powerExact(long base, long exponent) {
        long result = 1;
        long factor = base;
        long e = exponent;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = Math.multiplyExact(result, factor);
            }
            e >>= 1;
            if (e > 0) {
                // squared only when a later step multiplies it in, so an overflow here is the power's
                factor = Math.multiplyExact(factor, factor);
            }
        }
        return result;
    }

    private static long[] validBits(Validity validity, int rows) {
        long[] bits = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        return bits;
    }
}
