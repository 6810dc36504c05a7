package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.CrossComparator;
import dev.floe.frame.exec.GroupedAggregation;
import dev.floe.frame.exec.PhysicalExpr;
import dev.floe.frame.exec.SpillStore;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Estimates;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation: the input streamed into per-worker tables ({@link AggregateSink}), merged at
 * the end. When the aggregation spilled, its groups come back from disk as they are read: the
 * runs of groups it wrote, partition by partition, merged by each group's first row into the
 * order of first appearance ({@link RunMerge}), so a result larger than memory flows on to the
 * next operator (a file sink, say) without being held whole.
 */
final class AggregateOperator implements PhysicalNode.BreakerOperator {
    private final Aggregate aggregate;

    AggregateOperator(Aggregate aggregate) {
        this.aggregate = aggregate;
    }

    @Override
    public Schema schema() {
        return aggregate.schema();
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        return HoldingOperator.collect(Pipeline.of(runToSource(inputs, context)), context);
    }

    @Override
    public Source runToSource(List<Pipeline> inputs, ExecutionContext context) {
        Pipeline input = inputs.get(0);
        GroupedAggregation aggregation = new GroupedAggregation(aggregate, HoldingOperator.wholeFrame(input),
                context.threads(), new ContextSpill(context, describe()), Estimates.rows(aggregate.input()));
        GroupedAggregation.Finished finished = PipelineRunner.run(input, new AggregateSink(aggregation, context),
                context);
        if (finished.runs() == null) {
            return new MemorySource(finished.frame(), "result of " + describe());
        }
        List<List<GroupRun>> ranges = new ArrayList<>();
        int runs = 0;
        for (List<SpillStore.Run> range : finished.runs()) {
            List<GroupRun> inRange = new ArrayList<>();
            for (SpillStore.Run run : range) {
                inRange.add(new GroupRun() {
                    @Override
                    public BatchReader read() {
                        return reader(run);
                    }

                    @Override
                    public void delete() {
                        run.delete();
                    }
                });
            }
            runs += inRange.size();
            ranges.add(fewerRuns(inRange, aggregation.groupColumns() + 1, context));
        }
        return new GroupsSource(schema(), aggregation, ranges,
                "merge of " + runs + " runs of groups in " + ranges.size() + " ranges of " + describe());
    }

    /**
     * The groups of a spilled aggregation, one split for each range of first rows (in order), each
     * split a merge of that range's runs: the ranges are merged, and the next operators run, on
     * the workers at once.
     */
    private record GroupsSource(Schema schema, GroupedAggregation aggregation, List<List<GroupRun>> ranges,
            String describe) implements Source {
        private record Range(int index) implements Split {}

        @Override
        public List<? extends Split> splits(ExecutionContext context) {
            List<Range> splits = new ArrayList<>();
            for (int r = 0; r < ranges.size(); r++) {
                splits.add(new Range(r));
            }
            return splits;
        }

        @Override
        public BatchReader open(Split split, ExecutionContext context) {
            return new Groups(aggregation, ranges.get(((Range) split).index()));
        }
    }

    /** Most runs of groups merged at once: each open run holds a batch, about 64 KiB (see {@link GroupedAggregation#finishToRuns}). */
    static final int FAN_IN = 64;

    /** A run of groups, in order of first row: read once, deleted once read. */
    private interface GroupRun {
        BatchReader read();

        void delete();
    }

    /**
     * The runs merged {@link #FAN_IN} at a time into longer runs on disk, pass after pass, until
     * at most {@link #FAN_IN} are left to be merged as the next operator reads: a partition split
     * again and again gives thousands of runs, too many to hold a batch of each at once.
     */
    private static List<GroupRun> fewerRuns(List<GroupRun> runs, int width, ExecutionContext context) {
        while (runs.size() > FAN_IN) {
            List<GroupRun> next = new ArrayList<>();
            for (int from = 0; from < runs.size(); from += FAN_IN) {
                List<GroupRun> group = runs.subList(from, Math.min(runs.size(), from + FAN_IN));
                if (group.size() == 1) {
                    next.add(group.get(0));
                    continue;
                }
                context.cancellation().check();
                SpillFile file = context.spill().newFile("aggregate-merged");
                List<BatchReader> readers = new ArrayList<>(group.size());
                for (GroupRun run : group) {
                    readers.add(run.read());
                }
                try (BatchReader merge = byFirstRow(readers, width)) {
                    Batch batch;
                    while ((batch = merge.next()) != null) {
                        file.write(batch);
                    }
                }
                file.finishWriting();
                for (GroupRun run : group) {
                    run.delete();
                }
                next.add(new GroupRun() {
                    @Override
                    public BatchReader read() {
                        return file.read();
                    }

                    @Override
                    public void delete() {
                        file.delete();
                    }
                });
            }
            runs = next;
        }
        return runs;
    }

    /** Rows in each merged batch: as many as the runs' own batches hold at most. */
    private static final int MERGED_ROWS = 4_096;

    /** The runs' groups merged by first row (each batch's last column), their first {@code kept} columns kept. */
    private static RunMerge byFirstRow(List<BatchReader> readers, int kept) {
        PhysicalExpr firstRow = new PhysicalExpr() {
            @Override
            public DataType type() {
                return DataType.INT64;
            }

            @Override
            public Vector evaluate(Batch batch) {
                return batch.column(batch.columns().size() - 1);
            }
        };
        return new RunMerge(readers, List.of(firstRow), new CrossComparator[] {new CrossComparator(false, true)},
                kept, MERGED_ROWS);
    }

    private static BatchReader reader(SpillStore.Run run) {
        SpillStore.Reader batches = run.read();
        return new BatchReader() {
            @Override
            public Batch next() {
                return batches.hasNext() ? batches.next() : null;
            }

            @Override
            public void close() {
                batches.close();
            }
        };
    }

    /** The groups of a spilled aggregation read back from its runs, merged by first row, as result rows. */
    private static final class Groups implements BatchReader {
        private final GroupedAggregation aggregation;
        private final List<GroupRun> runs;
        private final RunMerge merge;

        Groups(GroupedAggregation aggregation, List<GroupRun> runs) {
            this.aggregation = aggregation;
            this.runs = runs;
            List<BatchReader> readers = new ArrayList<>(runs.size());
            for (GroupRun run : runs) {
                readers.add(run.read());
            }
            this.merge = byFirstRow(readers, aggregation.groupColumns());
        }

        @Override
        public Batch next() {
            Batch groups = merge.next();
            if (groups == null) {
                return null;
            }
            DataFrame rows = aggregation.resultOf(new ArrayList<>(groups.columns()));
            Batch batch = MemorySource.batch(rows, 0, rows.height());
            return new Batch(batch.columns(), batch.rows(), groups.start());
        }

        @Override
        public void close() {
            merge.close();
            for (GroupRun run : runs) {
                run.delete();
            }
        }
    }

    @Override
    public String describe() {
        return "HASH " + aggregate;
    }
}
