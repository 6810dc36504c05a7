package dev.floe.sql;

import dev.floe.frame.DataFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's scalar macros: {@code CREATE [OR REPLACE] [TEMP] MACRO name(a, b := default) AS expr}
 * ({@code FUNCTION} is the same word) and {@code DROP MACRO [IF EXISTS] name}, which JSqlParser
 * does not read. A macro is kept in its context as text; a statement that calls it gets the
 * body in its place, each parameter replaced by its argument in parentheses ({@link SqlText}), so it
 * is read as DuckDB reads it: as if written out there ({@code sum(x) * 2} an aggregate of the query
 * that calls it). A body reads its parameters only, as DuckDB's: a column named in it is an
 * unknown column where the macro is called (DuckDB says so where it is made). Table macros
 * ({@code AS TABLE query}) are refused by name.
 */
final class MacroStatement {
    private MacroStatement() {}

    /** A macro: its parameters in order, the defaults of those that have one (their text), its body's text. */
    record Macro(String name, List<String> parameters, Map<String, String> defaults, String body) {
        /** How many arguments a call must give: the parameters without defaults come first. */
        int required() {
            return parameters.size() - defaults.size();
        }
    }

    private static final Pattern CREATE = Pattern.compile(
            "(?is)\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(?:TEMP\\s+|TEMPORARY\\s+)?(?:MACRO|FUNCTION)\\s+(.*)");
    private static final Pattern DROP = Pattern.compile(
            "(?is)\\s*DROP\\s+(?:MACRO|FUNCTION)\\s+(IF\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*;?\\s*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    static boolean matches(String statement) {
        return CREATE.matcher(statement).matches() || statement.stripLeading().regionMatches(true, 0, "DROP", 0, 4)
                && statement.stripLeading().toUpperCase(Locale.ROOT).matches("(?s)DROP\\s+(MACRO|FUNCTION)\\s.*");
    }

    static DataFrame run(SqlContext context, String statement) {
        Matcher create = CREATE.matcher(statement);
        if (create.matches()) {
            Macro macro = parse(statement, create.start(2));
            readsOnlyItsParameters(context, macro, statement);
            if (!context.putMacro(macro, create.group(1) != null)) {
                throw new SqlException("a macro named " + macro.name() + " exists: CREATE OR REPLACE MACRO replaces it",
                        statement, 1, 1);
            }
            return DataFrame.empty(dev.floe.frame.Schema.of(List.of()));
        }
        Matcher drop = DROP.matcher(statement);
        if (!drop.matches()) {
            throw new SqlException("expected DROP MACRO [IF EXISTS] name", statement, 1, 1);
        }
        String name = Translator.unquote(drop.group(2));
        if (!context.dropMacro(name) && drop.group(1) == null) {
            throw new SqlException("no macro named " + name + " (DROP MACRO IF EXISTS passes over that)", statement, 1,
                    drop.start(2) + 1);
        }
        return DataFrame.empty(dev.floe.frame.Schema.of(List.of()));
    }

    /** {@code name(params) AS body} from {@code at}. */
    private static Macro parse(String sql, int at) {
        List<int[]> tokens = SqlText.tokens(sql);
        int t = 0;
        while (t < tokens.size() && tokens.get(t)[0] < at) {
            t++;
        }
        if (t >= tokens.size() || tokens.get(t)[2] != SqlText.WORD && tokens.get(t)[2] != SqlText.QUOTED) {
            throw error(sql, "CREATE MACRO takes a name", t < tokens.size() ? tokens.get(t)[0] : sql.length());
        }
        String name = Translator.unquote(text(sql, tokens.get(t)));
        t++;
        if (t >= tokens.size() || !text(sql, tokens.get(t)).equals("(")) {
            throw error(sql, "CREATE MACRO " + name + " takes its parameters in parentheses: " + name + "(a, b) AS ...",
                    t < tokens.size() ? tokens.get(t)[0] : sql.length());
        }
        t++;
        List<String> parameters = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        while (t < tokens.size() && !text(sql, tokens.get(t)).equals(")")) {
            int[] token = tokens.get(t);
            String parameter = Translator.unquote(text(sql, token));
            if (token[2] != SqlText.WORD && token[2] != SqlText.QUOTED
                    || token[2] == SqlText.WORD && !NAME.matcher(parameter).matches()) {
                throw error(sql, "a macro's parameter is a name, not " + text(sql, token), token[0]);
            }
            if (parameters.stream().anyMatch(p -> p.equalsIgnoreCase(parameter))) {
                throw error(sql, "the macro's parameter " + parameter + " is named twice", token[0]);
            }
            parameters.add(parameter);
            t++;
            if (t < tokens.size() && text(sql, tokens.get(t)).equals(":=")) {
                int start = t + 1;
                int end = SqlText.argumentEnd(sql, tokens, start);
                if (end == start) {
                    throw error(sql, "the default of " + parameter + " is missing", tokens.get(t)[0]);
                }
                defaults.put(parameter.toLowerCase(Locale.ROOT),
                        sql.substring(tokens.get(start)[0], tokens.get(end - 1)[1]));
                t = end;
            } else if (!defaults.isEmpty()) {
                throw error(sql, "the macro's parameter " + parameter + " has no default, but one before it has: "
                        + "parameters with defaults come last", token[0]);
            }
            if (t < tokens.size() && text(sql, tokens.get(t)).equals(",")) {
                t++;
            }
        }
        t++;
        if (t >= tokens.size() || !text(sql, tokens.get(t)).equalsIgnoreCase("as")) {
            throw error(sql, "CREATE MACRO " + name + "(...) takes AS and its expression", t < tokens.size()
                    ? tokens.get(t)[0] : sql.length());
        }
        t++;
        if (t < tokens.size() && text(sql, tokens.get(t)).equalsIgnoreCase("table")) {
            throw error(sql, "table macros (AS TABLE query) are not supported; a view takes a query", tokens.get(t)[0]);
        }
        int end = tokens.size();
        if (end > t && text(sql, tokens.get(end - 1)).equals(";")) {
            end--;
        }
        if (end <= t) {
            throw error(sql, "CREATE MACRO " + name + "(...) AS takes an expression", sql.length());
        }
        // // and ** as the parser reads them: a call's text goes in after the statement's were rewritten
        String body = Translator.integerDivisions(sql.substring(tokens.get(t)[0], tokens.get(end - 1)[1]));
        for (int k = t; k < end; k++) {
            if (text(sql, tokens.get(k)).equalsIgnoreCase("select") || text(sql, tokens.get(k)).equalsIgnoreCase("from")
                    && tokens.get(k)[2] == SqlText.WORD && k > t && text(sql, tokens.get(k - 1)).equals("(")) {
                throw error(sql, "a macro's body with a subquery is not supported (its columns and the macro's "
                        + "parameters would share names)", tokens.get(k)[0]);
            }
        }
        try {
            net.sf.jsqlparser.parser.CCJSqlParserUtil.parseExpression(SqlText.rewrite(body).text());
        } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
            throw error(sql, "the body of macro " + name + " is not an expression that can be read", tokens.get(t)[0]);
        }
        return new Macro(name, List.copyOf(parameters), Map.copyOf(defaults), body);
    }

    /**
     * Refuses a body that reads a column, as DuckDB does where the macro is made: the body is planned
     * with NULL for each parameter, with no table, and an unknown column there is one it reads.
     */
    private static void readsOnlyItsParameters(SqlContext context, Macro macro, String statement) {
        SqlContext alone = new SqlContext();
        for (Macro other : context.macros().values()) {
            alone.putMacro(other, true);
        }
        alone.putMacro(macro, true);
        String call = "SELECT \"" + macro.name().replace("\"", "\"\"") + "\"("
                + String.join(", ", java.util.Collections.nCopies(macro.required(), "NULL")) + ")";
        try {
            alone.plan(call);
        } catch (SqlException e) {
            if (e.reason().startsWith("unknown column")) {
                throw new SqlException("the body of macro " + macro.name() + " reads a column that is not one of its "
                        + "parameters (" + String.join(", ", macro.parameters()) + "): " + e.reason(), statement, 1, 1);
            }
        } catch (RuntimeException e) {
            // other errors of NULL arguments (a function that wants a list) are the call's to find
        }
    }

    private static String text(String sql, int[] token) {
        return sql.substring(token[0], token[1]);
    }

    private static SqlException error(String sql, String reason, int offset) {
        int[] at = SqlText.Rewritten.lineAndColumn(sql, offset);
        return new SqlException(reason, sql, at[0], at[1]);
    }
}
