package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import java.util.List;

/**
 * Rows {@code [offset, offset + length)} of the input, clipped to it; a negative offset counts
 * from the end. From the start, the input is read only until those rows are in.
 */
final class SliceOperator implements PhysicalNode.BreakerOperator {
    private final Schema schema;
    private final long offset;
    private final long length;

    SliceOperator(Schema schema, long offset, long length) {
        this.schema = schema;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        Pipeline input = inputs.get(0);
        DataFrame whole = HoldingOperator.wholeFrame(input);
        if (whole != null || offset < 0) {
            DataFrame frame = whole != null ? whole : HoldingOperator.collect(input, context);
            long start = offset < 0 ? Math.max(0, frame.height() + offset) : Math.min(offset, frame.height());
            long count = Math.min(length, frame.height() - start);
            return frame.slice((int) start, (int) count);
        }
        return PipelineRunner.run(input, new CollectSink(schema, context, offset, length), context);
    }

    @Override
    public String describe() {
        return "SLICE offset " + offset + ", length " + length;
    }
}
