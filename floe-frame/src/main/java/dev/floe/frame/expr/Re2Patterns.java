package dev.floe.frame.expr;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;

/**
 * Regular expressions in RE2's syntax and with RE2's meaning (DuckDB's), compiled into a {@link
 * Regex}: by re2j, a Java port of RE2's automata, whose matching takes time linear in the text
 * whatever the pattern, and, where a translation gives RE2's answers, for Java's faster matcher
 * too. Before re2j compiles a pattern it is read once here ({@link #checked}) for what re2j would
 * read otherwise than DuckDB's RE2, or could not finish: a brace RE2 reads as text ({@code x{01}},
 * {@code x{,3}}, ten digits) stays text; a named group is a numbered group (two may share a name);
 * flags between a thing and its repetition are written after the repetition (but U, which makes
 * the repetition lazy; flags after a repetition end it and stay); a counted repetition
 * of more than 1000, or repetitions inside one another past 1000, are refused with RE2's words; so
 * are {@code (?<name>re)} (DuckDB's RE2 reads only {@code (?P<name>re)}), lookaround, a {@code )}
 * with no group to close, alternatives in a pattern that folds case in some parts only (re2j
 * factors them wrongly), and, under case folding, the characters U+1C80 to U+1C88 (re2j's
 * folding never finishes with them). A pattern whose repetitions would compile to more than
 * {@link #MOST_INSTRUCTIONS} instructions, with more than {@link #MOST_EMPTIES} steps that read no
 * character, or that nests groups more than {@link #MOST_DEPTH} deep, is refused instead of
 * filling the heap or the stack. Thread-safe: static methods only.
 */
public final class Re2Patterns {
    /** The most instructions a pattern may compile to (counted as RE2 would build its program, roughly). */
    static final long MOST_INSTRUCTIONS = 150_000;

    /** The deepest groups may nest. */
    static final int MOST_DEPTH = 1000;

    /**
     * The most steps that read no character (repetitions, anchors, alternatives and capturing groups), as
     * repeated: re2j's matcher recurses through them ({@link Regex} matches again on a thread with a
     * large stack where a worker's stack runs out).
     */
    static final long MOST_EMPTIES = 100_000;

    /** A flag group that names i. */
    private static final java.util.regex.Pattern CASE_FLAGS = java.util.regex.Pattern.compile("\\(\\?[imsU-]*i[imsU-]*[:)]");

    /** A flag group that turns case folding on: {@code (?i)}, {@code (?mi)}, {@code (?i:}. */
    static final java.util.regex.Pattern CASE_FLAG = java.util.regex.Pattern.compile("\\(\\?[msU]*i");

    /** The characters re2j's case folding never finishes with (its tables predate them): U+1C80 to U+1C88. */
    static final int UNFOLDABLE_FIRST = 0x1C80;
    static final int UNFOLDABLE_LAST = 0x1C88;

    private Re2Patterns() {}

    /**
     * {@code pattern} compiled with RE2's meaning.
     *
     * @param ignoreCase RE2's {@code i} option: Unicode case folding
     * @throws IllegalArgumentException naming the construct that is refused, or the syntax error
     */
    public static Regex compile(String pattern, boolean ignoreCase) {
        Checked checked = checked(pattern, ignoreCase);
        Pattern re2 = re2(pattern, checked, ignoreCase);
        // re2j alone matches where a backtracking matcher may try exponentially many ways without reading
        // a character (which its budget counts), and where it folds a pattern past ASCII otherwise than RE2
        boolean asciiPattern = pattern.chars().allMatch(c -> c < 0x80);
        java.util.regex.Pattern backtracking = checked.emptyChoices() || checked.folds() && !asciiPattern ? null
                : JavaTranslation.compile(pattern, ignoreCase);
        return new Regex(pattern, re2, backtracking, checked.folds(), checked.repeatsGroup());
    }

    /** {@code pattern} compiled by re2j alone, after the checks above. */
    static Pattern re2(String pattern, boolean ignoreCase) {
        return re2(pattern, checked(pattern, ignoreCase), ignoreCase);
    }

    private static Pattern re2(String pattern, Checked checked, boolean ignoreCase) {
        try {
            return Pattern.compile(checked.pattern(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw invalid(pattern, reason(e));
        }
    }

    /** re2j's reason in RE2's words where the two differ (DuckDB's users see RE2's), and what was wrong. */
    private static String reason(PatternSyntaxException e) {
        String description = e.getDescription();
        String part = e.getPattern();
        String reason = switch (description) {
            case "invalid nested repetition operator" -> "bad repetition operator";
            case "invalid or unsupported Perl syntax" -> "invalid or unsupported group or flag";
            default -> description;
        };
        String hint = "";
        if (description.equals("invalid nested repetition operator") && part.endsWith("+")) {
            hint = " (a repetition twice: Java's possessive quantifiers are not RE2's)";
        } else if (description.equals("invalid escape sequence") && part.matches("\\\\[1-9]")) {
            hint = " (back references are not RE2's)";
        }
        return reason + ": " + shown(part) + hint;
    }

    /**
     * A pattern read by {@link #checked}: as re2j should read it, and what the reading found.
     *
     * @param pattern the pattern with each brace RE2 reads as text escaped and each named group
     *     numbered, the rest as written
     * @param folds whether the pattern may fold case (the option i, or a flag group that turns it on)
     * @param repeatsGroup whether a repetition applies to a group, where a backtracking matcher
     *     may capture and span otherwise than RE2
     * @param emptyChoices whether a choice has two ways to match nothing (a repetition of what may
     *     match empty, {@code (a*)?}, or an alternation with two such branches, {@code (|)}), where
     *     a backtracking matcher may try exponentially many ways without reading a character, and
     *     ends a repetition otherwise than RE2
     */
    record Checked(String pattern, boolean folds, boolean repeatsGroup, boolean emptyChoices) {}

    /** What {@link #checked} knows of an open group, and of the thing in it that came last. */
    private static final class Open {
        /** The instructions it compiles to so far, and those of the last thing (what a repetition repeats). */
        long instructions;
        long last;
        /** The parts that may match empty (each a step of re2j's recursion), so far and in the last thing. */
        long empties;
        long lastEmpties;
        /** The product of the counted repetitions the last thing is, and the largest in the group. */
        long lastCounts = 1;
        long mostCounts = 1;
        boolean lastIsGroup;
        /** Whether the last thing may match empty, and everything before it in the branch. */
        boolean lastEmpty = true;
        boolean beforeEmpty = true;
        /** The branches ended so far that may match empty. */
        int emptyBranches;
        /** Whether the group captures (re2j's matcher steps through its start and end). */
        boolean capturing;
        /** Where its {@code (} stands. */
        int at;

        /** One thing more: {@code instructions} of its own, {@code empties} of them parts that may match empty. */
        void add(long instructions, long empties, boolean empty) {
            beforeEmpty = beforeEmpty && lastEmpty;
            this.instructions = saturated(this.instructions + instructions);
            this.empties = saturated(this.empties + empties);
            last = instructions;
            lastEmpties = empties;
            lastEmpty = empty;
            lastCounts = 1;
            lastIsGroup = false;
        }

        /** The branch so far ended (by {@code |} or the group's end). */
        void endBranch() {
            if (beforeEmpty && lastEmpty) {
                emptyBranches++;
            }
            beforeEmpty = true;
            lastEmpty = true;
            last = 0;
            lastEmpties = 0;
            lastCounts = 1;
            lastIsGroup = false;
        }
    }

    /**
     * The pattern as re2j should read it, after the checks above, and whether a backtracking
     * matcher may read it otherwise or without end.
     */
    static Checked checked(String pattern, boolean ignoreCase) {
        boolean folds = folds(pattern, ignoreCase);
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        ArrayDeque<Open> groups = new ArrayDeque<>();
        groups.push(new Open());
        boolean repeatsGroup = false;
        boolean emptyChoices = false;
        boolean wrapped = false;
        int n = pattern.length();
        int i = 0;
        boolean afterRepetition = false;
        boolean repetitionBefore = false; // whether the token before this one was a repetition (or its lazy mark)
        // flags that stood between a thing and its repetition, written after the repetition
        String movedFlags = "";
        while (i < n) {
            char c = pattern.charAt(i);
            Open group = groups.peek();
            int next = i + 1;
            if (c == '?' && afterRepetition) {
                // a lazy repetition's mark: the same choices, tried the other way round
                afterRepetition = false;
                repetitionBefore = true;
                out.append(c).append(movedFlags);
                movedFlags = "";
                i = next;
                continue;
            }
            if (!movedFlags.isEmpty() && afterRepetition) {
                out.append(movedFlags);
                movedFlags = "";
            }
            repetitionBefore = afterRepetition;
            afterRepetition = c == '*' || c == '+' || c == '?';
            switch (c) {
                case '\\' -> {
                    if (next < n && pattern.charAt(next) == 'Q') {
                        int end = pattern.indexOf("\\E", next + 1);
                        int stop = end < 0 ? n : end + 2;
                        long quoted = (end < 0 ? n : end) - (next + 1);
                        if (quoted > 1) {
                            group.add(quoted - 1, 0, false);
                        }
                        if (quoted > 0) {
                            group.add(1, 0, false); // a repetition after it repeats its last character
                        }
                        if (folds) {
                            pattern.substring(next + 1, end < 0 ? n : end).codePoints()
                                    .forEach(q -> foldable(pattern, q, q));
                        }
                        next = stop;
                    } else {
                        next = escapeEnd(pattern, i);
                        boolean zeroWidth = next == i + 2 && "bBAz".indexOf(pattern.charAt(i + 1)) >= 0;
                        group.add(1, zeroWidth ? 1 : 0, zeroWidth);
                        if (folds && next > i + 1) {
                            foldableEscape(pattern, i, next);
                        }
                    }
                }
                case '[' -> {
                    next = classEnd(pattern, i);
                    group.add(1, 0, false);
                    if (folds) {
                        foldableClass(pattern, i, next);
                    }
                }
                case '^', '$' -> group.add(1, 1, true);
                case '(' -> {
                    if (pattern.startsWith("(?=", i) || pattern.startsWith("(?!", i) || pattern.startsWith("(?<=", i)
                            || pattern.startsWith("(?<!", i)) {
                        String opener = pattern.substring(i, i + (pattern.charAt(i + 2) == '<' ? 4 : 3));
                        throw invalid(pattern, "lookaround ('" + opener + "') is not supported (RE2 has none)");
                    }
                    if (pattern.startsWith("(?<", i)) {
                        throw invalid(pattern, "'(?<' is not supported: DuckDB's RE2 names a group (?P<name>...)");
                    }
                    if (pattern.startsWith("(?P<", i)) {
                        int end = pattern.indexOf('>', i + 4);
                        String name = end < 0 ? "" : pattern.substring(i + 4, end);
                        if (name.isEmpty() || !name.codePoints().allMatch(Re2Patterns::nameCharacter)) {
                            throw invalid(pattern, "invalid named capture group: a name (?P<name>...) needs letters, "
                                    + "digits and '_'");
                        }
                        // a numbered group, as any other: nothing reads groups by name, and RE2 lets two share one
                        open(groups, pattern, i).capturing = true;
                        out.append('(');
                        i = end + 1;
                        continue;
                    }
                    int flagsEnd = flagGroupEnd(pattern, i);
                    if (flagsEnd >= 0) {
                        // (?i) opens no group; a repetition after it repeats what came before. re2j reads the
                        // thing's own case otherwise than RE2 there, so flags other than U (which makes the
                        // repetition lazy) are written after the repetition, where they have the same meaning
                        int after = flagsEnd;
                        while (flagGroupEnd(pattern, after) >= 0) {
                            after = flagGroupEnd(pattern, after);
                        }
                        // (a flag group after a repetition ends it: a*(?i)? repeats a* as RE2 reads it, and stays)
                        if (!repetitionBefore && validFlags(pattern, i, after) && after < n && (pattern.charAt(after) == '*'
                                || pattern.charAt(after) == '+' || pattern.charAt(after) == '?'
                                || COUNTED.matcher(pattern).region(after, n).lookingAt())) {
                            StringBuilder laziness = new StringBuilder();
                            StringBuilder others = new StringBuilder();
                            for (int at = i; at < after; at = flagGroupEnd(pattern, at)) {
                                splitFlags(pattern.substring(at, flagGroupEnd(pattern, at)), laziness, others);
                            }
                            out.append(laziness);
                            movedFlags += others;
                            i = after;
                            continue;
                        }
                        next = flagsEnd;
                    } else {
                        Open opened = open(groups, pattern, i);
                        java.util.regex.Matcher opener = GROUP_FLAGS.matcher(pattern).region(i, n);
                        if (opener.lookingAt()) {
                            next = opener.end(); // (?: and (?i: read whole
                        } else {
                            opened.capturing = true;
                        }
                    }
                }
                case ')' -> {
                    if (groups.size() == 1) {
                        throw invalid(pattern, "unexpected ) at character " + (i + 1));
                    }
                    Open closed = groups.pop();
                    // regexp_full_match's wrapper, ^(?:pattern)$: its flags at the start fold the whole pattern
                    wrapped |= closed.at == 1 && i == n - 2 && pattern.startsWith("^(?:") && pattern.endsWith("$");
                    closed.endBranch();
                    emptyChoices |= closed.emptyBranches > 1;
                    Open outer = groups.peek();
                    // a capturing group's start and end are two steps re2j's matcher recurses through
                    outer.add(closed.instructions + 2, saturated(closed.empties + (closed.capturing ? 2 : 0)),
                            closed.emptyBranches > 0);
                    outer.lastCounts = closed.mostCounts;
                    outer.lastIsGroup = true;
                }
                case '|' -> {
                    group.endBranch();
                    group.instructions = saturated(group.instructions + 1);
                    group.empties = saturated(group.empties + 1); // a choice re2j's matcher recurses through
                }
                case '*', '+', '?' -> {
                    repeatsGroup |= group.lastIsGroup;
                    emptyChoices |= group.lastEmpty;
                    group.instructions = saturated(group.instructions + 1);
                    group.last = saturated(group.last + 1);
                    group.empties = saturated(group.empties + 1); // its choice reads no character
                    group.lastEmpties = saturated(group.lastEmpties + 1);
                    if (c != '+') {
                        group.lastEmpty = true;
                    }
                }
                case '{' -> {
                    java.util.regex.Matcher counted = COUNTED.matcher(pattern).region(i, n);
                    if (counted.lookingAt()) {
                        long least = Long.parseLong(counted.group(1));
                        long most = counted.group(2) == null ? least
                                : counted.group(3) == null ? -1 : Long.parseLong(counted.group(3));
                        if (least > MOST_REPEATS || most > MOST_REPEATS) {
                            throw invalid(pattern, "invalid repetition size: " + counted.group() + " (at most "
                                    + MOST_REPEATS + ")");
                        }
                        // as RE2: counted repetitions inside one another may repeat a thing at most 1000 times
                        long count = most < 0 ? least : most;
                        if (count > 0 && group.lastCounts * count > MOST_REPEATS) {
                            throw invalid(pattern, "invalid repetition size: " + counted.group() + " (repetitions "
                                    + "inside one another repeat a thing " + group.lastCounts * count + " times, at most "
                                    + MOST_REPEATS + ")");
                        }
                        repeatsGroup |= group.lastIsGroup;
                        // Java's matcher ends a repetition of what may match empty otherwise than RE2, even at an
                        // exact count ((?:x|$){2})
                        emptyChoices |= group.lastEmpty;
                        // the thing copied as often as it may appear, and a choice for each copy it may leave out
                        long copies = Math.max(1, most < 0 ? least + 1 : Math.max(least, most));
                        long choices = most < 0 ? 1 : most - least;
                        long repeated = saturated(saturated(group.last * copies) + choices);
                        long empties = saturated(saturated(group.lastEmpties * copies) + choices);
                        group.instructions = saturated(group.instructions - group.last + repeated);
                        group.empties = saturated(group.empties - group.lastEmpties + empties);
                        group.last = repeated;
                        group.lastEmpties = empties;
                        group.lastEmpty = group.lastEmpty || least == 0;
                        group.lastCounts = Math.max(1, group.lastCounts * Math.max(1, count));
                        group.mostCounts = Math.max(group.mostCounts, group.lastCounts);
                        next = counted.end();
                        afterRepetition = true;
                    } else {
                        out.append('\\'); // RE2 reads a brace that starts no repetition as text
                        group.add(1, 0, false);
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(c) && next < n && Character.isLowSurrogate(pattern.charAt(next))) {
                        next++;
                    }
                    group.add(1, 0, false);
                    if (folds) {
                        int literal = pattern.codePointAt(i);
                        foldable(pattern, literal, literal);
                    }
                }
            }
            out.append(pattern, i, next);
            i = next;
        }
        out.append(movedFlags);
        if (pattern.indexOf('|') >= 0 && foldsInPart(pattern, wrapped)) {
            // re2j factors a common first letter out of alternatives without heeding that one folds case and
            // another does not ((?i:a)b|A matches "a")
            throw invalid(pattern, "alternatives (|) in a pattern that folds case in some parts only ((?i:...), or "
                    + "(?i) and (?-i) past its start) are not supported; fold the whole pattern (option i, or (?i) "
                    + "at its start) or none of it");
        }
        long instructions = 0;
        long empties = 0;
        for (Open group : groups) {
            instructions = saturated(instructions + group.instructions);
            empties = saturated(empties + group.empties);
        }
        Open top = groups.getLast();
        top.endBranch();
        emptyChoices |= top.emptyBranches > 1;
        if (instructions > MOST_INSTRUCTIONS) {
            throw invalid(pattern, "its repetitions make it too large (about " + (instructions >= SATURATED
                    ? "more than " + SATURATED : instructions) + " instructions to match with, at most "
                    + MOST_INSTRUCTIONS + ")");
        }
        if (empties > MOST_EMPTIES) {
            throw invalid(pattern, "it has about " + (empties >= SATURATED ? "more than " + SATURATED : empties)
                    + " steps that read no character (repetitions, anchors, alternatives and capturing groups, repeated as "
                    + "written), at most " + MOST_EMPTIES + ": the matcher follows them one inside the other");
        }
        return new Checked(out.toString(), folds, repeatsGroup, emptyChoices);
    }

    /**
     * Whether the pattern folds case in a part of it only: a flag group names i past the flag groups
     * alone at its start (after {@code ^(?:} where the pattern is {@code regexp_full_match}'s
     * wrapper, {@code wrapped}).
     */
    private static boolean foldsInPart(String pattern, boolean wrapped) {
        int start = wrapped ? 4 : 0;
        java.util.regex.Matcher leading = FLAGS_ONLY.matcher(pattern);
        while (leading.region(start, pattern.length()).lookingAt()) {
            start = leading.end();
        }
        return CASE_FLAGS.matcher(pattern).region(start, pattern.length()).find();
    }

    /** Whether the flag groups from {@code from} to {@code to} are ones RE2 reads (no {@code (?-)}, no {@code -} last). */
    private static boolean validFlags(String pattern, int from, int to) {
        for (int at = from; at < to; at = flagGroupEnd(pattern, at)) {
            String group = pattern.substring(at, flagGroupEnd(pattern, at));
            if (group.endsWith("-)") || group.indexOf('-') != group.lastIndexOf('-')) {
                return false;
            }
        }
        return true;
    }

    /** A flag group {@code (?flags)} as one with its U alone, added to {@code laziness}, and one with the others. */
    private static void splitFlags(String flagGroup, StringBuilder laziness, StringBuilder others) {
        String flags = flagGroup.substring(2, flagGroup.length() - 1);
        int minus = flags.indexOf('-');
        String on = minus < 0 ? flags : flags.substring(0, minus);
        String off = minus < 0 ? "" : flags.substring(minus + 1);
        String lazyOn = on.contains("U") ? "U" : "";
        String lazyOff = off.contains("U") ? "U" : "";
        if (!lazyOn.isEmpty() || !lazyOff.isEmpty()) {
            laziness.append("(?").append(lazyOn).append(lazyOff.isEmpty() ? "" : "-" + lazyOff).append(')');
        }
        String restOn = on.replace("U", "");
        String restOff = off.replace("U", "");
        if (!restOn.isEmpty() || !restOff.isEmpty()) {
            others.append("(?").append(restOn).append(restOff.isEmpty() ? "" : "-" + restOff).append(')');
        }
    }

    /** Whether the pattern may fold case: the {@code i} option, or a flag group that turns it on. */
    static boolean folds(String pattern, boolean ignoreCase) {
        return ignoreCase || CASE_FLAG.matcher(pattern).find();
    }

    /**
     * Refuses, under case folding, a character or range re2j's folding would never finish with (a
     * range as wide as every cased character re2j knows is not folded character by character).
     */
    private static void foldable(String pattern, int low, int high) {
        if (low <= UNFOLDABLE_LAST && high >= UNFOLDABLE_FIRST && !(low <= 'A' && high >= 0x1044F)) {
            throw invalid(pattern, "under case folding (the option i or (?i)), the characters U+1C80 to U+1C88 (Cyrillic "
                    + "letters of Unicode 9) are not supported: the matcher's case tables predate them; leave them out of "
                    + "the pattern's characters and ranges, or match without folding");
        }
    }

    /** An escape from {@code at} to {@code end} under case folding: a character, or a Unicode class, checked. */
    private static void foldableEscape(String pattern, int at, int end) {
        char kind = pattern.charAt(at + 1);
        if (kind == 'p' || kind == 'P') {
            Pattern unfolded;
            try {
                unfolded = Pattern.compile(pattern.substring(at, end));
            } catch (PatternSyntaxException e) {
                return; // refused with its reason when the whole pattern compiles
            }
            for (int c = UNFOLDABLE_FIRST; c <= UNFOLDABLE_LAST; c++) {
                if (unfolded.matcher(Character.toString(c)).matches()) {
                    foldable(pattern, c, c);
                }
            }
        } else if (kind == 'x') {
            int value = hexEscape(pattern, at, end);
            foldable(pattern, value, value);
        }
    }

    /** The character a {@code \x} escape from {@code at} to {@code end} writes; -1 where it writes none. */
    private static int hexEscape(String pattern, int at, int end) {
        String digits = at + 2 < end && pattern.charAt(at + 2) == '{' ? pattern.substring(at + 3, Math.max(at + 3, end - 1))
                : pattern.substring(Math.min(at + 2, end), end);
        try {
            return Integer.parseInt(digits, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A class from {@code at} (its {@code [}) to {@code end} (after its {@code ]}) under case folding: its characters and ranges checked. */
    private static void foldableClass(String pattern, int at, int end) {
        int i = at + 1;
        int close = end - 1;
        if (i < close && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < close && pattern.charAt(i) == ']') {
            i++; // a ] first is itself
        }
        while (i < close) {
            int[] low = classItem(pattern, i, close);
            i = low[1];
            if (low[0] >= 0 && i + 1 < close && pattern.charAt(i) == '-') {
                int[] high = classItem(pattern, i + 1, close);
                if (high[0] >= 0) {
                    foldable(pattern, low[0], high[0]);
                    i = high[1];
                    continue;
                }
            }
            if (low[0] >= 0) {
                foldable(pattern, low[0], low[0]);
            }
        }
    }

    /**
     * A class's item from {@code at}: the character it is (-1 for a class in the class, {@code \\d}
     * or {@code [:alpha:]}, whose Unicode classes are checked here) and where the next item begins.
     */
    private static int[] classItem(String pattern, int at, int close) {
        char c = pattern.charAt(at);
        if (c == '[' && pattern.startsWith("[:", at)) {
            int end = pattern.indexOf(":]", at + 2);
            return new int[] {-1, end < 0 ? close : end + 2};
        }
        if (c == '\\' && at + 1 < close) {
            int end = escapeEnd(pattern, at);
            char kind = pattern.charAt(at + 1);
            if ("pPdDwWsS".indexOf(kind) >= 0) {
                foldableEscape(pattern, at, end);
                return new int[] {-1, end};
            }
            return new int[] {escaped(pattern, at, end), end};
        }
        int code = pattern.codePointAt(at);
        return new int[] {code, at + Character.charCount(code)};
    }

    /**
     * The character an escape from {@code at} to {@code end} writes: hexadecimal and octal ones read,
     * the control escapes as their codes, any other the character escaped; one that writes none
     * (read as an error by re2j) as the largest character, so that no range starts below it.
     */
    private static int escaped(String pattern, int at, int end) {
        char kind = pattern.charAt(at + 1);
        if (kind == 'x') {
            int value = hexEscape(pattern, at, end);
            return value < 0 ? Character.MAX_CODE_POINT : value;
        }
        if (kind >= '0' && kind <= '7') {
            return Integer.parseInt(pattern.substring(at + 1, end), 8);
        }
        int control = "ntrfva".indexOf(kind);
        if (control >= 0) {
            return "\n\t\r\f\u000B\u0007".charAt(control);
        }
        return Character.isLetterOrDigit(kind) ? Character.MAX_CODE_POINT : pattern.codePointAt(at + 1);
    }

    private static Open open(ArrayDeque<Open> groups, String pattern, int at) {
        Open opened = new Open();
        opened.at = at;
        groups.push(opened);
        if (groups.size() > MOST_DEPTH) {
            throw invalid(pattern, "groups nest more than " + MOST_DEPTH + " deep");
        }
        return opened;
    }

    private static boolean nameCharacter(int c) {
        int type = Character.getType(c);
        return c == '_' || Character.isLetterOrDigit(c) || type == Character.CONNECTOR_PUNCTUATION
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** A count past which sizes are no longer added up (far past the most a pattern may have). */
    private static final long SATURATED = 1L << 40;

    private static long saturated(long value) {
        return Math.min(value, SATURATED);
    }

    /** Where an escape that begins at {@code at} ends: {@code \p{Greek}} and {@code \x{41}} whole, others two characters. */
    private static int escapeEnd(String pattern, int at) {
        int n = pattern.length();
        if (at + 1 >= n) {
            return n;
        }
        char kind = pattern.charAt(at + 1);
        if (at + 2 < n && "pPx".indexOf(kind) >= 0 && pattern.charAt(at + 2) == '{') {
            int close = pattern.indexOf('}', at + 3);
            return close < 0 ? n : close + 1;
        }
        if (kind == 'x') {
            return Math.min(n, at + 4); // two hexadecimal digits
        }
        if (kind >= '0' && kind <= '7') {
            int end = at + 2; // up to three octal digits
            while (end < n && end < at + 4 && pattern.charAt(end) >= '0' && pattern.charAt(end) <= '7') {
                end++;
            }
            return end;
        }
        return at + 2;
    }

    /**
     * Where a character class that begins at {@code at} ends (after its {@code ]}; the end of the
     * pattern where it has none, which re2j then refuses): a {@code ]} first (after {@code ^}) is
     * itself, escapes and {@code [:alpha:]} are read whole.
     */
    private static int classEnd(String pattern, int at) {
        int n = pattern.length();
        int i = at + 1;
        if (i < n && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < n && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == ']') {
                return i + 1;
            }
            if (c == '\\') {
                i = escapeEnd(pattern, i);
            } else if (c == '[' && pattern.startsWith("[:", i)) {
                int close = pattern.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            } else {
                i++;
            }
        }
        return n;
    }

    /** Where a group of flags alone, {@code (?i)} or {@code (?-s)}, that begins at {@code at} ends; -1 where none does. */
    private static int flagGroupEnd(String pattern, int at) {
        java.util.regex.Matcher flags = FLAGS_ONLY.matcher(pattern).region(at, pattern.length());
        return flags.lookingAt() ? flags.end() : -1;
    }

    /**
     * A counted repetition as RE2 reads one, {@code {n}}, {@code {n,}} or {@code {n,m}}: numbers
     * without a leading zero and of at most nine digits; anything else after a brace is text.
     */
    static final java.util.regex.Pattern COUNTED =
            java.util.regex.Pattern.compile("\\{(0|[1-9][0-9]{0,8})(,(0|[1-9][0-9]{0,8})?)?\\}");

    /** The start of a group with flags, {@code (?:} or {@code (?i-s:}. */
    private static final java.util.regex.Pattern GROUP_FLAGS = java.util.regex.Pattern.compile("\\(\\?[imsU-]*:");

    /** A group of flags alone, {@code (?i)} or {@code (?-s)}, which opens no group. */
    static final java.util.regex.Pattern FLAGS_ONLY = java.util.regex.Pattern.compile("\\(\\?[imsU-]*\\)");

    /** The most times RE2 repeats a thing in a counted repetition. */
    static final int MOST_REPEATS = 1000;

    /**
     * {@code pattern}, checked alone, as a pattern in RE2's syntax that matches the whole text only
     * (regexp_full_match): wrapped in a group between the text's ends, a {@code \\Q} left open
     * closed first so the ends stay outside it.
     */
    public static String whole(String pattern) {
        compile(pattern, false);
        boolean openQuote = false;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '\\' && i + 1 < pattern.length()) {
                if (pattern.charAt(i + 1) == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    if (end < 0) {
                        openQuote = true;
                        break;
                    }
                    i = end + 1;
                } else {
                    i++;
                }
            }
        }
        return "^(?:" + pattern + (openQuote ? "\\E" : "") + ")$";
    }

    static IllegalArgumentException invalid(String pattern, String why) {
        return new IllegalArgumentException("invalid regular expression '" + shown(pattern) + "': " + why);
    }

    /** A pattern as an error message shows it: at most 200 characters of it. */
    static String shown(String pattern) {
        return pattern.length() <= 200 ? pattern : pattern.substring(0, 200) + "... (" + pattern.length() + " characters)";
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
