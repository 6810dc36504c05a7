package dev.floe.frame.expr;

import java.util.regex.Pattern;

/**
 * A regular expression in RE2's syntax, compiled for two matchers that give RE2's answers:
 * {@link java.util.regex}, several times faster on most patterns, and re2j, whose time is linear
 * in the text for any pattern. A value is matched by Java's matcher where its answer is RE2's and
 * within a budget of steps ({@value #STEPS_PER_CHARACTER} reads a character of the value, and
 * {@value #STEPS_FIXED} more); a value that runs past the budget (a pattern that backtracks
 * without end, or a very long value), or whose Java matcher overflows its stack, is matched again
 * from its start by re2j (and after {@value #MOST_GIVEN_UP} such values one after another, the
 * rest of a batch). re2j alone matches:
 * <ul>
 *   <li>patterns Java would read otherwise ({@link JavaTranslation} has no translation), and those
 *       with a choice between two ways to match nothing ({@code (a*)?}, {@code (|)}), where Java's
 *       matcher may try exponentially many ways without reading a character, which its budget
 *       counts;
 *   <li>values with characters past the Basic Multilingual Plane (Java's matcher may find an empty
 *       match between a character's two halves);
 *   <li>under case folding, patterns with characters past ASCII, and values with one of the four
 *       characters past ASCII that Java and RE2 fold otherwise with an ASCII letter or class
 *       ({@code İ} and {@code ı}, which Java folds with {@code i} and RE2 does not; {@code ſ} and the
 *       Kelvin sign, which RE2 folds into {@code \w} and {@code [A-Z]} and Java does not);
 *   <li>patterns that repeat a group, where more than whether it matches is read: Java ends such
 *       a repetition with an empty turn where RE2 does not, so the two can capture and span
 *       differently ({@code (a?)*} over {@code "aa"}: Java's group 1 is empty, RE2's {@code "a"}).
 * </ul>
 * Where re2j's matching of a value recurses deeper than a worker's stack holds, the value is
 * matched again on a thread of its own with a large stack. Under case folding, a value with one
 * of the characters U+1C80 to U+1C88 that re2j would match fails clearly (re2j's case tables
 * predate them). Immutable and thread-safe; a {@link Matching} is for one thread.
 */
public final class Regex {
    /** Java's matcher may read a value's characters this many times each before re2j takes over. */
    static final long STEPS_PER_CHARACTER = 64;

    /** And this many reads more, whatever the length. */
    static final long STEPS_FIXED = 4096;

    /** The stack of the thread re2j matches on where a worker's stack ran out (reserved, used as needed). */
    static final long LARGE_STACK = 512L << 20;

    /** After Java's matcher gave up on this many values one after another, a {@link Matching} leaves the rest to re2j. */
    static final int MOST_GIVEN_UP = 8;

    /**
     * The characters that Java's case folding (with Unicode case) and RE2's treat otherwise beside a
     * pattern of ASCII characters; {@code Re2PatternsTest} checks every character of the Basic
     * Multilingual Plane.
     */
    static final char[] FOLDED_OTHERWISE = {'\u0130', '\u0131', '\u017F', '\u212A'};

    private final String pattern;
    private final com.google.re2j.Pattern re2;
    private final Pattern backtracking;
    /** Whether Java's matcher folds case, so that it gives RE2's answers only over values without {@link #FOLDED_OTHERWISE}. */
    private final boolean folds;
    /** Whether Java's matcher may capture or span otherwise than RE2's (it may still tell whether a value matches). */
    private final boolean repeatsGroups;

    /**
     * @param backtracking Java's translation of the pattern; null where re2j alone matches
     * @param folds whether the pattern may fold case
     * @param repeatsGroups whether a repetition applies to a group
     */
    Regex(String pattern, com.google.re2j.Pattern re2, Pattern backtracking, boolean folds, boolean repeatsGroups) {
        this.pattern = pattern;
        this.re2 = re2;
        this.backtracking = backtracking;
        this.folds = folds;
        this.repeatsGroups = repeatsGroups;
    }

    /** The groups the pattern has (group 0, the whole match, not counted). */
    public int groupCount() {
        return re2.groupCount();
    }

    /**
     * A matcher for one thread, reused from value to value.
     *
     * @param readsMatches whether more than whether a value matches is read (where matches start and
     *     end, groups)
     */
    public Matching matching(boolean readsMatches) {
        return new Matching(backtracksFirst(readsMatches) ? backtracking : null);
    }

    /** Whether a {@link #matching} tries Java's matcher first (for the tests). */
    boolean backtracksFirst(boolean readsMatches) {
        return backtracking != null && !(readsMatches && repeatsGroups);
    }

    /** What a matcher offers the code that reads a value's matches: the same over both matchers. */
    public interface Match {
        /** The value to search from now on (a part of it, searched as text of its own, for a split). */
        void reset(CharSequence text);

        /** The next match after the last one (from the start after a reset). */
        boolean find();

        /** The first match at or after {@code from}; anchors and word boundaries see the whole text. */
        boolean find(int from);

        int start();

        int end();

        /** Group {@code group}'s text in the last match; null where it took no part. */
        String group(int group);
    }

    /** What is computed from a value's matches. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(String value, Match match);
    }

    /** Matching for one thread: Java's matcher where it may be used, re2j's otherwise and after it. */
    public final class Matching {
        private final Budgeted text = new Budgeted();
        /** The values one after another that Java's matcher gave up on; past {@link #MOST_GIVEN_UP}, re2j alone matches. */
        private int givenUp;
        private final java.util.regex.Matcher javaMatcher;
        private final Match javaMatch;
        private final com.google.re2j.Matcher re2Matcher = re2.matcher("");
        private final Match re2Match = new Match() {
            @Override
            public void reset(CharSequence value) {
                re2Matcher.reset(value);
            }

            @Override
            public boolean find() {
                return re2Matcher.find();
            }

            @Override
            public boolean find(int from) {
                return re2Matcher.find(from);
            }

            @Override
            public int start() {
                return re2Matcher.start();
            }

            @Override
            public int end() {
                return re2Matcher.end();
            }

            @Override
            public String group(int group) {
                return re2Matcher.group(group);
            }
        };

        private Matching(Pattern backtracking) {
            this.javaMatcher = backtracking == null ? null : backtracking.matcher("");
            this.javaMatch = backtracking == null ? null : new Match() {
                @Override
                public void reset(CharSequence value) {
                    text.text = value;
                    javaMatcher.reset(text);
                }

                @Override
                public boolean find() {
                    return javaMatcher.find();
                }

                @Override
                public boolean find(int from) {
                    return javaMatcher.find(from);
                }

                @Override
                public int start() {
                    return javaMatcher.start();
                }

                @Override
                public int end() {
                    return javaMatcher.end();
                }

                @Override
                public String group(int group) {
                    return javaMatcher.group(group);
                }
            };
        }

        /** Whether the pattern matches somewhere in {@code value}. */
        public boolean find(String value) {
            return read(value, FINDS);
        }

        /** What {@code reader} computes from {@code value}'s matches, read from one matcher or, after it gave up, the other. */
        public <T> T read(String value, Reader<T> reader) {
            if (usesJava(value)) {
                try {
                    text.left = budget(value);
                    javaMatch.reset(value);
                    T read = reader.read(value, javaMatch);
                    givenUp = 0;
                    return read;
                } catch (OutOfSteps | StackOverflowError e) {
                    givenUp++; // read again below, from the start, in linear time
                }
            }
            checkFoldable(value);
            try {
                re2Match.reset(value);
                return reader.read(value, re2Match);
            } catch (StackOverflowError e) {
                return onLargeStack(value, () -> {
                    re2Match.reset(value);
                    return reader.read(value, re2Match);
                });
            }
        }

        /**
         * {@code work} on a thread of its own with a stack of {@link #LARGE_STACK} bytes, for a value
         * whose matching re2j recursed through more steps that read no character than a worker's
         * stack holds; the calling thread waits for it.
         */
        private <T> T onLargeStack(String value, java.util.function.Supplier<T> work) {
            Object[] result = new Object[1];
            Throwable[] failure = new Throwable[1];
            Thread thread = new Thread(null, () -> {
                try {
                    result[0] = work.get();
                } catch (Throwable t) {
                    failure[0] = t;
                }
            }, "floe-regex-large-stack", LARGE_STACK);
            thread.setDaemon(true);
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.floe.FloeException("interrupted while matching the regular expression '"
                        + Re2Patterns.shown(pattern) + "'", e);
            }
            if (failure[0] instanceof StackOverflowError) {
                throw tooComplex(value);
            } else if (failure[0] instanceof RuntimeException e) {
                throw e;
            } else if (failure[0] instanceof Error e) {
                throw e;
            } else if (failure[0] != null) {
                throw new IllegalStateException(failure[0]);
            }
            @SuppressWarnings("unchecked")
            T answer = (T) result[0];
            return answer;
        }

        private dev.floe.FloeException tooComplex(String value) {
            return new dev.floe.FloeException("the regular expression '" + Re2Patterns.shown(pattern) + "' is too complex "
                    + "to match a value of " + value.length() + " characters (its matcher ran out of stack); simplify it");
        }

        private boolean usesJava(String value) {
            if (javaMatcher == null || givenUp >= MOST_GIVEN_UP
                    // Java's matcher may find an empty match between the two halves of a character past the
                    // Basic Multilingual Plane (re2j steps whole characters); counted at once in a Latin-1 string
                    || value.codePointCount(0, value.length()) != value.length()) {
                return false;
            }
            if (folds) {
                // String.indexOf of a character past Latin-1 in a Latin-1 string answers at once
                for (char c : FOLDED_OTHERWISE) {
                    if (value.indexOf(c) >= 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Under case folding, refuses a value re2j's case tables cannot compare as RE2 does. */
        private void checkFoldable(String value) {
            if (folds) {
                for (int c = Re2Patterns.UNFOLDABLE_FIRST; c <= Re2Patterns.UNFOLDABLE_LAST; c++) {
                    if (value.indexOf(c) >= 0) {
                        throw new dev.floe.FloeException("the regular expression '" + Re2Patterns.shown(pattern)
                                + "' folds case, and the value '" + Re2Patterns.shown(value) + "' holds the character "
                                + String.format("U+%04X", c) + " (a Cyrillic letter of Unicode 9), which the matcher's case "
                                + "tables predate; match it without folding");
                    }
                }
            }
        }
    }

    /** Whether a value has a match. */
    private static final Reader<Boolean> FINDS = (value, match) -> match.find();

    private static long budget(String value) {
        return STEPS_FIXED + STEPS_PER_CHARACTER * value.length();
    }

    /** Thrown, without a stack trace, when Java's matcher has read a value's characters its budget of times. */
    private static final class OutOfSteps extends RuntimeException {
        OutOfSteps() {
            super(null, null, false, false);
        }
    }

    /** The value Java's matcher reads, each character read counted against the value's budget. */
    private static final class Budgeted implements CharSequence {
        CharSequence text = "";
        long left;

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new OutOfSteps();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
