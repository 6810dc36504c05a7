package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A column per expression, named by it: {@code select(col("a"), col("b").mul(2).alias("b2"))}.
 * The schema is worked out once, when the node is made (whatever is passed for it), so that
 * planning over deep plans does not work it out again at every step.
 */
public record Select(PlanNode input, List<Expr> exprs, Schema schema) implements PlanNode {
    public Select {
        Objects.requireNonNull(input, "input is null");
        exprs = List.copyOf(exprs);
        Aggregate.rejectAggregations(exprs, "select", "a select of aggregations only (one row), or groupBy(...).agg(...)");
        schema = schemaOf(input.schema(), exprs, "select");
    }

    public Select(PlanNode input, List<Expr> exprs) {
        this(input, exprs, null);
    }

    static Schema schemaOf(Schema input, List<Expr> exprs, String operation) {
        List<Schema.Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Expr expr : exprs) {
            String name = expr.outputName();
            if (!names.add(name)) {
                throw new SchemaException(operation + " would make two columns named '" + name + "' (the second from "
                        + expr + "); give one another name with alias(...)");
            }
            fields.add(new Schema.Field(name, ExprTyper.typeOf(expr, input)));
        }
        return Schema.of(fields);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Select(inputs.get(0), exprs);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "SELECT " + exprs;
    }
}
