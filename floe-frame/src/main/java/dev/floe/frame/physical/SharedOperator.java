package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A subplan that occurs more than once in one plan: the first occurrence to run computes its
 * rows and holds them; every other reads them ({@link LocalEngine} asks {@link #computed} before
 * running the input again). One per query: the planner makes it for the plan it plans.
 *
 * <p>The rows are held in memory while the query's memory reservation grows with them, up to a
 * quarter of its limit; beyond that (the planner's estimate of the rows was too low), each
 * worker writes its rows to a spill file of its own, and every occurrence reads them back from
 * the files, merged in stream order, so the rows are still computed once and the heap holds no
 * more than the limit allows.
 */
final class SharedOperator implements PhysicalNode.BreakerOperator {
    /**
     * The held rows take at most this share of the query's memory limit (one over it): they stay
     * for the whole query, beside the operators that read them and the rest of the plan.
     */
    static final int HELD_SHARE = 4;

    private final Schema schema;
    private final int uses;
    private Source rows;

    SharedOperator(Schema schema, int uses) {
        this.schema = schema;
        this.uses = uses;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** The rows, once an occurrence has computed them (a source each occurrence reads anew); else null. */
    synchronized Source computed() {
        return rows;
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        return HoldingOperator.collect(Pipeline.of(runToSource(inputs, context)), context);
    }

    @Override
    public Source runToSource(List<Pipeline> inputs, ExecutionContext context) {
        Pipeline input = inputs.get(0);
        DataFrame whole = HoldingOperator.wholeFrame(input);
        Source result = whole != null ? new MemorySource(whole, "result of " + describe())
                : PipelineRunner.run(input, new HoldSink(context), context);
        synchronized (this) {
            if (rows == null) {
                rows = result;
            }
            return rows;
        }
    }

    @Override
    public String describe() {
        return "SHARED (occurs " + uses + " times, computed once)";
    }

    /** Holds the rows while the reservation grows; once refused, every worker writes its rows to a file of its own. */
    private final class HoldSink implements Sink<HoldSink.Local, Source> {
        private final ExecutionContext context;
        private final MemoryReservation reservation;
        private final List<Batch> held = new ArrayList<>();
        private final List<SpillFile> files = new ArrayList<>();
        private volatile boolean spilling;

        HoldSink(ExecutionContext context) {
            this.context = context;
            this.reservation = context.reservation(describe());
        }

        final class Local implements Sink.Local {
            private final List<Batch> batches = new ArrayList<>();
            private SpillFile file;
            private long reserved;

            @Override
            public void consume(Batch batch) {
                if (batch.rows() == 0) {
                    return;
                }
                if (!spilling) {
                    long size = HashJoinRun.bytes(batch);
                    if (reservation.reserved() + size <= reservation.limit() / HELD_SHARE && reservation.tryGrow(size)) {
                        batches.add(batch);
                        reserved += size;
                        return;
                    }
                    spilling = true;
                }
                // a worker's batches come in stream order, so its file is in stream order too
                for (Batch mine : batches) {
                    write(mine);
                }
                batches.clear();
                reservation.shrink(reserved);
                reserved = 0;
                write(batch);
            }

            private void write(Batch batch) {
                if (file == null) {
                    file = context.spill().newFile("shared");
                }
                file.write(batch);
            }
        }

        @Override
        public Local newLocal() {
            return new Local();
        }

        @Override
        public void combine(Local local) {
            if (local.file != null) {
                local.file.finishWriting();
                files.add(local.file);
            }
            held.addAll(local.batches);
        }

        @Override
        public Source finish() {
            held.sort(Comparator.comparingLong(Batch::start));
            if (files.isEmpty()) {
                return new MemorySource(CollectSink.assemble(held, schema), "result of " + describe());
            }
            // rows still held (workers that had not spilled yet) go to a file too
            if (!held.isEmpty()) {
                SpillFile rest = context.spill().newFile("shared");
                for (Batch batch : held) {
                    rest.write(batch);
                }
                rest.finishWriting();
                files.add(rest);
                held.clear();
                reservation.shrink(reservation.reserved());
            }
            List<SpillFile> written = List.copyOf(files);
            return new StreamSource(schema, "result of " + describe() + ", spilled to " + written.size() + " files",
                    () -> inStreamOrder(written));
        }
    }

    /**
     * The files' batches merged by their starts (each file's batches in stream order, and batches
     * of different files never interleave, each from splits of its own).
     */
    private static BatchReader inStreamOrder(List<SpillFile> files) {
        List<BatchReader> readers = new ArrayList<>(files.size());
        for (SpillFile file : files) {
            readers.add(file.read());
        }
        Batch[] heads = new Batch[readers.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = readers.get(i).next();
        }
        return new BatchReader() {
            @Override
            public Batch next() {
                int first = -1;
                for (int i = 0; i < heads.length; i++) {
                    if (heads[i] != null && (first < 0 || heads[i].start() < heads[first].start())) {
                        first = i;
                    }
                }
                if (first < 0) {
                    return null;
                }
                Batch next = heads[first];
                heads[first] = readers.get(first).next();
                return next;
            }

            @Override
            public void close() {
                for (BatchReader reader : readers) {
                    reader.close();
                }
            }
        };
    }
}
