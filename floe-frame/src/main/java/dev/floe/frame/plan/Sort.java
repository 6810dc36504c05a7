package dev.floe.frame.plan;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.expr.ExprTyper;
import java.util.List;
import java.util.Objects;

/**
 * The input's rows ordered by the keys, the first key first; stable: rows with equal keys keep
 * their input order. Numbers by value (NaN after every other number), text by code point,
 * categorical values by their text, booleans false first.
 */
public record Sort(PlanNode input, List<SortKey> keys) implements PlanNode {
    public Sort {
        Objects.requireNonNull(input, "input is null");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("sort needs at least one key");
        }
        Aggregate.rejectAggregations(keys.stream().map(SortKey::expr).toList(), "sort",
                "a groupBy(...).agg(...) first, then sort its result");
        for (SortKey key : keys) {
            DataType type = ExprTyper.typeOf(key.expr(), input.schema());
            if (type == DataType.NULL) {
                continue;
            }
            if (!(type.isNumeric() || type.isText() || type.isTemporal() || type == DataType.BOOLEAN || type.isDecimal())) {
                throw new SchemaException("cannot sort by " + key.expr() + " of type " + type);
            }
        }
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Sort(inputs.get(0), keys);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "SORT BY " + keys;
    }
}
