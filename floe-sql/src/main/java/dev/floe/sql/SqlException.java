package dev.floe.sql;

/**
 * A query that cannot run: a syntax error, a construct Floe does not support, or a table,
 * column or function that does not exist. {@link #getMessage()} names the line and column and
 * shows the query's line with a caret under the place:
 *
 * <pre>
 * unknown column "v9" at line 1, column 8; columns are: id1, v1, v2
 *   SELECT v9 FROM t
 *          ^
 * </pre>
 *
 * Line and column are counted from 1; both are 0 when the place is not known.
 */
public final class SqlException extends dev.floe.FloeException {
    private final String reason;
    private final String query;
    private final int line;
    private final int column;

    public SqlException(String reason, String query, int line, int column) {
        this(reason, query, line, column, null);
    }

    public SqlException(String reason, String query, int line, int column, Throwable cause) {
        super(Translator.written(reason), cause);
        this.reason = Translator.written(reason); // the parser's text of a quoted name shows its dots
        this.query = Translator.dots(query);
        this.line = line;
        this.column = column;
    }

    /** The message with its place, made when first asked for (the translator tries names and catches what fails). */
    private volatile String message;

    @Override
    public String getMessage() {
        String made = message;
        if (made == null) {
            made = format(reason, query, line, column);
            message = made;
        }
        return made;
    }

    /**
     * This error, about text that begins at offset {@code at} of {@code statement}, placed in the
     * statement (a query inside DESCRIBE, SUMMARIZE or INSERT ... BY NAME).
     */
    SqlException placedIn(String statement, int at) {
        // at may fall before the statement's start, where a prefix was put before the text (SELECT * FROM t)
        int startLine = 1 + (int) statement.substring(0, Math.max(0, at)).chars().filter(ch -> ch == '\n').count();
        int startColumn = at - statement.lastIndexOf('\n', at - 1);
        return new SqlException(reason, statement, line <= 1 ? startLine : line + startLine - 1,
                line <= 1 ? column + startColumn - 1 : column, this);
    }

    /**
     * Where this error says an argument must be written in the query: that argument, for a
     * function call to compute per value instead ({@link ExpressionPlanner}); else null.
     */
    private transient Object constantArgument;
    private transient boolean integerArgument;

    /** This error, saying that {@code argument} must be a constant (a whole number, or else text). */
    SqlException needingConstant(Object argument, boolean integer) {
        this.constantArgument = argument;
        this.integerArgument = integer;
        return this;
    }

    Object constantArgument() {
        return constantArgument;
    }

    boolean integerArgument() {
        return integerArgument;
    }

    /** What went wrong, without the place. */
    public String reason() {
        return reason;
    }

    /** The query text the error is about. */
    public String query() {
        return query;
    }

    /** The line in the query, from 1; 0 if not known. */
    public int line() {
        return line;
    }

    /** The column in the line, from 1; 0 if not known. */
    public int column() {
        return column;
    }

    /**
     * This error, about a query that sits in {@code outer} from character {@code offset} on, placed
     * in {@code outer} instead.
     */
    SqlException shifted(String outer, int offset) {
        if (line <= 0 || query == null) {
            return new SqlException(reason, outer, 0, 0, this);
        }
        int index = 0;
        for (int l = 1; l < line && index < query.length(); index++) {
            if (query.charAt(index) == '\n') {
                l++;
            }
        }
        int absolute = Math.min(outer.length(), offset + index + column - 1);
        int outerLine = 1;
        int outerColumn = 1;
        for (int i = 0; i < absolute; i++) {
            if (outer.charAt(i) == '\n') {
                outerLine++;
                outerColumn = 1;
            } else {
                outerColumn++;
            }
        }
        return new SqlException(reason, outer, outerLine, outerColumn, getCause());
    }

    private static String format(String reason, String query, int line, int column) {
        if (line <= 0 || query == null) {
            return reason;
        }
        String[] lines = query.split("\r\n|\r|\n", -1);
        if (line > lines.length) {
            return reason + " at line " + line + ", column " + column;
        }
        String text = lines[line - 1];
        StringBuilder caret = new StringBuilder("  ");
        for (int i = 0; i < Math.max(0, column - 1) && i < text.length(); i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return reason + " at line " + line + ", column " + column + "\n  " + text + "\n" + caret;
    }
}
