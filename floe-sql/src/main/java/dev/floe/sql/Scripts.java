package dev.floe.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting SQL text into statements at the semicolons that are outside quotes and comments,
 * for scripts and the interactive shell.
 */
public final class Scripts {
    private Scripts() {}

    /** The non-blank statements of {@code script}, without their semicolons. */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(script, i, c);
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                add(statements, script.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(statements, script.substring(Math.min(start, n)));
        return statements;
    }

    /**
     * Whether {@code text} ends a statement: its last character outside quotes and comments,
     * ignoring white space, is a semicolon. The shell reads lines until this holds.
     */
    public static boolean complete(String text) {
        int i = 0;
        int n = text.length();
        boolean lastIsSemicolon = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = skipQuoted(text, i, c);
                if (end > n) {
                    return false; // an open quote
                }
                i = end;
                lastIsSemicolon = false;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else {
                if (!Character.isWhitespace(c)) {
                    lastIsSemicolon = c == ';';
                }
                i++;
            }
        }
        return lastIsSemicolon;
    }

    /**
     * The index just past the quoted text opening at {@code open} (a doubled quote stays inside),
     * or {@code text.length() + 1} if the quote is never closed.
     */
    static int skipQuoted(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length() + 1;
    }

    private static void add(List<String> statements, String statement) {
        if (!onlyComments(statement)) {
            statements.add(statement.strip());
        }
    }

    private static boolean onlyComments(String text) {
        String stripped = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
        return stripped.isBlank();
    }
}
