package dev.floe.frame.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.re2j.Pattern;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Re2PatternsTest {
    private static boolean finds(String pattern, String text) {
        return Re2Patterns.compile(pattern, false).matching(false).find(text);
    }

    /** Group {@code group} of the first match, read as the kernels read it; null where nothing matches. */
    private static String group(String pattern, boolean ignoreCase, String text, int group) {
        return Re2Patterns.compile(pattern, ignoreCase).matching(true).read(text,
                (value, m) -> m.find() ? m.group(group) : null);
    }

    @Test
    void capturesAreRe2s() {
        // a backtracking matcher ends the repetition with an empty turn and captures ""
        assertThat(group("(a?)*", false, "aa", 1)).isEqualTo("a");
        assertThat(group("x(a|)+y", false, "xaay", 1)).isEqualTo("a");
        // leftmost-first, as RE2 (not leftmost-longest)
        assertThat(group("(a|ab)(c|bcd)(d*)", false, "abcd", 2)).isEqualTo("bcd");
    }

    @Test
    void caseFoldsAsRe2Does() {
        assertThat(Re2Patterns.compile("ß", true).matching(false).find("ẞ")).isTrue();
        assertThat(Re2Patterns.compile("İ", true).matching(false).find("i")).isFalse();
        assertThat(Re2Patterns.compile("i", true).matching(false).find("İ")).isFalse(); // Java folds İ to i
        assertThat(Re2Patterns.compile("(?i)i", false).matching(false).find("İ")).isFalse();
        assertThat(Re2Patterns.compile("k", true).matching(false).find("\u212A")).isTrue();
        assertThat(Re2Patterns.compile("straße", true).matching(false).find("STRASSE")).isFalse();
        assertThat(group("(?i)(A+)", false, "xaAb", 1)).isEqualTo("aA");
    }

    /**
     * Under case folding, Java's matcher (with Unicode case) and RE2 agree on every character of the
     * Basic Multilingual Plane against ASCII letters and classes, but for the four {@link
     * Regex#FOLDED_OTHERWISE}, over which {@link Regex} matches with re2j.
     */
    @Test
    void javaAndRe2FoldCaseAlikeButForFourCharacters() {
        java.util.Set<Character> otherwise = new java.util.TreeSet<>();
        for (String p : new String[] {"a", "e", "i", "k", "s", "z", "[a-z]", "[^a-z]", "[A-Z]", "[h-m]", "[r-t]", "\\w",
            "\\W", "[^k]", ".\\b", "\\B.", "[^\\w]"}) {
            java.util.regex.Pattern java = JavaTranslation.compile("^" + p + "$", true);
            Pattern re2 = Re2Patterns.re2("^" + p + "$", true);
            for (char c = 0x80; c < 0xFFFF; c++) {
                if (Character.isSurrogate(c)) {
                    continue;
                }
                String value = String.valueOf(c);
                if (java.matcher(value).find() != re2.matcher(value).find()) {
                    otherwise.add(c);
                }
            }
        }
        java.util.Set<Character> expected = new java.util.TreeSet<>();
        for (char c : Regex.FOLDED_OTHERWISE) {
            expected.add(c);
        }
        assertThat(otherwise).isEqualTo(expected);
        // and Regex reads those values with re2j
        assertThat(Re2Patterns.compile("^\\w$", true).matching(false).find("\u212A")).isTrue();
        assertThat(Re2Patterns.compile("^[a-z]+$", true).matching(false).find("xİ")).isFalse();
        assertThat(Re2Patterns.compile("^[a-z]+$", true).matching(false).find("xé")).isFalse();
        assertThat(Re2Patterns.compile("^[a-zé]+$", true).matching(false).find("XÉ")).isTrue();
    }

    /** Patterns that make a backtracking matcher try every way to split the text: each answers, in linear time. */
    @Test
    void patternsThatBacktrackForeverAnswer() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertThat(finds("(.*a){20}$", "a".repeat(200) + "!")).isFalse();
            assertThat(finds("^(a|aa)+$", "a".repeat(20_000) + "b")).isFalse();
            assertThat(finds("(x+x+)+y", "x".repeat(5_000))).isFalse();
            assertThat(finds("^(\\w+\\s?)*$", "word ".repeat(2_000) + "!")).isFalse();
            assertThat(finds("(.*a){20}", "a".repeat(200))).isTrue();
        });
    }

    /** Java's matcher gives up past its budget of steps, or when its stack overflows; re2j reads the value again. */
    @Test
    void aValueJavasMatcherGivesUpOnIsMatchedAgainByRe2j() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String many = "a".repeat(300);
            String stars = ".*.*.*.*.*.*.*.*=";
            assertThat(Re2Patterns.compile(stars, false).backtracksFirst(true)).isTrue();
            assertThat(group(stars, false, many, 0)).isNull();
            assertThat(group(stars, false, many + "=", 0)).isEqualTo(many + "=");
            assertThat(finds(stars, many)).isFalse();
            assertThat(finds("^(?:a|b)*c$", "ab".repeat(100_000) + "c")).isTrue();
            assertThat(finds("^(?:a|b)*c$", "ab".repeat(100_000))).isFalse();
        });
    }

    @Test
    void bracesRe2ReadsAsTextStayText() {
        assertThat(finds("^x{01}$", "x{01}")).isTrue();
        assertThat(finds("^x{,3}$", "x{,3}")).isTrue();
        assertThat(finds("^a{1000000000}$", "a{1000000000}")).isTrue();
        assertThat(finds("^a{2}$", "aa")).isTrue();
        assertThat(Re2Patterns.checked("a{01}[{]\\{", false).pattern()).isEqualTo("a\\{01}[{]\\{");
        assertThatThrownBy(() -> Re2Patterns.compile("a{1001}", false))
                .hasMessageContaining("invalid repetition size: {1001}");
    }

    @Test
    void patternsTooLargeToCompileAreRefusedBeforeTheyFillTheHeap() {
        assertThatThrownBy(() -> Re2Patterns.compile("((a{1000}){1000}){1000}", false))
                .hasMessageContaining("invalid repetition size");
        assertThatThrownBy(() -> Re2Patterns.compile("(?:a{1000}|b{1000}){1}".repeat(130), false))
                .hasMessageContaining("too large").hasMessageContaining("at most " + Re2Patterns.MOST_INSTRUCTIONS);
        assertThatThrownBy(() -> Re2Patterns.compile("x{1000}".repeat(300), false)).hasMessageContaining("too large");
        assertThatThrownBy(() -> Re2Patterns.compile("\\Qab\\E{1000}".repeat(300), false))
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Re2Patterns.compile("(".repeat(2_000) + "a" + ")".repeat(2_000), false))
                .hasMessageContaining("nest more than " + Re2Patterns.MOST_DEPTH);
        // large but within the limit: compiles and matches
        assertThat(finds("x{1000}".repeat(100), "b")).isFalse();
        assertThat(finds("(".repeat(500) + "a" + ")".repeat(500), "a")).isTrue();
    }

    /** As RE2: counted repetitions inside one another may repeat a thing at most 1000 times. */
    @Test
    void nestedCountsMultiply() {
        assertThat(finds("^(a{2}){500}$", "a".repeat(1000))).isTrue();
        assertThat(finds("^((a{10}){10}){10}$", "a".repeat(1000))).isTrue();
        assertThatThrownBy(() -> Re2Patterns.compile("(a{2}){501}", false))
                .hasMessageContaining("invalid repetition size: {501}").hasMessageContaining("1002 times");
        assertThatThrownBy(() -> Re2Patterns.compile("((a{10}){10}){11}", false))
                .hasMessageContaining("invalid repetition size: {11}");
        assertThatThrownBy(() -> Re2Patterns.compile("(?:a{1000}){200}", false))
                .hasMessageContaining("invalid repetition size");
        // siblings do not multiply; unbounded counts by their least
        assertThat(finds("^(?:a{1000}b{1000})$", "a".repeat(1000) + "b".repeat(1000))).isTrue();
        assertThat(finds("^(?:a{2,}){500}$", "a".repeat(1000))).isTrue();
    }

    /**
     * A choice between two ways to match nothing makes a backtracking matcher try exponentially
     * many ways without reading a character (its budget counts reads): re2j alone matches such
     * patterns.
     */
    @Test
    void choicesBetweenTwoWaysToMatchNothingGoToRe2j() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String empties = "(?:|)".repeat(40) + "$^";
            assertThat(Re2Patterns.compile(empties, false).backtracksFirst(false)).isFalse();
            assertThat(finds(empties, "a")).isFalse();
            String optionalStars = "(?:a*)?".repeat(40) + "\\b";
            assertThat(Re2Patterns.compile(optionalStars, false).backtracksFirst(false)).isFalse();
            assertThat(finds(optionalStars, "")).isFalse();
            assertThat(finds("(?:a?)*(?:a?)*(?:a?)*(?:a?)*(?:a?)*(?:a?)*(?:a?)*(?:a?)*(?:a?)*(?:a?)*$^", "a")).isFalse();
        });
        // a lazy repetition, an optional thing and an alternation with one empty branch are no such choice
        for (String pattern : new String[] {"a*?b", "a+?", "a??b", "x{1,3}?", "(a|)b", "(?:ab)?c", "^a*$"}) {
            assertThat(Re2Patterns.compile(pattern, false).backtracksFirst(false)).as(pattern).isTrue();
        }
        for (String pattern : new String[] {"(a?)*", "(?:a*)+", "(|)", "(a?|b*)", "(?:\\b)?", "(^)*", "(?:a?){1,2}"}) {
            assertThat(Re2Patterns.compile(pattern, false).backtracksFirst(false)).as(pattern).isFalse();
        }
    }

    /**
     * re2j's matcher recurses through the steps that read no character: where a worker's stack runs
     * out, the value is matched again on a thread with a large stack; past 100,000 such steps a
     * pattern is refused.
     */
    @Test
    void longChainsOfStepsThatReadNothingAnswer() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            assertThat(finds("a?".repeat(20_000) + "b", "c")).isFalse();
            assertThat(group("(x?)".repeat(5_000), false, "c", 1)).isEqualTo("");
            assertThat(finds("()".repeat(20_000) + "x", "yx")).isTrue();
            assertThat(finds("(?:|a)".repeat(5_000) + "b", "aab")).isTrue();
            java.util.Random random = new java.util.Random(5);
            java.util.List<String> words = new java.util.ArrayList<>();
            for (int w = 0; w < 20_000; w++) {
                words.add(Integer.toString(random.nextInt(1 << 20), 36));
            }
            String all = String.join("|", words);
            assertThat(finds("^(?:" + all + ")$", words.get(12_345))).isTrue();
            assertThat(group("^(" + all + ")$", false, words.get(19_999) + "~", 1)).isNull();
        });
        assertThatThrownBy(() -> Re2Patterns.compile("()".repeat(60_000), false))
                .hasMessageContaining("read no character").hasMessageContaining("at most 100000");
        assertThatThrownBy(() -> Re2Patterns.compile("^$".repeat(50_001), false))
                .hasMessageContaining("read no character");
    }

    /** RE2's word boundary sees ASCII word characters only; Java's would count a combining mark after a letter. */
    @Test
    void wordBoundariesAreAscii() {
        assertThat(finds("a\\b", "a\u0301")).isTrue();
        assertThat(finds("\\bcafe\\b", "cafe\u0301")).isTrue();
        assertThat(finds("e\\B", "e\u0301")).isFalse();
        assertThat(finds("\\bé", "é")).isFalse(); // é is no word character to RE2
        assertThat(finds("x\\b", "xé")).isTrue();
    }

    /** Flags between a thing and its repetition hold from there on; the thing keeps its own case (as in RE2). */
    @Test
    void flagsBetweenAThingAndItsRepetitionHoldAfterIt() {
        assertThat(Re2Patterns.checked("x(?i)(?s)*y", false).pattern()).isEqualTo("x*(?i)(?s)y");
        assertThat(Re2Patterns.checked("x(?iU)+?y", false).pattern()).isEqualTo("x(?U)+?(?i)y");
        assertThat(Re2Patterns.checked("x(?-iU){2}", false).pattern()).isEqualTo("x(?-U){2}(?-i)");
        assertThat(Re2Patterns.compile("(?:(?i:a)[^a]A)(?i){1,2}", false).matching(true)
                .<Boolean>read("aba", (v, m) -> m.find())).isFalse();
        assertThat(Re2Patterns.re2("(?:(?i:a)[^a]A)(?i){1,2}", false).matcher("aba").find()).isFalse();
        assertThat(Re2Patterns.re2("(?:(?i:a)[^a]A)(?i){1,2}", false).matcher("abA").find()).isTrue();
        // flags after a repetition end it: the repetition that follows them repeats the first one
        assertThat(group("a*(?i)?", false, "aaa", 0)).isEqualTo("aaa");
        assertThat(Re2Patterns.re2("a*(?i)?", false).matcher("aaa").find()).isTrue();
        assertThat(Re2Patterns.checked("a*(?i)?", false).pattern()).isEqualTo("a*(?i)?");
        assertThat(finds("^a*(?s)*$", "aa")).isTrue();
        // flag groups RE2 refuses are not moved (and so refused)
        assertThatThrownBy(() -> Re2Patterns.compile("a(?i-)*", false)).hasMessageContaining("(?i-)");
        assertThatThrownBy(() -> Re2Patterns.compile("a(?-)*", false)).hasMessageContaining("(?-)");
        assertThat(Re2Patterns.re2("^a(?i)+$", false).matcher("aAA").find()).isFalse();
        assertThat(Re2Patterns.re2("^a(?i)+B$", false).matcher("aab").find()).isTrue();
        assertThat(group("(a(?U)+)", false, "aaa", 1)).isEqualTo("a"); // U makes the repetition lazy
        assertThat(group("(a+)(?U)+", false, "aaa", 1)).isEqualTo("aaa"); // but not the one before it
    }

    /** re2j factors a first letter out of alternatives without heeding case flags: such patterns are refused. */
    @Test
    void alternativesWithCaseFoldedPartsAreRefused() {
        for (String pattern : new String[] {"(?:(?i:a)b|A)", "x|(?i)a", "(?i)a|(?-i)A", "a|(?mi:b)", "(?i:a)|b",
            "(?:(?i-s:é)b|É)", "(?mi-s:a)|b", "^(?:(?i)a|b)c|(?i)d"}) {
            assertThatThrownBy(() -> Re2Patterns.compile(pattern, false)).as(pattern)
                    .hasMessageContaining("alternatives (|) in a pattern that folds case in some parts only");
        }
        // folding the whole pattern, or alternatives with no case flags, are read
        assertThat(finds("(?i)ab|c", "AB")).isTrue();
        assertThat(finds("(?m)(?i)ab|c", "AB")).isTrue();
        assertThat(finds(Re2Patterns.whole("(?i)yes|no"), "YES")).isTrue();
        assertThat(finds(Re2Patterns.whole("(?i)yes|no"), "NOPE")).isFalse();
        assertThat(Re2Patterns.compile("ab|c", true).matching(false).find("C")).isTrue();
        assertThat(finds("(?m)a$|b", "a\nx")).isTrue();
        assertThat(finds("(?i:a)B", "AB")).isTrue();
    }

    @Test
    void aRepetitionAfterAnEmptyQuotationRepeatsTheGroup() {
        assertThat(group("(a?)\\Q\\E*", false, "aa", 1)).isEqualTo("a");
        assertThat(group("(a?)(?i)*", false, "aa", 1)).isEqualTo("a");
    }

    /**
     * re2j's case folding never finishes with U+1C80 to U+1C88 (its tables predate them): under
     * folding, patterns that would fold them are refused, and values that hold them fail re2j's
     * matching with a clear error, where RE2 would fold them with в, д, о, с, т, ъ, ѣ and ꙋ.
     */
    @Test
    void charactersTheCaseTablesPredateAreRefusedUnderFolding() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String pattern : new String[] {"(?i)x\u1C80", "[\\x{80}-\\x{FFFF}]", "\\x{1c84}",
                "(?i:\\Q\u1C88\\E)", "[a\u1C81]", "[\u1C00-\u1CFF]", "[^\\x{1C80}]", "[\\x42-\\x{10FFFF}]",
                "[\\102-\\x{10FFFF}]", "[\\]-\\x{10FFFF}]", "[\\\\-\\x{10FFFF}]", "[\\^-\\x{10FFFF}]", "[]-\\x{1C80}]"}) {
                boolean inline = pattern.contains("(?i");
                assertThatThrownBy(() -> Re2Patterns.compile(pattern, !inline)).as(pattern)
                        .hasMessageContaining("U+1C80 to U+1C88");
                // without folding they are characters as any other
                String unfolded = pattern.replace("(?i)", "").replace("(?i:", "(?:");
                org.assertj.core.api.Assertions.assertThatCode(() -> Re2Patterns.compile(unfolded, false))
                        .as(unfolded).doesNotThrowAnyException();
            }
            // re2j's Unicode classes predate them too, so fold without them
            assertThat(finds("(?i)^\\p{Cyrillic}+$", "жЖ")).isTrue();
            assertThat(finds("[\\x{1C84}]", "\u1C84")).isTrue(); // without folding, a character as any other
            assertThat(finds("(?i)^[\\pL]+$", "жЖé")).isTrue();
            // a range as wide as every cased character is not folded character by character
            assertThat(finds("(?i)^[\\x{0}-\\x{10FFFF}]$", "ж")).isTrue();
            assertThat(finds("(?i)[а-я]", "Ж")).isTrue();
            assertThatThrownBy(() -> Re2Patterns.compile("в", true).matching(false).find("x\u1C80"))
                    .isInstanceOf(dev.floe.FloeException.class).hasMessageContaining("U+1C80");
            // an ASCII pattern reads such a value with Java's matcher, which folds as RE2
            assertThat(Re2Patterns.compile("x", true).matching(false).find("\u1C80X")).isTrue();
        });
    }

    @Test
    void aTrailingBackslashIsRefusedUnderFoldingToo() {
        assertThatThrownBy(() -> Re2Patterns.compile("a\\", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing backslash");
        assertThatThrownBy(() -> Re2Patterns.compile("(?i)a\\", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing backslash");
    }

    @Test
    void errorsShowAtMost200CharactersOfThePattern() {
        assertThatThrownBy(() -> Re2Patterns.compile("(" + "a".repeat(10_000), false))
                .hasMessageContaining("... (10001 characters)").hasMessageNotContaining("a".repeat(201));
    }

    @Test
    void namedGroupsAreNumberedGroupsAndMayShareAName() {
        assertThat(group("(?P<n>a)(?P<n>b)", false, "ab", 2)).isEqualTo("b");
        assertThatThrownBy(() -> Re2Patterns.compile("(?P<>a)", false))
                .hasMessageContaining("invalid named capture group");
        assertThatThrownBy(() -> Re2Patterns.compile("(?<n>a)", false)).hasMessageContaining("(?P<name>...)");
    }

    @Test
    void whatRe2DoesNotReadIsRefusedByName() {
        assertThatThrownBy(() -> Re2Patterns.compile("a(?=b)", false)).hasMessageContaining("lookaround ('(?=')");
        assertThatThrownBy(() -> Re2Patterns.compile("(?<!a)b", false)).hasMessageContaining("lookaround ('(?<!')");
        assertThatThrownBy(() -> Re2Patterns.compile("a++", false)).hasMessageContaining("bad repetition operator: ++")
                .hasMessageContaining("possessive");
        assertThatThrownBy(() -> Re2Patterns.compile("(a)\\1", false))
                .hasMessageContaining("invalid escape sequence: \\1 (back references");
        assertThatThrownBy(() -> Re2Patterns.compile("a)|(b", false)).hasMessageContaining("unexpected ) at character 2");
        assertThatThrownBy(() -> Re2Patterns.compile("[a", false)).hasMessageContaining("missing closing ]");
        assertThatThrownBy(() -> Re2Patterns.compile("(a", false)).hasMessageContaining("missing closing )");
        // a ) inside a class or a quotation closes nothing
        assertThat(finds("[)]\\Q)\\E", "))")).isTrue();
    }

    @Test
    void classesAsRe2ReadsThem() {
        assertThat(finds("^[[:digit:]]+$", "123")).isTrue();
        assertThat(finds("[[:^alpha:]]", "abc")).isFalse();
        assertThat(finds("^\\pL\\p{Greek}$", "éΩ")).isTrue();
        assertThat(finds("^[]a]+$", "]a")).isTrue();
        assertThat(finds("^\\x{1F600}$", "😀")).isTrue();
        assertThat(finds("^.$", "😀")).isTrue(); // one character, not half of one
    }

    /**
     * Java's matcher where {@link Regex} uses it, against re2j alone: random patterns of RE2's
     * syntax over random values, every match's place and every group of each compared.
     */
    @Test
    void javasMatcherGivesRe2sAnswersWhereItIsUsed() {
        java.util.Random random = new java.util.Random(20261207);
        String[] letters = {"a", "b", "A", "1", " ", "\n", "é", "\r", "\u0301", "\u000B", "_", "😀"};
        int compared = 0;
        int backtracked = 0;
        for (int p = 0; p < 3000; p++) {
            String pattern = randomPattern(random, 3);
            boolean ignoreCase = random.nextInt(5) == 0;
            Regex both;
            try {
                both = Re2Patterns.compile(pattern, ignoreCase);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            Regex re2Only = new Regex(pattern, Re2Patterns.re2(pattern, ignoreCase), null,
                    Re2Patterns.folds(pattern, ignoreCase), false);
            backtracked += both.backtracksFirst(true) ? 1 : 0;
            for (int v = 0; v < 12; v++) {
                StringBuilder value = new StringBuilder();
                for (int k = random.nextInt(8); k > 0; k--) {
                    value.append(letters[random.nextInt(letters.length)]);
                }
                String text = value.toString();
                String where = "pattern " + pattern + (ignoreCase ? " (i)" : "") + " over '" + text + "'";
                assertThat(both.matching(false).find(text)).as(where).isEqualTo(re2Only.matching(false).find(text));
                assertThat(both.matching(true).read(text, Re2PatternsTest::everyMatch)).as(where)
                        .isEqualTo(re2Only.matching(true).read(text, Re2PatternsTest::everyMatch));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(15_000);
        assertThat(backtracked).isGreaterThan(600); // the rest: repeated groups, classes Java reads otherwise, folding past ASCII
    }

    /** Every match from the start, one after another, with the place and groups of each. */
    private static java.util.List<String> everyMatch(String value, Regex.Match match) {
        java.util.List<String> found = new java.util.ArrayList<>();
        int from = 0;
        while (from <= value.length() && match.find(from)) {
            StringBuilder one = new StringBuilder().append(match.start()).append('-').append(match.end());
            for (int g = 1; g < 4; g++) {
                try {
                    one.append('|').append(match.group(g));
                } catch (IndexOutOfBoundsException noSuchGroup) {
                    break;
                }
            }
            found.add(one.toString());
            from = match.end() > match.start() ? match.end() : match.end() + 1;
        }
        return found;
    }

    private static String randomPattern(java.util.Random random, int depth) {
        String[] atoms = {"a", "b", "A", ".", "[ab]", "[^a]", "\\d", "\\w", "\\s", "\\S", "\\b", "\\B", "^", "$",
            "é", "1", " ", "[a-c1]", "\\n", "(?i:a)", "(?m:^)", "(?m:$)", "(?s:.)", "\\pL", "[[:alpha:]]", "\\x{e9}",
            "\\Q.\\E", "\\Q\\E", "(|a)", "(?:a*)?", "_", "😀", "[^\\w]", "\\W", "\\x{301}", "\\Qab\\E", "\\A", "\\z"};
        String[] repeats = {"*", "+", "?", "{1,2}", "{2}", "*?", "+?", "??", "{0,1}?", "{1,}"};
        StringBuilder out = new StringBuilder();
        for (int parts = 1 + random.nextInt(3); parts > 0; parts--) {
            String piece;
            int kind = depth <= 0 ? 0 : random.nextInt(6);
            piece = switch (kind) {
                case 1 -> "(" + randomPattern(random, depth - 1) + ")";
                case 2 -> "(?:" + randomPattern(random, depth - 1) + "|" + randomPattern(random, depth - 1) + ")";
                case 3 -> "(" + randomPattern(random, depth - 1) + "|)";
                default -> atoms[random.nextInt(atoms.length)];
            };
            if (random.nextInt(3) == 0) {
                piece += (random.nextInt(6) == 0 ? "(?i)" : "") + repeats[random.nextInt(repeats.length)];
            }
            out.append(piece);
        }
        if (random.nextInt(8) == 0) {
            out.insert(0, random.nextBoolean() ? "(?U)" : "(?m)");
        }
        return out.toString();
    }
}
