package dev.floe.frame.plan;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rows of two inputs matched on equal keys ({@code leftOn[i] == rightOn[i]} for every i). Null
 * keys never match. The result has the left columns, then the right columns other than the right
 * keys (a right column whose name the left already has gets {@code suffix}); the key columns
 * keep the left names and, for {@code RIGHT} and {@code FULL}, hold whichever side's key is
 * present. {@code SEMI} and {@code ANTI} keep the left columns only; {@code CROSS} has no keys
 * and keeps every column.
 *
 * <p>Rows come in left order, each left row's matches in right order ({@code RIGHT}: right order,
 * each right row's matches in left order); {@code FULL} adds the unmatched right rows at the end
 * in right order.
 */
public record Join(PlanNode left, PlanNode right, List<String> leftOn, List<String> rightOn, JoinType how,
        String suffix, Schema schema) implements PlanNode {
    public Join(PlanNode left, PlanNode right, List<String> leftOn, List<String> rightOn, JoinType how,
            String suffix) {
        this(left, right, leftOn, rightOn, how, suffix, null);
    }

    /** The schema is worked out once, when the node is made, whatever is passed for it. */
    public Join {
        Objects.requireNonNull(left, "left is null");
        Objects.requireNonNull(right, "right is null");
        Objects.requireNonNull(how, "how is null");
        Objects.requireNonNull(suffix, "suffix is null");
        leftOn = List.copyOf(leftOn);
        rightOn = List.copyOf(rightOn);
        if (how == JoinType.CROSS) {
            if (!leftOn.isEmpty() || !rightOn.isEmpty()) {
                throw new IllegalArgumentException("a cross join has no keys");
            }
        } else {
            if (leftOn.isEmpty()) {
                throw new IllegalArgumentException("a " + how + " join needs at least one key");
            }
            if (leftOn.size() != rightOn.size()) {
                throw new IllegalArgumentException("leftOn has " + leftOn.size() + " keys and rightOn "
                        + rightOn.size() + "; they pair up, so they need as many");
            }
            for (int k = 0; k < leftOn.size(); k++) {
                keyType(left.schema(), right.schema(), leftOn.get(k), rightOn.get(k));
            }
        }
        schema = schemaOf(left.schema(), right.schema(), leftOn, rightOn, how, suffix);
    }

    /** The type both keys are compared in. */
    public static DataType keyType(Schema left, Schema right, String leftKey, String rightKey) {
        DataType l = left.type(leftKey);
        DataType r = right.type(rightKey);
        Aggregate.requireHashable(l, "join on left '" + leftKey + "'");
        Aggregate.requireHashable(r, "join on right '" + rightKey + "'");
        DataType common = Types.comparisonType(l, r);
        if (common == null) {
            throw new SchemaException("cannot join left '" + leftKey + "' (" + l + ") with right '" + rightKey + "' ("
                    + r + "): no type holds both");
        }
        return common == DataType.CATEGORICAL ? DataType.UTF8 : common;
    }


    private static Schema schemaOf(Schema left, Schema right, List<String> leftOn, List<String> rightOn, JoinType how,
            String suffix) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : left) {
            int key = leftOn.indexOf(field.name());
            DataType type = field.type();
            if (key >= 0 && (how == JoinType.RIGHT || how == JoinType.FULL)) {
                type = keyType(left, right, field.name(), rightOn.get(key));
            }
            fields.add(new Schema.Field(field.name(), type));
        }
        if (how == JoinType.SEMI || how == JoinType.ANTI) {
            return Schema.of(fields);
        }
        Set<String> names = new HashSet<>(left.names());
        for (Schema.Field field : right) {
            if (rightOn.contains(field.name())) {
                continue;
            }
            String name = field.name();
            if (names.contains(name)) {
                name = name + suffix;
                if (names.contains(name)) {
                    throw new SchemaException("the join would make two columns named '" + name
                            + "'; rename one side's column or choose another suffix");
                }
            }
            names.add(name);
            fields.add(new Schema.Field(name, field.type()));
        }
        return Schema.of(fields);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Join(inputs.get(0), inputs.get(1), leftOn, rightOn, how, suffix);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }

    @Override
    public String toString() {
        return how == JoinType.CROSS ? "CROSS JOIN" : how + " JOIN ON " + leftOn + " = " + rightOn;
    }
}
