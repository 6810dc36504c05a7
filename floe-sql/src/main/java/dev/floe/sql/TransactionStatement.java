package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code BEGIN [TRANSACTION | WORK]} (or {@code START TRANSACTION}), {@code COMMIT} (or
 * {@code END}) and {@code ROLLBACK} (or {@code ABORT}), as DuckDB takes them: a rollback puts
 * back the context's tables and views as they were at {@code BEGIN}, undoing every
 * {@code CREATE}, {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code ALTER}, {@code DROP}
 * and registration since. Settings ({@code SET}) are not part of a transaction. One transaction
 * at a time per context: a {@code BEGIN} inside one, or a {@code COMMIT} or {@code ROLLBACK}
 * outside one, fails. A statement that fails inside a transaction aborts it: every statement
 * but {@code ROLLBACK} then fails until it is rolled back, so no half of a script is committed.
 */
final class TransactionStatement {
    private static final Pattern STATEMENT = Pattern.compile(
            "(?is)\\s*(?:(BEGIN)(?:\\s+(?:TRANSACTION|WORK))?|(START)\\s+TRANSACTION|(COMMIT|END|ROLLBACK|ABORT)"
                    + "(?:\\s+(?:TRANSACTION|WORK))?)\\s*");

    private TransactionStatement() {}

    static boolean matches(String statement) {
        return STATEMENT.matcher(statement).matches();
    }

    /** Whether the statement is a ROLLBACK (or ABORT). */
    static boolean isRollback(String statement) {
        Matcher matcher = STATEMENT.matcher(statement);
        return matcher.matches() && matcher.group(3) != null
                && List.of("ROLLBACK", "ABORT").contains(matcher.group(3).toUpperCase(Locale.ROOT));
    }

    static DataFrame run(SqlContext context, String statement) {
        Matcher matcher = STATEMENT.matcher(statement);
        if (!matcher.matches()) {
            throw new SqlException("expected BEGIN, COMMIT or ROLLBACK", statement, 1, 1);
        }
        String word = matcher.group(3) != null ? matcher.group(3).toUpperCase(Locale.ROOT) : "BEGIN";
        switch (word) {
            case "COMMIT", "END" -> context.commit(statement);
            case "ROLLBACK", "ABORT" -> context.rollback(statement);
            default -> context.begin(statement);
        }
        return DataFrame.empty(Schema.of(List.of()));
    }
}
