package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.SqlEngine;

/** {@code Floe.sql}: SQL over files named as tables, in a context of its own per call. */
public final class FileSqlEngine implements SqlEngine {
    @Override
    public DataFrame sql(String query) {
        return new SqlContext().sql(query);
    }
}
