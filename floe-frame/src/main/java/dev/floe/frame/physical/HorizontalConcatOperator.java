package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Series;
import java.util.ArrayList;
import java.util.List;

/** The inputs' columns side by side: each input collected, equal heights required. */
final class HorizontalConcatOperator implements PhysicalNode.BreakerOperator {
    private final Schema schema;

    HorizontalConcatOperator(Schema schema) {
        this.schema = schema;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        List<Series> columns = new ArrayList<>();
        int height = -1;
        for (Pipeline input : inputs) {
            DataFrame part = HoldingOperator.collect(input, context);
            if (height >= 0 && part.height() != height) {
                throw new SchemaException("a horizontal concat needs frames of one height; frame 0 has " + height
                        + " rows, another " + part.height());
            }
            height = part.height();
            columns.addAll(part.series());
        }
        return DataFrame.of(columns);
    }

    @Override
    public String describe() {
        return "CONCAT HORIZONTAL";
    }
}
