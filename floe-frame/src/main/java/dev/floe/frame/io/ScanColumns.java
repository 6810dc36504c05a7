package dev.floe.frame.io;

import dev.floe.frame.ColumnNotFoundException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.ExprCompiler;
import dev.floe.frame.exec.FilterOperator;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import java.util.ArrayList;
import java.util.List;

/**
 * What a file source decodes for one read, and how its pieces become the result: the projected
 * columns first, then those only the predicate reads; the predicate compiled over them; each
 * part (a byte range, a row group, a record batch) filtered as it is decoded; the parts' first
 * {@code projection.size()} columns put together as the frame's chunks. Shared by every source.
 *
 * @param projection the columns the read returns
 * @param decoded the columns it decodes: the projection, then the predicate's others
 */
public record ScanColumns(List<String> projection, Schema decoded, FilterOperator filter) {

    public static ScanColumns of(List<String> projection, Expr predicate, Schema all) {
        List<String> names = new ArrayList<>(projection);
        if (predicate != null) {
            for (String column : ExprTrees.columns(predicate)) {
                if (!names.contains(column)) {
                    names.add(column);
                }
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (String name : names) {
            if (!all.contains(name)) {
                throw new ColumnNotFoundException(name, all.names());
            }
            fields.add(new Schema.Field(name, all.type(name)));
        }
        Schema decoded = Schema.of(fields);
        FilterOperator filter = predicate == null ? null : new FilterOperator(ExprCompiler.compile(predicate, decoded));
        return new ScanColumns(List.copyOf(projection), decoded, filter);
    }

    /** The columns a read gives: the projection. */
    public Schema output() {
        List<Schema.Field> fields = new ArrayList<>(projection.size());
        for (int c = 0; c < projection.size(); c++) {
            fields.add(decoded.field(c));
        }
        return Schema.of(fields);
    }

    /** A decoded part's batch as a read gives it: the predicate applied, the projected columns. */
    public Batch output(List<Vector> columns, int rows, long start) {
        Batch kept = filter(columns, rows);
        return new Batch(kept.columns().subList(0, projection.size()), kept.rows(), start);
    }

    /** A decoded part with only its rows where the predicate holds (as it is, without a predicate). */
    public Batch filter(List<Vector> columns, int rows) {
        Batch batch = new Batch(columns, rows, 0);
        return filter == null || rows == 0 ? batch : filter.apply(batch);
    }

    /** The parts' projected columns as one frame, cut to {@code limit} rows (-1: all). */
    public DataFrame assemble(List<List<Vector>> parts, long limit) {
        List<Series> columns = new ArrayList<>();
        for (int c = 0; c < projection.size(); c++) {
            DataType type = decoded.field(c).type();
            List<Vector> chunks = new ArrayList<>();
            for (List<Vector> part : parts) {
                if (!part.isEmpty() && part.get(c).length() > 0) {
                    chunks.add(part.get(c));
                }
            }
            if (type == DataType.CATEGORICAL && chunks.size() > 1) {
                chunks = Vectors.shareDictionary(chunks);
            }
            columns.add(Series.of(projection.get(c), chunks.isEmpty() ? Column.empty(type) : Column.of(type, chunks)));
        }
        DataFrame frame = DataFrame.of(columns);
        return limit >= 0 && frame.height() > limit ? frame.slice(0, (int) limit) : frame;
    }
}
