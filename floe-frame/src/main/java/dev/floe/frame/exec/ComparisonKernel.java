package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import java.util.Arrays;

/**
 * Comparisons of two vectors of equal length: numbers as {@code long}s (or {@code double}s when
 * either is a float, 128-bit words when either is {@code INT128}; NaN compares false, as IEEE says), text by its UTF-8 bytes (code-point
 * order), categorical values through their dictionary. The result is a boolean vector, null where
 * either side is.
 */
final class ComparisonKernel {
    private ComparisonKernel() {}

    static ByteVector apply(BinaryOperator operator, Vector left, Vector right) {
        int rows = left.length();
        Validity validity = Kernels.and(left.validity(), right.validity(), rows);
        byte[] out = new byte[rows];
        DataType a = left.type();
        DataType b = right.type();
        if (a == DataType.NULL || b == DataType.NULL) {
            return Kernels.booleans(out, rows, Validity.of(new long[(rows + 63) >>> 6], rows));
        }
        if (a.isText() && b.isText()) {
            text(operator, left, right, out, rows);
        } else if (a.isFloat() || b.isFloat()) {
            double[] x = Kernels.doubles(left);
            double[] y = Kernels.doubles(right);
            for (int i = 0; i < rows; i++) {
                out[i] = test(operator, x[i], y[i]) ? (byte) 1 : 0;
            }
        } else if (a == DataType.INT128 || b == DataType.INT128) {
            long[][] x = Kernels.int128Words(left);
            long[][] y = Kernels.int128Words(right);
            for (int i = 0; i < rows; i++) {
                out[i] = test(operator, Int128.compare(x[0][i], x[1][i], y[0][i], y[1][i])) ? (byte) 1 : 0;
            }
        } else {
            long[] x = Kernels.longs(left);
            long[] y = Kernels.longs(right);
            switch (operator) {
                case EQ -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] == y[i] ? (byte) 1 : 0;
                    }
                }
                case NE -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] != y[i] ? (byte) 1 : 0;
                    }
                }
                case LT -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] < y[i] ? (byte) 1 : 0;
                    }
                }
                case LE -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] <= y[i] ? (byte) 1 : 0;
                    }
                }
                case GT -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] > y[i] ? (byte) 1 : 0;
                    }
                }
                case GE -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] >= y[i] ? (byte) 1 : 0;
                    }
                }
                default -> throw new IllegalArgumentException(operator + " is not a comparison");
            }
        }
        return Kernels.booleans(out, rows, validity);
    }

    private static boolean test(BinaryOperator operator, double x, double y) {
        return switch (operator) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    private static boolean test(BinaryOperator operator, int order) {
        return switch (operator) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    private static void text(BinaryOperator operator, Vector left, Vector right, byte[] out, int rows) {
        if (left instanceof CategoricalVector cats && right instanceof CategoricalVector others
                && cats.dictionary() == others.dictionary() && (operator == BinaryOperator.EQ || operator == BinaryOperator.NE)) {
            for (int i = 0; i < rows; i++) {
                boolean same = cats.codes()[cats.offset() + i] == others.codes()[others.offset() + i];
                out[i] = same == (operator == BinaryOperator.EQ) ? (byte) 1 : 0;
            }
            return;
        }
        Utf8Vector x = utf8(left);
        Utf8Vector y = utf8(right);
        byte[] xd = x.data();
        byte[] yd = y.data();
        for (int i = 0; i < rows; i++) {
            int xs = x.start(i);
            int ys = y.start(i);
            int order = Arrays.compareUnsigned(xd, xs, xs + x.byteLength(i), yd, ys, ys + y.byteLength(i));
            out[i] = test(operator, order) ? (byte) 1 : 0;
        }
    }

    private static Utf8Vector utf8(Vector vector) {
        return vector instanceof CategoricalVector cats ? CastKernel.categoricalToText(cats) : (Utf8Vector) vector;
    }
}
