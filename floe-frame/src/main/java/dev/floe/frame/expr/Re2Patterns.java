package dev.floe.frame.expr;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions in RE2's syntax (DuckDB's, and Go's) run on {@link java.util.regex}. The
 * two agree on most of the syntax, but not on all of it, so a pattern is rewritten where they
 * differ in meaning ({@code $} is the end of the text, not the place before a last line break;
 * {@code \s} does not match a vertical tab) and refused, naming the construct, where Java would
 * accept what RE2 refuses or read it otherwise (lookaround, back references, possessive
 * quantifiers, inline flags, POSIX and nested classes, Java's own escapes). Thread-safe: static
 * methods only.
 */
public final class Re2Patterns {
    private static final String RE2_SPACE = "\\t\\n\\f\\r ";

    private Re2Patterns() {}

    /**
     * {@code pattern} as a compiled Java pattern that matches what RE2 matches.
     *
     * @param ignoreCase RE2's {@code i} option: Unicode case folding
     * @throws IllegalArgumentException naming the construct that is refused, or the syntax error
     */
    public static Pattern compile(String pattern, boolean ignoreCase) {
        String java = toJava(pattern);
        try {
            // RE2's . stops only at \n (Java's also at \r, U+0085, U+2028 and U+2029)
            return Pattern.compile(java, Pattern.UNIX_LINES | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + pattern + "': " + e.getDescription());
        }
    }

    static String toJava(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        boolean inClass = false;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw refused(pattern, "a trailing backslash");
                }
                char next = pattern.charAt(i + 1);
                if (next == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    String quoted = end < 0 ? pattern.substring(i + 2) : pattern.substring(i + 2, end);
                    out.append(inClass ? quoteInClass(quoted) : Pattern.quote(quoted));
                    i = end < 0 ? n : end + 2;
                    continue;
                }
                if (next == 's' || next == 'S') {
                    if (next == 'S' && inClass) {
                        throw refused(pattern, "\\S inside a character class");
                    }
                    out.append(inClass ? RE2_SPACE : next == 's' ? "[" + RE2_SPACE + "]" : "[^" + RE2_SPACE + "]");
                } else if ("dDwWtnrf".indexOf(next) >= 0 || (!inClass && "bBAz".indexOf(next) >= 0)
                        || !Character.isLetterOrDigit(next)) {
                    out.append(c).append(next);
                } else {
                    throw refused(pattern, "the escape \\" + next);
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == '[') {
                    throw refused(pattern, pattern.startsWith("[:", i) ? "POSIX classes ([:alpha:])"
                            : "'[' inside a character class");
                }
                if (c == '&' && i + 1 < n && pattern.charAt(i + 1) == '&') {
                    throw refused(pattern, "'&&' inside a character class");
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                i++;
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    i++;
                    // a ']' first (after '^') is itself, in both syntaxes
                    if (i < n && pattern.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i < n && pattern.charAt(i) == ']') {
                        out.append("\\]");
                        i++;
                    }
                    continue;
                }
                case '$' -> out.append("\\z"); // RE2's end of text; Java's $ also matches before a last \n
                case '(' -> {
                    if (i + 1 < n && pattern.charAt(i + 1) == '?' && !pattern.startsWith("(?:", i)) {
                        throw refused(pattern, "'(?' groups other than (?:...) (lookaround, named groups, inline "
                                + "flags)");
                    }
                    out.append(c);
                }
                case '*', '+', '?', '}' -> {
                    out.append(c);
                    if (i + 1 < n && pattern.charAt(i + 1) == '+') {
                        throw refused(pattern, "possessive quantifiers (" + c + "+)");
                    }
                }
                default -> out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    private static String quoteInClass(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        return out.toString();
    }

    private static IllegalArgumentException refused(String pattern, String construct) {
        return new IllegalArgumentException("regular expression '" + pattern + "': " + construct
                + " is not supported");
    }

    /**
     * RE2's replacement text as literal pieces and group numbers: {@code \0} to {@code \9} name a
     * group, {@code \\} is a backslash, anything else is itself ({@code $} too).
     *
     * @param groups the groups the pattern has; a larger number is refused, as RE2 refuses it
     * @return the pieces: a {@code String} is literal text, an {@code Integer} a group
     */
    public static java.util.List<Object> replacement(String replacement, int groups) {
        java.util.List<Object> pieces = new java.util.ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c != '\\') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= replacement.length()) {
                throw new IllegalArgumentException("the replacement '" + replacement + "' ends with a backslash");
            }
            char next = replacement.charAt(++i);
            if (next == '\\') {
                literal.append('\\');
            } else if (next >= '0' && next <= '9') {
                if (next - '0' > groups) {
                    throw new IllegalArgumentException("the replacement '" + replacement + "' names group " + next
                            + ", but the pattern has " + groups);
                }
                if (!literal.isEmpty()) {
                    pieces.add(literal.toString());
                    literal.setLength(0);
                }
                pieces.add(next - '0');
            } else {
                throw new IllegalArgumentException("the replacement '" + replacement + "' holds \\" + next
                        + "; \\0 to \\9 name groups and \\\\ is a backslash");
            }
        }
        if (!literal.isEmpty()) {
            pieces.add(literal.toString());
        }
        return pieces;
    }
}
