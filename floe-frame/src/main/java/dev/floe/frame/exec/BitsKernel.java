package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.ScalarFunction;

/**
 * The functions of integers' bits ({@code &}, {@code |}, xor, shifts, {@code ~}, bit counts) on
 * {@code long[]}, and {@code arctan2}, the two-argument arc tangent, on {@code double[]}. A row is
 * null where an input is.
 */
final class BitsKernel {
    private BitsKernel() {}

    /** BIT_NOT and BIT_COUNT of {@code input}, typed {@code type}. */
    static Vector apply(ScalarFunction function, Vector input, DataType type) {
        int rows = input.length();
        long[] x = Kernels.longs(input);
        long[] out = new long[rows];
        if (function == ScalarFunction.BIT_NOT) {
            for (int i = 0; i < rows; i++) {
                out[i] = ~x[i];
            }
        } else {
            long mask = mask(input.type());
            for (int i = 0; i < rows; i++) {
                out[i] = Long.bitCount(x[i] & mask);
            }
        }
        return Kernels.fromLongs(type, out, rows, input.validity());
    }

    /**
     * The two-input functions: ARCTAN2 of (y, x), and the bitwise and shift functions of (a, b).
     *
     * @param start the row of the whole input where these values begin, for messages
     * @param expression the expression being evaluated, for messages
     */
    static Vector applyTwo(ScalarFunction function, Vector a, Vector b, DataType type, long start, String expression) {
        int rows = a.length();
        if (a.type() == DataType.NULL || b.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        Validity validity = Kernels.and(a.validity(), b.validity(), rows);
        if (function == ScalarFunction.ARCTAN2) {
            double[] y = Kernels.doubles(a);
            double[] x = Kernels.doubles(b);
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = Math.atan2(y[i], x[i]);
            }
            return Kernels.fromDoubles(type, out, rows, validity);
        }
        long[] x = Kernels.longs(a);
        long[] y = Kernels.longs(b);
        long[] out = new long[rows];
        switch (function) {
            case BIT_AND -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] & y[i];
                }
            }
            case BIT_OR -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] | y[i];
                }
            }
            case BIT_XOR -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] ^ y[i];
                }
            }
            case SHIFT_RIGHT -> {
                int width = width(type);
                for (int i = 0; i < rows; i++) {
                    long shift = y[i];
                    out[i] = shift < 0 || shift >= width ? 0 : x[i] >> shift;
                }
            }
            case SHIFT_LEFT -> {
                int width = width(type);
                long max = max(type);
                for (int i = 0; i < rows; i++) {
                    long value = x[i];
                    long shift = y[i];
                    if (shift >= 0 && shift < width && value >= 0 && value <= max >> shift) {
                        out[i] = value << shift;
                    } else if (validity == null || validity.isValid(i)) {
                        throw new OutOfRangeException(shiftProblem(value, shift, width) + " (row " + (start + i)
                                + "), in expression " + expression);
                    }
                }
            }
            default -> throw new IllegalStateException(function + " is not a function of two integers");
        }
        return Kernels.fromLongs(type, out, rows, validity);
    }

    private static String shiftProblem(long value, long shift, int width) {
        if (shift < 0) {
            return "out of range: cannot shift left by a negative number, " + shift;
        }
        if (shift >= width) {
            return "out of range: a shift left by " + shift + " is past the " + width + " bits of the type";
        }
        if (value < 0) {
            return "out of range: cannot shift a negative number left, " + value;
        }
        return "out of range: " + value + " << " + shift + " overflows its " + width + "-bit type";
    }

    private static int width(DataType type) {
        return switch (type) {
            case INT8 -> 8;
            case INT16 -> 16;
            case INT32 -> 32;
            default -> 64;
        };
    }

    private static long max(DataType type) {
        return switch (type) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** The bits of the type's two's complement form. */
    private static long mask(DataType type) {
        return switch (type) {
            case INT8 -> 0xFFL;
            case INT16 -> 0xFFFFL;
            case INT32 -> 0xFFFF_FFFFL;
            default -> -1L;
        };
    }
}
