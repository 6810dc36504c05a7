package dev.floe.sql;

import dev.floe.frame.Schema;
import dev.floe.frame.expr.Expr;
import dev.floe.sql.SelectPlanner.Grouping;
import java.util.Map;

/**
 * Where names resolve: the FROM relation, CTEs for subqueries, the aggregation, if any, and
 * the select list's aliases where they may be read ({@code aliases}, else null); and where the
 * joins of correlated subqueries go ({@code applies}: null where none may be).
 */
record Scope(Relation relation, Env env, Grouping grouping, boolean insideAggregate, Applies applies,
        Map<String, Expr> aliases) {
    Scope(Relation relation, Env env, Grouping grouping) {
        this(relation, env, grouping, false, null, null);
    }

    Scope(Relation relation, Env env, Grouping grouping, Applies applies) {
        this(relation, env, grouping, false, applies, null);
    }

    Scope inside() {
        return new Scope(relation, env, grouping, true, null, null);
    }

    /** This scope where a name no column has may be an alias of the select list (a lateral column alias). */
    Scope withAliases(Map<String, Expr> aliases) {
        return new Scope(relation, env, grouping, insideAggregate, applies, aliases);
    }

    /** The columns expressions of this scope can read: the relation's and those correlated subqueries add. */
    Schema schema() {
        Schema schema = relation.frame().schema();
        if (insideAggregate && grouping != null) {
            schema = grouping.withDistinctFlags(schema);
        }
        return applies == null ? schema : applies.extend(schema);
    }

    boolean aggregating() {
        return grouping != null && !insideAggregate;
    }
}
