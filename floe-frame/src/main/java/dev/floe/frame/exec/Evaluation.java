package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Row-wise expressions evaluated over a whole frame, morsel by morsel on the workers: what a
 * breaker that holds its input (sort keys, window inputs, partition keys) computes over it.
 */
public final class Evaluation {
    private Evaluation() {}

    /** Each expression's value for every row of {@code input}, as one vector per expression. */
    public static List<Vector> columns(DataFrame input, List<Expr> exprs, Workers workers) {
        List<PhysicalExpr> compiled = new ArrayList<>(exprs.size());
        for (Expr expr : exprs) {
            compiled.add(ExprCompiler.compile(expr, input.schema()));
        }
        int height = input.height();
        int size = Math.max(1, workers.morselRows());
        int morsels = Math.max(1, (height + size - 1) / size);
        List<List<Vector>> parts = workers.runTasks(morsels, m -> {
            int from = m * size;
            int rows = Math.min(size, height - from);
            List<Vector> columns = new ArrayList<>(input.width());
            for (Series series : input.series()) {
                columns.add(series.column().slice(from, rows).toVector());
            }
            Batch batch = new Batch(columns, rows, from);
            List<Vector> values = new ArrayList<>(compiled.size());
            for (PhysicalExpr expr : compiled) {
                values.add(expr.evaluate(batch));
            }
            return values;
        });
        List<Vector> out = new ArrayList<>(exprs.size());
        for (int e = 0; e < compiled.size(); e++) {
            List<Vector> chunks = new ArrayList<>(parts.size());
            for (List<Vector> part : parts) {
                chunks.add(part.get(e));
            }
            DataType type = chunks.get(0).type();
            if (chunks.size() == 1) {
                out.add(chunks.get(0));
                continue;
            }
            if (type == DataType.CATEGORICAL) {
                chunks = Vectors.shareDictionary(chunks);
            }
            out.add(Vectors.concat(type, chunks));
        }
        return out;
    }

    /** One expression's value for every row of {@code input}. */
    public static Vector column(DataFrame input, Expr expr, Workers workers) {
        return columns(input, List.of(expr), workers).get(0);
    }
}
