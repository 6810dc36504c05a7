package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The input plus one column per window expression ({@code over}, or bins cut from the data), each
 * computed over the whole input and given back row by row. The steps above it read these columns
 * under {@code names}.
 */
public record Window(PlanNode input, List<Expr> windows, List<String> names) implements PlanNode {
    public Window {
        Objects.requireNonNull(input, "input is null");
        windows = List.copyOf(windows);
        names = List.copyOf(names);
        if (windows.size() != names.size()) {
            throw new IllegalArgumentException("a window needs one name per expression");
        }
        schemaOf(input.schema(), windows, names);
    }

    private static Schema schemaOf(Schema input, List<Expr> windows, List<String> names) {
        List<Schema.Field> fields = new ArrayList<>(input.fields());
        for (int w = 0; w < windows.size(); w++) {
            fields.add(new Schema.Field(names.get(w), ExprTyper.typeOf(windows.get(w), input)));
        }
        return Schema.of(fields);
    }

    @Override
    public Schema schema() {
        return schemaOf(input.schema(), windows, names);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Window(inputs.get(0), windows, names);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "WINDOW " + windows;
    }
}
