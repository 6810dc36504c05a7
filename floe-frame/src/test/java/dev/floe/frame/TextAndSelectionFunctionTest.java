package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DataFrame API's padding, searching, regular expressions, minBy/maxBy, mode and quantileDisc (the SQL spec has DuckDB's answers). */
class TextAndSelectionFunctionTest {
    private static List<Object> column(DataFrame df, String name) {
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < df.height(); i++) {
            values.add(df.row(i).toList().get(df.schema().names().indexOf(name)));
        }
        return values;
    }

    @Test
    void aCategoricalChunkOverALargerDictionaryGivesTheSameTextAndDatesRowByRow() {
        // 2,000 distinct dates as text; a slice of six rows keeps the 2,000-value dictionary
        List<Object> text = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            text.add(i == 3 ? null : java.time.LocalDate.of(2020, 1, 1).plusDays(i) + (i % 2 == 0 ? "x" : ""));
        }
        DataFrame frame = DataFrame.of(Series.of("s", DataType.CATEGORICAL, text)).slice(1, 6);
        DataFrame out = frame.lazy().select(col("s").str().upper().alias("u"),
                col("s").str().toDatetime(false, "%Y-%m-%d").alias("d")).collect();
        for (int row = 0; row < 6; row++) {
            Object value = text.get(row + 1);
            assertThat(out.get(row, "u")).as("row %d", row).isEqualTo(value == null ? null : value.toString().toUpperCase());
            Object expectedDate = value == null || value.toString().endsWith("x") ? null
                    : java.time.LocalDate.parse(value.toString()).atStartOfDay();
            assertThat(out.get(row, "d")).as("row %d", row).isEqualTo(expectedDate);
        }
    }

    @Test
    void textFunctionsCountCodePointsAndKeepNulls() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("héllo", null, "", "a,b,c")));
        DataFrame out = df.select(col("s").str().padStart(7, "*").alias("l"), col("s").str().find("l").alias("p"),
                col("s").str().splitPart(",", -1).alias("sp"), col("s").str().reverse().alias("r"),
                col("s").str().repeat(2).alias("rep"));
        assertThat(column(out, "l")).containsExactly("**héllo", null, "*******", "**a,b,c");
        assertThat(column(out, "p")).containsExactly(3L, null, 0L, 0L);
        assertThat(column(out, "sp")).containsExactly("héllo", null, "", "c");
        assertThat(column(out, "r")).containsExactly("olléh", null, "", "c,b,a");
        assertThat(column(out, "rep")).containsExactly("héllohéllo", null, "", "a,b,ca,b,c");
    }

    @Test
    void regularExpressionsFollowRe2() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("a\n", "banana", null)));
        DataFrame out = df.select(col("s").str().regexMatches("a$", false).alias("end"),
                col("s").str().regexReplace("(an)", "<\\1>", true, false).alias("rep"),
                col("s").str().regexExtract("n(a)", 1, false).alias("ext"));
        // RE2's $ is the end of the text, not the place before a last line break
        assertThat(column(out, "end")).containsExactly(false, true, null);
        assertThat(column(out, "rep")).containsExactly("a\n", "b<an><an>a", null);
        assertThat(column(out, "ext")).containsExactly("", "a", null);
        assertThatThrownBy(() -> col("s").str().regexMatches("a(?=b)", false)).hasMessageContaining("lookaround");
        // POSIX classes as RE2 reads them
        assertThat(column(df.select(col("s").str().regexMatches("^[[:alpha:]]+$", false).alias("p")), "p"))
                .containsExactly(false, true, null);
        assertThatThrownBy(() -> col("s").str().regexMatches("a++", false)).hasMessageContaining("possessive");
    }

    /** A value on which a backtracking matcher would run for ages answers as the others do (re2j reads it again). */
    @Test
    void regularExpressionsAnswerInLinearTime() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                this::linearTimeAnswers);
    }

    private void linearTimeAnswers() {
        String many = "a".repeat(300);
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList(many, "x=y=z", null)));
        String stars = ".*.*.*.*.*.*.*.*=";
        DataFrame out = df.select(col("s").str().regexReplace(stars, "#", true, false).alias("rep"),
                col("s").str().regexMatches(stars, false).alias("m"),
                col("s").str().regexSplit("(?:.*.*.*.*.*.*.*.*)=", false).alias("parts"),
                col("s").str().regexExtractAll("[a-z].*.*.*.*.*.*.*=", 0, false).alias("all"));
        assertThat(column(out, "rep")).containsExactly(many, "#z", null);
        assertThat(column(out, "m")).containsExactly(false, true, null);
        assertThat(column(out, "parts").get(0)).isEqualTo(List.of(many));
        assertThat(column(out, "parts").get(1)).isEqualTo(List.of("", "z"));
        assertThat(column(out, "all").get(0)).isEqualTo(List.of());
        assertThat(column(out, "all").get(1)).isEqualTo(List.of("x=y="));
    }

    @Test
    void regexSplitSearchesTheRestAfterEachMatchAsTextOfItsOwn() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("a1b22c", "1a1", "", null, "abc", "ab cd", "a😀b",
                "xabx", "aa", "AbA")));
        assertThat(column(df.select(col("s").str().regexSplit("[0-9]+", false).alias("p")), "p")).containsExactly(
                List.of("a", "b", "c"), List.of("", "a", ""), List.of(""), null, List.of("abc"), List.of("ab cd"),
                List.of("a😀b"), List.of("xabx"), List.of("aa"), List.of("AbA"));
        // an empty match at the rest's start splits off one code point; \b and ^ see the rest's start
        assertThat(column(df.select(col("s").str().regexSplit("", false).alias("p")), "p").get(6))
                .isEqualTo(List.of("a", "😀", "b"));
        assertThat(column(df.select(col("s").str().regexSplit("\\b", false).alias("p")), "p").get(5))
                .isEqualTo(List.of("a", "b", " ", "c", "d"));
        assertThat(column(df.select(col("s").str().regexSplit("x|", false).alias("p")), "p").get(7))
                .isEqualTo(List.of("", "a", "b", "", ""));
        assertThat(column(df.select(col("s").str().regexSplit("^a", false).alias("p")), "p").get(8))
                .isEqualTo(List.of("", "", ""));
        assertThat(column(df.select(col("s").str().regexSplit("b*", false).alias("p")), "p").get(4))
                .isEqualTo(List.of("a", "", "c"));
        assertThat(column(df.select(col("s").str().regexSplit("a", true).alias("p")), "p").get(9))
                .isEqualTo(List.of("", "b", ""));
        assertThatThrownBy(() -> col("s").str().regexSplit("a(?=b)", false)).hasMessageContaining("lookaround");
    }

    @Test
    void regexExtractAllFindsEveryMatchInTheWholeText() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("a1b22c333", "", null, "abab", "a😀b", "aaa", "a1-b2")));
        assertThat(column(df.select(col("s").str().regexExtractAll("[0-9]+", 0, false).alias("m")), "m"))
                .containsExactly(List.of("1", "22", "333"), List.of(), null, List.of(), List.of(), List.of(), List.of("1", "2"));
        // an empty match may follow a match; after an empty match the search goes on one code point further
        assertThat(column(df.select(col("s").str().regexExtractAll("b*", 0, false).alias("m")), "m").get(3))
                .isEqualTo(List.of("", "b", "", "b", ""));
        assertThat(column(df.select(col("s").str().regexExtractAll("", 0, false).alias("m")), "m").get(4))
                .isEqualTo(List.of("", "", "", ""));
        // ^ sees the whole value, not the rest after a match
        assertThat(column(df.select(col("s").str().regexExtractAll("^a", 0, false).alias("m")), "m").get(5))
                .isEqualTo(List.of("a"));
        assertThat(column(df.select(col("s").str().regexExtractAll("([a-z])(\\d)|(z)", 2, false).alias("m")), "m")
                .get(6)).isEqualTo(List.of("1", "2"));
        assertThat(column(df.select(col("s").str().regexExtractAll("([a-z])|(\\d)", 2, false).alias("m")), "m")
                .get(6)).isEqualTo(Arrays.asList(null, "1", null, "2"));
        assertThat(column(df.select(col("s").str().regexExtractAll("A", 0, true).alias("m")), "m").get(3))
                .isEqualTo(List.of("a", "a"));
        assertThatThrownBy(() -> col("s").str().regexExtractAll("(a)", 2, false))
                .hasMessageContaining("the pattern has 1 group, so there is no group 2");
    }

    @Test
    void translateMapsCharactersByPlace() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("abcabc", "héllo", "", null)));
        assertThat(column(df.select(col("s").str().translate("abé", "x").alias("t")), "t"))
                .containsExactly("xcxc", "hllo", "", null);
        assertThat(column(df.select(col("s").str().translate("aab", "xyz").alias("t")), "t"))
                .containsExactly("xzcxzc", "héllo", "", null);
    }

    @Test
    void paddingWithNothingFails() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("abc")));
        assertThatThrownBy(() -> df.select(col("s").str().padEnd(5, "")))
                .hasStackTraceContaining("Insufficient padding in RPAD");
    }

    @Test
    void selectionAggregatesPerGroup() {
        DataFrame df = DataFrame.of(Series.of("g", Arrays.asList("a", "a", "b", "b", "b")),
                Series.of("v", Arrays.asList(1L, 2L, null, 7L, 7L)), Series.of("k", Arrays.asList(5.0, 3.0, 9.0, Double.NaN, 1.0)));
        DataFrame out = df.groupBy("g").agg(col("v").maxBy(col("k")).alias("maxBy"), col("v").minBy(col("k")).alias("minBy"),
                col("v").mode().alias("mode"), col("v").quantileDisc(new BigDecimal("0.5")).alias("q")).sort("g");
        assertThat(column(out, "maxBy")).containsExactly(1L, 7L); // NaN is the largest key; a null value is passed over
        assertThat(column(out, "minBy")).containsExactly(2L, 7L);
        assertThat(column(out, "mode")).containsExactly(1L, 7L);
        assertThat(column(out, "q")).containsExactly(1L, 7L);
    }
}
