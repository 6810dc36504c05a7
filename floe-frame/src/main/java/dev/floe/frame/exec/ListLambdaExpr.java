package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.expr.ListLambda;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ListLambda} computed a batch at a time: the body runs once over all the elements of
 * the batch's lists, as a batch of its own (the elements, their places, and each capture repeated
 * for its row's elements); {@code reduce} runs it once per place in the lists, over the rows whose
 * lists reach that far. An error in the body is found again element by element, so that its
 * message names the row of the list it came from.
 */
record ListLambdaExpr(ListLambda.Kind kind, PhysicalExpr list, PhysicalExpr initial, List<PhysicalExpr> captures,
        PhysicalExpr body, boolean readsIndex, DataType type, String expression) implements PhysicalExpr {

    @Override
    public Vector evaluate(Batch batch) {
        ListVector lists = (ListVector) list.evaluate(batch);
        List<Vector> captured = new ArrayList<>(captures.size());
        for (PhysicalExpr capture : captures) {
            captured.add(capture.evaluate(batch));
        }
        return switch (kind) {
            case TRANSFORM, FILTER -> elementwise(lists, captured, batch.start());
            case REDUCE -> reduce(lists, initial == null ? null : initial.evaluate(batch), captured, batch.start());
            case AGGREGATE -> throw new IllegalStateException("an aggregate of lists is a ListAggregateExpr");
        };
    }

    private Vector elementwise(ListVector lists, List<Vector> captured, long start) {
        int rows = lists.length();
        int[] offsets = new int[rows + 1];
        int[] positions = ListKernel.positions(lists, offsets);
        int total = positions.length;
        int[] owners = ListKernel.owners(offsets, rows);
        long[] places = readsIndex ? new long[total] : null;
        for (int k = 0; places != null && k < total; k++) {
            places[k] = k - offsets[owners[k]] + 1;
        }
        Vector elements = take(lists.elements(), positions, total);
        List<Vector> columns = new ArrayList<>(captured.size() + 2);
        columns.add(elements);
        if (places != null) {
            columns.add(Kernels.fromLongs(DataType.INT64, places, total, null));
        }
        for (Vector capture : captured) {
            columns.add(take(capture, owners, total));
        }
        Vector values = body(new Batch(columns, total, start), owners, start);
        if (kind == ListLambda.Kind.TRANSFORM) {
            return new ListVector(offsets, values, 0, rows, lists.validity());
        }
        int[] keptOffsets = new int[rows + 1];
        int[] kept = new int[total];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            keptOffsets[r] = count;
            count = keepTrue(values, offsets[r], offsets[r + 1], kept, count);
        }
        keptOffsets[rows] = count;
        return new ListVector(keptOffsets, take(elements, kept, count), 0, rows, lists.validity());
    }

    private static Vector take(Vector vector, int[] positions, int count) {
        return count == 0 ? vector.slice(0, 0) : Kernels.gather(vector, positions, count);
    }

    /** Appends to {@code kept} the positions in {@code [from, to)} where {@code truth} is true; the new count. */
    private static int keepTrue(Vector truth, int from, int to, int[] kept, int count) {
        if (!(truth instanceof ByteVector bytes)) {
            return count; // a vector of nulls: no element is kept
        }
        byte[] values = bytes.values();
        int offset = bytes.offset();
        for (int k = from; k < to; k++) {
            if (values[offset + k] != 0 && !bytes.isNull(k)) {
                kept[count++] = k;
            }
        }
        return count;
    }

    /**
     * The fold: the value so far starts as the initial value (or the first element) of each list,
     * then for each place every list with an element there takes the body's value of its value so
     * far and that element. The lists are taken longest first, so those that reach a place are a
     * prefix of that order and each step works on them alone (the time is the elements', not the
     * rows' times the longest list's); a list's value is final at the step it has no element for,
     * a piece of the order kept aside until all are put together.
     */
    private Vector reduce(ListVector lists, Vector initialValues, List<Vector> captured, long start) {
        int rows = lists.length();
        int[] order = longestFirst(lists);
        int listed = order.length;
        if (initialValues == null) {
            for (int r = 0; r < rows; r++) {
                if (!lists.isNull(r) && lists.size(r) == 0) {
                    throw new FloeException("list_reduce of an empty list, in row " + (start + r) + " of " + expression
                            + "; give an initial value (a third argument) for lists that may be empty");
                }
            }
        }
        int[] positions = new int[listed];
        for (int k = 0; k < listed; k++) {
            positions[k] = lists.start(order[k]);
        }
        Vector folded = initialValues != null ? take(initialValues, order, listed)
                : take(lists.elements(), positions, listed);
        int first = initialValues != null ? 0 : 1;
        List<Vector> finished = new ArrayList<>(); // pieces of the order, from its end
        int reaching = listed;
        for (int place = first; ; place++) {
            int count = 0;
            while (count < reaching && lists.size(order[count]) > place) {
                count++;
            }
            if (count < reaching) {
                finished.add(folded.slice(count, reaching - count));
            }
            if (count == 0) {
                break;
            }
            int[] active = java.util.Arrays.copyOf(order, count);
            for (int k = 0; k < count; k++) {
                positions[k] = lists.start(active[k]) + place;
            }
            List<Vector> columns = new ArrayList<>(captured.size() + 3);
            columns.add(folded.slice(0, count));
            columns.add(Kernels.gather(lists.elements(), positions, count));
            if (readsIndex) {
                long[] places = new long[count];
                java.util.Arrays.fill(places, place + 1L);
                columns.add(Kernels.fromLongs(DataType.INT64, places, count, null));
            }
            for (Vector capture : captured) {
                columns.add(Kernels.gather(capture, active, count));
            }
            folded = body(new Batch(columns, count, start), active, start);
            reaching = count;
        }
        java.util.Collections.reverse(finished);
        Vector inOrder = finished.isEmpty() ? Kernels.nulls(type, 0) : Vectors.concat(type, finished);
        int[] result = new int[rows];
        java.util.Arrays.fill(result, -1); // a null list: null
        for (int k = 0; k < listed; k++) {
            result[order[k]] = k;
        }
        return Kernels.gatherOrNull(inOrder, result, rows);
    }

    /** The rows whose lists are not null, longest list first (a counting sort; equal lengths in row order). */
    private static int[] longestFirst(ListVector lists) {
        int rows = lists.length();
        int longest = 0;
        int listed = 0;
        for (int r = 0; r < rows; r++) {
            if (!lists.isNull(r)) {
                longest = Math.max(longest, lists.size(r));
                listed++;
            }
        }
        int[] starts = new int[longest + 2];
        for (int r = 0; r < rows; r++) {
            if (!lists.isNull(r)) {
                starts[longest - lists.size(r) + 1]++;
            }
        }
        for (int b = 1; b < starts.length; b++) {
            starts[b] += starts[b - 1];
        }
        int[] order = new int[listed];
        for (int r = 0; r < rows; r++) {
            if (!lists.isNull(r)) {
                order[starts[longest - lists.size(r)]++] = r;
            }
        }
        return order;
    }

    /**
     * The body over {@code elements}; where it fails, it is run again one element at a time, as
     * a batch that begins at the element's row, so that the error names that row.
     */
    private Vector body(Batch elements, int[] owners, long start) {
        try {
            return body.evaluate(elements);
        } catch (RuntimeException failure) {
            int[] one = new int[1];
            for (int k = 0; k < elements.rows(); k++) {
                one[0] = k;
                body.evaluate(elements.gather(one, 1, start + owners[k]));
            }
            throw failure;
        }
    }
}
