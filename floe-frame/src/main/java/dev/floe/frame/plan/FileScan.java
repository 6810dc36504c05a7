package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import dev.floe.frame.io.FileSource;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link FileSource}: all its columns or only {@code projection}, and all its rows or
 * the first {@code limit}. The optimizer sets both (projection and slice pushdown), so that a
 * file's unused columns are not decoded and {@code head(n)} reads only what it needs.
 */
public record FileScan(FileSource source, List<String> projection, long limit) implements PlanNode {
    public FileScan {
        Objects.requireNonNull(source, "source is null");
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
        this(source, null, -1);
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
        return source.describe() + " " + columns + (limit >= 0 ? "; first " + limit + " rows" : "");
    }
}
