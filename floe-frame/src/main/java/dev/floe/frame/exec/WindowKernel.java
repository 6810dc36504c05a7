package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Over;
import java.util.List;

/**
 * Ordered windows: the rows sorted once by (partition, order keys), stably, then one pass along
 * that order computes ranks, shifted values or running aggregations, and the results go back to
 * each row's own place. A running aggregation covers the rows before a row and its ties (the
 * rows with equal order keys), as SQL's default frame does, so ties share a value.
 */
final class WindowKernel {
    private WindowKernel() {}

    static Vector ordered(DataFrame input, Over over, int[] partition, Workers workers) {
        int n = input.height();
        Agg agg = (Agg) over.expr();
        DataType type = ExprTyper.typeOf(over, input.schema());
        List<Vector> keys = Sorting.keys(input, over.orderBy(), workers);
        RowComparator byOrder = over.orderBy().isEmpty() ? (a, b) -> 0 : Sorting.comparator(keys, over.orderBy());
        List<long[]> words = over.orderBy().isEmpty() ? null : RadixSort.words(keys, over.orderBy(), n);
        int[] order;
        if (over.orderBy().isEmpty()) {
            order = byPartition(partition); // the rows' own order within each partition
        } else if (words != null) {
            long[] partitions = new long[n];
            for (int i = 0; i < n; i++) {
                partitions[i] = partition[i] ^ Long.MIN_VALUE; // an int's order as an unsigned word
            }
            words.addFirst(partitions);
            order = RadixSort.sortedIndices(n, words);
        } else {
            RowComparator comparator = (a, b) -> {
                int c = Integer.compare(partition[a], partition[b]);
                return c != 0 ? c : byOrder.compare(a, b);
            };
            order = MergeSort.sortedIndices(n, comparator, workers);
        }
        // tie[i]: sorted row i is in the same partition as row i - 1 and equal to it in order
        boolean[] samePartition = new boolean[n];
        boolean[] tie = new boolean[n];
        boolean unordered = over.orderBy().isEmpty(); // every row of a partition a peer of the others
        for (int i = 1; i < n; i++) {
            samePartition[i] = partition[order[i]] == partition[order[i - 1]];
            tie[i] = samePartition[i] && (unordered || byOrder.compare(order[i - 1], order[i]) == 0);
        }
        if (over.framed() || !agg.function().windowOnly() && !FramedWindow.fast(agg, input.schema())) {
            // explicit frames; or a running aggregation the running pass below does not compute (a
            // running median, list or min of text), over the running frame
            return FramedWindow.compute(input, over, order, samePartition, tie, type, workers);
        }
        return switch (agg.function()) {
            case ROW_NUMBER, RANK, DENSE_RANK -> ranks(agg.function(), order, samePartition, tie);
            case LAG, LEAD -> shifted(input, agg, order, samePartition, type, workers);
            default -> running(input, agg, order, samePartition, tie, type, workers);
        };
    }

    /**
     * The rows grouped by partition (numbered densely from 0), each partition's rows in their own
     * order: a counting sort, one pass to count and one to place.
     */
    private static int[] byPartition(int[] partition) {
        int n = partition.length;
        int partitions = 0;
        for (int p : partition) {
            partitions = Math.max(partitions, p + 1);
        }
        int[] next = new int[partitions + 1];
        for (int p : partition) {
            next[p + 1]++;
        }
        for (int p = 0; p < partitions; p++) {
            next[p + 1] += next[p];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[partition[i]]++] = i;
        }
        return order;
    }

    private static Vector ranks(AggFunction function, int[] order, boolean[] samePartition, boolean[] tie) {
        int n = order.length;
        long[] out = new long[n];
        long position = 0;
        long rank = 0;
        long dense = 0;
        for (int i = 0; i < n; i++) {
            if (!samePartition[i]) {
                position = 0;
                dense = 0;
            }
            position++;
            if (!tie[i]) {
                rank = position;
                dense++;
            }
            out[order[i]] = switch (function) {
                case ROW_NUMBER -> position;
                case RANK -> rank;
                default -> dense;
            };
        }
        return Kernels.fromLongs(DataType.INT64, out, n, null);
    }

    private static Vector shifted(DataFrame input, Agg agg, int[] order, boolean[] samePartition, DataType type,
            Workers workers) {
        int n = order.length;
        int offset = ((Number) agg.parameters().get(0)).intValue();
        int step = agg.function() == AggFunction.LAG ? -offset : offset;
        // where each sorted row starts its partition, to test "offset rows away, same partition"
        int[] start = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = samePartition[i] ? start[i - 1] : i;
        }
        int[] end = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            end[i] = i + 1 < n && samePartition[i + 1] ? end[i + 1] : i + 1;
        }
        int[] source = new int[n];
        boolean outside = false;
        Vector values = evaluate(input, agg.inputs().get(0), workers);
        if (agg.parameters().contains(AggFunction.IGNORE_NULLS) && offset > 0) {
            outside = nonNullSources(values, order, samePartition, offset, step < 0, source);
        } else {
            for (int i = 0; i < n; i++) {
                int j = i + step;
                boolean inside = j >= start[i] && j < end[i];
                source[order[i]] = inside ? order[j] : -1;
                outside |= !inside;
            }
        }
        Vector shifted = Kernels.gatherOrNull(values, source, n);
        if (agg.inputs().size() < 2 || !outside) {
            return cast(shifted, type, agg);
        }
        // the default where the offset leaves the partition: a choice between two columns
        Vector fill = evaluate(input, agg.inputs().get(1), workers);
        Vector[] sources = {cast(shifted, type, agg), cast(fill, type, agg)};
        int[] choice = new int[n];
        for (int i = 0; i < n; i++) {
            choice[i] = source[i] < 0 ? 1 : 0;
        }
        return Kernels.pick(type, sources, choice, n);
    }

    /**
     * IGNORE NULLS: for each row, the row {@code offset} rows with a value before it ({@code
     * back}) or after it in its partition, or -1 where there are fewer; into {@code source}, by
     * row. Whether any row had none.
     */
    private static boolean nonNullSources(Vector values, int[] order, boolean[] samePartition, int offset, boolean back,
            int[] source) {
        int n = order.length;
        // the sorted positions of the rows with a value, met so far in the walk's direction
        int[] seen = new int[n];
        int count = 0;
        int partitionFirst = 0; // where the current partition's rows begin in seen
        boolean outside = false;
        for (int k = 0; k < n; k++) {
            int i = back ? k : n - 1 - k;
            boolean starts = back ? !samePartition[i] : i == n - 1 || !samePartition[i + 1];
            if (starts) {
                partitionFirst = count;
            }
            int target = count - offset;
            boolean inside = target >= partitionFirst;
            source[order[i]] = inside ? order[seen[target]] : -1;
            outside |= !inside;
            if (!values.isNull(order[i])) {
                seen[count++] = i;
            }
        }
        return outside;
    }

    private static Vector cast(Vector vector, DataType type, Agg agg) {
        return vector.type() == type ? vector : CastKernel.cast(vector, type, true, 0, agg.toString());
    }

    private static Vector running(DataFrame input, Agg agg, int[] order, boolean[] samePartition, boolean[] tie,
            DataType type, Workers workers) {
        int n = order.length;
        AggFunction function = agg.function();
        boolean nanLargest = agg.parameters().contains(AggFunction.NAN_LARGEST);
        Vector values = function == AggFunction.LEN ? null : evaluate(input, agg.input(), workers);
        if (values != null && values.type().isDecimal() && type == DataType.FLOAT64) {
            values = CastKernel.cast(values, DataType.FLOAT64, true, 0, agg.toString()); // a mean of decimals: as floats
        }
        boolean floats = values != null && values.type().isFloat();
        // a count reads only which values are null, so it takes any type (text too)
        long[][] words = values == null || floats || function == AggFunction.COUNT ? null : Kernels.int128Words(values);
        double[] doubles = floats ? Kernels.doubles(values) : null;
        long[] outLow = new long[n];
        long[] outHigh = new long[n];
        double[] outDoubles = new double[n];
        long[] valid = new long[(n + 63) >>> 6];
        long count = 0;
        // an integer sum, exactly: (top * 2^64 + high) * 2^64 + low, low unsigned, high's wraps counted in top
        long low = 0;
        long high = 0;
        long top = 0;
        double total = 0;
        double compensation = 0;
        long bestHigh = 0;
        long bestLow = 0;
        double bestDouble = 0;
        int runStart = 0;
        for (int i = 0; i < n; i++) {
            if (!samePartition[i]) {
                count = 0;
                low = 0;
                high = 0;
                top = 0;
                total = 0;
                compensation = 0;
            }
            int row = order[i];
            boolean present = values == null || !values.isNull(row);
            if (present) {
                count++;
                if (words != null) {
                    long vh = words[0][row];
                    long vl = words[1][row];
                    long before = low;
                    low += vl;
                    long sum = high + vh;
                    if (((high ^ sum) & (vh ^ sum)) < 0) {
                        top += vh < 0 ? -1 : 1;
                    }
                    high = sum;
                    if (Long.compareUnsigned(low, before) < 0) {
                        if (high == Long.MAX_VALUE) {
                            top++;
                        }
                        high++;
                    }
                    int compared = count == 1 ? 0 : Int128.compare(vh, vl, bestHigh, bestLow);
                    if (count == 1 || (function == AggFunction.MIN ? compared < 0 : compared > 0)) {
                        bestHigh = vh;
                        bestLow = vl;
                    }
                } else if (doubles != null) {
                    double v = doubles[row];
                    // compensated addition, so long running sums keep their low digits
                    double y = v - compensation;
                    double t = total + y;
                    compensation = Double.isFinite(t) ? (t - total) - y : 0; // none past an infinity
                    total = t;
                    bestDouble = count == 1 ? v : function == AggFunction.MIN ? minOf(bestDouble, v)
                            : nanLargest ? (Double.isNaN(bestDouble) || Double.isNaN(v) ? Double.NaN : Math.max(bestDouble, v))
                            : maxOf(bestDouble, v);
                }
            }
            if (i + 1 < n && tie[i + 1]) {
                continue; // the value is written once the last tie is in
            }
            for (int k = runStart; k <= i; k++) {
                int target = order[k];
                boolean has = true;
                switch (function) {
                    case COUNT, LEN -> outLow[target] = count;
                    case SUM -> {
                        has = count > 0;
                        if (words != null) {
                            requireFits(type, top, high, low, agg, input, row);
                        }
                        outLow[target] = low;
                        outHigh[target] = high;
                        outDoubles[target] = total;
                    }
                    case MEAN -> {
                        has = count > 0;
                        double sum = words == null ? total : Int128.toDouble(top, high, low);
                        outDoubles[target] = sum / count;
                    }
                    default -> {
                        has = count > 0;
                        outLow[target] = bestLow;
                        outHigh[target] = bestHigh;
                        outDoubles[target] = bestDouble;
                    }
                }
                if (has) {
                    valid[target >>> 6] |= 1L << target;
                }
            }
            runStart = i + 1;
        }
        Validity validity = Validity.of(valid, n);
        // a float result (a mean, or any aggregate of floats) was kept in outDoubles
        if (type.isFloat()) {
            return Kernels.fromDoubles(type, outDoubles, n, validity);
        }
        return type.isWide() ? DecimalKernel.withinPrecision(new Int128Vector(type, outHigh, outLow, 0, n, validity), agg.toString())
                : Kernels.fromLongs(type, outLow, n, validity);
    }

    /** Raises where a running integer sum does not fit its type: i128 for SQL's sums, i64 for the DataFrame API's. */
    private static void requireFits(DataType type, long top, long high, long low, Agg agg, DataFrame input, int row) {
        boolean fits = top == 0 && (type.isWide() || Int128.fitsLong(high, low));
        if (!fits) {
            String value = top == 0 ? Int128.toBigInteger(high, low).toString()
                    : java.math.BigInteger.valueOf(top).shiftLeft(64).add(java.math.BigInteger.valueOf(high))
                            .shiftLeft(64).add(new java.math.BigInteger(Long.toUnsignedString(low))).toString();
            throw new OutOfRangeException("out of range: a running sum of " + value + " does not fit " + type
                    + " (row " + row + "), in expression " + agg + (type.isWide() ? ""
                    : "; for an exact sum in " + DataType.INT128 + ", cast the values to it first"));
        }
    }

    private static double minOf(double a, double b) {
        return Double.isNaN(a) || b < a ? b : a;
    }

    private static double maxOf(double a, double b) {
        return Double.isNaN(a) || b > a ? b : a;
    }

    private static Vector evaluate(DataFrame input, Expr expr, Workers workers) {
        return Evaluation.column(input, expr, workers);
    }
}
