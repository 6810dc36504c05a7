package dev.floe.frame.exec;

import dev.floe.frame.column.Vector;
import java.util.ArrayList;
import java.util.List;

/** Computes the output columns of a {@code select} or {@code withColumns}, one expression each. */
public record ProjectOperator(List<PhysicalExpr> outputs) implements BatchOperator {
    @Override
    public Batch apply(Batch batch) {
        List<Vector> columns = new ArrayList<>(outputs.size());
        for (PhysicalExpr output : outputs) {
            columns.add(output.evaluate(batch));
        }
        return new Batch(columns, batch.rows(), batch.start());
    }
}
