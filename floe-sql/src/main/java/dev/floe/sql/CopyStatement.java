package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.FileSink;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.io.csv.CsvOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code COPY (query) TO 'file' [(options)]} and {@code COPY table TO 'file' [(options)]}, as in
 * DuckDB: the query's rows written to the file as they come (never held whole), in the format
 * the options name or the file's extension tells ({@code .parquet}, {@code .arrow}, else CSV);
 * and {@code COPY table [(columns)] FROM 'file' [(options)]}: the file's rows added to a table.
 * The result is one row, {@code Count}: the rows written or added. JSqlParser does not read COPY, so the
 * statement is taken apart here; the query inside goes through the translator like any other.
 *
 * <p>Options: {@code FORMAT csv|parquet|arrow}; for CSV {@code HEADER}, {@code DELIMITER}
 * ({@code DELIM}, {@code SEP}), {@code QUOTE}, {@code ESCAPE}, {@code NULL}; for Parquet
 * {@code COMPRESSION} ({@code CODEC}) and {@code ROW_GROUP_SIZE}; for Arrow {@code COMPRESSION}.
 */
final class CopyStatement {
    private final String sql;
    private int at;

    private CopyStatement(String sql) {
        this.sql = sql;
    }

    /** Whether the statement is a COPY (its first word). */
    static boolean matches(String statement) {
        String text = statement.stripLeading();
        return text.regionMatches(true, 0, "COPY", 0, 4) && (text.length() == 4 || !isWordChar(text.charAt(4)));
    }

    static DataFrame run(SqlContext context, String statement) {
        return new CopyStatement(statement).run(context);
    }

    private DataFrame run(SqlContext context) {
        skipSpace();
        expectWord("COPY");
        skipSpace();
        int tableAt = at;
        if (peek() != '(') {
            // COPY table [(columns)] FROM 'file': rows read into a table
            String table = name();
            skipSpace();
            List<String> columns = null;
            if (peek() == '(') {
                at++;
                columns = new ArrayList<>();
                while (true) {
                    skipSpace();
                    columns.add(name());
                    skipSpace();
                    if (peek() == ',') {
                        at++;
                        continue;
                    }
                    if (peek() == ')') {
                        at++;
                        break;
                    }
                    throw error("expected , or ) in the column list", at);
                }
                skipSpace();
            }
            if (startsWithWord("FROM")) {
                word();
                return copyFrom(context, table, tableAt, columns);
            }
            if (columns != null) {
                throw error("a column list goes with COPY table (columns) FROM 'file'", tableAt);
            }
            at = tableAt;
        }
        LazyFrame query;
        if (peek() == '(') {
            int open = at;
            int close = matching(open);
            String inner = sql.substring(open + 1, close);
            try {
                query = context.plan(inner);
            } catch (SqlException e) {
                throw e.shifted(sql, open + 1);
            }
            at = close + 1;
        } else {
            int start = at;
            String table = name();
            query = context.table(table);
            if (query == null) {
                throw error("unknown table \"" + table + "\"; tables are: " + context.describeTables(), start);
            }
        }
        skipSpace();
        int direction = at;
        String word = word();
        if (word.equalsIgnoreCase("FROM")) {
            throw error("COPY (query) FROM is not possible: COPY table FROM 'file' reads a file into a table",
                    direction);
        }
        if (!word.equalsIgnoreCase("TO")) {
            throw error("expected TO 'file' after what COPY writes, found " + (word.isEmpty() ? "the end" : word),
                    direction);
        }
        skipSpace();
        int pathAt = at;
        String path = string();
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Integer> places = new LinkedHashMap<>();
        skipSpace();
        if (at < sql.length() && startsWithWord("WITH")) {
            word();
            skipSpace();
        }
        if (at < sql.length() && peek() == '(') {
            at++;
            while (true) {
                skipSpace();
                int optionAt = at;
                String option = word().toUpperCase(Locale.ROOT);
                if (option.isEmpty()) {
                    throw error("expected an option name", optionAt);
                }
                skipSpace();
                String value = "true";
                if (peek() != ',' && peek() != ')') {
                    value = peek() == '\'' ? string() : word();
                    skipSpace();
                }
                options.put(option, value);
                places.put(option, optionAt);
                if (peek() == ',') {
                    at++;
                    continue;
                }
                if (peek() == ')') {
                    at++;
                    break;
                }
                throw error("expected , or ) in the COPY options", at);
            }
        }
        skipSpace();
        if (at < sql.length()) {
            throw error("unexpected text after COPY ... TO '" + path + "'", at);
        }
        String refusal = context.fileAccess().writeRefusal(path);
        if (refusal != null) {
            throw error(refusal, pathAt);
        }
        String format = options.containsKey("FORMAT") ? options.remove("FORMAT").toLowerCase(Locale.ROOT)
                : formatOf(path);
        Map<String, String> sinkOptions = switch (format) {
            case "csv" -> csvOptions(options, places);
            case "parquet" -> renamed(options, places, Map.of("COMPRESSION", "compression", "CODEC", "compression",
                    "ROW_GROUP_SIZE", "row_group_rows"), "Parquet");
            case "arrow" -> renamed(options, places, Map.of("COMPRESSION", "compression"), "Arrow");
            case "json", "ndjson" -> renamed(options, places, Map.of(), "JSON");
            default -> throw error("COPY writes FORMAT csv, parquet, arrow, json or ndjson, not " + format, pathAt);
        };
        long rows;
        try {
            // lists, maps and structs as their text, as DuckDB writes them to CSV
            LazyFrame rowsOut = format.equals("csv") ? SqlContext.nestedAsText(query) : query;
            rows = rowsOut.sink(new FileSink(Path.of(path), format, sinkOptions, true));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), pathAt);
        }
        return DataFrame.of(Series.of("Count", new long[] {rows}));
    }

    /**
     * {@code COPY table [(columns)] FROM 'file' [(options)]}: the file's rows added to the table,
     * its columns matched by position to the table's (or to those listed), each value cast to its
     * column's type, as INSERT does. The result is one row, {@code Count}: the rows added.
     */
    private DataFrame copyFrom(SqlContext context, String table, int tableAt, List<String> columns) {
        skipSpace();
        int pathAt = at;
        String path = string();
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Integer> places = new LinkedHashMap<>();
        options(options, places);
        skipSpace();
        if (at < sql.length()) {
            throw error("unexpected text after COPY ... FROM '" + path + "'", at);
        }
        DataFrame existing = context.rows(table);
        if (existing == null) {
            throw error(context.table(table) != null ? "COPY ... FROM adds rows to tables; \"" + table + "\" is a view"
                    : "unknown table \"" + table + "\"; tables are: " + context.describeTables(), tableAt);
        }
        String refusal = context.fileAccess().refusal(path);
        if (refusal != null) {
            throw error(refusal, pathAt);
        }
        String format = options.containsKey("FORMAT") ? options.remove("FORMAT").toLowerCase(Locale.ROOT)
                : formatOf(path);
        LazyFrame rows;
        try {
            rows = switch (format) {
                case "csv" -> Floe.scanCsv(path, readOptions(options, places));
                case "parquet", "arrow" -> {
                    if (!options.isEmpty()) {
                        throw error(format + " takes no COPY ... FROM options but FORMAT, got " + options.keySet(),
                                places.get(options.keySet().iterator().next()));
                    }
                    yield format.equals("parquet") ? Floe.scanParquet(path) : Floe.scanArrow(path);
                }
                default -> throw error("COPY reads FORMAT csv, parquet or arrow, not " + format, pathAt);
            };
        } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException
                | dev.floe.frame.SchemaException e) {
            throw error("cannot read '" + path + "': " + e.getMessage(), pathAt);
        }
        List<String> targets = new ArrayList<>();
        List<String> names = existing.schema().names();
        for (String column : columns == null ? names : columns) {
            String found = names.stream().filter(column::equalsIgnoreCase).findFirst().orElse(null);
            if (found == null || targets.contains(found)) {
                throw error(found == null ? "table \"" + table + "\" has no column \"" + column + "\"; its columns are: "
                        + String.join(", ", names) : "the column list names \"" + found + "\" twice", tableAt);
            }
            targets.add(found);
        }
        if (rows.schema().size() != targets.size()) {
            throw error("'" + path + "' has " + rows.schema().size() + (rows.schema().size() == 1 ? " column" : " columns")
                    + "; COPY " + table + " FROM takes "
                    + targets.size() + " (" + String.join(", ", targets) + "), matched by position", pathAt);
        }
        if (format.equals("csv")) {
            // a decimal column's text read as text, and cast from its digits (a double would change them)
            CsvOptions exact = readOptions(options, places);
            boolean any = false;
            for (int c = 0; c < targets.size(); c++) {
                if (existing.schema().type(targets.get(c)).isDecimal()) {
                    exact = exact.withType(rows.schema().names().get(c), DataType.UTF8);
                    any = true;
                }
            }
            if (any) {
                rows = Floe.scanCsv(path, exact);
            }
        }
        DataFrame conformed = TableStatements.conformed(rows, existing.schema(), targets).collect(context.config());
        // the columns the file leaves out take their defaults; the table's rules hold for the rows added
        DataFrame added = TableStatements.withDefaults(context, conformed, conformed.height(), existing.schema(), targets,
                table);
        DataFrame all = LazyFrame.concat(List.of(existing.lazy(), added.lazy())).collect(context.config());
        synchronized (context) {
            // swapped only if no other statement changed the table meanwhile
            if (context.rows(table) != existing) {
                throw error("table \"" + table + "\" changed while COPY ran (another statement changed it); run it again",
                        tableAt);
            }
            context.rules(table).check(table, all, added, context.config(), null, (message, node) -> new SqlException(
                    message, sql, 1, 1 + tableAt));
            context.replaceRows(table, all);
        }
        return DataFrame.of(Series.of("Count", new long[] {added.height()}));
    }

    /** {@code [WITH] (name value, ...)} after the file, into {@code options} (upper-case names) and their places. */
    private void options(Map<String, String> options, Map<String, Integer> places) {
        skipSpace();
        if (at < sql.length() && startsWithWord("WITH")) {
            word();
            skipSpace();
        }
        if (at >= sql.length() || peek() != '(') {
            return;
        }
        at++;
        while (true) {
            skipSpace();
            int optionAt = at;
            String option = word().toUpperCase(Locale.ROOT);
            if (option.isEmpty()) {
                throw error("expected an option name", optionAt);
            }
            skipSpace();
            String value = "true";
            if (peek() != ',' && peek() != ')') {
                value = peek() == '\'' ? string() : word();
                skipSpace();
            }
            options.put(option, value);
            places.put(option, optionAt);
            if (peek() == ',') {
                at++;
                continue;
            }
            if (peek() == ')') {
                at++;
                return;
            }
            throw error("expected , or ) in the COPY options", at);
        }
    }

    private CsvOptions readOptions(Map<String, String> given, Map<String, Integer> places) {
        CsvOptions options = CsvOptions.defaults();
        for (var option : given.entrySet()) {
            String value = option.getValue();
            int place = places.get(option.getKey());
            options = switch (option.getKey()) {
                case "HEADER" -> options.withHeader(bool(value, place));
                case "DELIMITER", "DELIM", "SEP" -> options.withDelimiter(character(option.getKey(), value, place));
                case "QUOTE" -> options.withQuote(character(option.getKey(), value, place));
                case "ESCAPE" -> options.withEscape(character(option.getKey(), value, place));
                case "NULL", "NULLSTR" -> options.withNullValues(value);
                case "SKIP" -> options.withSkipRows(Integer.parseInt(value));
                default -> throw error("CSV has no COPY ... FROM option " + option.getKey() + "; the options are "
                        + "FORMAT, HEADER, DELIMITER, QUOTE, ESCAPE, NULL, SKIP", place);
            };
        }
        return options;
    }

    /** The format a path's extension tells, CSV when it tells none. */
    private static String formatOf(String path) {
        String format = Floe.formatOf(path);
        return format == null || format.equals("tsv") ? "csv" : format;
    }

    private Map<String, String> csvOptions(Map<String, String> given, Map<String, Integer> places) {
        CsvOptions options = CsvOptions.defaults();
        for (var option : given.entrySet()) {
            String value = option.getValue();
            options = switch (option.getKey()) {
                case "HEADER" -> options.withHeader(bool(value, places.get(option.getKey())));
                case "DELIMITER", "DELIM", "SEP" -> options.withDelimiter(character(option.getKey(), value,
                        places.get(option.getKey())));
                case "QUOTE" -> options.withQuote(character(option.getKey(), value, places.get(option.getKey())));
                case "ESCAPE" -> options.withEscape(character(option.getKey(), value, places.get(option.getKey())));
                case "NULL", "NULLSTR" -> options.withNullValues(value);
                default -> throw error("CSV has no COPY option " + option.getKey() + "; the options are FORMAT, "
                        + "HEADER, DELIMITER, QUOTE, ESCAPE, NULL", places.get(option.getKey()));
            };
        }
        return options.toWriteOptions();
    }

    private Map<String, String> renamed(Map<String, String> given, Map<String, Integer> places,
            Map<String, String> names, String format) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var option : given.entrySet()) {
            String name = names.get(option.getKey());
            if (name == null) {
                throw error(format + " has no COPY option " + option.getKey() + "; the options are FORMAT, "
                        + String.join(", ", names.keySet().stream().sorted().toList()), places.get(option.getKey()));
            }
            out.put(name, option.getValue());
        }
        return out;
    }

    private boolean bool(String value, int place) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw error("expected true or false, found " + value, place);
        };
    }

    private char character(String option, String value, int place) {
        if (value.length() != 1) {
            throw error(option + " is one character, not '" + value + "'", place);
        }
        return value.charAt(0);
    }

    // ---- reading the statement ----------------------------------------------------------------

    private char peek() {
        return at < sql.length() ? sql.charAt(at) : 0;
    }

    private void skipSpace() {
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '-' && at + 1 < sql.length() && sql.charAt(at + 1) == '-') {
                while (at < sql.length() && sql.charAt(at) != '\n') {
                    at++;
                }
            } else {
                return;
            }
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private boolean startsWithWord(String word) {
        return sql.regionMatches(true, at, word, 0, word.length())
                && (at + word.length() == sql.length() || !isWordChar(sql.charAt(at + word.length())));
    }

    private String word() {
        int start = at;
        while (at < sql.length() && isWordChar(sql.charAt(at))) {
            at++;
        }
        return sql.substring(start, at);
    }

    private void expectWord(String word) {
        int start = at;
        if (!word().equalsIgnoreCase(word)) {
            throw error("expected " + word, start);
        }
    }

    /** A table name: a word, or a double-quoted identifier. */
    private String name() {
        if (peek() == '"') {
            int start = at;
            int end = sql.indexOf('"', at + 1);
            if (end < 0) {
                throw error("a quoted name is not closed", start);
            }
            at = end + 1;
            return sql.substring(start + 1, end);
        }
        int start = at;
        String name = word();
        if (name.isEmpty()) {
            throw error("expected (query) or a table name after COPY", start);
        }
        return name;
    }

    /** A single-quoted string ('' is a quote inside it). */
    private String string() {
        int start = at;
        if (peek() != '\'') {
            throw error("expected a file name in single quotes", start);
        }
        StringBuilder text = new StringBuilder();
        at++;
        while (true) {
            if (at >= sql.length()) {
                throw error("a quoted string is not closed", start);
            }
            char c = sql.charAt(at++);
            if (c == '\'') {
                if (peek() == '\'') {
                    text.append('\'');
                    at++;
                    continue;
                }
                return text.toString();
            }
            text.append(c);
        }
    }

    /** The parenthesis that closes the one at {@code open}, passing over quoted text and comments. */
    private int matching(int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw error("the parenthesis after COPY is not closed", open);
    }

    private SqlException error(String reason, int offset) {
        int[] at = SqlText.Rewritten.lineAndColumn(sql, offset);
        return new SqlException(reason, sql, at[0], at[1]);
    }
}
