package dev.floe.sql;

import dev.floe.frame.DataFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL's prepared statements, as DuckDB writes them: {@code PREPARE name AS statement} keeps the
 * statement (its parameters {@code ?} in order, or {@code $1}, {@code ?1} by number) in the
 * context; {@code EXECUTE name(v1, v2, ...)} runs it with those values, each computed as a
 * constant first ({@code EXECUTE q(40 + 2, 'a')}) and standing in as a value, never as text;
 * {@code DEALLOCATE [PREPARE] name} forgets it. Preparing a name again replaces its statement.
 */
final class PreparedStatements {
    private static final Pattern PREPARE = Pattern.compile("(?is)\\s*PREPARE\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+AS\\s+(.+?)\\s*");
    private static final Pattern EXECUTE = Pattern.compile(
            "(?is)\\s*EXECUTE\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?\\s*");
    private static final Pattern DEALLOCATE = Pattern.compile(
            "(?is)\\s*DEALLOCATE\\s+(?:PREPARE\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private PreparedStatements() {
    }

    /** Whether the statement is a PREPARE, EXECUTE or DEALLOCATE (its first word). */
    static boolean matches(String statement) {
        String text = statement.stripLeading().toUpperCase(Locale.ROOT);
        return text.matches("(?s)(PREPARE|EXECUTE|DEALLOCATE)\\s.*");
    }

    static DataFrame run(SqlContext context, String statement) {
        Matcher prepare = PREPARE.matcher(statement);
        if (prepare.matches()) {
            String body = prepare.group(2);
            if (Scripts.split(body).size() != 1) {
                throw new SqlException("PREPARE takes one statement", statement, 1, 1);
            }
            context.prepare(prepare.group(1), body);
            return DataFrame.empty(dev.floe.frame.Schema.of(List.of()));
        }
        Matcher deallocate = DEALLOCATE.matcher(statement);
        if (deallocate.matches()) {
            if (!context.deallocate(deallocate.group(1))) {
                throw new SqlException("no prepared statement is named " + deallocate.group(1), statement, 1, 1);
            }
            return DataFrame.empty(dev.floe.frame.Schema.of(List.of()));
        }
        Matcher execute = EXECUTE.matcher(statement);
        if (!execute.matches()) {
            throw new SqlException("expected PREPARE name AS statement, EXECUTE name(values) or DEALLOCATE name",
                    statement, 1, 1);
        }
        String body = context.prepared(execute.group(1));
        if (body == null) {
            throw new SqlException("no prepared statement is named " + execute.group(1) + " (PREPARE "
                    + execute.group(1) + " AS ... first)", statement, 1, 1);
        }
        String arguments = execute.group(2);
        if (arguments == null || arguments.isBlank()) {
            return context.sql(body);
        }
        // the values, computed as one row of constants; a mistake in them is placed in the EXECUTE
        int at = statement.indexOf('(', execute.start(1)) + 1;
        DataFrame row;
        try {
            row = context.sql("SELECT " + arguments);
        } catch (SqlException e) {
            throw e.placedIn(statement, at - "SELECT ".length());
        }
        if (row.height() != 1) {
            throw new SqlException("EXECUTE takes values, one per parameter", statement, 1, 1);
        }
        List<Object> values = new ArrayList<>(row.row(0).toList());
        return context.sql(body, values.toArray());
    }
}
