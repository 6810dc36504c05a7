package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;

import dev.floe.frame.LazyFrame;
import dev.floe.frame.expr.Expr;
import dev.floe.sql.Relation.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The outer values a correlated subquery reads, as the general unnesting of subqueries has it
 * (after Neumann and Kemper, as in DuckDB): instead of running the subquery once per row of the
 * enclosing query, its query block joins the distinct values of the outer columns it reads
 * ({@link #values}, the "domain") into its own FROM, carries them through its filters, groups
 * and outputs, and the enclosing query joins the result back on them. Each outer column is read
 * under its SQL name, as a field that the subquery's own columns of the same name hide.
 *
 * <p>One per attempt to translate a subquery; the query blocks that take it ({@link #taken})
 * say whether each gives at most one row per outer value.
 */
final class Correlation {
    /** The enclosing query's fields the subquery reads, in the order first read. */
    final List<Field> fields;
    /** The plan columns that hold their values inside the subquery and in its output. */
    final List<String> columns;
    /** The distinct outer values: a relation of {@link #fields} under {@link #columns}, marked outer. */
    final Relation values;
    private int blocks;
    private int singleRowBlocks;

    /**
     * The domain of {@code fields}, read from {@code outer} (a frame with their columns; a frame
     * with more rows than the enclosing query will join back also serves, as the join drops the
     * values it does not meet).
     */
    Correlation(List<Field> fields, List<String> columns, LazyFrame outer) {
        this(fields, columns, outer, fields.stream().map(Field::column).toList());
    }

    /** The domain read from {@code outer}'s {@code outerColumns}, one for each field. */
    Correlation(List<Field> fields, List<String> columns, LazyFrame outer, List<String> outerColumns) {
        this.fields = List.copyOf(fields);
        this.columns = List.copyOf(columns);
        List<Expr> reads = new ArrayList<>();
        List<Field> named = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            reads.add(col(outerColumns.get(i)).alias(columns.get(i)));
            named.add(new Field(field.qualifier(), field.name(), columns.get(i), true, true));
        }
        this.values = new Relation(outer.select(reads).unique(), named);
    }

    /** The outer values' columns as expressions. */
    List<Expr> columnExprs() {
        return columns.stream().map(c -> (Expr) col(c)).toList();
    }

    /** A query block of the subquery took the values; {@code singleRow}: it gives at most one row for each. */
    void taken(boolean singleRow) {
        blocks++;
        if (singleRow) {
            singleRowBlocks++;
        }
    }

    /** Whether the subquery gives at most one row per outer value (one aggregation without GROUP BY). */
    boolean singleRowEach() {
        return blocks == 1 && singleRowBlocks == 1;
    }
}
