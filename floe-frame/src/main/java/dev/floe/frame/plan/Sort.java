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
        keys = comparable(keys, input.schema());
    }

    /**
     * The keys as they are sorted: a list, map or struct by its sort key (bytes in its order,
     * {@link dev.floe.frame.expr.ScalarFunction#SORT_KEY}), the others as they are.
     *
     * @throws SchemaException for a key of a type that has no order
     */
    static List<SortKey> comparable(List<SortKey> keys, dev.floe.frame.Schema schema) {
        List<SortKey> out = new java.util.ArrayList<>(keys.size());
        for (SortKey key : keys) {
            DataType type = ExprTyper.typeOf(key.expr(), schema);
            if (type.isNested()) {
                out.add(new SortKey(new dev.floe.frame.expr.Call(dev.floe.frame.expr.ScalarFunction.SORT_KEY, key.expr(),
                        List.of()), key.descending(), key.placeNullsLast()));
                continue;
            }
            if (!(type == DataType.NULL || type.isNumeric() || type.isText() || type.isTemporal()
                    || type == DataType.BOOLEAN || type.isDecimal())) {
                throw new SchemaException("cannot sort by " + key.expr() + " of type " + type);
            }
            out.add(key);
        }
        return List.copyOf(out);
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
