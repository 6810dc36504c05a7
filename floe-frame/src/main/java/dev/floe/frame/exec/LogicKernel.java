package dev.floe.frame.exec;

import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;

/**
 * Three-valued {@code and} / {@code or} (Kleene logic, as SQL and Polars): {@code false & null}
 * is {@code false}, {@code true | null} is {@code true}, otherwise a null side makes null.
 */
final class LogicKernel {
    private LogicKernel() {}

    static ByteVector apply(BinaryOperator operator, Vector left, Vector right) {
        int rows = left.length();
        byte[] a = bytes(left);
        byte[] b = bytes(right);
        Validity va = left.validity();
        Validity vb = right.validity();
        if (va == null && vb == null) {
            byte[] out = new byte[rows];
            if (operator == BinaryOperator.AND) {
                for (int i = 0; i < rows; i++) {
                    out[i] = (byte) (a[i] & b[i]);
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    out[i] = (byte) (a[i] | b[i]);
                }
            }
            return Kernels.booleans(out, rows, null);
        }
        byte decisive = operator == BinaryOperator.AND ? (byte) 0 : 1;
        byte[] out = new byte[rows];
        long[] bits = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            boolean aValid = va == null || va.isValid(i);
            boolean bValid = vb == null || vb.isValid(i);
            if ((aValid && a[i] == decisive) || (bValid && b[i] == decisive)) {
                out[i] = decisive;
                bits[i >>> 6] |= 1L << i;
            } else if (aValid && bValid) {
                out[i] = (byte) (1 - decisive);
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.booleans(out, rows, Validity.of(bits, rows));
    }

    /** The 0/1 values of a boolean (or all-null) vector, element i for row i. */
    static byte[] bytes(Vector vector) {
        if (vector instanceof ByteVector v) {
            return v.offset() == 0 ? v.values()
                    : java.util.Arrays.copyOfRange(v.values(), v.offset(), v.offset() + v.length());
        }
        return new byte[vector.length()];
    }
}
