package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;

/**
 * The greatest common divisor and least common multiple of two whole numbers, row by row, as
 * {@code i64}s that are not negative; a row is null where either input is. A result {@code i64}
 * cannot hold (2^63, or a larger multiple) fails, naming the row.
 */
final class GcdKernel {
    private GcdKernel() {}

    /**
     * @param multiple the least common multiple rather than the greatest common divisor
     * @param start the row of the whole input where these values begin, for messages
     * @param expression the expression being evaluated, for messages
     */
    static Vector apply(boolean multiple, Vector a, Vector b, long start, String expression) {
        int rows = a.length();
        if (a.type() == DataType.NULL || b.type() == DataType.NULL) {
            return Kernels.nulls(DataType.INT64, rows);
        }
        Validity validity = Kernels.and(a.validity(), b.validity(), rows);
        long[] x = Kernels.longs(a);
        long[] y = Kernels.longs(b);
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long divisor = gcd(x[i], y[i]);
            if (!multiple) {
                if (divisor == Long.MIN_VALUE) {
                    throw overflow("gcd", x[i], y[i], start + i, expression);
                }
                out[i] = divisor;
                continue;
            }
            if (x[i] == 0 || y[i] == 0) {
                continue;
            }
            // |x / gcd * y|, each step checked (the gcd of two numbers that are not 0 is not 0)
            long quotient = x[i] / divisor;
            long product;
            try {
                product = Math.multiplyExact(quotient, y[i]);
            } catch (ArithmeticException e) {
                throw overflow("lcm", x[i], y[i], start + i, expression);
            }
            if (product == Long.MIN_VALUE) {
                throw overflow("lcm", x[i], y[i], start + i, expression);
            }
            out[i] = Math.abs(product);
        }
        return Kernels.fromLongs(DataType.INT64, out, rows, validity);
    }

    /** Euclid's, its sign dropped at the end: {@code Long.MIN_VALUE} where the answer is 2^63. */
    static long gcd(long x, long y) {
        while (y != 0) {
            long remainder = x % y;
            x = y;
            y = remainder;
        }
        return x == Long.MIN_VALUE ? x : Math.abs(x);
    }

    private static OutOfRangeException overflow(String function, long x, long y, long row, String expression) {
        return new OutOfRangeException("out of range: " + function + "(" + x + ", " + y
                + ") is past the largest i64 (row " + row + "), in expression " + expression);
    }
}
