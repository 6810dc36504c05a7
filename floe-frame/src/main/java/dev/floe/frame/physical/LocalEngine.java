package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Engine;
import dev.floe.frame.FileSink;
import dev.floe.frame.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Floe's own engine: a plan becomes a tree of physical operators ({@link PhysicalPlanner}), and
 * the tree runs as pipelines. Walking down from the root, streaming operators join their
 * input's pipeline; a hash join first runs its build side (a pipeline into a collecting sink)
 * and hashes it, then joins its probe side's pipeline (or, when the build side does not fit the
 * query's memory, joins both sides partition by partition from spill files: {@link HashJoinRun}); a breaker runs each of its inputs as a
 * pipeline into its sinks and gives its result as the source of a new pipeline. The root's
 * pipeline runs into the result's sink: a frame, or a file. Holds no state: thread-safe.
 */
public final class LocalEngine implements Engine {
    public static final LocalEngine INSTANCE = new LocalEngine();

    private LocalEngine() {}

    @Override
    public String name() {
        return "local";
    }

    @Override
    public DataFrame collect(PlanNode plan, ExecutionContext context) {
        PhysicalNode root = PhysicalPlanner.plan(plan);
        Pipeline pipeline = pipeline(root, context);
        return HoldingOperator.collect(pipeline, context);
    }

    @Override
    public long sink(PlanNode plan, FileSink sink, ExecutionContext context) {
        PhysicalNode root = PhysicalPlanner.plan(plan);
        Pipeline pipeline = pipeline(root, context);
        return FileWriting.write(pipeline, sink, context);
    }

    /**
     * Writes rows another engine computes to a file as this engine writes its own results (the same
     * writers; a hidden file moved onto the target when complete, none left on failure), as they
     * arrive: the frames of {@code parts}, in order, each released once written, so that a result
     * larger than memory can be written.
     *
     * @param schema the columns of every part
     * @param describe where the rows come from, for messages ({@code rows from Spark})
     * @return the rows written
     */
    public long sink(dev.floe.frame.Schema schema, String describe, java.util.Iterator<DataFrame> parts, FileSink sink,
            ExecutionContext context) {
        Source source = new StreamSource(schema, describe, () -> new BatchReader() {
            private long start;

            @Override
            public dev.floe.frame.exec.Batch next() {
                while (parts.hasNext()) {
                    DataFrame part = parts.next();
                    if (!part.schema().equals(schema)) {
                        throw new IllegalArgumentException("a part of " + describe + " has the columns " + part.schema()
                                + ", not " + schema);
                    }
                    if (part.height() > 0) {
                        dev.floe.frame.exec.Batch batch = MemorySource.batch(part, 0, part.height());
                        batch = new dev.floe.frame.exec.Batch(batch.columns(), batch.rows(), start);
                        start += part.height();
                        return batch;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                // the parts are the caller's
            }
        });
        return FileWriting.write(Pipeline.of(source), sink, context);
    }

    @Override
    public String explain(PlanNode plan) {
        return PhysicalPrinter.print(PhysicalPlanner.plan(plan));
    }

    /**
     * Runs the plan with every node's rows counted and every breaker timed, and prints the
     * physical plan with those figures, then the result's size and the total time.
     */
    @Override
    public String explainAnalyze(PlanNode plan, ExecutionContext context) {
        PhysicalNode root = PhysicalPlanner.plan(plan);
        Profile profile = new Profile();
        context.profile(profile);
        long start = System.nanoTime();
        DataFrame result = HoldingOperator.collect(pipeline(root, context), context);
        long elapsed = System.nanoTime() - start;
        return PhysicalPrinter.print(root, profile) + String.format(java.util.Locale.ROOT,
                "result: %,d %s in %.1f ms%n", result.height(), result.height() == 1 ? "row" : "rows", elapsed / 1e6);
    }

    /** The pipeline that gives {@code node}'s rows, running what must run before it (build sides, breakers). */
    static Pipeline pipeline(PhysicalNode node, ExecutionContext context) {
        Profile profile = context.profile();
        if (profile == null) {
            return unprofiled(node, context);
        }
        if (node instanceof PhysicalNode.Breaker breaker && breaker.operator() instanceof SharedOperator shared
                && shared.computed() != null) {
            return unprofiled(node, context); // read again: counted and timed where it was computed
        }
        boolean runsFirst = node instanceof PhysicalNode.Breaker || node instanceof PhysicalNode.HashJoinNode;
        long start = System.nanoTime();
        Pipeline pipeline = unprofiled(node, context);
        if (runsFirst) {
            profile.timed(node, System.nanoTime() - start);
        }
        return pipeline.then(profile.counter(node, pipeline.schema()));
    }

    private static Pipeline unprofiled(PhysicalNode node, ExecutionContext context) {
        context.checkCancelled();
        return switch (node) {
            case PhysicalNode.Scan scan -> Pipeline.of(scan.source());
            case PhysicalNode.Stream stream -> pipeline(stream.input(), context).then(stream.operator());
            case PhysicalNode.HashJoinNode join -> HashJoinRun.run(join, context);
            case PhysicalNode.Union union -> union(union, context);
            case PhysicalNode.Breaker breaker when breaker.operator() instanceof SharedOperator shared
                    && shared.computed() != null ->
                    Pipeline.of(shared.computed());
            case PhysicalNode.Breaker breaker -> {
                List<Pipeline> inputs = new ArrayList<>();
                for (PhysicalNode input : breaker.inputs()) {
                    inputs.add(pipeline(input, context));
                }
                yield Pipeline.of(breaker.operator().runToSource(inputs, context));
            }
        };
    }

    /**
     * A union's inputs as the branches of one pipeline, read one after the other; an input whose
     * operators give rows after its stream ends (a full join) is collected first, so its rows stay
     * in its place.
     */
    private static Pipeline union(PhysicalNode.Union union, ExecutionContext context) {
        List<Pipeline.Branch> branches = new ArrayList<>();
        for (int i = 0; i < union.inputs().size(); i++) {
            Pipeline input = pipeline(union.inputs().get(i), context);
            if (input.hasTail()) {
                input = Pipeline.of(new MemorySource(HoldingOperator.collect(input, context), "collected union input"));
            }
            StreamingOperator cast = union.casts().get(i);
            for (Pipeline.Branch branch : input.flattened()) {
                List<StreamingOperator> operators = new ArrayList<>(branch.operators());
                if (cast != null) {
                    operators.add(cast);
                }
                branches.add(new Pipeline.Branch(branch.source(), operators));
            }
        }
        return new Pipeline(branches, List.of());
    }
}
