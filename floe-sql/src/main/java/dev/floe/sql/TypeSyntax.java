package dev.floe.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of SQL's type syntax that the parser does not read as DuckDB writes them: {@code MAP(K, V)}
 * as a type (the parser reads {@code map(...)} only as a call) becomes, before parsing, a struct of
 * two fields of reserved names, which {@link ExpressionPlanner} reads back as the map type; and a struct
 * field's name written as DuckDB writes it in a type's name.
 */
final class TypeSyntax {
    private TypeSyntax() {}

    /** The field names a rewritten {@code MAP(K, V)} gives its key and value types. */
    static final String MAP_KEY = "__floe_map_key";
    static final String MAP_VALUE = "__floe_map_value";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Words that may stand before {@code map(...)} the call: never a column's or field's name before a type. */
    private static final Set<String> KEYWORDS = Set.of("select", "distinct", "all", "not", "and", "or", "when", "then",
            "else", "case", "where", "having", "on", "by", "in", "is", "like", "return", "returning", "values", "set",
            "between", "exists", "any", "some", "from", "limit", "offset", "end", "with", "as", "using", "over",
            "partition", "group", "order", "union", "except", "intersect", "table", "join", "cast", "array", "if",
            "default", "null", "true", "false", "interval", "filter", "within", "asc", "desc", "nulls");

    /** Words DuckDB quotes as a struct field's name: its SQL keywords (the resource {@code keywords.txt}). */
    private static final Set<String> QUOTED = keywords();

    private static Set<String> keywords() {
        try (java.io.InputStream in = TypeSyntax.class.getResourceAsStream("keywords.txt")) {
            if (in == null) {
                throw new IllegalStateException("floe-sql's resource dev/floe/sql/keywords.txt is missing");
            }
            return Set.copyOf(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A struct field's name in a type's name, as DuckDB writes it: plain when it is a plain word and
     * no keyword, else in double quotes.
     */
    static String fieldName(String name) {
        if (PLAIN.matcher(name).matches() && !QUOTED.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The first {@code MAP(K, V)} that stands where a type does (after {@code AS} or {@code ::}, or
     * after a column's or field's name in a list of them; the outermost first) written into
     * {@code out} as {@code STRUCT("__floe_map_key" K, "__floe_map_value" V)}; false where there is
     * none ({@link SqlText} runs it until none is left).
     */
    static boolean rewriteOnce(String sql, SqlText.Builder out) {
        if (!sql.toLowerCase(Locale.ROOT).contains("map")) {
            return false;
        }
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = Scripts.skipQuoted(sql, i, c);
            } else if (c == '$' && SqlText.dollarQuoteEnd(sql, i) > 0) {
                i = SqlText.dollarQuoteEnd(sql, i);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (isWordStart(c) && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
                int end = i;
                while (end < n && isWordPart(sql.charAt(end))) {
                    end++;
                }
                if (end - i == 3 && sql.regionMatches(true, i, "map", 0, 3)) {
                    int open = end;
                    while (open < n && Character.isWhitespace(sql.charAt(open))) {
                        open++;
                    }
                    if (open < n && sql.charAt(open) == '(' && typePlace(sql, i) && typeWordAt(sql, open + 1)) {
                        int comma = -1;
                        int close = -1;
                        int depth = 0;
                        for (int k = open; k < n && close < 0; k++) {
                            char d = sql.charAt(k);
                            if (d == '\'' || d == '"') {
                                k = Scripts.skipQuoted(sql, k, d) - 1;
                            } else if (d == '(' || d == '[') {
                                depth++;
                            } else if (d == ')' || d == ']') {
                                depth--;
                                if (depth == 0) {
                                    close = k;
                                }
                            } else if (d == ',' && depth == 1 && comma < 0) {
                                comma = k;
                            }
                        }
                        if (comma > 0 && close > comma) {
                            out.copy(0, i).write("STRUCT(\"" + MAP_KEY + "\" ", i).copy(open + 1, comma)
                                    .write(", \"" + MAP_VALUE + "\" ", comma).copy(comma + 1, sql.length());
                            return true;
                        }
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return false;
    }

    /**
     * Whether the word at {@code at} stands where a type does: after {@code AS} or {@code ::}, or after a
     * name (not a keyword) that follows {@code (}, {@code ,}, {@code COLUMN} or {@code ADD}, as in a list of
     * columns or of a struct's fields.
     */
    private static boolean typePlace(String sql, int at) {
        int p = skipSpaceBack(sql, at - 1);
        if (p >= 1 && sql.charAt(p) == ':' && sql.charAt(p - 1) == ':') {
            return true;
        }
        int[] word = wordBefore(sql, p);
        if (word == null) {
            return false;
        }
        String name = sql.substring(word[0], word[1]);
        if (name.equalsIgnoreCase("as")) {
            return true;
        }
        if (!name.startsWith("\"") && KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return false;
        }
        int q = skipSpaceBack(sql, word[0] - 1);
        if (q >= 0 && (sql.charAt(q) == '(' || sql.charAt(q) == ',')) {
            return true;
        }
        int[] before = wordBefore(sql, q);
        return before != null && (sql.substring(before[0], before[1]).equalsIgnoreCase("column")
                || sql.substring(before[0], before[1]).equalsIgnoreCase("add"));
    }

    /** The words a map's key type may begin with: SQL's type names (so {@code AS map(k, v)}, a table's alias, stays). */
    private static final Set<String> TYPE_WORDS = Set.of("tinyint", "int1", "smallint", "int2", "short", "int", "integer",
            "int4", "signed", "bigint", "int8", "long", "hugeint", "int128", "real", "float", "float4", "double", "float8",
            "varchar", "text", "string", "char", "bpchar", "character", "boolean", "bool", "logical", "date", "time",
            "timestamp", "datetime", "interval", "decimal", "numeric", "dec", "map", "struct");

    /** Whether a type's name begins at {@code at} (after white space). */
    private static boolean typeWordAt(String sql, int at) {
        int start = at;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < sql.length() && isWordPart(sql.charAt(end))) {
            end++;
        }
        return TYPE_WORDS.contains(sql.substring(start, end).toLowerCase(Locale.ROOT));
    }

    /** The word (or double-quoted name) that ends at {@code end} (inclusive), as {start, end exclusive}; null if none. */
    private static int[] wordBefore(String sql, int end) {
        if (end < 0) {
            return null;
        }
        if (sql.charAt(end) == '"') {
            int start = sql.lastIndexOf('"', end - 1);
            return start < 0 ? null : new int[] {start, end + 1};
        }
        int start = end;
        while (start >= 0 && isWordPart(sql.charAt(start))) {
            start--;
        }
        return start == end ? null : new int[] {start + 1, end + 1};
    }

    private static int skipSpaceBack(String sql, int at) {
        while (at >= 0 && Character.isWhitespace(sql.charAt(at))) {
            at--;
        }
        return at;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
