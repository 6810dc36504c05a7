package dev.floe.frame.exec;

import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.Vector;
import java.util.ArrayList;
import java.util.List;

/** Keeps the rows where the predicate is true: evaluates it, then gathers every column. Thread-safe. */
public record FilterOperator(PhysicalExpr predicate) implements BatchOperator {
    @Override
    public Batch apply(Batch batch) {
        Vector truth = predicate.evaluate(batch);
        int rows = batch.rows();
        if (truth instanceof NullVector) {
            return slice(batch, 0);
        }
        int[] positions = new int[rows];
        int count = ExprCompiler.selected((ByteVector) truth, positions);
        if (count == rows) {
            return batch;
        }
        List<Vector> columns = new ArrayList<>(batch.columns().size());
        for (Vector column : batch.columns()) {
            columns.add(Kernels.gather(column, positions, count));
        }
        return new Batch(columns, count, batch.start());
    }

    private static Batch slice(Batch batch, int count) {
        List<Vector> columns = new ArrayList<>();
        for (Vector column : batch.columns()) {
            columns.add(column.slice(0, count));
        }
        return new Batch(columns, count, batch.start());
    }
}
