package dev.floe.frame.plan;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import java.util.List;
import java.util.Objects;

/** The rows where {@code predicate} is true (not false, not null). */
public record Filter(PlanNode input, Expr predicate) implements PlanNode {
    public Filter {
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(predicate, "predicate is null");
        Aggregate.rejectAggregations(List.of(predicate), "filter", "a groupBy(...).agg(...) first, then filter its result");
        DataType type = ExprTyper.typeOf(predicate, input.schema());
        if (type != DataType.BOOLEAN && type != DataType.NULL) {
            throw new SchemaException("filter needs a bool predicate; " + predicate + " is " + type);
        }
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Filter(inputs.get(0), predicate);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "FILTER " + predicate;
    }
}
