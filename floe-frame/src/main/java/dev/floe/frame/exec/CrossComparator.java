package dev.floe.frame.exec;

import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import java.util.Arrays;

/**
 * The order of a sort key between rows of two different vectors of the same type, as
 * {@link RowComparator} orders rows of one: numbers by value (-0.0 equal to 0.0, NaN after every
 * number), text by its bytes (so categorical values compare by their text, whatever their
 * dictionaries), booleans false first; {@code descending} reverses the values; nulls go first or
 * last regardless. What merging sorted runs needs. Stateless and thread-safe.
 */
public record CrossComparator(boolean descending, boolean nullsLast) {
    /** The order of row {@code i} of {@code a} and row {@code j} of {@code b}. */
    public int compare(Vector a, int i, Vector b, int j) {
        boolean aNull = a.isNull(i);
        boolean bNull = b.isNull(j);
        if (aNull || bNull) {
            return aNull == bNull ? 0 : aNull == nullsLast ? 1 : -1;
        }
        int order = values(a, i, b, j);
        return descending ? -order : order;
    }

    private static int values(Vector a, int i, Vector b, int j) {
        return switch (a) {
            case DoubleVector x -> doubles(x.values()[x.offset() + i], doubleAt(b, j));
            case FloatVector x -> doubles(x.values()[x.offset() + i], doubleAt(b, j));
            case Utf8Vector x -> {
                Utf8Vector y = (Utf8Vector) b;
                yield Arrays.compareUnsigned(x.data(), x.start(i), x.start(i) + x.byteLength(i), y.data(), y.start(j),
                        y.start(j) + y.byteLength(j));
            }
            case CategoricalVector x -> {
                CategoricalVector y = (CategoricalVector) b;
                Utf8Vector xs = x.dictionary().values();
                Utf8Vector ys = y.dictionary().values();
                int cx = x.code(i);
                int cy = y.code(j);
                yield Arrays.compareUnsigned(xs.data(), xs.start(cx), xs.start(cx) + xs.byteLength(cx), ys.data(),
                        ys.start(cy), ys.start(cy) + ys.byteLength(cy));
            }
            case Int128Vector x -> {
                Int128Vector y = (Int128Vector) b;
                yield Int128.compare(x.high()[x.offset() + i], x.low()[x.offset() + i], y.high()[y.offset() + j],
                        y.low()[y.offset() + j]);
            }
            default -> a.type() == dev.floe.frame.DataType.NULL ? 0 : Long.compare(longAt(a, i), longAt(b, j));
        };
    }

    private static int doubles(double x, double y) {
        return x == y ? 0 : Double.compare(x, y);
    }

    private static double doubleAt(Vector vector, int row) {
        return switch (vector) {
            case DoubleVector v -> v.values()[v.offset() + row];
            case FloatVector v -> v.values()[v.offset() + row];
            default -> throw new IllegalArgumentException("not a float vector: " + vector.type());
        };
    }

    private static long longAt(Vector vector, int row) {
        return switch (vector) {
            case LongVector v -> v.values()[v.offset() + row];
            case IntVector v -> v.values()[v.offset() + row];
            case ShortVector v -> v.values()[v.offset() + row];
            case ByteVector v -> v.values()[v.offset() + row];
            default -> throw new IllegalArgumentException("cannot order " + vector.type() + " values");
        };
    }
}
