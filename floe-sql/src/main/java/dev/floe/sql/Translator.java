package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;

/** One statement's SQL text turned into a plan (being written). */
final class Translator {
    private final SqlContext context;
    private final String sql;

    Translator(SqlContext context, String sql) {
        this.context = context;
        this.sql = sql;
    }

    LazyFrame plan() {
        throw new SqlException("SQL translation is not written yet", sql, 0, 0);
    }

    DataFrame run() {
        return plan().collect(context.config());
    }
}
