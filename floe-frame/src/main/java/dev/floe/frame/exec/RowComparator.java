package dev.floe.frame.exec;

import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.util.Arrays;

/** Compares two rows (by index) of one or more key vectors: the order of a sort. Thread-safe once built. */
@FunctionalInterface
public interface RowComparator {
    int compare(int a, int b);

    /**
     * The order of one key: numbers by value (NaN after other numbers), text by code point,
     * categorical values by their text, booleans false first; {@code descending} reverses the
     * values; nulls go first or last regardless.
     */
    static RowComparator of(Vector key, boolean descending, boolean nullsLast) {
        RowComparator values = values(key);
        RowComparator directed = descending ? (a, b) -> values.compare(b, a) : values;
        Validity validity = key.validity();
        if (validity == null) {
            return directed;
        }
        int nullOrder = nullsLast ? 1 : -1;
        return (a, b) -> {
            boolean aNull = validity.isNull(a);
            boolean bNull = validity.isNull(b);
            if (aNull || bNull) {
                return aNull == bNull ? 0 : aNull ? nullOrder : -nullOrder;
            }
            return directed.compare(a, b);
        };
    }

    private static RowComparator values(Vector key) {
        if (key.type().isNested()) {
            // lists, maps and structs by their sort keys' bytes
            Utf8Vector encoded = SortKeys.encode(key);
            return values(encoded);
        }
        if (key.type().isFloat()) {
            double[] values = Kernels.doubles(key);
            // -0.0 and 0.0 are equal, as IEEE and SQL say; NaN stays after every number
            return (a, b) -> values[a] == values[b] ? 0 : Double.compare(values[a], values[b]);
        }
        if (key instanceof Utf8Vector text) {
            byte[] data = text.data();
            return (a, b) -> Arrays.compareUnsigned(data, text.start(a), text.start(a) + text.byteLength(a), data,
                    text.start(b), text.start(b) + text.byteLength(b));
        }
        if (key instanceof CategoricalVector categorical) {
            int[] ranks = RadixSort.lexicalRanks(categorical);
            int[] codes = categorical.codes();
            int offset = categorical.offset();
            return (a, b) -> Integer.compare(ranks[codes[offset + a]], ranks[codes[offset + b]]);
        }
        if (key instanceof Int128Vector) {
            long[][] words = Kernels.int128Words(key);
            long[] high = words[0];
            long[] low = words[1];
            return (a, b) -> Int128.compare(high[a], low[a], high[b], low[b]);
        }
        if (key instanceof ByteVector || key.type().isInteger() || key.type().isTemporal() || key.type().isDecimal()) {
            long[] values = Kernels.longs(key);
            return (a, b) -> Long.compare(values[a], values[b]);
        }
        return (a, b) -> 0; // NULL: every value is the same
    }

    /** The first key's order, then the next where it ties, and so on. */
    static RowComparator chain(RowComparator[] keys) {
        if (keys.length == 1) {
            return keys[0];
        }
        return (a, b) -> {
            for (RowComparator key : keys) {
                int order = key.compare(a, b);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
    }
}
