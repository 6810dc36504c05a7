package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.ExprTyper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code groupBy(keys).agg(aggs)}: one row per distinct key (null is a key too), in the order
 * the keys first appear; the key columns, then one column per aggregation expression. With no
 * keys, one row for the whole input (a {@code select} of aggregations only).
 */
public record Aggregate(PlanNode input, List<Expr> keys, List<Expr> aggs) implements PlanNode {
    public Aggregate {
        Objects.requireNonNull(input, "input is null");
        keys = List.copyOf(keys);
        aggs = List.copyOf(aggs);
        rejectAggregations(keys, "groupBy keys", "plain columns or row-wise expressions as keys");
        Set<String> keyNames = new HashSet<>();
        for (Expr key : keys) {
            keyNames.add(key.outputName());
        }
        for (Expr agg : aggs) {
            if (!ExprTrees.containsAgg(agg) && !ExprTrees.columns(agg).isEmpty()) { // constants are fine
                throw new SchemaException("agg(" + agg + ") has no aggregation: each agg expression needs one, such as "
                        + agg + ".sum(), .mean(), .first() or .list() (every value of the group, as a list)");
            }
            for (String column : ExprTrees.columnsOutsideAggs(agg)) {
                if (!keyNames.contains(column)) {
                    throw new SchemaException("agg(" + agg + ") uses column '" + column + "' outside an aggregation; "
                            + "aggregate it (for example col(\"" + column + "\").first()) or group by it");
                }
            }
        }
        for (Expr key : keys) {
            requireHashable(ExprTyper.typeOf(key, input.schema()), "group by " + key);
        }
        schemaOf(input.schema(), keys, aggs);
    }

    /** Keys of group-bys, joins, unique and windows must hash and compare: not lists or maps. */
    public static void requireHashable(dev.floe.frame.DataType type, String what) {
        if (type.isList()) {
            throw new SchemaException("cannot " + what + ": its values are lists (" + type
                    + "); explode them first, or use a list function such as lst().len()");
        }
        if (type.isMap()) {
            throw new SchemaException("cannot " + what + ": its values are maps (" + type
                    + "); use map_keys, map_values or an entry of it");
        }
        if (type.isStruct()) {
            throw new SchemaException("cannot " + what + ": its values are structs (" + type
                    + "); use its fields (struct().field(name), or unnest)");
        }
    }

    @Override
    public Schema schema() {
        return schemaOf(input.schema(), keys, aggs);
    }

    private static Schema schemaOf(Schema input, List<Expr> keys, List<Expr> aggs) {
        List<Schema.Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Expr> all = new ArrayList<>(keys);
        all.addAll(aggs);
        for (Expr expr : all) {
            String name = expr.outputName();
            if (!names.add(name)) {
                throw new SchemaException("groupBy/agg would make two columns named '" + name + "' (the second from "
                        + expr + "); give one another name with alias(...)");
            }
            fields.add(new Schema.Field(name, ExprTyper.typeOf(expr, input)));
        }
        return Schema.of(fields);
    }

    /** Refuses aggregations where only row-wise expressions belong, saying what to use instead. */
    static void rejectAggregations(List<Expr> exprs, String where, String instead) {
        for (Expr expr : exprs) {
            if (ExprTrees.containsAgg(expr)) {
                throw new SchemaException(where + " cannot hold the aggregation in " + expr + "; use " + instead);
            }
        }
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Aggregate(inputs.get(0), keys, aggs);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return keys.isEmpty() ? "AGGREGATE " + aggs : "AGGREGATE " + aggs + " BY " + keys;
    }
}
