package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.CrossComparator;
import dev.floe.frame.exec.ExprCompiler;
import dev.floe.frame.exec.PhysicalExpr;
import dev.floe.frame.exec.Sorting;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A stable sort of the whole input. In memory while it fits the query's memory: row indices
 * merge-sorted on the workers, every column gathered once. When the memory reserved for the held
 * rows is refused, a worker sorts the rows it holds into a run and writes it to a spill file; at
 * the end the runs (and what is still in memory, sorted) are merged as they are read, so the
 * sorted rows flow on without ever being held whole (an external merge sort). Rows carry their
 * place in the input as a last key, so ties keep input order either way.
 */
final class SortOperator implements PhysicalNode.BreakerOperator {
    static final String PLACE = "__floe_place";

    private final Sort sort;
    private final List<SortKey> keysWithPlace;

    SortOperator(Sort sort) {
        this.sort = sort;
        List<SortKey> keys = new ArrayList<>(sort.keys());
        keys.add(SortKey.asc(PLACE));
        this.keysWithPlace = keys;
    }

    @Override
    public Schema schema() {
        return sort.schema();
    }

    @Override
    public String describe() {
        return sort.toString();
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        return HoldingOperator.collect(Pipeline.of(runToSource(inputs, context)), context);
    }

    @Override
    public Source runToSource(List<Pipeline> inputs, ExecutionContext context) {
        Pipeline input = inputs.get(0);
        DataFrame whole = HoldingOperator.wholeFrame(input);
        if (whole != null) {
            // a frame in memory is sorted where it is if its sorted copy fits; else read as a stream
            MemoryReservation copy = context.reservation(describe());
            if (copy.tryGrow(whole.estimatedSize() + 4L * whole.height())) {
                return new MemorySource(Sorting.sort(whole, sort.keys(), context), "result of " + describe());
            }
            copy.close();
        }
        Schema placed = withPlace(input.schema());
        return PipelineRunner.run(input, new SortSink(placed, context), context);
    }

    /** About how many bytes a batch of a sorted run holds (see {@link SortSink#runBatchRows}). */
    static final long RUN_BATCH_BYTES = 1 << 20;

    /** {@code schema} with the place column last. */
    static Schema withPlace(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>(schema.fields());
        fields.add(new Schema.Field(PLACE, DataType.INT64));
        return Schema.of(fields);
    }

    /** Holds rows under the memory reservation, spilling sorted runs when it is refused. */
    private final class SortSink implements Sink<SortSink.Local, Source> {
        private final Schema placed;
        private final ExecutionContext context;
        private final MemoryReservation reservation;
        private final List<Batch> held = new ArrayList<>();
        private final List<SpillFile> runs = new ArrayList<>();

        SortSink(Schema placed, ExecutionContext context) {
            this.placed = placed;
            this.context = context;
            this.reservation = context.reservation(describe());
        }

        final class Local implements Sink.Local {
            private final List<Batch> batches = new ArrayList<>();
            /**
             * The dictionaries the held rows keep alive (a Parquet row group's, say): for each
             * lineage, how many of its values are counted, so each value counts once.
             */
            private final java.util.Map<Object, Integer> dictionaries = new java.util.IdentityHashMap<>();
            private long reserved;

            @Override
            public void consume(Batch batch) {
                Batch withPlace = HashJoinRun.placed(batch);
                long size = holdingBytes(withPlace);
                if (!reservation.tryGrow(size)) {
                    spill();
                    size = holdingBytes(withPlace); // its dictionaries count again: the held rows are gone
                    if (!reservation.tryGrow(size)) {
                        size = 0; // a batch larger than the limit goes on regardless, with nothing reserved
                    }
                }
                batches.add(withPlace);
                reserved += size;
            }

            /**
             * What holding {@code batch} until it is sorted takes: its rows, as much again for their
             * sorted copy, the dictionaries of its categorical columns that no held row keeps yet
             * (twice: sorting first puts the chunks' dictionaries into one), and per row what the
             * sort adds: the order and its merge scratch, a copy of each key, and each categorical
             * column's codes in the shared dictionary.
             */
            private long holdingBytes(Batch batch) {
                long bytes = 2 * HashJoinRun.bytes(batch);
                int categorical = 0;
                for (Vector column : batch.columns()) {
                    if (column instanceof CategoricalVector codes) {
                        categorical++;
                        Dictionary dictionary = codes.dictionary();
                        int counted = dictionaries.getOrDefault(dictionary.lineage(), 0);
                        if (counted < dictionary.size()) {
                            dictionaries.put(dictionary.lineage(), dictionary.size());
                            // the values added since (a lineage's dictionaries share what they hold)
                            bytes += 2 * dictionary.retainedSizeInBytes() * (dictionary.size() - counted)
                                    / dictionary.size();
                        }
                    }
                }
                long perRow = 2L * Integer.BYTES + (long) Long.BYTES * keysWithPlace.size()
                        + (long) Integer.BYTES * categorical;
                return bytes + perRow * batch.rows();
            }

            /** This worker's rows sorted into a run on disk, their memory given back. */
            private void spill() {
                if (batches.isEmpty()) {
                    return;
                }
                writeRun(CollectSink.assemble(batches, placed), context.onOneThread());
                batches.clear();
                dictionaries.clear();
                reservation.shrink(reserved);
                reserved = 0;
            }
        }

        /** {@code rows} sorted into a new run on disk. */
        private void writeRun(DataFrame rows, dev.floe.frame.exec.Workers workers) {
            DataFrame sorted = Sorting.sort(rows, keysWithPlace, workers);
            SpillFile run = context.spill().newFile("sort-run");
            int size = runBatchRows(sorted);
            for (int from = 0; from < sorted.height(); from += size) {
                run.write(MemorySource.batch(sorted, from, Math.min(size, sorted.height() - from)));
            }
            run.finishWriting();
            synchronized (runs) {
                runs.add(run);
            }
        }

        /**
         * Rows in each batch of a run: about {@link #RUN_BATCH_BYTES} of them, at most a morsel. A
         * merge holds a batch of each open run (and its buffers), so smaller batches let more
         * runs be merged at once within the memory limit.
         */
        private int runBatchRows(DataFrame sorted) {
            long perRow = Math.max(1, sorted.estimatedSize() / Math.max(1, sorted.height()));
            return (int) Math.max(1, Math.min(context.morselRows(), RUN_BATCH_BYTES / perRow));
        }

        @Override
        public Local newLocal() {
            return new Local();
        }

        @Override
        public void combine(Local local) {
            held.addAll(local.batches);
            heldReserved += local.reserved;
        }

        /** What the workers reserved for the rows they still hold. */
        private long heldReserved;

        @Override
        public Source finish() {
            held.sort(java.util.Comparator.comparingLong(Batch::start));
            DataFrame rows = CollectSink.assemble(held, placed);
            if (runs.isEmpty()) {
                DataFrame sorted = Sorting.sort(rows, sort.keys(), context);
                return new MemorySource(sorted.drop(PLACE), "result of " + describe());
            }
            // the rows still held become one more run: the merge then has the whole limit for
            // reading runs at once, where they would keep most of it
            if (rows.height() > 0) {
                writeRun(rows, context);
            }
            held.clear();
            reservation.shrink(heldReserved);
            heldReserved = 0;
            List<SortedRuns.Run> spilled = new ArrayList<>();
            for (SpillFile run : runs) {
                spilled.add(SortedRuns.of(run));
            }
            return mergedRuns(spilled, placed, context);
        }
    }

    /**
     * A k-way merge of the sorted runs on disk, read as one sorted stream (one split). The runs
     * are first merged into fewer on disk until what reading them at once holds fits the query's
     * memory ({@link SortedRuns}).
     */
    private Source mergedRuns(List<SortedRuns.Run> runs, Schema placed, ExecutionContext context) {
        int batchRows = Math.max(1, context.morselRows());
        MemoryReservation memory = context.reservation("merge of the runs of " + describe());
        return new StreamSource(sort.schema(), "merge of " + runs.size() + " sorted runs of "
                + describe(), () -> {
                    List<PhysicalExpr> keyExprs = new ArrayList<>();
                    CrossComparator[] orders = new CrossComparator[keysWithPlace.size()];
                    for (int k = 0; k < keysWithPlace.size(); k++) {
                        SortKey key = keysWithPlace.get(k);
                        keyExprs.add(ExprCompiler.compile(key.expr(), placed));
                        orders[k] = new CrossComparator(key.descending(), key.placeNullsLast());
                    }
                    // passes keep the place column, which orders equal keys; the last merge drops it
                    SortedRuns.Merging merging = SortedRuns.fewer(runs,
                            readers -> new RunMerge(readers, keyExprs, orders, placed.size(), batchRows), context,
                            memory, "sort-merged");
                    List<BatchReader> readers = new ArrayList<>();
                    for (SortedRuns.Run run : merging.runs()) {
                        readers.add(run.read());
                    }
                    RunMerge merge = new RunMerge(readers, keyExprs, orders, placed.size() - 1, batchRows);
                    return new BatchReader() {
                        @Override
                        public Batch next() {
                            return merge.next();
                        }

                        @Override
                        public void close() {
                            merge.close();
                            for (SortedRuns.Run run : merging.runs()) {
                                run.delete();
                            }
                            memory.shrink(merging.reserved());
                        }
                    };
                });
    }
}
