package dev.floe.sql;

import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The correlated subqueries of one clause, unnested into joins: each adds columns (a subquery's
 * value, whether a row matched) to the frame the clause is evaluated on. The clause's
 * expressions read those columns; {@link #apply} joins them in before the clause runs.
 */
final class Applies {
    private final List<Schema.Field> added = new ArrayList<>();
    private final List<UnaryOperator<LazyFrame>> joins = new ArrayList<>();

    /** A join that adds {@code columns} to the frame. */
    void add(List<Schema.Field> columns, UnaryOperator<LazyFrame> join) {
        added.addAll(columns);
        joins.add(join);
    }

    void add(String column, DataType type, UnaryOperator<LazyFrame> join) {
        add(List.of(new Schema.Field(column, type)), join);
    }

    boolean isEmpty() {
        return joins.isEmpty();
    }

    /** {@code schema} with the columns the joins add. */
    Schema extend(Schema schema) {
        if (added.isEmpty()) {
            return schema;
        }
        List<Schema.Field> fields = new ArrayList<>(schema.fields());
        fields.addAll(added);
        return Schema.of(fields);
    }

    /** {@code frame} with every join done, in the order they were added. */
    LazyFrame apply(LazyFrame frame) {
        LazyFrame result = frame;
        for (UnaryOperator<LazyFrame> join : joins) {
            result = join.apply(result);
        }
        return result;
    }
}
