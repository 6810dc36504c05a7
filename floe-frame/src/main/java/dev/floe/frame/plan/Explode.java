package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One row per element of the list columns {@code columns}: each input row repeated once per
 * element, the other columns' values copied; a null or empty list gives one row holding null.
 * With several columns, each row's lists must be equally long. The listed columns take their
 * element type. Row order: the input's, each row's elements in list order.
 */
public record Explode(PlanNode input, List<String> columns) implements PlanNode {
    public Explode {
        Objects.requireNonNull(input, "input is null");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("explode needs at least one column");
        }
        if (new LinkedHashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("explode names a column twice: " + columns);
        }
        for (String column : columns) {
            if (!input.schema().type(column).isList()) {
                throw new SchemaException("cannot explode '" + column + "' of type " + input.schema().type(column)
                        + ": explode takes list columns (make them with list() or topK(k))");
            }
        }
    }

    @Override
    public Schema schema() {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : input.schema()) {
            fields.add(columns.contains(field.name())
                    ? new Schema.Field(field.name(), field.type().elementType()) : field);
        }
        return Schema.of(fields);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Explode(inputs.get(0), columns);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "EXPLODE " + columns;
    }
}
