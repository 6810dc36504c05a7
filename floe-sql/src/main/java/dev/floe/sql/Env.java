package dev.floe.sql;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a query's names can reach besides its own FROM: the common table expressions in scope,
 * by name; for a subquery in an expression, the scope of the query it is in ({@code outer}),
 * whose columns it may read; and for a correlated subquery's own query block, the outer
 * values it reads ({@code correlation}), joined into its FROM.
 */
final class Env {
    final Map<String, Relation> ctes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Scope outer;
    final Correlation correlation;

    Env() {
        this(null, null);
    }

    private Env(Scope outer, Correlation correlation) {
        this.outer = outer;
        this.correlation = correlation;
    }

    Env with(String name, Relation relation) {
        Env next = new Env(outer, correlation);
        next.ctes.putAll(ctes);
        next.ctes.put(name, relation);
        return next;
    }

    /** For a subquery of {@code scope}: its names, and the outer values {@code correlation} (null if none) gives. */
    Env nested(Scope scope, Correlation correlation) {
        Env next = new Env(scope, correlation);
        next.ctes.putAll(ctes);
        return next;
    }

    /** For a query inside this one's FROM or WITH, which does not see the outer values joined into this one. */
    Env derived() {
        if (correlation == null) {
            return this;
        }
        Env next = new Env(outer, null);
        next.ctes.putAll(ctes);
        return next;
    }

    /** The same names without the enclosing queries' (to try a translation that must not reach them). */
    Env local() {
        if (outer == null && correlation == null) {
            return this;
        }
        Env next = new Env(null, null);
        next.ctes.putAll(ctes);
        return next;
    }
}
