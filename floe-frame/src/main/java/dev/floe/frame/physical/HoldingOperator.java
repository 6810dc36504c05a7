package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import java.util.List;

/**
 * A breaker that needs its whole input before it can give a row (sort, window, unique, a row
 * index): the input collected into a frame, in stream order, then {@link #apply}.
 */
abstract class HoldingOperator implements PhysicalNode.BreakerOperator {
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

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        return apply(collect(inputs.get(0), context), context);
    }

    /** The result from the whole input. */
    abstract DataFrame apply(DataFrame input, ExecutionContext context);

    /** A stream collected into a frame (a frame in memory read as it is stays as it is). */
    static DataFrame collect(Pipeline pipeline, ExecutionContext context) {
        DataFrame whole = wholeFrame(pipeline);
        return whole != null ? whole : PipelineRunner.run(pipeline, new CollectSink(pipeline.schema()), context);
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
}
