package dev.floe.frame.physical;

import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.GroupedAggregation;
import java.util.ArrayList;
import java.util.List;

/** The sink of a hash aggregation: each worker aggregates into a state of its own; finished over all of them (see {@link GroupedAggregation#finishToRuns}). */
final class AggregateSink implements Sink<AggregateSink.Local, GroupedAggregation.Finished> {
    private final GroupedAggregation aggregation;
    private final ExecutionContext context;
    private final List<GroupedAggregation.State> states = new ArrayList<>();

    AggregateSink(GroupedAggregation aggregation, ExecutionContext context) {
        this.aggregation = aggregation;
        this.context = context;
    }

    final class Local implements Sink.Local {
        private final GroupedAggregation.State state = aggregation.newState();

        @Override
        public void consume(Batch batch) {
            aggregation.add(state, batch);
        }
    }

    @Override
    public Local newLocal() {
        return new Local();
    }

    @Override
    public void combine(Local local) {
        states.add(local.state);
    }

    @Override
    public GroupedAggregation.Finished finish() {
        return aggregation.finishToRuns(states, context);
    }
}
