package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;

/**
 * Arithmetic on two vectors of equal length, in the {@code long} domain (integer results: wrap on
 * overflow, null for floor division or modulo by zero) or the {@code double} domain (IEEE).
 * Temporal arithmetic is {@code long} arithmetic on microseconds.
 */
final class ArithmeticKernel {
    private ArithmeticKernel() {}

    static Vector apply(BinaryOperator operator, Vector left, Vector right, DataType result) {
        int rows = left.length();
        Validity validity = Kernels.and(left.validity(), right.validity(), rows);
        if (result == DataType.NULL) {
            return Kernels.nulls(result, rows);
        }
        if (result.isFloat()) {
            double[] a = Kernels.doubles(left);
            double[] b = Kernels.doubles(right);
            return Kernels.fromDoubles(result, floats(operator, a, b, rows), rows, validity);
        }
        long[] a = micros(left, result);
        long[] b = micros(right, result);
        long[] out = new long[rows];
        switch (operator) {
            case ADD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[i] + b[i];
                }
            }
            case SUB -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[i] - b[i];
                }
            }
            case MUL -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[i] * b[i];
                }
            }
            case FLOOR_DIV, MOD -> {
                long[] bits = null;
                for (int i = 0; i < rows; i++) {
                    if (b[i] == 0) {
                        if (bits == null) {
                            bits = validBits(validity, rows);
                        }
                        bits[i >>> 6] &= ~(1L << i);
                    } else {
                        out[i] = operator == BinaryOperator.MOD ? Math.floorMod(a[i], b[i]) : Math.floorDiv(a[i], b[i]);
                    }
                }
                if (bits != null) {
                    validity = Validity.of(bits, rows);
                }
            }
            case POW -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = power(a[i], b[i]);
                }
            }
            default -> throw new IllegalArgumentException(operator + " is not arithmetic on integers");
        }
        return Kernels.fromLongs(result, out, rows, validity);
    }

    /**
     * The operand as {@code long}s; a date next to a datetime or duration result in microseconds
     * (a date is midnight of its day), so that temporal arithmetic is plain integer arithmetic.
     */
    private static long[] micros(Vector operand, DataType result) {
        long[] values = Kernels.longs(operand);
        if (operand.type() != DataType.DATE || result == DataType.DATE) {
            return values;
        }
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * MICROS_PER_DAY;
        }
        return out;
    }

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private static double[] floats(BinaryOperator operator, double[] a, double[] b, int rows) {
        double[] out = new double[rows];
        switch (operator) {
            case ADD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[i] + b[i];
                }
            }
            case SUB -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[i] - b[i];
                }
            }
            case MUL -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[i] * b[i];
                }
            }
            case DIV -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = a[i] / b[i];
                }
            }
            case FLOOR_DIV -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.floor(a[i] / b[i]);
                }
            }
            case MOD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = floorMod(a[i], b[i]);
                }
            }
            case POW -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.pow(a[i], b[i]);
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

    /** {@code base} to a non-negative integer power, wrapping on overflow. */
    static long power(long base, long exponent) {
        long result = 1;
        long factor = base;
        long e = exponent;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= factor;
            }
            factor *= factor;
            e >>= 1;
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
