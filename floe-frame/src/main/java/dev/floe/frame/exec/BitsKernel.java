package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Int128Vector;
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
        if (input.type() == DataType.INT128) {
            long[][] words = Kernels.int128Words(input);
            long[] high = new long[rows];
            long[] low = new long[rows];
            if (function == ScalarFunction.BIT_NOT) {
                for (int i = 0; i < rows; i++) {
                    high[i] = ~words[0][i];
                    low[i] = ~words[1][i];
                }
                return new Int128Vector(high, low, 0, rows, input.validity());
            }
            for (int i = 0; i < rows; i++) {
                low[i] = Long.bitCount(words[0][i]) + Long.bitCount(words[1][i]);
            }
            return Kernels.fromLongs(type, low, rows, input.validity());
        }
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
        if (type == DataType.INT128) {
            return wide(function, a, b, validity, start, expression);
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
                        throw new OutOfRangeException(shiftProblem(String.valueOf(value), value < 0, shift, width)
                                + " (row " + (start + i)
                                + "), in expression " + expression);
                    }
                }
            }
            default -> throw new IllegalStateException(function + " is not a function of two integers");
        }
        return Kernels.fromLongs(type, out, rows, validity);
    }

    /** The two-integer functions in {@code INT128}: two words a value, high and low. */
    private static Vector wide(ScalarFunction function, Vector a, Vector b, Validity validity, long start,
            String expression) {
        int rows = a.length();
        long[][] x = Kernels.int128Words(a);
        long[] xh = x[0];
        long[] xl = x[1];
        long[] high = new long[rows];
        long[] low = new long[rows];
        if (function == ScalarFunction.SHIFT_LEFT || function == ScalarFunction.SHIFT_RIGHT) {
            // the shift is a whole number of 128 bits at most; a wider one is past the width
            long[][] y = Kernels.int128Words(b);
            for (int i = 0; i < rows; i++) {
                long shift = y[0][i] == y[1][i] >> 63 ? y[1][i] : y[0][i] < 0 ? -1 : 128;
                if (function == ScalarFunction.SHIFT_RIGHT) {
                    if (shift >= 0 && shift < 128) {
                        shiftRight(xh[i], xl[i], (int) shift, high, low, i);
                    }
                    continue;
                }
                boolean valid = validity == null || validity.isValid(i);
                if (shift >= 0 && shift < 128 && xh[i] >= 0) {
                    shiftLeft(xh[i], xl[i], (int) shift, high, low, i);
                    long h = high[i];
                    long l = low[i];
                    shiftRight(h, l, (int) shift, high, low, i); // back: the value again unless bits were lost
                    boolean kept = h >= 0 && high[i] == xh[i] && low[i] == xl[i];
                    high[i] = h;
                    low[i] = l;
                    if (kept || !valid) {
                        continue;
                    }
                } else if (!valid) {
                    continue;
                }
                String value = dev.floe.frame.column.Int128.toBigInteger(xh[i], xl[i]).toString();
                throw new OutOfRangeException(shiftProblem(value, xh[i] < 0, shift, 128) + " (row " + (start + i)
                        + "), in expression " + expression);
            }
            return new Int128Vector(high, low, 0, rows, validity);
        }
        long[][] y = Kernels.int128Words(b);
        long[] yh = y[0];
        long[] yl = y[1];
        for (int i = 0; i < rows; i++) {
            switch (function) {
                case BIT_AND -> {
                    high[i] = xh[i] & yh[i];
                    low[i] = xl[i] & yl[i];
                }
                case BIT_OR -> {
                    high[i] = xh[i] | yh[i];
                    low[i] = xl[i] | yl[i];
                }
                default -> {
                    high[i] = xh[i] ^ yh[i];
                    low[i] = xl[i] ^ yl[i];
                }
            }
        }
        return new Int128Vector(high, low, 0, rows, validity);
    }

    /** (high, low) moved left by {@code shift} (0 to 127) into {@code high[i]}, {@code low[i]}. */
    private static void shiftLeft(long h, long l, int shift, long[] high, long[] low, int i) {
        if (shift == 0) {
            high[i] = h;
            low[i] = l;
        } else if (shift < 64) {
            high[i] = h << shift | l >>> (64 - shift);
            low[i] = l << shift;
        } else {
            high[i] = l << (shift - 64);
            low[i] = 0;
        }
    }

    /** (high, low) moved right by {@code shift} (0 to 127), the sign kept. */
    private static void shiftRight(long h, long l, int shift, long[] high, long[] low, int i) {
        if (shift == 0) {
            high[i] = h;
            low[i] = l;
        } else if (shift < 64) {
            low[i] = l >>> shift | h << (64 - shift);
            high[i] = h >> shift;
        } else {
            low[i] = h >> (shift - 64);
            high[i] = h >> 63;
        }
    }

    private static String shiftProblem(String value, boolean negative, long shift, int width) {
        if (shift < 0) {
            return "out of range: cannot shift left by a negative number, " + shift;
        }
        if (shift >= width) {
            return "out of range: a shift left by " + shift + " is past the " + width + " bits of the type";
        }
        if (negative) {
            return "out of range: cannot shift a negative number left, " + value;
        }
        return "out of range: " + value + " << " + shift + " overflows its " + width + "-bit type";
    }

    private static int width(DataType type) {
        return switch (type.id()) {
            case INT8 -> 8;
            case INT16 -> 16;
            case INT32 -> 32;
            case INT128 -> 128;
            default -> 64;
        };
    }

    private static long max(DataType type) {
        return switch (type.id()) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** The bits of the type's two's complement form. */
    private static long mask(DataType type) {
        return switch (type.id()) {
            case INT8 -> 0xFFL;
            case INT16 -> 0xFFFFL;
            case INT32 -> 0xFFFF_FFFFL;
            default -> -1L;
        };
    }
}
