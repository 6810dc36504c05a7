package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import dev.floe.frame.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The input's columns plus one per expression: a column of the same name is replaced in place,
 * new ones are appended in order.
 */
public record WithColumns(PlanNode input, List<Expr> exprs, Schema schema) implements PlanNode {
    /** The schema is worked out once, when the node is made, whatever is passed for it. */
    public WithColumns {
        Objects.requireNonNull(input, "input is null");
        exprs = List.copyOf(exprs);
        Aggregate.rejectAggregations(exprs, "withColumns", "groupBy(...).agg(...) or a select of aggregations");
        schema = schemaOf(input.schema(), exprs);
    }

    public WithColumns(PlanNode input, List<Expr> exprs) {
        this(input, exprs, null);
    }

    static Schema schemaOf(Schema input, List<Expr> exprs) {
        Schema added = Select.schemaOf(input, exprs, "withColumns");
        List<Schema.Field> fields = new ArrayList<>(input.fields());
        for (Schema.Field field : added) {
            int position = input.contains(field.name()) ? input.indexOf(field.name()) : -1;
            if (position >= 0) {
                fields.set(position, field);
            } else {
                fields.add(field);
            }
        }
        return Schema.of(fields);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new WithColumns(inputs.get(0), exprs);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "WITH_COLUMNS " + exprs;
    }
}
