package dev.floe.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A statement's text as the parser reads it: DuckDB's syntax that JSqlParser does not read written
 * as syntax it does, in passes, each a text made of pieces of the one before and of text it adds,
 * so that a place the parser names (an error, where a node begins) is found again in the
 * statement as written. The passes: calls of the context's macros ({@link MacroStatement}),
 * {@code MAP(K, V)} types ({@link TypeSyntax}), FROM-first
 * queries ({@code FROM t SELECT a WHERE ...}, {@code FROM t}: {@code SELECT a FROM t WHERE ...})
 * list comprehensions ({@code [x * 2 FOR x IN l IF x > 0]}:
 * {@code list_transform(list_filter(l, x -> x > 0), x -> x * 2)}) and an aggregate's {@code FILTER}
 * without {@code WHERE} ({@code count(*) FILTER (x > 1)}).
 */
final class SqlText {
    private SqlText() {}

    /** The most macro calls a statement's expansion takes (a macro that calls itself would take them all). */
    private static final int MAX_PASSES = 256;

    /**
     * A pass's output: pieces copied from its input and text it writes, each piece recorded as
     * {out start, out end, in start, 1 if copied (else written)}.
     */
    static final class Builder {
        private final StringBuilder out = new StringBuilder();
        private final List<int[]> pieces = new ArrayList<>();
        private final String in;

        Builder(String in) {
            this.in = in;
        }

        /** Copies {@code in[from, to)}. */
        Builder copy(int from, int to) {
            if (to > from) {
                pieces.add(new int[] {out.length(), out.length() + to - from, from, 1});
                out.append(in, from, to);
            }
            return this;
        }

        /** Writes {@code text}, which stands for what is at {@code at} of the input. */
        Builder write(String text, int at) {
            if (!text.isEmpty()) {
                pieces.add(new int[] {out.length(), out.length() + text.length(), at, 0});
                out.append(text);
            }
            return this;
        }

        String text() {
            return out.toString();
        }
    }

    /**
     * A statement as written, the text the parser reads, and each pass's pieces.
     *
     * @param passes per pass, in order, its pieces ({@link Builder})
     */
    record Rewritten(String written, String text, List<List<int[]>> passes, List<Sample> samples, long sampleBase) {
        Rewritten(String written, String text, List<List<int[]>> passes) {
            this(written, text, passes, List.of(), 0);
        }

        /** The line and column as written of {@code line} and {@code column} (from 1) in the rewritten text. */
        int[] writtenPosition(int line, int column) {
            if (passes.isEmpty() || line < 1 || column < 1) {
                return new int[] {line, column};
            }
            int offset = offsetOf(text, line, column);
            for (int p = passes.size() - 1; p >= 0; p--) {
                offset = back(passes.get(p), offset);
            }
            return lineAndColumn(written, offset);
        }

        private static int back(List<int[]> pieces, int offset) {
            for (int[] piece : pieces) {
                if (offset < piece[1]) {
                    return piece[3] == 1 ? piece[2] + offset - piece[0] : piece[2];
                }
            }
            int[] last = pieces.get(pieces.size() - 1);
            return last[3] == 1 ? last[2] + last[1] - last[0] : last[2];
        }

        private static int offsetOf(String text, int line, int column) {
            int at = 0;
            for (int l = 1; l < line && at < text.length(); at++) {
                if (text.charAt(at) == '\n') {
                    l++;
                }
            }
            return Math.min(text.length(), at + column - 1);
        }

        static int[] lineAndColumn(String text, int offset) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < Math.min(offset, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new int[] {line, column};
        }
    }

    /** A pass: the text rewritten once into {@code out}, or false (and {@code out} untouched) where nothing is to rewrite. */
    interface Pass {
        boolean rewrite(String text, Builder out);
    }

    /** {@code sql} as the parser reads it: every pass run until none finds more to rewrite. */
    static Rewritten rewrite(String sql) {
        return rewrite(sql, Map.of());
    }

    /** {@link #rewrite(String)} with the calls of {@code macros} (by lower-case name) expanded first. */
    static Rewritten rewrite(String sql, Map<String, MacroStatement.Macro> macros) {
        refuseStraightJoin(sql);
        List<List<int[]>> passes = new ArrayList<>();
        String text = sql;
        List<Pass> all = new ArrayList<>();
        Pass macroPass = (in, out) -> macroCall(in, out, macros);
        if (!macros.isEmpty()) {
            all.add(macroPass);
        }
        List<Sample> samples = new ArrayList<>();
        // the first sample's number: its first seven digits occur nowhere in the statement, so no
        // text it holds (a string, a comment, a sample of another dialect) can pass for one
        long prefix = 1_000_000;
        while (sql.contains(Long.toString(prefix))) {
            prefix++;
        }
        long base = prefix * 1000;
        // samples before FROM-first queries are turned around (FROM t SELECT ... USING SAMPLE 5)
        all.addAll(List.<Pass>of(TypeSyntax::rewriteOnce, (in, out) -> sample(in, out, samples, base), SqlText::fromFirst,
                SqlText::comprehension, SqlText::filterWhere, SqlText::semiAntiJoin, SqlText::positionalJoin, SqlText::glob,
                SqlText::starRename, SqlText::limitPercent, SqlText::dollarQuotes));
        for (Pass pass : all) {
            for (int n = 0; ; n++) {
                Builder out = new Builder(text);
                boolean rewritten;
                try {
                    rewritten = pass.rewrite(text, out);
                } catch (MacroError e) {
                    int[] at = new Rewritten(sql, text, passes).writtenPosition(1 + lines(text, e.offset),
                            e.offset - text.lastIndexOf('\n', e.offset - 1));
                    throw new SqlException(e.getMessage(), sql, at[0], at[1]);
                }
                if (!rewritten) {
                    break;
                }
                if (n == MAX_PASSES && pass == macroPass) {
                    throw new SqlException("the statement's macros expand more than " + MAX_PASSES + " times (does one "
                            + "call itself?)", sql, 1, 1);
                }
                passes.add(out.pieces);
                text = out.text();
            }
        }
        return new Rewritten(sql, quotedDots(text), passes, List.copyOf(samples), base);
    }

    /**
     * Stands in for a dot inside a quoted name ({@code "a.b"}, {@code t."x.y"}): JSqlParser 5.4
     * splits a quoted name at its dots, so {@code "a.b"} would read column {@code b} of a table
     * {@code a}. A private-use character the parser keeps, one for one (positions do not move);
     * {@link Translator#unquote} gives the dots back.
     */
    static final char DOT = '\uE000';

    /** {@code text} with each dot inside a quoted name replaced by {@link #DOT}. */
    static String quotedDots(String text) {
        if (text.indexOf('"') < 0) {
            return text;
        }
        char[] chars = null;
        for (int[] token : tokens(text)) {
            if (token[2] != QUOTED) {
                continue;
            }
            for (int i = token[0]; i < token[1]; i++) {
                if (text.charAt(i) == '.') {
                    if (chars == null) {
                        chars = text.toCharArray();
                    }
                    chars[i] = DOT;
                }
            }
        }
        return chars == null ? text : new String(chars);
    }

    private static int lines(String text, int offset) {
        int n = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A macro called wrongly, or a star's clauses in the wrong order, at {@code offset} of the text the pass read. */
    private static final class MacroError extends RuntimeException {
        final int offset;

        MacroError(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    // ---- macros -------------------------------------------------------------------------------

    /**
     * The first call of a macro ({@code name(args)}, not after a {@code .}) replaced by its body in
     * parentheses, each parameter in it (a name not after a {@code .} nor before a {@code (}) replaced
     * by its argument in parentheses, or by its default; arguments by position, then by name
     * ({@code b := 3}).
     */
    static boolean macroCall(String sql, Builder out, Map<String, MacroStatement.Macro> macros) {
        List<int[]> tokens = tokens(sql);
        for (int t = 0; t + 1 < tokens.size(); t++) {
            int[] token = tokens.get(t);
            if (token[2] != WORD && token[2] != QUOTED || !isPunct(sql, tokens.get(t + 1), '(')
                    || t > 0 && notACall(sql, tokens.get(t - 1))) {
                continue;
            }
            MacroStatement.Macro macro = macros.get(Translator.unquote(sql.substring(token[0], token[1]))
                    .toLowerCase(Locale.ROOT));
            if (macro == null) {
                continue;
            }
            // the arguments: positional first, then name := value
            List<int[]> positional = new ArrayList<>(); // {start, end} of each argument's text
            Map<String, int[]> named = new java.util.HashMap<>();
            int k = t + 2;
            int close = -1;
            boolean afterComma = false;
            while (k < tokens.size()) {
                if (isPunct(sql, tokens.get(k), ')')) {
                    if (afterComma) {
                        throw new MacroError("an argument of macro " + macro.name() + " is missing", tokens.get(k)[0]);
                    }
                    close = k;
                    break;
                }
                int end = argumentEnd(sql, tokens, k);
                if (end == k) {
                    throw new MacroError("an argument of macro " + macro.name() + " is missing", tokens.get(k)[0]);
                }
                if (end - k >= 3 && tokens.get(k)[2] == WORD && sql.substring(tokens.get(k + 1)[0],
                        tokens.get(k + 1)[1]).equals(":=")) {
                    String name = sql.substring(tokens.get(k)[0], tokens.get(k)[1]).toLowerCase(Locale.ROOT);
                    if (macro.parameters().stream().noneMatch(p -> p.equalsIgnoreCase(name))) {
                        throw new MacroError("macro " + macro.name() + " has no parameter " + name + "; its parameters: "
                                + String.join(", ", macro.parameters()), tokens.get(k)[0]);
                    }
                    named.put(name, new int[] {tokens.get(k + 2)[0], tokens.get(end - 1)[1]});
                } else {
                    if (!named.isEmpty()) {
                        throw new MacroError("a positional argument of macro " + macro.name() + " after a named one",
                                tokens.get(k)[0]);
                    }
                    positional.add(new int[] {tokens.get(k)[0], tokens.get(end - 1)[1]});
                }
                afterComma = end < tokens.size() && isPunct(sql, tokens.get(end), ',');
                k = afterComma ? end + 1 : end;
            }
            if (close < 0) {
                return false; // the parser says what is wrong
            }
            int callStart = token[0];
            if (positional.size() < macro.required() || positional.size() > macro.parameters().size()) {
                throw new MacroError("macro " + macro.name() + " takes " + (macro.required() == macro.parameters().size()
                        ? String.valueOf(macro.required()) : macro.required() + " to " + macro.parameters().size())
                        + (macro.parameters().size() == 1 ? " argument (" : " arguments (")
                        + String.join(", ", macro.parameters()) + "), not " + positional.size(),
                        callStart);
            }
            Map<String, int[]> arguments = new java.util.HashMap<>(named);
            for (int p = 0; p < positional.size(); p++) {
                String parameter = macro.parameters().get(p).toLowerCase(Locale.ROOT);
                if (arguments.containsKey(parameter)) {
                    throw new MacroError("macro " + macro.name() + "'s parameter " + parameter + " is given twice",
                            callStart);
                }
                arguments.put(parameter, positional.get(p));
            }
            for (String parameter : macro.parameters()) {
                String key = parameter.toLowerCase(Locale.ROOT);
                if (!arguments.containsKey(key) && !macro.defaults().containsKey(key)) {
                    throw new MacroError("macro " + macro.name() + " needs its parameter " + parameter, callStart);
                }
            }
            out.copy(0, callStart).write("(", callStart);
            String body = lambdasRenamed(macro.body());
            List<int[]> bodyTokens = tokens(body);
            int copied = 0;
            for (int b = 0; b < bodyTokens.size(); b++) {
                int[] word = bodyTokens.get(b);
                if (word[2] != WORD && word[2] != QUOTED) {
                    continue;
                }
                String key = Translator.unquote(body.substring(word[0], word[1])).toLowerCase(Locale.ROOT);
                boolean afterDot = b > 0 && body.charAt(bodyTokens.get(b - 1)[0]) == '.'
                        && bodyTokens.get(b - 1)[1] - bodyTokens.get(b - 1)[0] == 1;
                boolean called = b + 1 < bodyTokens.size() && (isPunct(body, bodyTokens.get(b + 1), '(')
                        || body.startsWith(":=", bodyTokens.get(b + 1)[0])); // a call, or a named argument's name
                if (afterDot || called || macro.parameters().stream().noneMatch(p -> p.equalsIgnoreCase(key))) {
                    continue;
                }
                out.write(body.substring(copied, word[0]), callStart);
                int[] argument = arguments.get(key);
                if (argument != null) {
                    out.write("(", callStart).copy(argument[0], argument[1]).write(")", callStart);
                } else {
                    out.write("(" + macro.defaults().get(key) + ")", callStart);
                }
                copied = word[1];
            }
            out.write(body.substring(copied) + ")", callStart).copy(tokens.get(close)[1], sql.length());
            return true;
        }
        return false;
    }

    /** Words after which a name and a parenthesis are not a call: a table, an alias with its columns, a CTE. */
    private static final List<String> NOT_A_CALL_AFTER = List.of("table", "into", "as", "from", "join", "with", "view",
            "update", "macro", "function", "exists", "recursive");

    /** Whether a name after {@code before} and before {@code (} is not a call (a field, a table, an alias's columns). */
    private static boolean notACall(String sql, int[] before) {
        return sql.charAt(before[0]) == '.' && before[1] - before[0] == 1 || isPunct(sql, before, ')')
                || before[2] == QUOTED || isAnyWord(sql, before, NOT_A_CALL_AFTER);
    }

    /**
     * A macro's body with the parameters of its lambdas ({@code x -> ...}, {@code (acc, x) -> ...})
     * given names of their own, in the lambda and its body, so that neither the macro's parameters
     * nor the arguments put in their place can be taken for them (DuckDB binds them by scope).
     * JSON's {@code ->>} is no lambda; JSON's {@code ->} in a macro's body is read as one (and so
     * refused where the macro is made), as the text cannot tell the two apart.
     */
    static String lambdasRenamed(String body) {
        if (!body.contains("->")) {
            return body;
        }
        List<int[]> tokens = tokens(body);
        Map<Integer, String> renamed = new java.util.TreeMap<>(); // token index -> new name
        int lambda = 0;
        for (int t = 0; t < tokens.size(); t++) {
            if (!body.startsWith("->", tokens.get(t)[0]) || body.startsWith("->>", tokens.get(t)[0])) {
                continue;
            }
            List<Integer> bound = new ArrayList<>();
            if (t >= 1 && (tokens.get(t - 1)[2] == WORD || tokens.get(t - 1)[2] == QUOTED)) {
                bound.add(t - 1);
            } else if (t >= 1 && isPunct(body, tokens.get(t - 1), ')')) {
                for (int k = t - 2; k >= 0 && !isPunct(body, tokens.get(k), '('); k--) {
                    if (tokens.get(k)[2] == WORD || tokens.get(k)[2] == QUOTED) {
                        bound.add(k);
                    }
                }
            }
            if (bound.isEmpty()) {
                continue;
            }
            lambda++;
            int end = argumentEnd(body, tokens, t + 1);
            for (int k : bound) {
                String name = nameOf(body, tokens.get(k));
                String fresh = "__floe_lambda" + lambda + "_" + name;
                if (!fresh.matches("[A-Za-z0-9_]+")) {
                    fresh = "\"" + fresh.replace("\"", "\"\"") + "\"";
                }
                renamed.put(k, fresh);
                for (int u = t + 1; u < end; u++) {
                    int[] use = tokens.get(u);
                    boolean afterDot = body.charAt(tokens.get(u - 1)[0]) == '.' && tokens.get(u - 1)[1] - tokens.get(u - 1)[0] == 1;
                    if ((use[2] == WORD || use[2] == QUOTED) && !afterDot && nameOf(body, use).equalsIgnoreCase(name)
                            && !renamed.containsKey(u)) {
                        renamed.put(u, fresh);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(body.length() + 32 * renamed.size());
        int copied = 0;
        for (Map.Entry<Integer, String> entry : renamed.entrySet()) {
            int[] token = tokens.get(entry.getKey());
            out.append(body, copied, token[0]).append(entry.getValue());
            copied = token[1];
        }
        return out.append(body, copied, body.length()).toString();
    }

    /** A name token's name: a word as written, a quoted name without its quotes. */
    private static String nameOf(String sql, int[] token) {
        String text = sql.substring(token[0], token[1]);
        return token[2] == QUOTED && text.length() >= 2 ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
    }

    /** The token after the argument that begins at token {@code start}: its {@code ,} or the call's {@code )}. */
    static int argumentEnd(String sql, List<int[]> tokens, int start) {
        return endAtDepthZero(sql, tokens, start, token -> isPunct(sql, token, ','));
    }

    /**
     * The first token from {@code start} that closes a parenthesis or bracket opened before it, or
     * that {@code stops} at the same depth as {@code start}; the end where none does.
     */
    private static int endAtDepthZero(String sql, List<int[]> tokens, int start,
            java.util.function.Predicate<int[]> stops) {
        int depth = 0;
        for (int k = start; k < tokens.size(); k++) {
            int[] token = tokens.get(k);
            if (isPunct(sql, token, '(') || isPunct(sql, token, '[')) {
                depth++;
            } else if (isPunct(sql, token, ')') || isPunct(sql, token, ']')) {
                if (--depth < 0) {
                    return k;
                }
            } else if (depth == 0 && stops.test(token)) {
                return k;
            }
        }
        return tokens.size();
    }

    // ---- tokens -------------------------------------------------------------------------------

    /** A token of the text: {start, end, kind}; kinds below. Comments and white space are not tokens. */
    static final int WORD = 0;
    static final int QUOTED = 1; // "a name"
    static final int STRING = 2; // 'text'
    static final int PUNCT = 3; // one character: ( ) [ ] , ; and the rest
    static final int OTHER = 4; // numbers, operators of several characters

    static List<int[]> tokens(String sql) {
        List<int[]> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                int end = Math.min(n, Scripts.skipQuoted(sql, i, c));
                tokens.add(new int[] {i, end, c == '"' ? QUOTED : STRING});
                i = end;
            } else if (c == '$' && dollarQuoteEnd(sql, i) > 0) {
                int end = dollarQuoteEnd(sql, i); // $$text$$ and $tag$text$tag$: a string
                tokens.add(new int[] {i, end, STRING});
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == '=') {
                tokens.add(new int[] {i, i + 2, OTHER}); // a named argument's :=, whatever follows it
                i += 2;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new int[] {i, end, WORD});
                i = end;
            } else if ("()[],;".indexOf(c) >= 0) {
                tokens.add(new int[] {i, i + 1, PUNCT});
                i++;
            } else {
                int end = i + 1;
                while (end < n && !Character.isWhitespace(sql.charAt(end)) && "()[],;'\"".indexOf(sql.charAt(end)) < 0
                        && !Character.isLetter(sql.charAt(end)) && sql.charAt(end) != '_'
                        && Character.isLetterOrDigit(c) == Character.isLetterOrDigit(sql.charAt(end))) {
                    end++;
                }
                tokens.add(new int[] {i, end, OTHER});
                i = end;
            }
        }
        return tokens;
    }

    /** The end of the dollar-quoted string ({@code $$...$$}, {@code $tag$...$tag$}) opening at {@code at}, or -1. */
    static int dollarQuoteEnd(String sql, int at) {
        int close = sql.indexOf('$', at + 1);
        if (close < 0) {
            return -1;
        }
        String tag = sql.substring(at, close + 1);
        for (int k = 1; k < tag.length() - 1; k++) {
            char c = tag.charAt(k);
            if (!(Character.isLetter(c) || c == '_' || k > 1 && Character.isDigit(c))) {
                return -1;
            }
        }
        int end = sql.indexOf(tag, close + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }

    private static boolean isWord(String sql, int[] token, String word) {
        return token[2] == WORD && token[1] - token[0] == word.length()
                && sql.regionMatches(true, token[0], word, 0, word.length());
    }

    private static boolean isPunct(String sql, int[] token, char c) {
        return token[2] == PUNCT && sql.charAt(token[0]) == c;
    }

    private static boolean isAnyWord(String sql, int[] token, List<String> words) {
        if (token[2] != WORD) {
            return false;
        }
        String word = sql.substring(token[0], token[1]).toLowerCase(Locale.ROOT);
        return words.contains(word);
    }

    // ---- FROM first ---------------------------------------------------------------------------

    private static final List<String> SET_OPERATIONS = List.of("union", "except", "intersect");
    /** Words that end a FROM clause, and (but SELECT) a FROM-first query's select list. */
    private static final List<String> CLAUSES = List.of("select", "where", "group", "having", "qualify", "window",
            "order", "limit", "offset", "union", "except", "intersect");
    /** Words after which a parenthesis opens a subquery, not a function's arguments. */
    private static final List<String> SUBQUERY_AFTER = List.of("select", "in", "exists", "from", "join", "as", "any",
            "all", "some", "lateral", "not", "and", "or", "where", "having", "qualify", "when", "then", "else", "on",
            "by", "distinct", "with", "values", "is", "union", "except", "intersect", "return", "array", "explain",
            "materialized", "insert", "into", "table");
    /** Words after which a query may begin with FROM. */
    private static final List<String> BEFORE_QUERY = List.of("as", "explain", "analyze", "describe", "summarize");

    /**
     * The first query (outermost, leftmost) that begins with {@code FROM}, as DuckDB reads it:
     * {@code FROM t [SELECT list] rest} becomes {@code SELECT list FROM t rest}, and without a
     * select list {@code SELECT * FROM t rest}.
     */
    static boolean fromFirst(String sql, Builder out) {
        if (sql.toLowerCase(Locale.ROOT).indexOf("from") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 0; t < tokens.size(); t++) {
            if (!isWord(sql, tokens.get(t), "from") || !beginsQuery(sql, tokens, t)) {
                continue;
            }
            int end = clauseEnd(sql, tokens, t + 1); // the token after the FROM clause
            int fromStart = tokens.get(t)[0];
            if (end < tokens.size() && isWord(sql, tokens.get(end), "select")) {
                int select = end;
                int listEnd = clauseEnd(sql, tokens, select + 1);
                int selectStart = tokens.get(select)[0];
                int selectEnd = tokens.get(listEnd - 1)[1];
                out.copy(0, fromStart).copy(selectStart, selectEnd).write(" ", fromStart)
                        .copy(fromStart, tokens.get(select - 1)[1]).copy(selectEnd, sql.length());
            } else {
                out.copy(0, fromStart).write("SELECT * ", fromStart).copy(fromStart, sql.length());
            }
            return true;
        }
        return false;
    }

    /**
     * The token that ends a FROM-first query's clause beginning at token {@code start}: the next
     * clause's word ({@link #CLAUSES}), {@code ;}, a parenthesis that closes around the query, or
     * the end; words inside parentheses and brackets are the clause's.
     */
    private static int clauseEnd(String sql, List<int[]> tokens, int start) {
        return endAtDepthZero(sql, tokens, start, token -> isPunct(sql, token, ';') || isAnyWord(sql, token, CLAUSES));
    }

    /**
     * Whether the {@code FROM} at token {@code t} begins a query: at the statement's start, after
     * {@code (}, {@code ;}, a set operation ({@code UNION [ALL | DISTINCT | BY NAME]}), {@code AS}
     * or {@code EXPLAIN}, or after a common table expression's {@code (...)}.
     */
    private static boolean beginsQuery(String sql, List<int[]> tokens, int t) {
        if (t == 0) {
            return true;
        }
        int[] before = tokens.get(t - 1);
        boolean afterDot = t >= 2 && sql.charAt(tokens.get(t - 2)[0]) == '.' && tokens.get(t - 2)[1] - tokens.get(t - 2)[0] == 1;
        if (isAnyWord(sql, before, BEFORE_QUERY) && !afterDot) {
            return true;
        }
        if (isPunct(sql, before, ';')) {
            return true;
        }
        if (isPunct(sql, before, '(')) {
            // (FROM t) as a subquery, not trim(FROM s): a parenthesis right after a name opens a call
            if (t < 2) {
                return true;
            }
            int[] opener = tokens.get(t - 2);
            return !(opener[2] == WORD || opener[2] == QUOTED) || isAnyWord(sql, opener, SUBQUERY_AFTER);
        }
        int p = t - 1;
        while (p >= 0 && isAnyWord(sql, tokens.get(p), List.of("all", "distinct", "by", "name"))) {
            p--;
        }
        if (p >= 0 && isAnyWord(sql, tokens.get(p), SET_OPERATIONS)) {
            return true;
        }
        if (isPunct(sql, before, ')')) {
            // WITH x AS (...) FROM x: the parenthesis opened after AS [NOT] MATERIALIZED
            int depth = 0;
            for (int k = t - 1; k >= 0; k--) {
                int[] token = tokens.get(k);
                if (isPunct(sql, token, ')')) {
                    depth++;
                } else if (isPunct(sql, token, '(') && --depth == 0) {
                    return k > 0 && isAnyWord(sql, tokens.get(k - 1), List.of("as", "materialized"))
                            && statementBeginsWith(sql, tokens, k, "with");
                }
            }
        }
        return false;
    }

    /** Whether the statement holding token {@code at} begins with {@code word} (at depth 0 of its parentheses). */
    private static boolean statementBeginsWith(String sql, List<int[]> tokens, int at, String word) {
        int start = at;
        int depth = 0;
        for (int k = at - 1; k >= 0; k--) {
            int[] token = tokens.get(k);
            if (isPunct(sql, token, ')')) {
                depth++;
            } else if (isPunct(sql, token, '(')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && isPunct(sql, token, ';')) {
                break;
            }
            start = k;
        }
        return isWord(sql, tokens.get(start), word);
    }

    // ---- FILTER without WHERE ------------------------------------------------------------------

    /**
     * The first aggregate's {@code FILTER (cond)} written without {@code WHERE}, which DuckDB allows, as
     * {@code FILTER (WHERE cond)}: {@code FILTER} right after a call's {@code )} (so that the function
     * {@code filter(l, x -> ...)} is left alone).
     */
    static boolean filterWhere(String sql, Builder out) {
        if (sql.toLowerCase(Locale.ROOT).indexOf("filter") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 1; t + 2 < tokens.size(); t++) {
            if (isWord(sql, tokens.get(t), "filter") && isPunct(sql, tokens.get(t - 1), ')')
                    && isPunct(sql, tokens.get(t + 1), '(') && !isWord(sql, tokens.get(t + 2), "where")) {
                int at = tokens.get(t + 2)[0];
                out.copy(0, at).write("WHERE ", at).copy(at, sql.length());
                return true;
            }
        }
        return false;
    }

    /**
     * DuckDB's {@code SEMI JOIN} and {@code ANTI JOIN} (and Spark's {@code LEFT ANTI JOIN}), which the
     * parser does not read, as {@code LEFT SEMI JOIN} and {@code STRAIGHT_JOIN}, which it does and the
     * planner tells apart ({@link #refuseStraightJoin} keeps the second for this).
     */
    static boolean semiAntiJoin(String sql, Builder out) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.indexOf("semi") < 0 && lower.indexOf("anti") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 0; t + 1 < tokens.size(); t++) {
            boolean semi = isWord(sql, tokens.get(t), "semi");
            if (!(semi || isWord(sql, tokens.get(t), "anti")) || !isWord(sql, tokens.get(t + 1), "join")
                    || t > 0 && isWord(sql, tokens.get(t - 1), "as")) {
                continue;
            }
            boolean left = t > 0 && isWord(sql, tokens.get(t - 1), "left");
            if (semi && left || t > 0 && isAnyWord(sql, tokens.get(t - 1), List.of("right", "full", "inner", "outer",
                    "cross", "natural"))) {
                continue; // LEFT SEMI JOIN, which the parser reads; RIGHT ANTI JOIN and the like, which it refuses
            }
            // the parser reads no ANTI JOIN: it is written STRAIGHT_JOIN, which a query may not write itself
            int from = tokens.get(left ? t - 1 : t)[0];
            out.copy(0, from).write(semi ? "LEFT SEMI JOIN" : "STRAIGHT_JOIN", from).copy(tokens.get(t + 1)[1], sql.length());
            return true;
        }
        return false;
    }

    /**
     * {@code a POSITIONAL JOIN b}, which the parser does not read, as its {@code OUTER APPLY} (SQL
     * Server's, which Floe does not otherwise read: a query's own is refused by {@link
     * #refuseStraightJoin}); {@link FromPlanner} joins the two sides row by row.
     */
    static boolean positionalJoin(String sql, Builder out) {
        if (sql.toLowerCase(Locale.ROOT).indexOf("positional") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 0; t + 1 < tokens.size(); t++) {
            if (isWord(sql, tokens.get(t), "positional") && isWord(sql, tokens.get(t + 1), "join")
                    && !(t > 0 && isWord(sql, tokens.get(t - 1), "as"))) {
                out.copy(0, tokens.get(t)[0]).write("OUTER APPLY", tokens.get(t)[0])
                        .copy(tokens.get(t + 1)[1], sql.length());
                return true;
            }
        }
        return false;
    }

    /**
     * {@code $tag$text$tag$}, which the parser reads as a name, and {@code $$text$$} as {@code 'text'}
     * (a quote in it doubled), named as DuckDB names them.
     */
    static boolean dollarQuotes(String sql, Builder out) {
        if (sql.indexOf('$') < 0) {
            return false;
        }
        for (int[] token : tokens(sql)) {
            if (token[2] == STRING && sql.charAt(token[0]) == '$') {
                int tag = sql.indexOf('$', token[0] + 1) + 1 - token[0];
                if (token[1] - token[0] < 2 * tag || !sql.startsWith(sql.substring(token[0], token[0] + tag),
                        token[1] - tag)) {
                    throw new MacroError("the string " + sql.substring(token[0], token[0] + tag) + "... is not closed",
                            token[0]);
                }
                String text = sql.substring(token[0] + tag, token[1] - tag);
                out.copy(0, token[0]).write("'" + text.replace("'", "''") + "'", token[0]).copy(token[1], sql.length());
                return true;
            }
        }
        return false;
    }

    /** The function {@link #limitPercent} writes a percentage of LIMIT as; {@link SelectPlanner} reads it. */
    static final String LIMIT_PERCENT = "__floe_limit_percent";

    private static final java.util.regex.Pattern PERCENT_OF_ROWS = java.util.regex.Pattern.compile(
            "\\s*(-\\s*)?(\\d+(?:\\.\\d*)?|\\.\\d+|null\\b)\\s*(?:%|percent\\b)(?=\\s*(?:$|;|\\)|--|/\\*|offset\\b"
                    + "|union\\b|except\\b|intersect\\b))", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** {@code LIMIT 10%} and {@code LIMIT 10 PERCENT}, which the parser does not read, as {@code LIMIT __floe_limit_percent(10)}. */
    static boolean limitPercent(String sql, Builder out) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.indexOf("limit") < 0 || lower.indexOf('%') < 0 && lower.indexOf("percent") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int[] token : tokens) {
            if (!isWord(sql, token, "limit")) {
                continue;
            }
            java.util.regex.Matcher percent = PERCENT_OF_ROWS.matcher(sql).region(token[1], sql.length());
            if (percent.lookingAt()) {
                if (percent.group(1) != null) {
                    throw new MacroError("LIMIT's percentage is from 0 to 100%, not -" + percent.group(2) + "%", token[0]);
                }
                // LIMIT NULL% keeps every row, as LIMIT NULL does
                String count = percent.group(2).equalsIgnoreCase("null") ? "NULL" : LIMIT_PERCENT + "(" + percent.group(2) + ")";
                out.copy(0, token[1]).write(" " + count, token[1]).copy(percent.end(), sql.length());
                return true;
            }
        }
        return false;
    }

    /**
     * A sample as DuckDB writes one ({@code TABLESAMPLE 10%}, {@code USING SAMPLE reservoir(50 ROWS)
     * REPEATABLE (7)}): {@code amount} rows, or percent of the rows, drawn by {@code method}
     * ({@code reservoir}, {@code system} or {@code bernoulli}); {@code seed} null for a new draw each run.
     */
    record Sample(String method, java.math.BigDecimal amount, boolean rows, Long seed) {
    }

    private static final java.util.regex.Pattern SAMPLE_AMOUNT_FIRST = java.util.regex.Pattern.compile(
            "\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(%|percent\\b|rows\\b)?(?:\\s*\\(\\s*([a-z_]+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern SAMPLE_METHOD_FIRST = java.util.regex.Pattern.compile(
            "\\s*([a-z_]+)\\s*\\(\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(%|percent\\b|rows\\b)?\\s*\\)",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern SAMPLE_PARENTHESIZED = java.util.regex.Pattern.compile(
            "\\s*\\(\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(%|percent\\b|rows\\b)?\\s*\\)",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern SAMPLE_SEED = java.util.regex.Pattern.compile(
            "\\s*repeatable\\s*\\(\\s*(\\d+)\\s*\\)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The words that end a FROM clause at its own depth. */
    private static final List<String> AFTER_FROM = List.of("where", "group", "having", "window", "qualify", "order",
            "limit", "offset", "union", "except", "intersect", "using", "fetch", "select");

    /**
     * DuckDB's samples, which the parser does not read (and passes over after a table function):
     * {@code item TABLESAMPLE spec} as {@code item SAMPLE (k)} (a table function's or VALUES'
     * item wrapped in {@code (SELECT * FROM item) alias} first), and {@code ... USING SAMPLE spec}
     * as {@code FROM (SELECT * FROM item) alias SAMPLE (k)}, the FROM item sampled before WHERE as
     * DuckDB samples it; {@code k} is {@code base} plus the spec's place in {@code samples} (a
     * number no text the user wrote holds). A USING SAMPLE over
     * anything but one table, file, table function or subquery, and specs DuckDB refuses, are refused.
     */
    static boolean sample(String sql, Builder out, List<Sample> samples, long base) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.indexOf("sample") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 0; t < tokens.size(); t++) {
            boolean table = isWord(sql, tokens.get(t), "tablesample");
            boolean using = !table && t + 1 < tokens.size() && isWord(sql, tokens.get(t), "using")
                    && isWord(sql, tokens.get(t + 1), "sample");
            if (!table && !using) {
                continue;
            }
            if (samples.size() >= 1000) {
                throw new MacroError("a statement takes at most 1,000 samples", tokens.get(t)[0]);
            }
            int specStart = tokens.get(using ? t + 1 : t)[1];
            int[] specEnd = new int[1];
            Sample spec = sampleSpec(sql, specStart, specEnd, tokens.get(t)[0]);
            String marker = " SAMPLE (" + (base + samples.size()) + ")";
            if (table) {
                int item = wrappedItemStart(sql, tokens, t);
                if (item >= 0) {
                    // the parser reads no sample after a table function or VALUES: their rows sampled in a subquery
                    String alias = sampledAlias(sql, tokens.subList(item, t));
                    if (alias == null) {
                        throw new MacroError("TABLESAMPLE after this FROM item is not supported yet: sample a subquery, "
                                + "FROM (SELECT * FROM ...) t TABLESAMPLE ...", tokens.get(t)[0]);
                    }
                    samples.add(spec);
                    int[] first = tokens.get(item);
                    int itemEnd = tokens.get(t - 1)[1];
                    out.copy(0, first[0]).write("(SELECT * FROM ", first[0]).copy(first[0], itemEnd)
                            .write(")" + (alias.isEmpty() ? "" : " " + alias) + marker, itemEnd)
                            .copy(specEnd[0], sql.length());
                    return true;
                }
                samples.add(spec);
                out.copy(0, tokens.get(t)[0]).write(marker.substring(1), tokens.get(t)[0]).copy(specEnd[0], sql.length());
                return true;
            }
            // the FROM of this USING SAMPLE's SELECT: the nearest FROM before it at its depth (not IS DISTINCT FROM's),
            // or, written first (FROM t SELECT ...), the one right before its SELECT
            int depth = 0;
            int from = -1;
            int selects = 0;
            for (int u = t - 1; u >= 0 && from < 0; u--) {
                int[] token = tokens.get(u);
                if (isPunct(sql, token, ')')) {
                    depth++;
                } else if (isPunct(sql, token, '(')) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (depth == 0 && isWord(sql, token, "from") && !(u > 0 && isWord(sql, tokens.get(u - 1), "distinct"))) {
                    from = u;
                } else if (depth == 0 && (isWord(sql, token, "select") && ++selects > 1
                        || isAnyWord(sql, token, List.of("union", "except", "intersect")))) {
                    break;
                }
            }
            if (from < 0) {
                throw new MacroError("USING SAMPLE samples the rows of the query's FROM clause, and this query has none",
                        tokens.get(t)[0]);
            }
            int end = from + 1;
            depth = 0;
            for (; end < t; end++) {
                int[] token = tokens.get(end);
                if (isPunct(sql, token, '(')) {
                    depth++;
                } else if (isPunct(sql, token, ')')) {
                    depth--;
                } else if (depth == 0 && isAnyWord(sql, token, AFTER_FROM)) {
                    break;
                }
            }
            String alias = end == from + 1 ? null : sampledAlias(sql, tokens.subList(from + 1, end));
            if (alias == null) {
                throw new MacroError("USING SAMPLE samples one table, file, table function or subquery; for a join "
                        + "(DuckDB samples its rows) sample a subquery: FROM (SELECT * FROM a JOIN b ON ...) USING SAMPLE ...",
                        tokens.get(t)[0]);
            }
            samples.add(spec);
            int itemStart = tokens.get(from)[1];
            int itemEnd = tokens.get(end - 1)[1];
            out.copy(0, itemStart).write(" (SELECT * FROM", itemStart).copy(itemStart, itemEnd)
                    .write(")" + (alias.isEmpty() ? "" : " " + alias) + marker, itemEnd)
                    .copy(itemEnd, tokens.get(t)[0]).copy(specEnd[0], sql.length());
            return true;
        }
        return false;
    }

    /**
     * Where the FROM item that ends right before token {@code before} begins, when it is one the
     * parser reads no sample after: a table function ({@code f(...)}, {@code s.f(...) t}, {@code
     * f(...) AS t(a, b)}) or a parenthesized item ({@code (VALUES ...) v(a)}), after FROM, JOIN,
     * APPLY or a comma; -1 for any other item.
     */
    private static int wrappedItemStart(String sql, List<int[]> tokens, int before) {
        int i = before - 1;
        if (i < 1) {
            return -1;
        }
        int close;
        if (isPunct(sql, tokens.get(i), ')')) {
            int open = openingOf(sql, tokens, i);
            if (open < 2) {
                return -1;
            }
            if (isName(tokens.get(open - 1)) && isPunct(sql, tokens.get(open - 2), ')')) {
                close = open - 2; // f(...) t(a, b)
            } else if (isName(tokens.get(open - 1)) && isWord(sql, tokens.get(open - 2), "as") && open >= 3
                    && isPunct(sql, tokens.get(open - 3), ')')) {
                close = open - 3; // f(...) AS t(a, b)
            } else {
                close = i; // f(...), (VALUES ...)
            }
        } else if (isName(tokens.get(i))) {
            int j = isWord(sql, tokens.get(i - 1), "as") ? i - 2 : i - 1;
            if (j < 0 || !isPunct(sql, tokens.get(j), ')')) {
                return -1;
            }
            close = j; // f(...) t, f(...) AS t
        } else {
            return -1;
        }
        int open = openingOf(sql, tokens, close);
        if (open < 1) {
            return -1;
        }
        int start = open;
        if (isName(tokens.get(open - 1)) && !isItemLead(sql, tokens.get(open - 1))) {
            start = open - 1; // a function's name, maybe qualified
            while (start >= 2 && isPunct(sql, tokens.get(start - 1), '.') && isName(tokens.get(start - 2))) {
                start -= 2;
            }
        }
        return start > 0 && isItemLead(sql, tokens.get(start - 1)) ? start : -1;
    }

    /** Whether {@code token} comes right before a FROM item: FROM, JOIN, APPLY or a comma. */
    private static boolean isItemLead(String sql, int[] token) {
        return isAnyWord(sql, token, List.of("from", "join", "apply")) || isPunct(sql, token, ',');
    }

    /**
     * The name a lone FROM item is known by, for the subquery that samples it: its alias, a table's
     * or function's own name, a file's stem; "" for a subquery without one; null where the item is
     * none of a table, file, table function or subquery with an optional alias (a join, PIVOT).
     * A sample already written after it ({@code SAMPLE (k)}) stays inside.
     */
    private static String sampledAlias(String sql, List<int[]> item) {
        int n = item.size();
        if (n >= 4 && isWord(sql, item.get(n - 4), "sample") && isPunct(sql, item.get(n - 3), '(')
                && isPunct(sql, item.get(n - 1), ')')) {
            n -= 4;
        }
        if (n == 0) {
            return null;
        }
        int at;
        String own;
        int[] first = item.get(0);
        if (first[2] == STRING && sql.charAt(first[0]) == '\'') {
            String path = sql.substring(first[0] + 1, first[1] - 1).replace("''", "'");
            String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            own = name.indexOf('.') > 0 ? name.substring(0, name.indexOf('.')) : name;
            own = "\"" + own.replace("\"", "\"\"") + "\"";
            at = 1;
        } else if (isPunct(sql, first, '(')) {
            int close = closingOf(sql, item, 0);
            if (close < 0) {
                return null;
            }
            own = "";
            at = close + 1;
        } else if (isName(first)) {
            at = 1;
            while (at + 1 < n && isPunct(sql, item.get(at), '.') && isName(item.get(at + 1))) {
                at += 2;
            }
            int[] last = item.get(at - 1);
            own = sql.substring(last[0], last[1]);
            if (at < n && isPunct(sql, item.get(at), '(')) {
                int close = closingOf(sql, item, at);
                if (close < 0) {
                    return null;
                }
                at = close + 1;
            }
        } else {
            return null;
        }
        if (at < n && isWord(sql, item.get(at), "as")) {
            at++;
        }
        if (at < n && isName(item.get(at))) {
            own = sql.substring(item.get(at)[0], item.get(at)[1]);
            at++;
            if (at < n && isPunct(sql, item.get(at), '(')) {
                int close = closingOf(sql, item, at);
                if (close < 0) {
                    return null;
                }
                at = close + 1;
            }
        }
        return at == n ? own : null;
    }

    /** The token closing the parenthesis that token {@code open} of {@code tokens} opens, or -1. */
    private static int closingOf(String sql, List<int[]> tokens, int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            if (isPunct(sql, tokens.get(k), '(') || isPunct(sql, tokens.get(k), '[')) {
                depth++;
            } else if ((isPunct(sql, tokens.get(k), ')') || isPunct(sql, tokens.get(k), ']')) && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /** A sample's spec from {@code at}, its end put in {@code end[0]}; {@code keyword} places errors. */
    private static Sample sampleSpec(String sql, int at, int[] end, int keyword) {
        java.util.regex.Matcher first = SAMPLE_AMOUNT_FIRST.matcher(sql).region(at, sql.length());
        java.util.regex.Matcher method = SAMPLE_METHOD_FIRST.matcher(sql).region(at, sql.length());
        java.util.regex.Matcher parenthesized = SAMPLE_PARENTHESIZED.matcher(sql).region(at, sql.length());
        String name;
        String amount;
        String unit;
        String seed = null;
        int stop;
        if (parenthesized.lookingAt()) {
            name = null;
            amount = parenthesized.group(1);
            unit = parenthesized.group(2);
            stop = parenthesized.end();
        } else if (method.lookingAt()) {
            name = method.group(1);
            amount = method.group(2);
            unit = method.group(3);
            stop = method.end();
        } else if (first.lookingAt()) {
            amount = first.group(1);
            unit = first.group(2);
            name = first.group(3);
            seed = first.group(4);
            stop = first.end();
        } else {
            throw new MacroError("a sample is written as 10%, 10 PERCENT, 50 ROWS, reservoir(10%) or 10% (bernoulli, 42), "
                    + "with REPEATABLE (seed) after it if wanted", keyword);
        }
        java.util.regex.Matcher repeatable = SAMPLE_SEED.matcher(sql).region(stop, sql.length());
        if (repeatable.lookingAt()) {
            if (seed != null) {
                throw new MacroError("a sample takes one seed, not one in its method and a REPEATABLE too", keyword);
            }
            seed = repeatable.group(1);
            stop = repeatable.end();
        }
        boolean rows = unit == null ? !amount.contains(".") && !amount.startsWith(".") : unit.equalsIgnoreCase("rows");
        if (unit == null && !rows) {
            throw new MacroError("a sample of " + amount + " rows: a count of rows is a whole number (write " + amount
                    + "% for a percentage)", keyword);
        }
        String how = name == null ? (rows ? "reservoir" : "system") : name.toLowerCase(Locale.ROOT);
        if (!List.of("reservoir", "system", "bernoulli").contains(how)) {
            throw new MacroError("unknown sample method " + name + ": reservoir, system or bernoulli", keyword);
        }
        java.math.BigDecimal size = new java.math.BigDecimal(amount.startsWith(".") ? "0" + amount : amount);
        if (rows && !how.equals("reservoir")) {
            throw new MacroError("the sample method " + how + " takes a percentage, not a count of rows; reservoir takes "
                    + "either", keyword);
        }
        if (rows && size.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new MacroError("a sample of " + amount + " rows is past the largest count, " + Long.MAX_VALUE, keyword);
        }
        if (rows && size.stripTrailingZeros().scale() > 0) {
            throw new MacroError("a sample of " + amount + " rows: a count of rows is a whole number", keyword);
        }
        if (!rows && size.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
            throw new MacroError("a sample of " + amount + "% is out of range: 0 to 100%", keyword);
        }
        Long seedValue = null;
        if (seed != null) {
            try {
                seedValue = Long.parseLong(seed);
            } catch (NumberFormatException e) {
                throw new MacroError("a sample's seed is a whole number of up to 19 digits, not " + seed, keyword);
            }
        }
        end[0] = stop;
        return new Sample(how, size, rows, seedValue);
    }

    /** The function {@link #starRename} wraps a new name in; {@link SelectPlanner} reads it. */
    static final String RENAME = "__floe_rename";

    /**
     * {@code * RENAME (a AS x, b AS y)} (also after {@code t.*}, {@code EXCLUDE} or {@code REPLACE}),
     * which the parser does not read, as {@code * REPLACE (__floe_rename(x) AS a, ...)}, joined to the
     * star's REPLACE list where it has one: each column keeps its place and value under the new
     * name. Also {@code * EXCLUDE name} as {@code * EXCLUDE (name)}.
     */
    static boolean starRename(String sql, Builder out) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.indexOf("rename") < 0 && lower.indexOf("exclude") < 0 && lower.indexOf("except") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 1; t + 1 < tokens.size(); t++) {
            if (isAnyWord(sql, tokens.get(t), List.of("exclude", "except")) && isPunct(sql, tokens.get(t - 1), ')')) {
                int open = openingOf(sql, tokens, t - 1);
                if (open >= 2 && isWord(sql, tokens.get(open - 1), "replace") && tokens.get(open - 2)[2] == OTHER
                        && sql.charAt(tokens.get(open - 2)[1] - 1) == '*') {
                    // the parser would pass over it: EXCLUDE comes first, as DuckDB reads it
                    throw new MacroError("* EXCLUDE comes before REPLACE and RENAME: write * EXCLUDE (...) REPLACE (...)",
                            tokens.get(t)[0]);
                }
            }
            int[] star = tokens.get(t - 1);
            if (isAnyWord(sql, tokens.get(t), List.of("exclude", "except")) && star[2] == OTHER
                    && sql.charAt(star[1] - 1) == '*' && isName(tokens.get(t + 1))) {
                // * EXCLUDE name, which the parser reads with parentheses only
                int[] name = tokens.get(t + 1);
                out.copy(0, name[0]).write("(", name[0]).copy(name[0], name[1]).write(")", name[1])
                        .copy(name[1], sql.length());
                return true;
            }
            if (!isWord(sql, tokens.get(t), "rename")) {
                continue;
            }
            boolean listed = isPunct(sql, tokens.get(t + 1), '(');
            if (!listed && !(t + 3 < tokens.size() && isName(tokens.get(t + 1)) && isWord(sql, tokens.get(t + 2), "as")
                    && isName(tokens.get(t + 3)))) {
                continue; // RENAME (...) or RENAME old AS new
            }
            int[] before = tokens.get(t - 1);
            boolean afterStar = before[2] == OTHER && sql.charAt(before[1] - 1) == '*';
            int replaceOpen = -1; // the ( of a REPLACE list just before, if any
            if (!afterStar && isPunct(sql, before, ')')) {
                int open = openingOf(sql, tokens, t - 1);
                if (open < 1 || !isAnyWord(sql, tokens.get(open - 1), List.of("replace", "exclude", "except"))) {
                    continue;
                }
                if (isWord(sql, tokens.get(open - 1), "replace")) {
                    replaceOpen = open;
                }
            } else if (!afterStar) {
                continue;
            }
            int close = listed ? endAtDepthZero(sql, tokens, t + 2, token -> false) : t + 4;
            if (listed && close >= tokens.size()) {
                return false;
            }
            StringBuilder items = new StringBuilder();
            int k = listed ? t + 2 : t + 1;
            while (k < close) {
                int end = listed ? argumentEnd(sql, tokens, k) : close;
                // old AS new, or old new: each one name
                int n = end - k;
                boolean as = n == 3 && isWord(sql, tokens.get(k + 1), "as");
                if (!(as || n == 2) || !isName(tokens.get(k)) || !isName(tokens.get(end - 1))) {
                    return false; // the parser reports it
                }
                if (!items.isEmpty()) {
                    items.append(", ");
                }
                items.append(RENAME).append('(').append(sql, tokens.get(end - 1)[0], tokens.get(end - 1)[1])
                        .append(") AS ").append(sql, tokens.get(k)[0], tokens.get(k)[1]);
                k = end + 1;
            }
            int[] renameWord = tokens.get(t);
            if (replaceOpen >= 0) {
                // REPLACE (...) RENAME (...): one REPLACE list
                out.copy(0, before[0]).write(", " + items + ")", renameWord[0]);
            } else {
                out.copy(0, renameWord[0]).write("REPLACE (" + items + ")", renameWord[0]);
            }
            out.copy(listed ? tokens.get(close)[1] : tokens.get(close - 1)[1], sql.length());
            return true;
        }
        return false;
    }

    private static boolean isName(int[] token) {
        return token[2] == WORD || token[2] == QUOTED;
    }

    /** The token that opens the parenthesis token {@code close} closes, or -1. */
    private static int openingOf(String sql, List<int[]> tokens, int close) {
        int depth = 0;
        for (int k = close; k >= 0; k--) {
            if (isPunct(sql, tokens.get(k), ')') || isPunct(sql, tokens.get(k), ']')) {
                depth++;
            } else if ((isPunct(sql, tokens.get(k), '(') || isPunct(sql, tokens.get(k), '[')) && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /** Words after which a {@code GLOB} is not an operator (it begins a table function or a name). */
    private static final List<String> NOT_BEFORE_GLOB = List.of("select", "from", "join", "where", "and", "or", "on",
            "as", "when", "then", "else", "case", "by", "having", "distinct", "lateral", "using", "in", "is", "like",
            "ilike", "with", "returning", "set", "values", "qualify", "all", "any");

    /**
     * {@code x GLOB pattern} and {@code x NOT GLOB pattern}, which the parser does not read, as the
     * parser's {@code MATCH_ANY} (a LIKE-like operator with no meaning of its own in SQL), which
     * {@link ExpressionPlanner} reads as GLOB; a {@code MATCH_ANY} written in a query is refused
     * ({@link #refuseStraightJoin}).
     */
    static boolean glob(String sql, Builder out) {
        if (sql.toLowerCase(Locale.ROOT).indexOf("glob") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        boolean rewritten = false;
        int copied = 0;
        for (int t = 1; t < tokens.size(); t++) {
            if (!isWord(sql, tokens.get(t), "glob")) {
                continue;
            }
            int before = isWord(sql, tokens.get(t - 1), "not") ? t - 2 : t - 1;
            if (before < 0 || !endsValue(sql, tokens.get(before))) {
                continue;
            }
            out.copy(copied, tokens.get(t)[0]).write("MATCH_ANY", tokens.get(t)[0]);
            copied = tokens.get(t)[1];
            rewritten = true;
        }
        if (rewritten) {
            out.copy(copied, sql.length());
        }
        return rewritten;
    }

    /** Whether {@code token} can end an operand: a name, a string, a number, a closing bracket. */
    private static boolean endsValue(String sql, int[] token) {
        return switch (token[2]) {
            case WORD -> !isAnyWord(sql, token, NOT_BEFORE_GLOB) && !isWord(sql, token, "not");
            case QUOTED, STRING -> true;
            case PUNCT -> isPunct(sql, token, ')') || isPunct(sql, token, ']');
            default -> Character.isDigit(sql.charAt(token[0])) || sql.charAt(token[0]) == '.';
        };
    }

    /**
     * Refuses MySQL's STRAIGHT_JOIN, which {@link #semiAntiJoin} writes for ANTI JOIN, MATCH_ANY, which {@link #glob}
     * writes, and OUTER APPLY, which {@link #positionalJoin} writes.
     */
    private static void refuseStraightJoin(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.indexOf("straight_join") < 0 && lower.indexOf("match_any") < 0 && lower.indexOf("apply") < 0) {
            return;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 0; t < tokens.size(); t++) {
            int[] token = tokens.get(t);
            String refused = isWord(sql, token, "straight_join") ? "STRAIGHT_JOIN is not supported; write JOIN"
                    : isWord(sql, token, "match_any") ? "MATCH_ANY is not supported; GLOB, LIKE and SIMILAR TO are"
                    : isWord(sql, token, "apply") && t > 0 && isWord(sql, tokens.get(t - 1), "outer")
                    ? "OUTER APPLY is not supported; write LEFT JOIN LATERAL (...) ON true" : null;
            if (refused != null && !(t > 0 && isWord(sql, tokens.get(t - 1), "as"))) {
                int[] at = new Rewritten(sql, sql, List.of()).writtenPosition(1 + lines(sql, token[0]),
                        token[0] - sql.lastIndexOf('\n', token[0] - 1));
                throw new SqlException(refused, sql, at[0], at[1]);
            }
        }
    }

    // ---- list comprehensions ------------------------------------------------------------------

    /**
     * The first list comprehension, {@code [expr FOR x IN list]} or {@code [expr FOR x IN list IF cond]},
     * as {@code list_transform(list, x -> expr)} or {@code list_transform(list_filter(list, x -> cond), x -> expr)};
     * with the element's position, {@code [expr FOR x, i IN list]} as {@code list_transform(list, (x, i) -> expr)}
     * and {@code [expr FOR x, i IN list IF cond]} as
     * {@code flatten(list_transform(list, (x, i) -> CASE WHEN cond THEN list_value(expr) ELSE [] END))}, where
     * {@code i} counts every element of the list, as in DuckDB.
     */
    static boolean comprehension(String sql, Builder out) {
        if (sql.toLowerCase(Locale.ROOT).indexOf("for") < 0) {
            return false;
        }
        List<int[]> tokens = tokens(sql);
        for (int t = 0; t < tokens.size(); t++) {
            if (!isPunct(sql, tokens.get(t), '[')) {
                continue;
            }
            int depth = 0;
            int forAt = -1;
            int inAt = -1;
            int ifAt = -1;
            int close = -1;
            for (int k = t + 1; k < tokens.size() && close < 0; k++) {
                int[] token = tokens.get(k);
                if (isPunct(sql, token, '(') || isPunct(sql, token, '[')) {
                    depth++;
                } else if (isPunct(sql, token, ')') || isPunct(sql, token, ']')) {
                    if (depth-- == 0) {
                        close = k;
                    }
                } else if (depth == 0 && forAt < 0 && isWord(sql, token, "for")) {
                    forAt = k;
                } else if (depth == 0 && forAt >= 0 && inAt < 0 && isWord(sql, token, "in")) {
                    inAt = k;
                } else if (depth == 0 && inAt >= 0 && ifAt < 0 && isWord(sql, token, "if")) {
                    ifAt = k;
                }
            }
            boolean indexed = forAt > 0 && forAt + 3 < tokens.size() && isPunct(sql, tokens.get(forAt + 2), ',');
            if (close < 0 || forAt <= t + 1 || inAt != forAt + (indexed ? 4 : 2)
                    || inAt + 1 >= (ifAt > 0 ? ifAt : close) || ifAt > 0 && ifAt + 1 >= close) {
                continue; // not a comprehension: [1, 2], l[1], [x FOR ...] without its parts
            }
            int[] variable = tokens.get(forAt + 1);
            int[] index = indexed ? tokens.get(forAt + 3) : null;
            if (variable[2] != WORD && variable[2] != QUOTED || index != null && index[2] != WORD && index[2] != QUOTED) {
                continue;
            }
            int open = tokens.get(t)[0];
            int forOffset = tokens.get(forAt)[0];
            int ifOffset = ifAt > 0 ? tokens.get(ifAt)[0] : -1;
            int closeOffset = tokens.get(close)[0];
            int exprStart = tokens.get(t + 1)[0];
            int exprEnd = tokens.get(forAt - 1)[1];
            int listStart = tokens.get(inAt + 1)[0];
            int listEnd = tokens.get((ifAt > 0 ? ifAt : close) - 1)[1];
            out.copy(0, open);
            if (index != null) {
                // (x, i): i counts the list's elements before any are left out, so the condition keeps or drops
                // each element's [expr] in one pass
                boolean filtered = ifAt > 0;
                out.write(filtered ? "flatten(list_transform(" : "list_transform(", open).copy(listStart, listEnd)
                        .write(", (", forOffset).copy(variable[0], variable[1]).write(", ", forOffset)
                        .copy(index[0], index[1]).write(") -> ", forOffset);
                if (filtered) {
                    out.write("CASE WHEN ", ifOffset).copy(tokens.get(ifAt + 1)[0], tokens.get(close - 1)[1])
                            .write(" THEN list_value(", open).copy(exprStart, exprEnd).write(") ELSE [] END))", closeOffset);
                } else {
                    out.copy(exprStart, exprEnd).write(")", closeOffset);
                }
                out.copy(tokens.get(close)[1], sql.length());
                return true;
            }
            out.write("list_transform(", open);
            if (ifAt > 0) {
                out.write("list_filter(", open).copy(listStart, listEnd).write(", ", ifOffset)
                        .copy(variable[0], variable[1]).write(" -> ", ifOffset)
                        .copy(tokens.get(ifAt + 1)[0], tokens.get(close - 1)[1]).write(")", closeOffset);
            } else {
                out.copy(listStart, listEnd);
            }
            out.write(", ", forOffset).copy(variable[0], variable[1]).write(" -> ", forOffset).copy(exprStart, exprEnd)
                    .write(")", closeOffset).copy(tokens.get(close)[1], sql.length());
            return true;
        }
        return false;
    }
}
