package dev.floe.frame.physical;

import dev.floe.frame.DataType;
import dev.floe.frame.column.LongVector;
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
        /** The call of {@link #next} that last took a row of this batch, and the batch's number there. */
        long takenIn = -1;
        int takenAs;

        Run(BatchReader reader) {
            this.reader = reader;
        }
    }

    private final List<BatchReader> readers;
    private final List<PhysicalExpr> keyExprs;
    private final CrossComparator[] orders;
    private final int kept;
    private final int batchRows;
    private PriorityQueue<Run> heap;
    private long emitted;
    /**
     * While every run's key is one ascending 64-bit integer column without nulls (the place of a
     * group's first row, when a spilled aggregation puts its groups back in order), the runs are
     * merged through a heap of their numbers over primitive keys ({@link #nextByLong}) instead of
     * {@link #heap}: a comparison is two array reads, not a comparator over vectors.
     */
    private boolean byLong;
    private Run[] runs;
    /** The runs in the heap, by number: {@code order[0, size)}, the smallest head first. */
    private int[] order;
    /** Each run's head key, by run number. */
    private long[] heads;
    private int size;
    private long calls;

    RunMerge(List<BatchReader> readers, List<PhysicalExpr> keyExprs, CrossComparator[] orders, int kept,
            int batchRows) {
        this.readers = readers;
        this.keyExprs = keyExprs;
        this.orders = orders;
        this.kept = kept;
        this.batchRows = batchRows;
        List<Run> started = new ArrayList<>(readers.size());
        for (BatchReader reader : readers) {
            Run run = new Run(reader);
            if (advance(run)) {
                started.add(run);
            }
        }
        byLong = orders.length == 1 && !orders[0].descending();
        for (Run run : started) {
            byLong &= longKeys(run);
        }
        if (byLong) {
            runs = started.toArray(new Run[0]);
            order = new int[runs.length];
            heads = new long[runs.length];
            for (int r = 0; r < runs.length; r++) {
                heads[r] = head(runs[r]);
                order[size] = r;
                siftUp(size++);
            }
        } else {
            heap = new PriorityQueue<>(Math.max(1, started.size()), this::compare);
            heap.addAll(started);
        }
    }

    /** Whether the run's batch's key is a 64-bit integer column without nulls. */
    private static boolean longKeys(Run run) {
        return run.keys.get(0) instanceof LongVector key && key.validity() == null;
    }

    private static long head(Run run) {
        LongVector key = (LongVector) run.keys.get(0);
        return key.values()[key.offset() + run.row];
    }

    /** Whether run {@code a}'s head comes before run {@code b}'s (equal heads: the earlier run). */
    private boolean before(int a, int b) {
        return heads[a] < heads[b] || heads[a] == heads[b] && a < b;
    }

    private void siftUp(int at) {
        int run = order[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(run, order[parent])) {
                break;
            }
            order[at] = order[parent];
            at = parent;
        }
        order[at] = run;
    }

    private void siftDown(int at) {
        int run = order[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(order[child + 1], order[child])) {
                child++;
            }
            if (!before(order[child], run)) {
                break;
            }
            order[at] = order[child];
            at = child;
        }
        order[at] = run;
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
        if (byLong) {
            return nextByLong();
        }
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

    /** {@link #next} while the runs' keys are 64-bit integers without nulls ({@link #byLong}). */
    private Batch nextByLong() {
        if (size == 0) {
            return null;
        }
        long call = calls++;
        List<Batch> batches = new ArrayList<>();
        int[] from = new int[batchRows];
        int[] rows = new int[batchRows];
        int count = 0;
        while (count < batchRows && size > 0) {
            int r = order[0];
            Run run = runs[r];
            // the next run's head: the smaller child of the root
            int second = size == 1 ? -1 : size == 2 || before(order[1], order[2]) ? order[1] : order[2];
            long secondHead = second < 0 ? 0 : heads[second];
            boolean earlier = r < second;
            if (run.takenIn != call) {
                run.takenIn = call;
                run.takenAs = batches.size();
                batches.add(run.batch);
            }
            LongVector key = (LongVector) run.keys.get(0);
            long[] values = key.values();
            int offset = key.offset();
            int end = run.batch.rows();
            int index = run.takenAs;
            // take the run's rows while they come before the next run's head
            long value;
            do {
                from[count] = index;
                rows[count] = run.row;
                count++;
                run.row++;
            } while (count < batchRows && run.row < end && (second < 0
                    || (value = values[offset + run.row]) < secondHead || value == secondHead && earlier));
            if (run.row < end) {
                heads[r] = values[offset + run.row];
                siftDown(0);
            } else if (advance(run)) {
                run.takenIn = -1;
                if (!longKeys(run)) {
                    // a batch keyed otherwise: the rest merges through the general heap
                    byLong = false;
                    heap = new PriorityQueue<>(Math.max(1, size), this::compare);
                    for (int i = 0; i < size; i++) {
                        heap.add(runs[order[i]]);
                    }
                    break;
                }
                heads[r] = head(run);
                siftDown(0);
            } else {
                order[0] = order[--size];
                siftDown(0);
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
