package dev.floe.frame.expr;

import java.util.regex.Pattern;

/**
 * A pattern in RE2's syntax written for {@link java.util.regex}, which matches most patterns
 * several times faster than re2j: the two agree on most of the syntax, so the pattern is
 * rewritten where they differ in meaning ({@code $} is the end of the text, not the place before
 * a last line break; {@code \s} does not match a vertical tab; RE2's flags {@code (?imsU)} and
 * {@code (?flags:re)}, where {@code m} moves {@code ^} and {@code $} to line breaks and {@code U}
 * swaps greedy and lazy repetition; a named group {@code (?P<name>re)} is a numbered group as any
 * other). What Java would read otherwise (POSIX and nested classes, escapes Java reads its own
 * way) has no translation: {@link Regex} then matches with re2j alone. Thread-safe: static
 * methods only.
 */
final class JavaTranslation {
    private static final String RE2_SPACE = "\\t\\n\\f\\r ";
    private static final String WORD = "[0-9A-Za-z_]";
    private static final String WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NO_WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

    private JavaTranslation() {}

    /**
     * {@code pattern}, already accepted by re2j, as a Java pattern that matches what RE2 matches;
     * null where Java would read it otherwise.
     */
    static Pattern compile(String pattern, boolean ignoreCase) {
        try {
            // RE2's . stops only at \n (Java's also at \r, U+0085, U+2028 and U+2029)
            return Pattern.compile(toJava(pattern),
                    Pattern.UNIX_LINES | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The flags Java has no flag for, as they stand at a place of the pattern: RE2's {@code m} and {@code U}. */
    private record Flags(boolean multiLine, boolean ungreedy) {}

    static String toJava(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        boolean inClass = false;
        Flags flags = new Flags(false, false);
        // the flags to go back to at each open group's end (a flag set inside a group holds to its end)
        java.util.ArrayDeque<Flags> outer = new java.util.ArrayDeque<>();
        // a flag group's Java flags, written after a repetition that follows it: RE2 repeats the thing
        // before the group (a(?i)* is a*), where Java would find nothing to repeat
        String pending = "";
        boolean atom = false; // whether what came last may be repeated
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            int repetition = inClass ? -1 : repetitionEnd(pattern, i);
            if (repetition >= 0) {
                String operator = pattern.substring(i, repetition);
                if (!atom) {
                    throw invalid(pattern, "missing argument to repetition operator: " + operator);
                }
                out.append(operator);
                i = repetitionMode(pattern, repetition, flags, out);
                if (i < n && (repetitionEnd(pattern, i) >= 0 || pattern.charAt(i) == '+')) {
                    throw invalid(pattern, "bad repetition operator: " + pattern.substring(repetition - operator.length(),
                            Math.max(i + 1, repetitionEnd(pattern, i))) + (pattern.charAt(i) == '+'
                            ? " (a repetition twice; Java would read it as one of its possessive quantifiers)" : ""));
                }
                atom = false;
                continue;
            }
            if (!pending.isEmpty() && !inClass && !Re2Patterns.FLAGS_ONLY.matcher(pattern).region(i, n).lookingAt()) {
                out.append(pending); // another flag group adds to them: they wait for it too
                pending = "";
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw refused(pattern, "a trailing backslash");
                }
                char next = pattern.charAt(i + 1);
                if (next == 'Q') {
                    if (inClass) {
                        throw invalid(pattern, "invalid escape sequence: \\Q inside a character class");
                    }
                    int end = pattern.indexOf("\\E", i + 2);
                    String quoted = end < 0 ? pattern.substring(i + 2) : pattern.substring(i + 2, end);
                    out.append(Pattern.quote(quoted));
                    atom = atom || !quoted.isEmpty();
                    i = end < 0 ? n : end + 2;
                    continue;
                }
                if (next == 's' || next == 'S') {
                    if (next == 'S' && inClass) {
                        throw refused(pattern, "\\S inside a character class");
                    }
                    out.append(inClass ? RE2_SPACE : next == 's' ? "[" + RE2_SPACE + "]" : "[^" + RE2_SPACE + "]");
                } else if (!inClass && (next == 'b' || next == 'B')) {
                    // RE2's word boundary sees ASCII word characters only (Java's also a combining mark after a letter)
                    out.append(next == 'b' ? WORD_BOUNDARY : NO_WORD_BOUNDARY);
                } else if ("dDwWtnrf".indexOf(next) >= 0 || (!inClass && "Az".indexOf(next) >= 0)
                        || !Character.isLetterOrDigit(next)) {
                    out.append(c).append(next);
                } else {
                    throw refused(pattern, "the escape \\" + next);
                }
                atom = true;
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
                    atom = true;
                }
                out.append(c);
                i++;
                continue;
            }
            boolean before = atom;
            atom = true;
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
                // RE2's end of text (Java's $ also matches before a last \n), or of a line under m
                case '$' -> out.append(flags.multiLine() ? "(?=\\n|\\z)" : "\\z");
                // under m, also after every \n, one that ends the text too (Java's multi-line ^ is not)
                case '^' -> out.append(flags.multiLine() ? "(?:\\A|(?<=\\n))" : "^");
                case '|' -> {
                    out.append(c);
                    atom = false;
                }
                case '(' -> {
                    outer.push(flags);
                    atom = false;
                    if (i + 1 >= n || pattern.charAt(i + 1) != '?') {
                        out.append(c);
                        break;
                    }
                    if (pattern.startsWith("(?:", i)) {
                        out.append("(?:");
                        i += 3;
                        continue;
                    }
                    if (pattern.startsWith("(?P<", i)) {
                        int end = pattern.indexOf('>', i + 4);
                        String name = end < 0 ? "" : pattern.substring(i + 4, end);
                        if (name.isEmpty() || !name.codePoints().allMatch(ch -> ch == '_' || Character.isLetterOrDigit(ch)
                                || Character.getType(ch) == Character.CONNECTOR_PUNCTUATION
                                || Character.getType(ch) == Character.NON_SPACING_MARK
                                || Character.getType(ch) == Character.COMBINING_SPACING_MARK)) {
                            throw invalid(pattern, "a group name (?P<name>...) needs letters, digits and '_'");
                        }
                        out.append('('); // a numbered group: nothing reads groups by name
                        i = end + 1;
                        continue;
                    }
                    int j = i + 2;
                    boolean negated = false;
                    boolean named = false;
                    boolean multiLine = flags.multiLine();
                    boolean ungreedy = flags.ungreedy();
                    StringBuilder on = new StringBuilder();
                    StringBuilder off = new StringBuilder();
                    for (; j < n && pattern.charAt(j) != ')' && pattern.charAt(j) != ':'; j++) {
                        char flag = pattern.charAt(j);
                        if (flag == '-' && !negated) {
                            negated = true;
                            named = false;
                            continue;
                        }
                        if ("imsU".indexOf(flag) < 0) {
                            throw refused(pattern, "'(?" + pattern.substring(i + 2, Math.min(n, j + 1))
                                    + "': groups other than (?:...), (?P<name>...) and the flags (?imsU) (lookaround, "
                                    + "(?<name>...), other flags)");
                        }
                        named = true;
                        switch (flag) {
                            case 'i' -> (negated ? off : on).append(negated ? "i" : "iu");
                            case 's' -> (negated ? off : on).append('s');
                            case 'm' -> multiLine = !negated;
                            default -> ungreedy = !negated;
                        }
                    }
                    if (j >= n || negated && !named) {
                        // RE2 refuses (?-), (?i-) and a group left open (and reads (?) as no flags)
                        throw invalid(pattern, "a flag group (?flags) or (?flags:...) needs a flag after - and its end");
                    }
                    String java = on + (off.isEmpty() ? "" : "-" + off); // m and U are not Java's to know
                    if (pattern.charAt(j) == ':') {
                        out.append("(?").append(java).append(':');
                    } else {
                        outer.pop(); // no group opened: the flags hold to the end of the enclosing one
                        pending += java.isEmpty() ? "" : "(?" + java + ")";
                        atom = before; // a repetition after it repeats what came before it
                    }
                    flags = new Flags(multiLine, ungreedy);
                    i = j + 1;
                    continue;
                }
                case ')' -> {
                    out.append(c);
                    if (!outer.isEmpty()) {
                        flags = outer.pop();
                    }
                }
                case '{' -> out.append("\\{"); // no repetition (see repetitionEnd): itself, in RE2 (Java refuses it)
                default -> out.append(c);
            }
            i++;
        }
        return out.append(pending).toString();
    }

    /** Where a repetition operator that begins at {@code at} ends, or -1 where none begins there. */
    private static int repetitionEnd(String pattern, int at) {
        char c = pattern.charAt(at);
        if (c == '*' || c == '+' || c == '?') {
            return at + 1;
        }
        if (c != '{') {
            return -1;
        }
        java.util.regex.Matcher counted = Re2Patterns.COUNTED.matcher(pattern).region(at, pattern.length());
        if (!counted.lookingAt()) {
            return -1;
        }
        for (int g : new int[] {1, 3}) {
            if (counted.group(g) != null && Long.parseLong(counted.group(g)) > Re2Patterns.MOST_REPEATS) {
                throw invalid(pattern, "invalid repetition size: " + counted.group() + " (at most " + Re2Patterns.MOST_REPEATS + ")");
            }
        }
        return counted.end();
    }

    /**
     * After a repetition, ending at {@code at}: its lazy mark read, swapped under RE2's {@code U},
     * written where it is lazy. Returns where the pattern goes on.
     */
    private static int repetitionMode(String pattern, int at, Flags flags, StringBuilder out) {
        boolean lazy = at < pattern.length() && pattern.charAt(at) == '?';
        if (lazy != flags.ungreedy()) {
            out.append('?');
        }
        return lazy ? at + 1 : at;
    }

    private static IllegalArgumentException invalid(String pattern, String why) {
        return new IllegalArgumentException("invalid regular expression '" + pattern + "': " + why);
    }

    private static IllegalArgumentException refused(String pattern, String construct) {
        return new IllegalArgumentException("regular expression '" + pattern + "': " + construct
                + " is not supported");
    }
}
