package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import dev.floe.frame.expr.Exprs;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FunctionTest {
    /**
     * Text membership against a list of values looked up as numbers (up to seven bytes) and by
     * comparison (longer): random strings of every length 0 to 10, bytes above 127 and zero bytes,
     * as plain text and as categorical, against a set worked out directly.
     */
    @Test
    void textIsInAgreesWithASetOfTheValues() {
        SplittableRandom random = new SplittableRandom(8);
        String alphabet = "ab\u0000é9";
        for (int round = 0; round < 40; round++) {
            String[] texts = new String[2_000];
            for (int i = 0; i < texts.length; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(11);
                for (int c = 0; c < length; c++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                texts[i] = random.nextInt(25) == 0 ? null : text.toString();
            }
            java.util.Set<String> wanted = new java.util.HashSet<>();
            Object[] listed = new Object[1 + random.nextInt(12)];
            for (int w = 0; w < listed.length; w++) {
                String value = random.nextInt(4) == 0 || texts[random.nextInt(texts.length)] == null
                        ? "" + alphabet.charAt(random.nextInt(alphabet.length())) : texts[random.nextInt(texts.length)];
                listed[w] = value;
                wanted.add(value);
            }
            DataFrame frame = DataFrame.of(Series.of("t", texts));
            DataFrame answer = frame.lazy().select(col("t").isIn(listed).alias("in"),
                    col("t").cast(DataType.CATEGORICAL).isIn(listed).alias("cin")).collect();
            for (int row = 0; row < texts.length; row++) {
                Object expected = texts[row] == null ? null : wanted.contains(texts[row]);
                assertThat(answer.get(row, "in")).as("%s in %s", texts[row], wanted).isEqualTo(expected);
                assertThat(answer.get(row, "cin")).as("%s in %s", texts[row], wanted).isEqualTo(expected);
            }
        }
    }

    @Test
    void bitsOfIntegersAndTheTwoArgumentArcTangent() {
        DataFrame df = DataFrame.of(Series.of("a", Arrays.asList(12L, -17L, 5L, null)),
                Series.of("b", Arrays.asList(10L, 2L, 70L, 1L)),
                Series.of("t", Arrays.asList((byte) -1, (byte) 3, (byte) 0, null)),
                Series.of("u", Arrays.asList((byte) 1, (byte) 3, (byte) 0, null)));
        DataFrame bits = df.select(col("a").bitAnd(col("b")).alias("and"), col("a").bitOr(3).alias("or"),
                col("a").bitXor(col("b")).alias("xor"), col("a").shiftRight(col("b")).alias("right"),
                col("a").bitNot().alias("not"), col("t").bitCount().alias("count"), col("u").shiftLeft(2).alias("left"));
        assertThat(bits.row(0).toList()).containsExactly(8L, 15L, 6L, 0L, -13L, (byte) 8, (byte) 4);
        assertThat(bits.row(1).toList()).containsExactly(2L, -17L, -19L, -5L, 16L, (byte) 2, (byte) 12);
        // past the width, a right shift gives 0 whatever the sign
        assertThat(bits.row(2).toList()).containsExactly(4L, 7L, 67L, 0L, -6L, (byte) 0, (byte) 0);
        assertThat(bits.row(3).toList()).containsExactly(null, null, null, null, null, null, null);
        // a literal takes the column's type where it fits, so an i8 stays an i8
        assertThat(bits.schema().type("left")).isEqualTo(DataType.INT8);
        assertThat(bits.schema().type("count")).isEqualTo(DataType.INT8);
        assertThatThrownBy(() -> df.select(col("t").shiftLeft(1))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("cannot shift a negative number left, -1 (row 0)");
        assertThatThrownBy(() -> df.select(col("u").shiftLeft(7))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("1 << 7 overflows its 8-bit type");
        assertThatThrownBy(() -> df.select(col("b").shiftLeft(60))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("10 << 60 overflows its 64-bit type");
        assertThatThrownBy(() -> df.select(col("a").bitAnd(1.5))).hasMessageContaining("needs integers");
        DataFrame angles = DataFrame.of(Series.of("y", 1.0, -0.0, 1.0), Series.of("x", -1.0, -1.0, 0.0))
                .select(col("y").arctan2(col("x")).alias("a"));
        assertThat(angles.column("a").toList()).containsExactly(Math.atan2(1, -1), -Math.PI, Math.PI / 2);
    }

    @Test
    void datePartsMatchJavaTimeAcrossCenturies() {
        SplittableRandom random = new SplittableRandom(9);
        List<Object> dates = new java.util.ArrayList<>();
        List<Object> moments = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextLong(-800_000, 800_000));
            dates.add(date);
            moments.add(date.atTime(random.nextInt(24), random.nextInt(60)));
        }
        dates.add(null);
        moments.add(null);
        DataFrame df = DataFrame.of(Series.of("d", dates), Series.of("t", moments));
        DataFrame parts = df.select(col("d").dt().year().alias("y"), col("d").dt().month().alias("m"),
                col("d").dt().day().alias("day"), col("t").dt().year().alias("ty"), col("t").dt().hour().alias("h"));
        for (int i = 0; i < dates.size(); i++) {
            LocalDate date = (LocalDate) dates.get(i);
            LocalDateTime moment = (LocalDateTime) moments.get(i);
            List<Object> expected = date == null ? Arrays.asList(null, null, null, null, null)
                    : List.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), moment.getYear(), moment.getHour());
            assertThat(parts.row(i).toList()).as("%s", date).isEqualTo(expected);
        }
        assertThat(parts.schema().type("y")).isEqualTo(DataType.INT32);
    }

    @Test
    void textFunctionsWorkOnCategoricalsThroughTheirDictionary() {
        DataFrame df = DataFrame.of(Series.of("k", DataType.CATEGORICAL, Arrays.asList("Apple", "banana", null, "Apple")));
        DataFrame out = df.select(col("k").str().upper().alias("u"), col("k").str().len().alias("n"),
                col("k").str().contains("an").alias("has_an"), col("k").isIn("Apple").alias("apple"));
        FrameAssert.assertThat(out).hasRows(new Object[] {"APPLE", 5, false, true},
                new Object[] {"BANANA", 6, true, false}, new Object[] {null, null, null, null},
                new Object[] {"APPLE", 5, false, true});
    }

    @Test
    void examplesReadAsDocumented() {
        DataFrame df = DataFrame.of(Series.of("s", "  ünïcode  ", "a,b,c"), Series.of("x", -2.5, 7.25));
        FrameAssert.assertThat(df.select(col("s").str().strip().alias("stripped"), col("s").str().slice(-3, 2).alias("end"),
                col("s").str().splitFirst(",").alias("first"), col("s").str().replace(",", ";").alias("semi"),
                col("x").round(0).alias("r"), col("x").clip(0, 5).alias("c"), col("x").between(0, 10).alias("in")))
                .hasRows(new Object[] {"ünïcode", "e ", "  ünïcode  ", "  ünïcode  ", -3.0, 0.0, false},
                        new Object[] {"a,b,c", "b,", "a", "a;b;c", 7.0, 5.0, true});
    }

    @Test
    void codePointsGoBothWaysAndAValueThatIsNoneFailsNamingIt() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("ünï", "", null, "😀x")),
                Series.of("n", Arrays.asList(252L, 65L, null, 128512L)));
        FrameAssert.assertThat(df.select(col("s").str().firstCodePoint().alias("first"),
                col("n").codePointText().alias("text"), col("s").str().lenBytes().alias("bytes"),
                col("s").str().stripStart("üx").alias("start"), col("s").str().stripEnd("x").alias("end")))
                .hasRows(new Object[] {252, "ü", 5, "nï", "ünï"}, new Object[] {0, "A", 0, "", ""},
                        new Object[] {null, null, null, null, null}, new Object[] {128512, "😀", 5, "😀x", "😀"});
        DataFrame digests = df.select(col("s").str().md5().alias("md5"), col("s").str().sha256().alias("sha"));
        assertThat(digests.column("md5").toList()).containsExactly(md5("ünï"), "d41d8cd98f00b204e9800998ecf8427e", null,
                md5("😀x"));
        assertThat((String) digests.get(1, "sha")).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (long bad : new long[] {-1, 0xD800, 0x110000}) {
            DataFrame one = DataFrame.of(Series.of("n", 65L, bad));
            assertThatThrownBy(() -> one.select(col("n").codePointText()))
                    .isInstanceOf(OutOfRangeException.class).hasMessageContaining(bad + " is not a Unicode code point (row 1)");
        }
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void isInComparesByValueAcrossNumberTypes() {
        DataFrame df = DataFrame.of(Series.of("n", 2L, 3L, 4L), Series.of("t", List.of(
                java.time.LocalDateTime.of(2026, 1, 1, 0, 0), java.time.LocalDateTime.of(2026, 1, 2, 0, 0),
                java.time.LocalDateTime.of(2026, 1, 3, 0, 0))));
        FrameAssert.assertThat(df.select(col("n").isIn(2.5, 3.0, 4), col("t").isIn(java.time.LocalDateTime.of(2026, 1, 2, 0, 0))))
                .hasColumnValues("n", false, true, true).hasColumnValues("t", false, true, false);
    }

    @Test
    void isInMatchesAnIntegerOnlyByItsExactValue() {
        // 1e30 and 2^63 as doubles are whole but past a long: once they matched Long.MAX_VALUE, and 2^64
        // as a BigInteger wrapped to 0
        DataFrame df = DataFrame.of(Series.of("n", Long.MAX_VALUE, Long.MIN_VALUE, 0L, 5L));
        FrameAssert.assertThat(df.select(col("n").isIn(1e30, 0x1p63, new java.math.BigInteger("18446744073709551616"))
                        .alias("past"), col("n").isIn(-0x1p63, 5.0).alias("exact"),
                        col("n").cast(DataType.INT128).isIn(1e30, 0x1p63).alias("wide")))
                .hasColumnValues("past", false, false, false, false).hasColumnValues("exact", false, true, false, true)
                .hasColumnValues("wide", false, false, false, false);
    }

    @Test
    void temporalArithmeticWorksInMicroseconds() {
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2026, 3, 1, 12, 0);
        DataFrame df = DataFrame.of(
                Series.of("t", Arrays.asList(start, start.plusSeconds(90), null)),
                Series.of("d", List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 27), LocalDate.of(2024, 2, 28))),
                Series.of("span", List.of(java.time.Duration.ofHours(36), java.time.Duration.ofMillis(-3),
                        java.time.Duration.ofDays(1))));
        DataFrame out = df.select(col("t").sub(col("t").first()).alias("since_first"),
                col("d").sub(Exprs.lit(LocalDate.of(2026, 1, 1))).alias("days"),
                col("t").add(col("span")).alias("t_plus"), col("span").add(col("d")).alias("d_plus"),
                col("t").sub(col("d")).alias("t_minus_d"), col("d").sub(col("span")).alias("d_minus"),
                col("span").mul(3).alias("triple"), col("span").floorDiv(2).alias("half"),
                col("span").add(col("span")).alias("twice"));
        FrameAssert.assertThat(out).hasSchema("since_first", DataType.DURATION, "days", DataType.DURATION,
                "t_plus", DataType.DATETIME, "d_plus", DataType.DATETIME, "t_minus_d", DataType.DURATION,
                "d_minus", DataType.DATETIME, "triple", DataType.DURATION, "half", DataType.DURATION,
                "twice", DataType.DURATION);
        FrameAssert.assertThat(out)
                .hasColumnValues("since_first", java.time.Duration.ZERO, java.time.Duration.ofSeconds(90), null)
                .hasColumnValues("days", java.time.Duration.ofDays(59), java.time.Duration.ofDays(57),
                        java.time.Duration.ofDays(-673))
                .hasColumnValues("t_plus", start.plusHours(36), start.plusSeconds(90).minusNanos(3_000_000), null)
                .hasColumnValues("d_plus", java.time.LocalDateTime.of(2026, 3, 2, 12, 0),
                        java.time.LocalDateTime.of(2026, 2, 26, 23, 59, 59, 997_000_000),
                        java.time.LocalDateTime.of(2024, 2, 29, 0, 0))
                .hasColumnValues("t_minus_d", java.time.Duration.ofHours(12), java.time.Duration.ofDays(2).plusHours(12)
                        .plusSeconds(90), null)
                .hasColumnValues("d_minus", java.time.LocalDateTime.of(2026, 2, 27, 12, 0),
                        java.time.LocalDateTime.of(2026, 2, 27, 0, 0, 0, 3_000_000),
                        java.time.LocalDateTime.of(2024, 2, 27, 0, 0))
                .hasColumnValues("triple", java.time.Duration.ofHours(108), java.time.Duration.ofMillis(-9),
                        java.time.Duration.ofDays(3))
                .hasColumnValues("half", java.time.Duration.ofHours(18), java.time.Duration.ofNanos(-1_500_000),
                        java.time.Duration.ofHours(12))
                .hasColumnValues("twice", java.time.Duration.ofHours(72), java.time.Duration.ofMillis(-6),
                        java.time.Duration.ofDays(2));
        assertThatThrownBy(() -> df.select(col("d").add(col("d")))).hasMessageContaining("cannot apply '+' to date and date");
        assertThatThrownBy(() -> df.select(col("t").mul(2))).hasMessageContaining("cannot apply '*' to datetime[μs] and");
        assertThatThrownBy(() -> df.select(col("span").mul(1.5))).hasMessageContaining("multiply or floor-divide by integers");
    }

    @Test
    void mistakesAreNamed() {
        LazyFrame lf = DataFrame.of(Series.of("n", 1L), Series.of("s", "x"), Series.of("d", List.of(LocalDate.EPOCH))).lazy();
        assertThatThrownBy(() -> lf.select(col("n").str().upper())).hasMessageContaining("str.to_uppercase needs str or cat, not i64");
        assertThatThrownBy(() -> lf.select(col("s").sqrt())).hasMessageContaining("sqrt needs a number, not str");
        assertThatThrownBy(() -> lf.select(col("d").dt().hour())).hasMessageContaining("dt.hour needs datetime or time, not date");
        assertThatThrownBy(() -> lf.select(col("n").isIn("x"))).hasMessageContaining("cannot look for x (str) among i64");
        assertThatThrownBy(() -> col("s").str().replace("", "x")).hasMessageContaining("must not be empty");
        assertThat(col("s").str().contains("a").toString()).isEqualTo("col(\"s\").str.contains(\"a\")");
    }

    @Test
    void aLongListOfValuesIsShortenedWhereAnExpressionIsWritten() {
        List<Object> many = new java.util.ArrayList<>();
        for (long i = 0; i < 1_000_000; i++) {
            many.add(i);
        }
        dev.floe.frame.expr.Expr in = col("n").isIn(many);
        assertThat(in.toString()).startsWith("col(\"n\").is_in(0, 1, 2,").endsWith(", 18, 19, … 999,980 more)")
                .hasSizeLessThan(200);
        assertThat(col("n").isIn(1L, 2L).toString()).isEqualTo("col(\"n\").is_in(1, 2)");
        // the values all count: the shortened text is for people, equality is the whole list
        List<Object> other = new java.util.ArrayList<>(many);
        other.set(999_999, -1L);
        assertThat(col("n").isIn(other)).isNotEqualTo(in).hasToString(in.toString());
        DataFrame df = DataFrame.of(Series.of("n", 5L, -1L, 2_000_000L));
        assertThat(df.filter(in).column("n").toList()).containsExactly(5L);
    }

    @Test
    void headAndTailTakeCharactersAndANegativeCountKeepsTheRest() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("héllo", "ab", null, "")));
        DataFrame out = df.select(col("s").str().head(2).alias("h2"), col("s").str().head(-2).alias("hm2"),
                col("s").str().tail(2).alias("t2"), col("s").str().tail(-1).alias("tm1"),
                col("s").str().head(-9).alias("none"));
        assertThat(out.column("h2").toList()).containsExactly("hé", "ab", null, "");
        assertThat(out.column("hm2").toList()).containsExactly("hél", "", null, "");
        assertThat(out.column("t2").toList()).containsExactly("lo", "ab", null, "");
        assertThat(out.column("tm1").toList()).containsExactly("éllo", "b", null, "");
        assertThat(out.column("none").toList()).containsExactly("", "", null, "");
    }

    @Test
    void roundFollowsDuckDbAtItsEdges() {
        DataFrame df = DataFrame.of(Series.of("x", 1234.5, 1.5, -2.5, 0.285), Series.of("i", 1234, 1250, -1250, 49));
        DataFrame out = df.select(col("x").round(-2).alias("x2"), col("x").round(400).alias("x400"),
                col("x").round(-400).alias("xm400"), col("x").round(2).alias("xr2"), col("i").round(-2).alias("i2"),
                col("i").round(-12).alias("i12"));
        assertThat(out.column("x2").toList()).containsExactly(1200.0, 0.0, -0.0, 0.0);
        assertThat(out.column("x400").toList()).containsExactly(1234.5, 1.5, -2.5, 0.285);
        assertThat(out.column("xm400").toList()).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(out.column("xr2").toList()).containsExactly(1234.5, 1.5, -2.5, 0.28);
        assertThat(out.column("i2").toList()).containsExactly(1200, 1300, -1300, 0);
        assertThat(out.column("i12").toList()).containsExactly(0, 0, 0, 0);
        assertThatThrownBy(() -> DataFrame.of(Series.of("b", (byte) 127)).select(col("b").round(-1)))
                .isInstanceOf(OutOfRangeException.class).hasMessageContaining("127 rounded to a multiple of 10^1");
    }

    @Test
    void firstNonNullPassesOverNulls() {
        DataFrame df = DataFrame.of(Series.of("k", 1, 1, 2, 2), Series.of("v", Arrays.asList(null, 5L, null, null)));
        DataFrame out = df.groupBy("k").agg(col("v").firstNonNull().alias("any"), col("v").first().alias("first"));
        assertThat(out.column("any").toList()).containsExactly(5L, null);
        assertThat(out.column("first").toList()).containsExactly(null, null);
    }

    @Test
    void nanMaxTakesNanAsLargestWhereMaxPassesItOver() {
        DataFrame df = DataFrame.of(Series.of("k", 1, 1, 2, 2), Series.of("x", 1.0, Double.NaN, 2.0, 3.0));
        DataFrame out = df.groupBy("k").agg(col("x").max().alias("max"), col("x").nanMax().alias("nan_max"));
        assertThat(out.column("max").toList()).containsExactly(1.0, 3.0);
        assertThat(out.column("nan_max").toList()).containsExactly(Double.NaN, 3.0);
        DataFrame ints = DataFrame.of(Series.of("i", 7, -2));
        assertThat(ints.select(col("i").rem(-3).alias("r"), col("i").mod(-3).alias("m")).row(0).toList())
                .containsExactly(1, -2);
    }

    @Test
    void floatsBecomeTextAsDuckDbWritesThem() {
        DataFrame df = DataFrame.of(Series.of("x", 1e-5, 1.5e20, 0.0001, 1e16, 9999999999999998.0, -0.0, 100.0,
                Double.NaN, Double.NEGATIVE_INFINITY), Series.of("f", 0.1f, 1e20f, 1.5f, 16777217f, 0f, 0f, 0f, 0f, 0f));
        DataFrame text = df.select(col("x").cast(DataType.UTF8), col("f").cast(DataType.UTF8));
        assertThat(text.column("x").toList()).containsExactly("1e-05", "1.5e+20", "0.0001", "1e+16",
                "9999999999999998.0", "-0.0", "100.0", "nan", "-inf");
        assertThat(text.column("f").toList().subList(0, 4)).containsExactly("0.1", "1e+20", "1.5", "16777216.0");
    }
}
