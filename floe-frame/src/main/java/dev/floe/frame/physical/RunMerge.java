package dev.floe.frame.physical;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.CrossComparator;
import dev.floe.frame.exec.Kernels;
import dev.floe.frame.exec.PhysicalExpr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A k-way merge of sorted runs (spill files, or batches in memory) read as one sorted stream:
 * the head of every run in a heap, a run's rows taken while they come before the next run's head,
 * so rows that compare equal keep their run's order and the runs' order. Output batches hold the
 * first {@code kept} columns of the runs' batches (the columns after them, such as a place in the
 * input, serve as keys only). Read by one thread.
 */
final class RunMerge implements BatchReader {
    /** One run's reader and where it is: its current batch, that batch's key columns, the row. */
    private static final class Run {
        final BatchReader reader;
        Batch batch;
        List<Vector> keys;
        int row;

        Run(BatchReader reader) {
            this.reader = reader;
        }
    }

    private final List<BatchReader> readers;
    private final List<PhysicalExpr> keyExprs;
    private final CrossComparator[] orders;
    private final int kept;
    private final int batchRows;
    private final PriorityQueue<Run> heap;
    private long emitted;

    RunMerge(List<BatchReader> readers, List<PhysicalExpr> keyExprs, CrossComparator[] orders, int kept,
            int batchRows) {
        this.readers = readers;
        this.keyExprs = keyExprs;
        this.orders = orders;
        this.kept = kept;
        this.batchRows = batchRows;
        this.heap = new PriorityQueue<>(Math.max(1, readers.size()), this::compare);
        for (BatchReader reader : readers) {
            Run run = new Run(reader);
            if (advance(run)) {
                heap.add(run);
            }
        }
    }

    /** Loads the run's next non-empty batch; false at its end. */
    private boolean advance(Run run) {
        Batch next;
        while ((next = run.reader.next()) != null) {
            if (next.rows() > 0) {
                run.batch = next;
                run.row = 0;
                run.keys = new ArrayList<>(keyExprs.size());
                for (PhysicalExpr key : keyExprs) {
                    run.keys.add(key.evaluate(next));
                }
                return true;
            }
        }
        run.reader.close();
        return false;
    }

    private int compare(Run a, Run b) {
        for (int k = 0; k < orders.length; k++) {
            int order = orders[k].compare(a.keys.get(k), a.row, b.keys.get(k), b.row);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public Batch next() {
        if (heap.isEmpty()) {
            return null;
        }
        // the rows taken: which batch (numbered in order of first use) and which row of it
        Map<Batch, Integer> used = new IdentityHashMap<>();
        List<Batch> batches = new ArrayList<>();
        int[] from = new int[batchRows];
        int[] rows = new int[batchRows];
        int count = 0;
        while (count < batchRows && !heap.isEmpty()) {
            Run run = heap.poll();
            Run second = heap.peek();
            // take the run's rows while they come before the next run's head
            do {
                Integer index = used.get(run.batch);
                if (index == null) {
                    index = batches.size();
                    used.put(run.batch, index);
                    batches.add(run.batch);
                }
                from[count] = index;
                rows[count] = run.row;
                count++;
                run.row++;
            } while (count < batchRows && run.row < run.batch.rows()
                    && (second == null || compare(run, second) <= 0));
            if (run.row < run.batch.rows() || advance(run)) {
                heap.add(run);
            }
        }
        return gather(batches, from, rows, count);
    }

    /** The rows picked from the batches, their first {@code kept} columns. */
    private Batch gather(List<Batch> batches, int[] from, int[] rows, int count) {
        // the rows taken from one batch are consecutive: only that range of it is copied
        int used = batches.size();
        int[] first = new int[used];
        int[] last = new int[used];
        java.util.Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            first[from[i]] = Math.min(first[from[i]], rows[i]);
            last[from[i]] = Math.max(last[from[i]], rows[i]);
        }
        int[] starts = new int[used];
        for (int b = 1; b < used; b++) {
            starts[b] = starts[b - 1] + last[b - 1] - first[b - 1] + 1;
        }
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = starts[from[i]] + rows[i] - first[from[i]];
        }
        List<Vector> columns = new ArrayList<>(kept);
        for (int c = 0; c < kept; c++) {
            List<Vector> parts = new ArrayList<>(used);
            for (int b = 0; b < used; b++) {
                parts.add(Vectors.compactDictionary(batches.get(b).column(c).slice(first[b], last[b] - first[b] + 1)));
            }
            DataType type = parts.get(0).type();
            if (type == DataType.CATEGORICAL && parts.size() > 1) {
                parts = Vectors.shareDictionary(parts);
            }
            Vector all = parts.size() == 1 ? parts.get(0) : Vectors.concat(type, parts);
            columns.add(Kernels.gather(all, positions, count));
        }
        Batch out = new Batch(columns, count, emitted);
        emitted += count;
        return out;
    }

    @Override
    public void close() {
        for (BatchReader reader : readers) {
            reader.close();
        }
    }
}
