package dev.floe.frame.io.json;

import dev.floe.FloeException;

/**
 * A JSON input that does not read: where (file, line and column as an editor counts them, from
 * 1; the key when a value is the problem), what was found and what was expected.
 */
public class JsonReadException extends FloeException {
    private final String file;
    private final long line;
    private final String key;

    /**
     * @param file the file
     * @param line the line, from 1
     * @param column the character in the line, from 1, or 0 when not known
     * @param key the column (a nested key as {@code outer.inner}), or null when the problem is not one value's
     * @param problem what was found and what was expected
     */
    public JsonReadException(String file, long line, long column, String key, String problem, Throwable cause) {
        super(file + ", line " + line + (column > 0 ? ", column " + column : "")
                + (key != null ? ", key '" + key + "'" : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    /** The column whose value is the problem, or null. */
    public String key() {
        return key;
    }
}
