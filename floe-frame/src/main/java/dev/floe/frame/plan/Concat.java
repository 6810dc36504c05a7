package dev.floe.frame.plan;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Inputs stacked: vertically (rows of the first, then of the second, ...; the same column names
 * in the same order, each column in the type that holds every input's), or horizontally (the
 * columns side by side; equal heights, distinct names).
 */
public record Concat(List<PlanNode> parts, boolean horizontal) implements PlanNode {
    public Concat {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one frame");
        }
        schemaOf(parts, horizontal);
    }

    private static Schema schemaOf(List<PlanNode> parts, boolean horizontal) {
        if (horizontal) {
            List<Schema.Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (PlanNode part : parts) {
                for (Schema.Field field : part.schema()) {
                    if (!names.add(field.name())) {
                        throw new SchemaException("a horizontal concat would make two columns named '" + field.name()
                                + "'; rename one first");
                    }
                    fields.add(field);
                }
            }
            return Schema.of(fields);
        }
        Schema first = parts.get(0).schema();
        List<Schema.Field> fields = new ArrayList<>(first.fields());
        for (int p = 1; p < parts.size(); p++) {
            Schema schema = parts.get(p).schema();
            if (!schema.names().equals(first.names())) {
                throw new SchemaException("a vertical concat needs the same columns in the same order; frame 0 has "
                        + first.names() + ", frame " + p + " has " + schema.names());
            }
            for (int c = 0; c < fields.size(); c++) {
                DataType common = Types.supertype(fields.get(c).type(), schema.field(c).type());
                if (common == null) {
                    throw new SchemaException("column '" + fields.get(c).name() + "' is " + fields.get(c).type()
                            + " in one frame and " + schema.field(c).type() + " in frame " + p + "; no type holds both");
                }
                fields.set(c, new Schema.Field(fields.get(c).name(), common));
            }
        }
        return Schema.of(fields);
    }

    @Override
    public Schema schema() {
        return schemaOf(parts, horizontal);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Concat(inputs, horizontal);
    }

    @Override
    public List<PlanNode> inputs() {
        return parts;
    }

    @Override
    public String toString() {
        return (horizontal ? "HCONCAT " : "CONCAT ") + parts.size() + " frames";
    }
}
