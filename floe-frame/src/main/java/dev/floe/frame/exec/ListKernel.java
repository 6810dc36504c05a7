package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.agg.Accumulator;
import dev.floe.frame.exec.agg.Accumulators;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.ScalarFunction;
import java.util.List;

/**
 * The list functions, on the offsets and the element vector. The reductions run the
 * aggregations' own accumulators with each row's elements as one group, so that
 * {@code lst().sum()} and {@code list()} then {@code sum()} agree to the bit.
 */
final class ListKernel {
    private ListKernel() {}

    static Vector apply(ScalarFunction function, List<Object> parameters, ListVector input, DataType type) {
        int rows = input.length();
        return switch (function) {
            case LIST_LEN -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = input.size(i);
                }
                yield Kernels.fromLongs(DataType.INT32, out, rows, input.validity());
            }
            case LIST_GET -> {
                int index = ((Number) parameters.get(0)).intValue();
                int[] positions = new int[rows];
                for (int i = 0; i < rows; i++) {
                    int size = input.size(i);
                    int at = index < 0 ? size + index : index;
                    positions[i] = input.isNull(i) || at < 0 || at >= size ? -1 : input.start(i) + at;
                }
                yield Kernels.gatherOrNull(input.elements(), positions, rows);
            }
            case LIST_SUM -> reduce(AggFunction.SUM, input, type);
            case LIST_MEAN -> reduce(AggFunction.MEAN, input, type);
            case LIST_MIN -> reduce(AggFunction.MIN, input, type);
            case LIST_MAX -> reduce(AggFunction.MAX, input, type);
            case LIST_JOIN -> join((String) parameters.get(0), input);
            case LIST_SORT -> sorted(compact(input), (Boolean) parameters.get(0), (Boolean) parameters.get(1));
            case LIST_REVERSE -> reversed(input);
            case LIST_FLATTEN -> flattened(input, type);
            case LIST_DISTINCT, LIST_N_UNIQUE -> distinct(compact(input), function == ScalarFunction.LIST_N_UNIQUE);
            default -> throw new IllegalArgumentException("not a list function: " + function);
        };
    }

    /** Each row's inner lists' elements one after another; null inner lists passed over. */
    private static Vector flattened(ListVector input, DataType type) {
        int rows = input.length();
        if (!(input.elements() instanceof ListVector inner)) { // lists of nulls only: empty lists
            return new ListVector(new int[rows + 1], new dev.floe.frame.column.NullVector(0), 0, rows, input.validity());
        }
        int[] offsets = new int[rows + 1];
        int total = 0;
        for (int i = 0; i < rows; i++) {
            if (!input.isNull(i)) {
                for (int k = input.start(i), end = k + input.size(i); k < end; k++) {
                    total += inner.isNull(k) ? 0 : inner.size(k);
                }
            }
            offsets[i + 1] = total;
        }
        int[] positions = new int[total];
        int at = 0;
        for (int i = 0; i < rows; i++) {
            if (!input.isNull(i)) {
                for (int k = input.start(i), end = k + input.size(i); k < end; k++) {
                    if (!inner.isNull(k)) {
                        for (int e = inner.start(k), last = e + inner.size(k); e < last; e++) {
                            positions[at++] = e;
                        }
                    }
                }
            }
        }
        return new ListVector(offsets, Kernels.gather(inner.elements(), positions, total), 0, rows, input.validity());
    }

    /**
     * The same lists over only their own elements: a batch sliced from a longer column shares all its
     * elements, and what reads the elements whole (a comparator's arrays, sort keys) reads only these.
     */
    static ListVector compact(ListVector input) {
        int rows = input.length();
        int base = rows == 0 ? 0 : input.start(0);
        int end = rows == 0 ? 0 : input.start(rows);
        if (base == 0 && end == input.elements().length()) {
            return input;
        }
        int[] offsets = new int[rows + 1];
        for (int i = 0; i <= rows; i++) {
            offsets[i] = input.offsets()[input.offset() + i] - base;
        }
        return new ListVector(offsets, input.elements().slice(base, end - base), 0, rows, input.validity());
    }

    /** The positions of every row's elements in the elements vector, row after row, and the rows' new offsets. */
    static int[] positions(ListVector input, int[] offsets) {
        int rows = input.length();
        int total = 0;
        for (int i = 0; i < rows; i++) {
            offsets[i] = total;
            total += input.isNull(i) ? 0 : input.size(i);
        }
        offsets[rows] = total;
        int[] positions = new int[total];
        for (int i = 0; i < rows; i++) {
            for (int k = offsets[i], e = input.start(i); k < offsets[i + 1]; k++) {
                positions[k] = e++;
            }
        }
        return positions;
    }

    /** Lists of {@code input}'s elements at {@code positions}, row {@code i}'s from {@code offsets[i]}; nulls kept. */
    private static Vector regathered(ListVector input, int[] offsets, int[] positions) {
        return new ListVector(offsets, Kernels.gather(input.elements(), positions, positions.length), 0,
                input.length(), input.validity());
    }

    private static Vector sorted(ListVector input, boolean descending, boolean nullsLast) {
        int rows = input.length();
        int[] offsets = new int[rows + 1];
        int[] positions = positions(input, offsets);
        RowComparator order = RowComparator.of(input.elements(), descending, nullsLast);
        int[] scratch = new int[positions.length];
        for (int i = 0; i < rows; i++) {
            if (offsets[i + 1] - offsets[i] > 1) {
                MergeSort.sort(positions, scratch, offsets[i], offsets[i + 1], order);
            }
        }
        return regathered(input, offsets, positions);
    }

    private static Vector reversed(ListVector input) {
        int rows = input.length();
        int[] offsets = new int[rows + 1];
        int[] positions = positions(input, offsets);
        for (int i = 0; i < rows; i++) {
            for (int a = offsets[i], b = offsets[i + 1] - 1; a < b; a++, b--) {
                int swap = positions[a];
                positions[a] = positions[b];
                positions[b] = swap;
            }
        }
        return regathered(input, offsets, positions);
    }

    /**
     * Each list's distinct elements that are not null, in order of first appearance, or (with
     * {@code count}) how many there are: each list's positions sorted stably, the first of each
     * run of equal elements kept.
     */
    private static Vector distinct(ListVector input, boolean count) {
        int rows = input.length();
        int[] offsets = new int[rows + 1];
        int[] positions = positions(input, offsets);
        Vector elements = input.elements();
        RowComparator order = RowComparator.of(elements, false, true);
        int[] sorted = positions.clone();
        int[] scratch = new int[positions.length];
        boolean[] first = new boolean[elements.length()];
        long[] counts = new long[rows];
        int[] keptOffsets = new int[rows + 1];
        int total = 0;
        for (int i = 0; i < rows; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            if (to - from > 1) {
                MergeSort.sort(sorted, scratch, from, to, order);
            }
            for (int k = from; k < to; k++) {
                int element = sorted[k];
                if (!elements.isNull(element) && (k == from || order.compare(sorted[k - 1], element) != 0)) {
                    first[element] = true;
                    counts[i]++;
                }
            }
            keptOffsets[i] = total;
            total += (int) counts[i];
        }
        keptOffsets[rows] = total;
        if (count) {
            return Kernels.fromLongs(DataType.INT64, counts, rows, input.validity());
        }
        int[] out = new int[total];
        for (int k = 0, at = 0; k < positions.length; k++) {
            if (first[positions[k]]) {
                out[at++] = positions[k];
            }
        }
        return new ListVector(keptOffsets, Kernels.gather(elements, out, total), 0, rows, input.validity());
    }

    /** Per row: whether any of its elements' {@code truth} is true (null elements count as false). */
    static Vector anyTrue(ListVector input, Vector truth) {
        int rows = input.length();
        byte[] out = new byte[rows];
        byte[] values = truth instanceof ByteVector b ? b.values() : null;
        int offset = truth instanceof ByteVector b ? b.offset() : 0;
        for (int i = 0; i < rows; i++) {
            int start = input.start(i);
            for (int e = start, end = start + input.size(i); e < end && values != null && out[i] == 0; e++) {
                if (!truth.isNull(e) && values[offset + e] != 0) {
                    out[i] = 1;
                }
            }
        }
        return Kernels.booleans(out, rows, input.validity());
    }

    /** Per list, where (from 1) the first element whose {@code truth} is true is; null where none is. */
    static Vector firstTrue(ListVector input, Vector truth) {
        int rows = input.length();
        long[] out = new long[rows];
        long[] found = new long[(rows + 63) >>> 6];
        byte[] values = truth instanceof ByteVector b ? b.values() : null;
        int offset = truth instanceof ByteVector b ? b.offset() : 0;
        for (int i = 0; i < rows && values != null; i++) {
            if (input.isNull(i)) {
                continue;
            }
            int start = input.start(i);
            for (int e = start, end = start + input.size(i); e < end; e++) {
                if (!truth.isNull(e) && values[offset + e] != 0) {
                    out[i] = e - start + 1;
                    found[i >>> 6] |= 1L << i;
                    break;
                }
            }
        }
        return Kernels.fromLongs(DataType.INT32, out, rows, Validity.of(found, rows));
    }

    /** Per list, where (from 1) its first null element is; null where it has none. */
    static Vector firstNull(ListVector input) {
        Vector elements = input.elements();
        int count = elements.length();
        byte[] isNull = new byte[count];
        for (int e = 0; e < count; e++) {
            isNull[e] = elements.isNull(e) ? (byte) 1 : 0;
        }
        return firstTrue(input, Kernels.booleans(isNull, count, null));
    }

    /** For each element of {@code positions(input, offsets)}, the row of its list. */
    static int[] owners(int[] offsets, int rows) {
        int[] owners = new int[offsets[rows]];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(owners, offsets[r], offsets[r + 1], r);
        }
        return owners;
    }

    private static Vector reduce(AggFunction function, ListVector input, DataType type) {
        int rows = input.length();
        int from = input.start(0);
        int count = rows == 0 ? 0 : input.start(rows - 1) + input.size(rows - 1) - from;
        int[] groups = new int[count];
        for (int i = 0; i < rows; i++) {
            for (int e = input.start(i) - from, end = e + input.size(i); e < end; e++) {
                groups[e] = i;
            }
        }
        DataType elementType = input.type().elementType();
        Accumulator accumulator = Accumulators.of(new Agg(function, List.of(new Col("element")), List.of()),
                elementType, type).get();
        accumulator.add(groups, count, rows, List.of(input.elements().slice(from, count)), 0);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Vector result = accumulator.finish(order);
        return Kernels.withValidity(result, Kernels.and(result.validity(), input.validity(), rows));
    }

    private static Vector join(String separator, ListVector input) {
        int rows = input.length();
        Vector elements = input.elements();
        Utf8Vector text = elements instanceof CategoricalVector c ? CastKernel.categoricalToText(c)
                : elements instanceof Utf8Vector u ? u : null;
        byte[] glue = separator.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows * 16);
        java.io.ByteArrayOutputStream row = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                out.appendNull();
                continue;
            }
            row.reset();
            boolean first = true;
            for (int e = input.start(i), end = e + input.size(i); e < end && text != null; e++) {
                if (text.isNull(e)) {
                    continue;
                }
                if (!first) {
                    row.write(glue, 0, glue.length);
                }
                row.write(text.data(), text.start(e), text.byteLength(e));
                first = false;
            }
            byte[] bytes = row.toByteArray();
            out.append(bytes, 0, bytes.length);
        }
        return out.build();
    }

    /** One list per row of the values of {@code values} (one type), in order: row r is [v0[r], v1[r], ...]. */
    static Vector listOf(Vector[] values, int rows) {
        int n = values.length;
        DataType type = values[0].type();
        Vector all = dev.floe.frame.column.Vectors.concat(type, java.util.Arrays.asList(values));
        int[] positions = new int[rows * n];
        int[] offsets = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            offsets[r] = r * n;
            for (int k = 0; k < n; k++) {
                positions[r * n + k] = k * rows + r;
            }
        }
        offsets[rows] = rows * n;
        return new dev.floe.frame.column.ListVector(offsets, Kernels.gather(all, positions, positions.length), 0, rows,
                null);
    }

    /**
     * Per row, a measure of the two lists as vectors of numbers ({@link
     * dev.floe.frame.expr.ScalarFunction#LIST_MEASURE}), in doubles: the inner product (or its
     * negation), the cosine similarity (or 1 minus it; null where either vector has no length), or
     * the Euclidean distance. Where squares of large or tiny values overflow or vanish, the cosine
     * and the distance are computed again with each vector (or the differences) divided by its
     * largest magnitude first. A null list gives null; lists of other lengths, or a null element,
     * fail naming the row.
     */
    static Vector measure(String measure, Vector left, Vector right, long start, String expression) {
        int rows = left.length();
        if (left.type() == DataType.NULL || right.type() == DataType.NULL) {
            return Kernels.nulls(DataType.FLOAT64, rows);
        }
        ListVector a = (ListVector) left;
        ListVector b = (ListVector) right;
        double[] x = Kernels.doubles(a.elements());
        double[] y = Kernels.doubles(b.elements());
        long[] xValid = Kernels.validBits(a.elements());
        long[] yValid = Kernels.validBits(b.elements());
        // the measure read once, not per row
        boolean product = measure.endsWith("inner_product");
        boolean negative = measure.startsWith("negative");
        boolean cosine = measure.startsWith("cosine");
        boolean cosineDistance = measure.equals("cosine_distance");
        double[] out = new double[rows];
        long[] valid = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            if (a.isNull(i) || b.isNull(i)) {
                continue;
            }
            int xs = a.start(i);
            int ys = b.start(i);
            int n = a.size(i);
            if (b.size(i) != n) {
                throw new dev.floe.FloeException(measure + " needs lists of one length, not " + n + " and " + b.size(i)
                        + " elements (row " + (start + i) + "), in expression " + expression);
            }
            if (!allSet(xValid, xs, n) || !allSet(yValid, ys, n)) {
                throw new dev.floe.FloeException(measure + " needs lists without null elements (row " + (start + i)
                        + "), in expression " + expression);
            }
            double value;
            if (product) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += x[xs + k] * y[ys + k];
                }
                value = negative ? -dot : dot;
            } else if (cosine) {
                double similarity = cosine(x, xs, y, ys, n, 1, 1);
                if (Double.isNaN(similarity) && !hasNaN(x, xs, n) && !hasNaN(y, ys, n)) {
                    // a square that overflowed or vanished (or a vector of no length): again, each vector scaled
                    double xScale = largest(x, xs, n);
                    double yScale = largest(y, ys, n);
                    if (xScale == 0 || yScale == 0) {
                        continue; // a vector of no length has no direction: null
                    }
                    similarity = cosine(x, xs, y, ys, n, xScale, yScale);
                }
                similarity = Math.max(-1, Math.min(1, similarity));
                value = cosineDistance ? 1 - similarity : similarity;
            } else {
                double sum = 0;
                double scale = 0;
                for (int k = 0; k < n; k++) {
                    double d = x[xs + k] - y[ys + k];
                    sum += d * d;
                    scale = Math.max(scale, Math.abs(d));
                }
                if ((sum == Double.POSITIVE_INFINITY || sum < Double.MIN_NORMAL) && scale > 0 && Double.isFinite(scale)) {
                    // squares that overflowed or vanished: again, the differences scaled by the largest
                    sum = 0;
                    for (int k = 0; k < n; k++) {
                        double d = (x[xs + k] - y[ys + k]) / scale;
                        sum += d * d;
                    }
                    value = Math.sqrt(sum) * scale;
                } else {
                    value = Math.sqrt(sum);
                }
            }
            out[i] = value;
            valid[i >>> 6] |= 1L << i;
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, rows, Validity.of(valid, rows));
    }

    /** Whether the bits {@code from} to {@code from + n} are all set. */
    private static boolean allSet(long[] bits, int from, int n) {
        for (int k = from; k < from + n; k++) {
            if ((bits[k >>> 6] & (1L << k)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The cosine of the angle between two vectors, each divided by its scale first; NaN where a length is 0 or infinite. */
    private static double cosine(double[] x, int xs, double[] y, int ys, int n, double xScale, double yScale) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int k = 0; k < n; k++) {
            double p = x[xs + k] / xScale;
            double q = y[ys + k] / yScale;
            dot += p * q;
            xx += p * p;
            yy += q * q;
        }
        double lengths = Math.sqrt(xx * yy);
        return lengths == 0 || lengths == Double.POSITIVE_INFINITY ? Double.NaN : dot / lengths;
    }

    private static boolean hasNaN(double[] values, int from, int n) {
        for (int k = from; k < from + n; k++) {
            if (Double.isNaN(values[k])) {
                return true;
            }
        }
        return false;
    }

    /** The largest magnitude of {@code values[from, from + n)}; NaN where one is NaN. */
    private static double largest(double[] values, int from, int n) {
        double largest = 0;
        for (int k = from; k < from + n; k++) {
            largest = Math.max(largest, Math.abs(values[k]));
        }
        return largest;
    }

    /**
     * Per row, the elements {@code from} through {@code to} of the list, counted from 1 and both
     * included, as DuckDB's {@code list_slice}: a negative bound counts from the end (-1 is the
     * last element), a start below 1 is 1, an end past the list is its last element, an end before
     * the start gives an empty list, and a null list or bound gives a null list.
     */
    static Vector slice(Vector list, Vector from, Vector to, DataType type) {
        int rows = list.length();
        if (list.type() == DataType.NULL || from.type() == DataType.NULL || to.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        ListVector lists = (ListVector) list;
        dev.floe.frame.column.Validity validity = Kernels.and(
                Kernels.and(lists.validity(), from.validity(), rows), to.validity(), rows);
        long[] starts = Kernels.longs(from);
        long[] ends = Kernels.longs(to);
        int[] firsts = new int[rows];
        int[] offsets = new int[rows + 1];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            offsets[i] = (int) total;
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long size = lists.size(i);
            long start = starts[i] < 0 ? size + starts[i] + 1 : starts[i];
            long end = ends[i] < 0 ? size + ends[i] + 1 : Math.min(ends[i], size);
            start = Math.max(start, 1);
            if (end >= start) {
                firsts[i] = lists.start(i) + (int) start - 1;
                total += end - start + 1;
            }
        }
        offsets[rows] = (int) total;
        int[] positions = new int[(int) total];
        for (int i = 0, k = 0; i < rows; i++) {
            for (int e = firsts[i], n = offsets[i + 1] - offsets[i]; n > 0; n--) {
                positions[k++] = e++;
            }
        }
        Vector elements = Kernels.gather(lists.elements(), positions, positions.length);
        return new ListVector(offsets, elements, 0, rows, validity);
    }

    /**
     * Per row, the list's elements at the row's places (from 1; null for a place out of the list, 0
     * or below), as DuckDB's {@code list_select}: null where either list is; a null place (in a
     * list that is not null) fails.
     */
    static Vector select(Vector list, Vector places, DataType type, long firstRow, String expression) {
        int rows = list.length();
        if (list.type() == DataType.NULL || places.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        ListVector lists = (ListVector) list;
        ListVector wanted = (ListVector) places;
        dev.floe.frame.column.Validity validity = Kernels.and(lists.validity(), wanted.validity(), rows);
        Vector placeValues = wanted.elements();
        boolean typed = placeValues.type() != DataType.NULL;
        long[] at = typed ? Kernels.longs(placeValues) : null;
        int[] offsets = new int[rows + 1];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            offsets[i] = (int) total;
            if (wanted.isNull(i) || lists.isNull(i)) {
                continue; // NULL, whatever the places hold, as DuckDB
            }
            for (int k = wanted.start(i), end = k + wanted.size(i); k < end; k++) {
                if (!typed || placeValues.isNull(k)) {
                    throw new dev.floe.frame.OutOfRangeException("out of range: a place to select is NULL (row " + (firstRow + i)
                            + "), in expression " + expression);
                }
            }
            total += wanted.size(i);
        }
        offsets[rows] = (int) total;
        int[] positions = new int[(int) total];
        for (int i = 0, p = 0; i < rows; i++) {
            if (lists.isNull(i) || wanted.isNull(i)) {
                continue;
            }
            int size = lists.size(i);
            for (int k = wanted.start(i), end = k + wanted.size(i); k < end; k++) {
                long place = at[k];
                positions[p++] = place >= 1 && place <= size ? lists.start(i) + (int) place - 1 : -1;
            }
        }
        Vector elements = Kernels.gatherOrNull(lists.elements(), positions, positions.length);
        return new ListVector(offsets, elements, 0, rows, validity);
    }

    /**
     * Each list cut or padded to its row's size, the new places holding the row's {@code fill} (of
     * the elements' type; null where {@code fill} is null or absent), as DuckDB's {@code list_resize}:
     * a null list stays null, a null size gives an empty list, a negative size fails naming the row
     * ({@code firstRow} is the batch's first row, {@code expression} the expression's text).
     */
    static Vector resize(Vector list, Vector size, Vector fill, DataType type, long firstRow, String expression) {
        int rows = list.length();
        if (list.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        ListVector lists = (ListVector) list;
        boolean sized = size.type() != DataType.NULL;
        long[] sizes = sized ? Kernels.longs(size) : null;
        boolean filled = fill != null && fill.type() != DataType.NULL;
        int[] offsets = new int[rows + 1];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            offsets[i] = (int) total;
            if (!sized || size.isNull(i)) {
                continue;
            }
            if (sizes[i] < 0) { // even for a null list, as DuckDB
                throw new dev.floe.frame.OutOfRangeException("out of range: a list cannot be resized to " + sizes[i]
                        + " elements (row " + (firstRow + i) + "), in expression " + expression);
            }
            if (lists.isNull(i)) {
                continue;
            }
            total += sizes[i];
            if (total > Integer.MAX_VALUE - 8) {
                throw new dev.floe.frame.OutOfRangeException("out of range: the resized lists of these rows hold more than "
                        + (Integer.MAX_VALUE - 8) + " values (row " + (firstRow + i) + "), in expression " + expression);
            }
        }
        offsets[rows] = (int) total;
        // the kept elements gathered compactly (a sliced list's elements may hold the whole column's),
        // then the output from them and the fill values, -1 for a null
        int keptCount = 0;
        for (int i = 0; i < rows; i++) {
            keptCount += Math.min(offsets[i + 1] - offsets[i], lists.isNull(i) ? 0 : lists.size(i));
        }
        int[] kept = new int[keptCount];
        int[] positions = new int[(int) total];
        for (int i = 0, k = 0, c = 0; i < rows; i++) {
            int n = offsets[i + 1] - offsets[i];
            int keep = Math.min(n, lists.isNull(i) ? 0 : lists.size(i));
            for (int e = lists.start(i), end = e + keep; e < end; e++) {
                kept[c] = e;
                positions[k++] = c++;
            }
            int padding = filled && !fill.isNull(i) ? keptCount + i : -1;
            for (int p = keep; p < n; p++) {
                positions[k++] = padding;
            }
        }
        Vector keptElements = Kernels.gather(lists.elements(), kept, keptCount);
        Vector source = filled ? dev.floe.frame.column.Vectors.concat(type.elementType(),
                java.util.List.of(keptElements, fill)) : keptElements;
        Vector elements = Kernels.gatherOrNull(source, positions, positions.length);
        return new ListVector(offsets, elements, 0, rows, lists.validity());
    }

    /**
     * Per row, {@code start, start + step, ...} up to {@code stop} (included where {@code inclusive}),
     * as {@code i64} lists; empty where the step is 0 or leads away from the stop; null where an
     * input is. The counts are computed without overflow, so ranges reach the ends of {@code long}.
     */
    static Vector range(Vector start, Vector stop, Vector step, boolean inclusive, long firstRow, String expression) {
        int rows = start.length();
        if (start.type() == DataType.NULL || stop.type() == DataType.NULL || step.type() == DataType.NULL) {
            return Kernels.nulls(DataType.LIST_INT64, rows);
        }
        dev.floe.frame.column.Validity validity = Kernels.and(Kernels.and(start.validity(), stop.validity(), rows),
                step.validity(), rows);
        long[] starts = Kernels.longs(start);
        long[] stops = Kernels.longs(stop);
        long[] steps = Kernels.longs(step);
        int[] offsets = new int[rows + 1];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            offsets[i] = (int) total;
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long count = rangeCount(starts[i], stops[i], steps[i], inclusive);
            total += count;
            if (count < 0 || total > Integer.MAX_VALUE - 8) {
                throw new dev.floe.frame.OutOfRangeException("out of range: the ranges of these rows hold more than "
                        + (Integer.MAX_VALUE - 8) + " values (row " + (firstRow + i) + "), in expression " + expression);
            }
        }
        offsets[rows] = (int) total;
        long[] values = new long[(int) total];
        for (int i = 0; i < rows; i++) {
            long value = starts[i];
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                values[k] = value;
                value += steps[i]; // past the last value it may wrap, but is not used
            }
        }
        Vector elements = Kernels.fromLongs(DataType.INT64, values, values.length, null);
        return new ListVector(offsets, elements, 0, rows, validity);
    }

    /** How many values the range holds (-1 where more than a {@code long} counts). */
    private static long rangeCount(long start, long stop, long step, boolean inclusive) {
        if (step == 0 || (step > 0 ? stop < start : stop > start)) {
            return 0;
        }
        // the distance and the step's size as unsigned numbers: neither overflows
        long distance = step > 0 ? stop - start : start - stop;
        long size = step > 0 ? step : -step; // -Long.MIN_VALUE stays Long.MIN_VALUE: 2^63 unsigned
        if (!inclusive && distance == 0) {
            return 0;
        }
        long whole = Long.divideUnsigned(inclusive ? distance : distance - 1, size);
        return whole < 0 ? -1 : whole + 1;
    }

    /**
     * Per row, the elements of each list in {@code lists} one after the other; a null list adds
     * nothing, so no row is null (DuckDB's {@code list_concat}).
     */
    static Vector concat(Vector[] lists, DataType type, int rows) {
        java.util.List<ListVector> inputs = new java.util.ArrayList<>();
        for (Vector list : lists) {
            if (list.type() != DataType.NULL) {
                inputs.add((ListVector) list);
            }
        }
        // each input's elements of these rows, gathered compactly (a sliced list's elements vector
        // may hold the whole column's), then all of them put in row order
        java.util.List<Vector> parts = new java.util.ArrayList<>();
        int[] bases = new int[inputs.size()];
        int base = 0;
        for (int k = 0; k < inputs.size(); k++) {
            ListVector list = inputs.get(k);
            long count = 0;
            for (int i = 0; i < rows; i++) {
                count += list.isNull(i) ? 0 : list.size(i);
            }
            int[] positions = new int[(int) count];
            for (int i = 0, p = 0; i < rows; i++) {
                if (!list.isNull(i)) {
                    for (int e = list.start(i), end = e + list.size(i); e < end; e++) {
                        positions[p++] = e;
                    }
                }
            }
            parts.add(Kernels.gather(list.elements(), positions, positions.length));
            bases[k] = base;
            base += positions.length;
        }
        if (parts.isEmpty()) {
            parts.add(new dev.floe.frame.column.NullVector(0));
        }
        int[] offsets = new int[rows + 1];
        int[] positions = new int[base];
        int[] next = bases.clone(); // where each input's next row begins among the gathered elements
        for (int i = 0, p = 0; i < rows; i++) {
            offsets[i] = p;
            for (int k = 0; k < inputs.size(); k++) {
                ListVector list = inputs.get(k);
                int size = list.isNull(i) ? 0 : list.size(i);
                for (int e = 0; e < size; e++) {
                    positions[p++] = next[k]++;
                }
            }
        }
        offsets[rows] = base;
        Vector all = dev.floe.frame.column.Vectors.concat(type.elementType(), parts);
        return new ListVector(offsets, Kernels.gather(all, positions, positions.length), 0, rows, null);
    }


    /**
     * Per row, the distinct elements of {@code a} that are not null and that {@code b} holds too, in
     * the order they first appear in {@code a} (DuckDB fixes none), as {@code list_intersect}: null where
     * {@code a} is null, empty where {@code b} is. Both rows' elements are sorted together, stably,
     * so each run of equal elements starts with its first place in {@code a}.
     */
    static Vector intersect(Vector a, Vector b, DataType type, int rows) {
        if (a.type() == DataType.NULL) {
            return new ListVector(new int[rows + 1], new dev.floe.frame.column.NullVector(0), 0, rows,
                    dev.floe.frame.column.Validity.of(new long[(rows + 63) >>> 6], rows));
        }
        ListVector left = (ListVector) a;
        ListVector both = (ListVector) concat(new Vector[] {a, b}, type, rows);
        Vector elements = both.elements();
        RowComparator order = RowComparator.of(elements, false, true);
        int[] sorted = new int[elements.length()];
        for (int k = 0; k < sorted.length; k++) {
            sorted[k] = k;
        }
        int[] scratch = new int[sorted.length];
        boolean[] kept = new boolean[sorted.length];
        int[] offsets = new int[rows + 1];
        int total = 0;
        for (int i = 0; i < rows; i++) {
            int from = both.start(i);
            int to = from + both.size(i);
            int fromB = from + (left.isNull(i) ? 0 : left.size(i)); // b's elements follow a's
            if (to - from > 1) {
                MergeSort.sort(sorted, scratch, from, to, order);
            }
            for (int k = from; k < to; ) {
                int run = k + 1;
                while (run < to && order.compare(sorted[k], sorted[run]) == 0) {
                    run++;
                }
                // the run's first place is its first in a, its last its last in b
                if (!elements.isNull(sorted[k]) && sorted[k] < fromB && sorted[run - 1] >= fromB) {
                    kept[sorted[k]] = true;
                }
                k = run;
            }
            offsets[i] = total;
            for (int k = from; k < fromB; k++) {
                total += kept[k] ? 1 : 0;
            }
        }
        offsets[rows] = total;
        int[] out = new int[total];
        for (int k = 0, at = 0; k < kept.length; k++) {
            if (kept[k]) {
                out[at++] = k;
            }
        }
        return new ListVector(offsets, Kernels.gather(elements, out, total), 0, rows, left.validity());
    }
}
