package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.ExprCompiler;
import dev.floe.frame.exec.Kernels;
import dev.floe.frame.exec.PhysicalExpr;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A breaker that needs its whole input before it can give a row (window, unique, a row index):
 * the input collected in stream order, then {@link #apply}. When the result for a row depends
 * only on the rows with the same key ({@link #partitionKeys}: a window partitioned by the key,
 * the first row of each distinct key), it holds its input under the query's memory reservation
 * and, when the reservation is refused, writes the rows, each with its
 * place in the input, to spill files by hash partition of the key ({@value HashJoinRun#PARTITIONS}
 * partitions). Every row of one key then lies in one partition, so each partition is read back
 * in input order and given to {@link #apply} alone (on the workers, one partition at a time
 * each), its result written to a run; the runs are merged by place, so the result comes in input
 * order, exactly as the in-memory one, without ever being held whole.
 *
 * <p>An operator without such a key ({@link #partitionKeys} null: a row index, a window over all
 * rows, bins cut from all the data) holds its input in memory whatever the limit.
 */
abstract class HoldingOperator implements PhysicalNode.BreakerOperator {
    private static final String PLACE = SortOperator.PLACE;

    private final Schema schema;
    private final String describe;

    HoldingOperator(Schema schema, String describe) {
        this.schema = schema;
        this.describe = describe;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String describe() {
        return describe;
    }

    /** The result from rows that hold every row of their keys, in input order; its rows keep that order. */
    abstract DataFrame apply(DataFrame input, ExecutionContext context);

    /** The expressions over the input whose values decide which rows go together; null (the default) if all rows do. */
    List<Expr> partitionKeys() {
        return null;
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        return collect(Pipeline.of(runToSource(inputs, context)), context);
    }

    @Override
    public Source runToSource(List<Pipeline> inputs, ExecutionContext context) {
        Pipeline input = inputs.get(0);
        DataFrame whole = wholeFrame(input);
        if (whole != null || partitionKeys() == null) {
            DataFrame rows = whole != null ? whole : collect(input, context);
            return new MemorySource(apply(rows, context), "result of " + describe);
        }
        Schema placed = SortOperator.withPlace(input.schema());
        return PipelineRunner.run(input, new HoldSink(input.schema(), placed, context), context);
    }

    /** A stream collected into a frame (a frame in memory read as it is stays as it is). */
    static DataFrame collect(Pipeline pipeline, ExecutionContext context) {
        DataFrame whole = wholeFrame(pipeline);
        return whole != null ? whole : PipelineRunner.run(pipeline, new CollectSink(pipeline.schema(), context), context);
    }

    /** The frame a pipeline reads when it is a frame in memory and nothing else, or null. */
    static DataFrame wholeFrame(Pipeline pipeline) {
        if (pipeline.branches().size() == 1 && pipeline.operators().isEmpty()
                && pipeline.branches().get(0).operators().isEmpty()
                && pipeline.branches().get(0).source() instanceof MemorySource memory) {
            return memory.frame();
        }
        return null;
    }

    /** Holds the placed rows while the reservation grows; once refused, every worker writes its rows by partition. */
    private final class HoldSink implements Sink<HoldSink.Local, Source> {
        private final Schema inputSchema;
        private final Schema placed;
        private final ExecutionContext context;
        private final MemoryReservation reservation;
        private final List<Batch> held = new ArrayList<>();
        private final List<List<SpillFile>> partitions = new ArrayList<>();
        private final List<PhysicalExpr> keys = new ArrayList<>();
        private final List<DataType> keyTypes = new ArrayList<>();
        private volatile boolean spilling;

        HoldSink(Schema inputSchema, Schema placed, ExecutionContext context) {
            this.inputSchema = inputSchema;
            this.placed = placed;
            this.context = context;
            this.reservation = context.reservation(describe);
            for (Expr key : partitionKeys()) {
                keys.add(ExprCompiler.compile(key, inputSchema));
                keyTypes.add(ExprTyper.typeOf(key, inputSchema));
            }
            for (int p = 0; p < HashJoinRun.PARTITIONS; p++) {
                partitions.add(new ArrayList<>());
            }
        }

        final class Local implements Sink.Local {
            private final List<Batch> batches = new ArrayList<>();
            private SpillFile[] files;
            private long reserved;

            @Override
            public void consume(Batch batch) {
                if (batch.rows() == 0) {
                    return;
                }
                if (!spilling) {
                    // the rows, and about as much again for the result computed from them
                    long size = 2 * HashJoinRun.bytes(batch) + 8L * batch.rows();
                    if (reservation.tryGrow(size)) {
                        batches.add(HashJoinRun.placed(batch));
                        reserved += size;
                        return;
                    }
                    spilling = true;
                }
                for (Batch mine : batches) {
                    write(mine, false);
                }
                batches.clear();
                reservation.shrink(reserved);
                reserved = 0;
                write(batch, true);
            }

            /** A batch's rows written to their partitions' files, each with its place. */
            private void write(Batch batch, boolean placeIt) {
                Batch withPlaces = placeIt ? HashJoinRun.placed(batch) : batch;
                List<Vector> keyValues = new ArrayList<>(keys.size());
                for (PhysicalExpr key : keys) {
                    keyValues.add(key.evaluate(withPlaces));
                }
                int[][] rowsOf = Kernels.rowsByPartition(keyTypes, keyValues, batch.rows(), HashJoinRun.PARTITIONS);
                if (files == null) {
                    files = new SpillFile[HashJoinRun.PARTITIONS];
                }
                for (int p = 0; p < HashJoinRun.PARTITIONS; p++) {
                    int count = rowsOf[p].length;
                    if (count == 0) {
                        continue;
                    }
                    List<Vector> columns = new ArrayList<>(withPlaces.columns().size());
                    for (Vector column : withPlaces.columns()) {
                        columns.add(Vectors.compactDictionary(count == batch.rows() ? column
                                : Kernels.gather(column, rowsOf[p], count)));
                    }
                    if (files[p] == null) {
                        files[p] = context.spill().newFile("hold-p" + p);
                    }
                    files[p].write(new Batch(columns, count, 0));
                }
            }
        }

        @Override
        public Local newLocal() {
            return new Local();
        }

        @Override
        public void combine(Local local) {
            if (local.files != null) {
                for (int p = 0; p < HashJoinRun.PARTITIONS; p++) {
                    if (local.files[p] != null) {
                        local.files[p].finishWriting();
                        partitions.get(p).add(local.files[p]);
                    }
                }
            }
            held.addAll(local.batches);
        }

        @Override
        public Source finish() {
            held.sort(java.util.Comparator.comparingLong(Batch::start));
            boolean spilled = partitions.stream().anyMatch(files -> !files.isEmpty());
            if (!spilled) {
                DataFrame rows = CollectSink.assemble(held, placed).drop(PLACE);
                return new MemorySource(apply(rows, context), "result of " + describe);
            }
            // rows still held (workers that had not spilled yet) go to the partitions too
            Local rest = new Local();
            for (Batch batch : held) {
                rest.write(batch, false);
            }
            held.clear();
            reservation.shrink(reservation.reserved());
            combine(rest);
            return applyByPartition();
        }

        /** Each partition applied on its own, on the workers; the results merged by place. */
        private Source applyByPartition() {
            SpillFile[] results = new SpillFile[HashJoinRun.PARTITIONS];
            AtomicInteger next = new AtomicInteger();
            int workers = Math.max(1, Math.min(context.threads(), HashJoinRun.PARTITIONS));
            ExecutionContext alone = context.onOneThread();
            Schema[] resultSchema = new Schema[1];
            context.runTasks(workers, w -> {
                int p;
                while ((p = next.getAndIncrement()) < HashJoinRun.PARTITIONS) {
                    context.checkCancelled();
                    List<SpillFile> files = partitions.get(p);
                    if (files.isEmpty()) {
                        continue;
                    }
                    DataFrame rows = HashJoinRun.read(files, placed, context.morselRows());
                    HashJoinRun.deleteAll(files);
                    DataFrame places = DataFrame.of(List.of(rows.column(PLACE)));
                    DataFrame result = applyPlaced(rows, places, alone);
                    synchronized (resultSchema) {
                        resultSchema[0] = result.schema();
                    }
                    SpillFile run = context.spill().newFile("hold-result-p" + p);
                    for (int from = 0; from < result.height(); from += HashJoinRun.RUN_BLOCK_ROWS) {
                        int count = Math.min(HashJoinRun.RUN_BLOCK_ROWS, result.height() - from);
                        run.write(MemorySource.batch(result, from, count));
                    }
                    run.finishWriting();
                    results[p] = run;
                }
                return null;
            });
            List<SpillFile> runs = new ArrayList<>();
            for (SpillFile run : results) {
                if (run != null) {
                    runs.add(run);
                }
            }
            Schema placedResult = resultSchema[0];
            return new StreamSource(schema, "merge of " + runs.size() + " spilled partitions of " + describe, () -> {
                List<BatchReader> readers = new ArrayList<>();
                for (SpillFile run : runs) {
                    readers.add(run.read());
                }
                return HashJoinRun.byLastColumn(readers, placedResult, placedResult.size() - 1, context.morselRows());
            });
        }

        /**
         * {@link #apply} over a partition's rows (read back in input order), its result with each
         * row's place as the last column: the result keeps its input's rows in order (a subset
         * for unique), so the places are those of the rows it kept, found by a row index.
         */
        private DataFrame applyPlaced(DataFrame rows, DataFrame places, ExecutionContext alone) {
            DataFrame input = rows.drop(PLACE);
            String index = "__floe_partition_row";
            DataFrame result = apply(input.withRowIndex(index), alone);
            Vector at = result.column(index).column().toVector();
            long[] positions = Kernels.longs(at);
            int[] gather = new int[positions.length];
            for (int i = 0; i < gather.length; i++) {
                gather[i] = (int) positions[i];
            }
            Vector place = Kernels.gather(places.column(0).column().toVector(), gather, gather.length);
            List<dev.floe.frame.Series> columns = new ArrayList<>(result.drop(index).series());
            columns.add(dev.floe.frame.Series.of(PLACE, dev.floe.frame.column.Column.of(place)));
            return DataFrame.of(columns);
        }
    }
}
