package dev.floe.frame;

import java.util.ServiceLoader;

/**
 * The SQL front end that the {@code floe-sql} module adds, found with {@link ServiceLoader}, so
 * {@link Floe#sql} works once that module is on the class path.
 */
public interface SqlEngine {
    /** Runs the statements in {@code query} over files named as tables; the last statement's result. */
    DataFrame sql(String query);

    /** The engine on the class path, or an error saying which module to add. */
    static SqlEngine find() {
        for (SqlEngine engine : ServiceLoader.load(SqlEngine.class)) {
            return engine;
        }
        throw new IllegalStateException("SQL needs the floe-sql module on the class path (Maven: dev.floe:floe-sql)");
    }
}
