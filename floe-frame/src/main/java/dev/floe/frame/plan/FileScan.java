package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import dev.floe.frame.io.FileSource;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link FileSource}: all its columns or only {@code projection}, the rows where
 * {@code predicate} holds (all when null), and all of them or the first {@code limit}. The
 * optimizer sets these (projection, predicate and slice pushdown), so that a file's unused
 * columns are not decoded, rows are filtered as they are read, and {@code head(n)} reads only
 * what it needs.
 */
public record FileScan(FileSource source, List<String> projection, long limit, dev.floe.frame.expr.Expr predicate)
        implements PlanNode {
    public FileScan {
        Objects.requireNonNull(source, "source is null");
        if (predicate != null) {
            dev.floe.frame.DataType type = dev.floe.frame.expr.ExprTyper.typeOf(predicate, source.schema());
            if (type != dev.floe.frame.DataType.BOOLEAN && type != dev.floe.frame.DataType.NULL) {
                throw new dev.floe.frame.SchemaException("a filter needs a bool, not " + type + ": " + predicate);
            }
        }
        if (projection != null) {
            projection = List.copyOf(projection);
            for (String column : projection) {
                source.schema().indexOf(column);
            }
        }
        if (limit < -1) {
            throw new IllegalArgumentException("limit must be -1 (all) or more, got " + limit);
        }
    }

    /** A scan of every column and row. */
    public FileScan(FileSource source) {
        this(source, null, -1, null);
    }

    @Override
    public Schema schema() {
        Schema all = source.schema();
        return projection == null ? all
                : Schema.of(projection.stream().map(name -> new Schema.Field(name, all.type(name))).toList());
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return this;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }

    @Override
    public String toString() {
        String columns = projection == null ? source.schema().names().toString()
                : projection + " (" + projection.size() + " of " + source.schema().size() + " columns)";
        return source.describe() + " " + columns + (predicate != null ? "; filter " + predicate : "")
                + (limit >= 0 ? "; first " + limit + " rows" : "");
    }
}
