package dev.floe.frame.exec;

import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code explode}: each row repeated once per element of its lists (once, with null, for a null
 * or empty list); the other columns gathered by row, the list columns' elements gathered by
 * element.
 *
 * @param exploded for each column of the batch, whether it is one of the exploded list columns
 */
public record ExplodeOperator(boolean[] exploded) implements BatchOperator {
    @Override
    public Batch apply(Batch batch) {
        int rows = batch.rows();
        ListVector lead = null;
        List<ListVector> lists = new ArrayList<>();
        for (int c = 0; c < exploded.length; c++) {
            if (exploded[c]) {
                ListVector list = (ListVector) batch.column(c);
                lists.add(list);
                lead = lead == null ? list : lead;
            }
        }
        int total = 0;
        for (int i = 0; i < rows; i++) {
            int size = lead.isNull(i) ? 0 : lead.size(i);
            for (ListVector other : lists) {
                int otherSize = other.isNull(i) ? 0 : other.size(i);
                if (otherSize != size) {
                    throw new IllegalArgumentException("explode needs each row's lists to be equally long; row "
                            + (batch.start() + i) + " has lists of " + size + " and " + otherSize + " elements");
                }
            }
            total += Math.max(1, size);
        }
        int[] rowOf = new int[total];
        int[] firstElement = new int[total];
        int at = 0;
        for (int i = 0; i < rows; i++) {
            int size = lead.isNull(i) ? 0 : lead.size(i);
            if (size == 0) {
                rowOf[at] = i;
                firstElement[at++] = -1;
            }
            for (int e = 0; e < size; e++) {
                rowOf[at] = i;
                firstElement[at++] = e;
            }
        }
        List<Vector> columns = new ArrayList<>(exploded.length);
        int[] elements = new int[total];
        for (int c = 0; c < exploded.length; c++) {
            Vector column = batch.column(c);
            if (!exploded[c]) {
                columns.add(Kernels.gather(column, rowOf, total));
                continue;
            }
            ListVector list = (ListVector) column;
            for (int r = 0; r < total; r++) {
                elements[r] = firstElement[r] < 0 ? -1 : list.start(rowOf[r]) + firstElement[r];
            }
            columns.add(Kernels.gatherOrNull(list.elements(), elements, total));
        }
        return new Batch(columns, total, batch.start());
    }
}
