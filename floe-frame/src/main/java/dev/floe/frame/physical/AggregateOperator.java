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
import dev.floe.frame.exec.ValueBounds;
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
    private final String describe;

    AggregateOperator(Aggregate aggregate) {
        this(aggregate, "HASH " + aggregate);
    }

    /** The aggregation, named {@code describe} in plans and errors (a unique planned as one). */
    AggregateOperator(Aggregate aggregate, String describe) {
        this.aggregate = aggregate;
        this.describe = describe;
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
        GroupedAggregation aggregation = new GroupedAggregation(aggregate, boundsOf(input),
                context.threads(), new ContextSpill(context, describe()), Estimates.rows(aggregate.input()));
        GroupedAggregation.Finished finished = PipelineRunner.run(input, new AggregateSink(aggregation, context),
                context);
        if (finished.runs() == null) {
            return new MemorySource(finished.frame(), "result of " + describe());
        }
        List<List<SortedRuns.Run>> ranges = new ArrayList<>();
        int runs = 0;
        for (List<SpillStore.Run> range : finished.runs()) {
            List<SortedRuns.Run> inRange = new ArrayList<>();
            for (SpillStore.Run run : range) {
                inRange.add(groupRun(run));
            }
            runs += inRange.size();
            ranges.add(inRange);
        }
        MemoryReservation merging = context.reservation("merge of the groups of " + describe());
        return new GroupsSource(schema(), aggregation, ranges, merging,
                "merge of " + runs + " runs of groups in " + ranges.size() + " ranges of " + describe());
    }

    /**
     * What the source of a pipeline knows of its columns' values, when the pipeline gives the
     * source's rows as they are, all of them or those its filters keep; else null.
     */
    static ValueBounds boundsOf(Pipeline pipeline) {
        if (pipeline.branches().size() != 1) {
            return null;
        }
        List<StreamingOperator> operators = new ArrayList<>(pipeline.branches().get(0).operators());
        operators.addAll(pipeline.operators());
        for (StreamingOperator operator : operators) {
            if (!(operator instanceof BatchStep step && step.step() instanceof dev.floe.frame.exec.FilterOperator)) {
                return null;
            }
        }
        return pipeline.branches().get(0).source().valueBounds();
    }

    /**
     * The groups of a spilled aggregation, one split for each range of first rows (in order), each
     * split a merge of that range's runs: the ranges are merged, and the next operators run, on
     * the workers at once. Each merge reserves what its open runs hold from {@code merging}.
     */
    private record GroupsSource(Schema schema, GroupedAggregation aggregation, List<List<SortedRuns.Run>> ranges,
            MemoryReservation merging, String describe) implements Source {
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
            int width = aggregation.groupColumns() + 1;
            SortedRuns.Merging merge = SortedRuns.fewer(ranges.get(((Range) split).index()),
                    readers -> byFirstRow(readers, width), context, merging, "aggregate-merged");
            return new Groups(aggregation, merge, merging);
        }
    }

    /** A run of groups, in order of first row: read once, deleted once read. */
    private static SortedRuns.Run groupRun(SpillStore.Run run) {
        return new SortedRuns.Run() {
            @Override
            public BatchReader read() {
                return reader(run);
            }

            @Override
            public void delete() {
                run.delete();
            }

            @Override
            public long readingBytes() {
                return run.readingBytes();
            }
        };
    }

    /** Rows in each merged batch: as many as the runs' own batches hold at most. */
    private static final int MERGED_ROWS = 4_096;

    /** The runs' groups merged by first row (each batch's last column), their first {@code kept} columns kept. */
    static RunMerge byFirstRow(List<BatchReader> readers, int kept) {
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
        private final List<SortedRuns.Run> runs;
        private final RunMerge merge;
        private final MemoryReservation memory;
        /** What the merge reserved, given back when it is closed. */
        private long reserved;

        Groups(GroupedAggregation aggregation, SortedRuns.Merging merging, MemoryReservation memory) {
            this.aggregation = aggregation;
            this.runs = merging.runs();
            this.memory = memory;
            this.reserved = merging.reserved();
            List<BatchReader> readers = new ArrayList<>(runs.size());
            for (SortedRuns.Run run : runs) {
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
            for (SortedRuns.Run run : runs) {
                run.delete();
            }
            memory.shrink(reserved);
            reserved = 0;
        }
    }

    @Override
    public String describe() {
        return describe;
    }
}
