package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.GroupedAggregation;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Estimates;
import java.util.List;

/** Hash aggregation: the input streamed into per-worker tables ({@link AggregateSink}), merged at the end. */
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
        Pipeline input = inputs.get(0);
        GroupedAggregation aggregation = new GroupedAggregation(aggregate, HoldingOperator.wholeFrame(input),
                context.threads(), new ContextSpill(context, describe()), Estimates.rows(aggregate.input()));
        return PipelineRunner.run(input, new AggregateSink(aggregation, context), context);
    }

    @Override
    public String describe() {
        return "HASH " + aggregate;
    }
}
