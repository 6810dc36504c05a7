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
            "\\W", "[^k]", "\\b", "[^\\w]"}) {
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
        assertThat(Re2Patterns.checked("a{01}[{]\\{").pattern()).isEqualTo("a\\{01}[{]\\{");
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
        assertThat(finds("x{1000}".repeat(200), "b")).isFalse();
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

    /** re2j's matcher recurses through the parts that may match empty: past 1000 of them a pattern is refused. */
    @Test
    void manyPartsThatMayMatchEmptyAreRefused() {
        assertThat(finds("a?".repeat(1000) + "b", "c")).isFalse();
        assertThat(group("(x?)".repeat(1000), false, "c", 1)).isEqualTo("");
        assertThat(finds("(?:a?){1000}b", "c")).isFalse();
        assertThatThrownBy(() -> Re2Patterns.compile("a?".repeat(1001), false))
                .hasMessageContaining("parts that may match empty").hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> Re2Patterns.compile("(?:a?){500}".repeat(3), false))
                .hasMessageContaining("parts that may match empty");
        assertThatThrownBy(() -> Re2Patterns.compile("^$".repeat(600), false)).hasMessageContaining("match empty");
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

    @Test
    void aRepetitionAfterAnEmptyQuotationRepeatsTheGroup() {
        assertThat(group("(a?)\\Q\\E*", false, "aa", 1)).isEqualTo("a");
        assertThat(group("(a?)(?i)*", false, "aa", 1)).isEqualTo("a");
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
            Regex re2Only = new Regex(pattern, ignoreCase, Re2Patterns.re2(pattern, ignoreCase), null, false);
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
        assertThat(compared).isGreaterThan(20_000);
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
            "\\Q.\\E", "\\Q\\E", "(|a)", "(?:a*)?", "_", "😀", "[^\\w]", "\\W", "\\x{301}"};
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
                piece += repeats[random.nextInt(repeats.length)];
            }
            out.append(piece);
        }
        if (random.nextInt(8) == 0) {
            out.insert(0, random.nextBoolean() ? "(?U)" : "(?m)");
        }
        return out.toString();
    }
}
