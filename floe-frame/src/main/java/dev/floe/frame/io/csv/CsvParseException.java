package dev.floe.frame.io.csv;

import dev.floe.FloeException;

/**
 * A CSV input that does not read: where (file, line, column), the text found, and what was
 * expected. Lines count from 1, as an editor shows them.
 */
public class CsvParseException extends FloeException {
    private final String file;
    private final long line;
    private final String column;
    private final String found;
    private final String expected;
    private final String hint;

    /**
     * @param file the file (or "input" for a stream)
     * @param line the line where the row starts
     * @param column the column's name, or null when the problem is the row's
     * @param found the offending text, shortened if long; null when nothing was found
     * @param expected what would have been read
     * @param hint what to do about it, or null
     */
    public CsvParseException(String file, long line, String column, String found, String expected, String hint) {
        super(message(file, line, column, found, expected, hint));
        this.file = file;
        this.line = line;
        this.column = column;
        this.found = found;
        this.expected = expected;
        this.hint = hint;
    }

    /**
     * The same problem with another hint: what fits where the error is shown (an option of the
     * {@code floe} command, of SQL's {@code read_csv}) instead of the Java methods.
     */
    public CsvParseException withHint(String newHint) {
        CsvParseException copy = new CsvParseException(file, line, column, found, expected, newHint);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** What to do about it, or null. */
    public String hint() {
        return hint;
    }

    private static String message(String file, long line, String column, String found, String expected, String hint) {
        StringBuilder text = new StringBuilder(file).append(", line ").append(line);
        if (column != null) {
            text.append(", column '").append(column).append('\'');
        }
        text.append(": ");
        if (found != null) {
            text.append("found \"").append(shortened(found)).append("\", ");
        }
        text.append("expected ").append(expected);
        if (hint != null) {
            text.append(" (").append(hint).append(')');
        }
        return text.toString();
    }

    static String shortened(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    /** The column's name, or null when the problem is the whole row's. */
    public String column() {
        return column;
    }

    /** The offending text, shortened if long, or null. */
    public String found() {
        return found;
    }

    public String expected() {
        return expected;
    }
}
