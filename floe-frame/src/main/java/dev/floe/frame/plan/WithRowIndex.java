package dev.floe.frame.plan;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The input with a first column {@code name} numbering the rows from {@code offset} ({@code i64}). */
public record WithRowIndex(PlanNode input, String name, long offset) implements PlanNode {
    public WithRowIndex {
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(name, "name is null");
        schemaOf(input.schema(), name);
    }

    private static Schema schemaOf(Schema input, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field(name, DataType.INT64));
        fields.addAll(input.fields());
        return Schema.of(fields);
    }

    @Override
    public Schema schema() {
        return schemaOf(input.schema(), name);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new WithRowIndex(inputs.get(0), name, offset);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "WITH_ROW_INDEX \"" + name + "\" FROM " + offset;
    }
}
