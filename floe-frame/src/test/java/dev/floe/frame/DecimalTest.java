package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.plan.SortKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decimals: exact numbers of up to 38 digits, in a long (up to 18) or in 128 bits. */
class DecimalTest {
    private static final DataType SHORT = DataType.decimal(10, 2);
    private static final DataType WIDE = DataType.decimal(30, 5);

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    private static DataFrame prices() {
        return DataFrame.of(Series.of("k", List.of("x", "y", "x", "y", "x")),
                Series.of("p", SHORT, Arrays.asList(d("1.50"), d("2.25"), null, d("1.50"), d("-7.99"))),
                Series.of("w", WIDE, Arrays.asList(d("2.25000"), null, d("1.00000"), d("-3.50000"),
                        d("123456789012345678901.50000"))));
    }

    @Test
    void aTypeIsItsPrecisionAndScaleMadeOnceAndNamedAsSqlNamesIt() throws Exception {
        assertThat(DataType.decimal(10, 2)).isSameAs(SHORT);
        assertThat(SHORT.isDecimal()).isTrue();
        assertThat(SHORT.isNumeric()).isFalse();
        assertThat(SHORT.isLongDecimal()).isTrue();
        assertThat(WIDE.isWide()).isTrue();
        assertThat(SHORT.displayName()).isEqualTo("decimal[10,2]");
        assertThat(DataType.valueOf(WIDE.name())).isSameAs(WIDE);
        assertThat(WIDE.name()).isEqualTo("DECIMAL(30,5)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(List.of(WIDE, DataType.INT64));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            List<?> back = (List<?>) in.readObject();
            assertThat(back.get(0)).isSameAs(WIDE);
            assertThat(back.get(1)).isSameAs(DataType.INT64);
        }
        assertThatThrownBy(() -> DataType.decimal(39, 0)).isInstanceOf(SchemaException.class).hasMessageContaining("1 to 38");
        assertThatThrownBy(() -> DataType.decimal(4, 5)).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> DataType.of(DataType.Id.DECIMAL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreBuiltExactlyAndInferredFromBigDecimals() {
        Series inferred = Series.of("v", Arrays.asList(d("1.5"), d("-0.0000001"), null, d("123456789012.3")));
        assertThat(inferred.type()).isEqualTo(DataType.decimal(19, 7));
        assertThat(inferred.toList()).containsExactly(d("1.5000000"), d("-0.0000001"), null, d("123456789012.3000000"));
        // nothing is rounded away when building: a cast rounds
        assertThatThrownBy(() -> Series.of("v", SHORT, List.of(d("1.005")))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("more than 2 digits after the point");
        assertThatThrownBy(() -> Series.of("v", SHORT, List.of(d("123456789.5")))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("does not fit");
        assertThat(Series.of("v", WIDE, List.of(7L, BigInteger.TEN)).toList()).containsExactly(d("7.00000"), d("10.00000"));
        // printed and written in plain digits, never 1E-7
        String printed = DataFrame.of(inferred).toString();
        assertThat(printed).contains("-0.0000001").contains("decimal[19,7]").doesNotContain("E-7");
    }

    @Test
    void castsRoundHalfAwayFromZeroAndRefuseWhatDoesNotFit() {
        DataFrame df = DataFrame.of(Series.of("v", DataType.decimal(6, 3), List.of(d("1.255"), d("-1.255"),
                d("-2.500"), d("999.995"))));
        DataFrame cast = df.select(col("v").cast(DataType.decimal(10, 2)).alias("short"),
                col("v").cast(DataType.decimal(25, 1)).alias("wide"), col("v").cast(DataType.INT32).alias("i"),
                col("v").cast(DataType.FLOAT64).alias("f"), col("v").cast(DataType.UTF8).alias("t"));
        assertThat(cast.column("short").toList()).containsExactly(d("1.26"), d("-1.26"), d("-2.50"), d("1000.00"));
        assertThat(cast.column("wide").toList()).containsExactly(d("1.3"), d("-1.3"), d("-2.5"), d("1000.0"));
        assertThat(cast.column("i").toList()).containsExactly(1, -1, -3, 1000);
        assertThat(cast.column("f").toList()).containsExactly(1.255, -1.255, -2.5, 999.995);
        assertThat(cast.column("t").toList()).containsExactly("1.255", "-1.255", "-2.500", "999.995");
        assertThatThrownBy(() -> df.select(col("v").cast(DataType.decimal(5, 2)))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("999.995").hasMessageContaining("row 3");
        assertThat(df.select(col("v").tryCast(DataType.decimal(5, 2))).column(0).toList())
                .containsExactly(d("1.26"), d("-1.26"), d("-2.50"), null);
        // floats as DuckDB rounds them (1.005 is a little below 1.005); NaN has no decimal
        DataFrame floats = DataFrame.of(Series.of("f", List.of(1.005, 0.125, -0.125, 0.1, Double.NaN)));
        assertThat(floats.select(col("f").tryCast(SHORT)).column(0).toList()).containsExactly(d("1.00"), d("0.13"),
                d("-0.13"), d("0.10"), null);
        assertThat(floats.head(4).select(col("f").cast(DataType.decimal(20, 18))).column(0).toList().get(3))
                .isEqualTo(d("0.100000000000000000"));
        DataFrame text = DataFrame.of(Series.of("s", List.of(" 1e2 ", ".5", "-3.456", "١٢٣", "1.2.3")));
        assertThat(text.select(col("s").tryCast(SHORT)).column(0).toList()).containsExactly(d("100.00"), d("0.50"),
                d("-3.46"), null, null);
        // integers in and out, with their digits checked
        DataFrame ints = DataFrame.of(Series.of("i", List.of(99_999_999L, -5L, Long.MAX_VALUE)));
        assertThat(ints.select(col("i").tryCast(SHORT)).column(0).toList()).containsExactly(d("99999999.00"),
                d("-5.00"), null);
        assertThat(ints.select(col("i").cast(DataType.decimal(38, 10))).column(0).toList().get(2))
                .isEqualTo(new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE)).setScale(10));
        // into 128 bits as a product of two longs, its digits checked there
        assertThat(ints.select(col("i").tryCast(DataType.decimal(20, 5))).column(0).toList()).containsExactly(
                d("99999999.00000"), d("-5.00000"), null);
        assertThatThrownBy(() -> ints.select(col("i").cast(DataType.decimal(20, 5)))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining(String.valueOf(Long.MAX_VALUE)).hasMessageContaining("row 2");
        DataFrame shortDecimals = DataFrame.of(Series.of("v", SHORT, List.of(d("-0.01"), d("12345678.99"))));
        assertThat(shortDecimals.select(col("v").cast(DataType.decimal(30, 20))).column(0).toList()).containsExactly(
                d("-0.01000000000000000000"), d("12345678.99000000000000000000"));
    }

    @Test
    void arithmeticIsExactWithTheScalesSqlGivesAndChecked() {
        DataFrame df = prices();
        DataFrame out = df.select(col("p").add(col("w")).alias("sum"), col("p").mul(col("w")).alias("product"),
                col("p").sub(lit(1)).alias("less"), col("p").mul(lit(1.5)).alias("half"),
                col("p").div(lit(2)).alias("ratio"), col("p").neg().alias("neg"), col("w").abs().alias("abs"));
        assertThat(out.schema().type("sum")).isEqualTo(DataType.decimal(31, 5));
        assertThat(out.schema().type("product")).isEqualTo(DataType.decimal(38, 7));
        assertThat(out.schema().type("less")).isEqualTo(DataType.decimal(13, 2));
        assertThat(out.schema().type("half")).isEqualTo(DataType.decimal(12, 3));
        assertThat(out.schema().type("ratio")).isEqualTo(DataType.FLOAT64);
        assertThat(out.column("sum").toList()).containsExactly(d("3.75000"), null, null, d("-2.00000"),
                d("123456789012345678893.51000"));
        assertThat(out.column("product").toList()).containsExactly(d("3.3750000"), null, null, d("-5.2500000"),
                d("-986419744208641974422.9850000"));
        assertThat(out.column("less").toList()).containsExactly(d("0.50"), d("1.25"), null, d("0.50"), d("-8.99"));
        assertThat(out.column("half").toList()).containsExactly(d("2.250"), d("3.375"), null, d("2.250"), d("-11.985"));
        assertThat(out.column("ratio").toList()).containsExactly(0.75, 1.125, null, 0.75, -3.995);
        assertThat(out.column("neg").toList()).containsExactly(d("-1.50"), d("-2.25"), null, d("-1.50"), d("7.99"));
        assertThat(out.column("abs").toList().get(3)).isEqualTo(d("3.50000"));
        // a product past 38 digits fails, naming the expression, as does one past a long in 18
        assertThatThrownBy(() -> df.select(col("w").mul(col("w")).mul(col("w")))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("w");
        DataFrame near = DataFrame.of(Series.of("a", DataType.decimal(18, 0), List.of(d("999999999999999999"))));
        assertThat(near.select(col("a").add(col("a"))).column(0).toList()).containsExactly(d("1999999999999999998"));
        // two sides of up to 18 digits multiply in 64 bits, as DuckDB's: past 18 digits fails; a wider side does not
        assertThat(near.lazy().select(col("a").mul(col("a")).alias("p")).schema().type("p")).isEqualTo(DataType.decimal(18, 0));
        assertThatThrownBy(() -> near.select(col("a").mul(col("a")))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("more digits");
        assertThat(near.select(col("a").cast(DataType.decimal(19, 0)).mul(col("a"))).column(0).toList())
                .containsExactly(d("999999999999999998000000000000000001"));
    }

    @Test
    void arithmeticAgreesWithBigDecimalOnRandomValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 40; round++) {
            int precisionA = 1 + random.nextInt(30);
            int precisionB = 1 + random.nextInt(30);
            DataType a = DataType.decimal(precisionA, random.nextInt(precisionA + 1));
            DataType b = DataType.decimal(precisionB, random.nextInt(precisionB + 1));
            List<BigDecimal> as = new ArrayList<>();
            List<BigDecimal> bs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                as.add(randomValue(random, a));
                bs.add(randomValue(random, b));
            }
            DataFrame df = DataFrame.of(Series.of("a", a, as), Series.of("b", b, bs));
            for (String op : List.of("+", "-", "*", "<", "=")) {
                dev.floe.frame.expr.Expr expr = switch (op) {
                    case "+" -> col("a").add(col("b"));
                    case "-" -> col("a").sub(col("b"));
                    case "*" -> col("a").mul(col("b"));
                    case "<" -> col("a").lt(col("b"));
                    default -> col("a").eq(col("b"));
                };
                if (op.equals("*") && a.scale() + b.scale() > DataType.MAX_DECIMAL_PRECISION) {
                    // as in DuckDB: more than 38 digits after the point is refused, naming the way out
                    assertThatThrownBy(() -> df.select(expr)).isInstanceOf(SchemaException.class)
                            .hasMessageContaining("digits after the point");
                    continue;
                }
                List<Object> got;
                try {
                    got = df.select(expr.alias("r")).column("r").toList();
                } catch (OutOfRangeException tooWide) {
                    // only where some exact result, or for a comparison some value, has more digits
                    // than the type it is computed in holds (at most 38)
                    DataType result = op.equals("<") || op.equals("=") ? Types.comparisonType(a, b) : ExprTypes.of(df, expr);
                    assertThat(anyTooWide(as, bs, op, result)).as(a + " " + op + " " + b).isTrue();
                    continue;
                }
                for (int i = 0; i < as.size(); i++) {
                    BigDecimal x = as.get(i);
                    BigDecimal y = bs.get(i);
                    Object expected = switch (op) {
                        case "+" -> x.add(y);
                        case "-" -> x.subtract(y);
                        case "*" -> x.multiply(y);
                        case "<" -> x.compareTo(y) < 0;
                        default -> x.compareTo(y) == 0;
                    };
                    Object actual = got.get(i);
                    if (expected instanceof BigDecimal e) {
                        assertThat(((BigDecimal) actual).compareTo(e)).as(x + " " + op + " " + y).isZero();
                    } else {
                        assertThat(actual).as(x + " " + op + " " + y).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /** Types of expressions, for the test above. */
    private static final class ExprTypes {
        static DataType of(DataFrame df, dev.floe.frame.expr.Expr expr) {
            return dev.floe.frame.expr.ExprTyper.typeOf(expr, df.schema());
        }
    }

    private static boolean anyTooWide(List<BigDecimal> as, List<BigDecimal> bs, String op, DataType result) {
        BigInteger limit = BigInteger.TEN.pow(result.precision());
        for (int i = 0; i < as.size(); i++) {
            List<BigDecimal> computed = switch (op) {
                case "+" -> List.of(as.get(i).add(bs.get(i)));
                case "-" -> List.of(as.get(i).subtract(bs.get(i)));
                case "*" -> List.of(as.get(i).multiply(bs.get(i)));
                default -> List.of(as.get(i), bs.get(i));
            };
            for (BigDecimal exact : computed) {
                if (exact.setScale(result.scale(), RoundingMode.UNNECESSARY).unscaledValue().abs().compareTo(limit) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BigDecimal randomValue(SplittableRandom random, DataType type) {
        int digits = 1 + random.nextInt(type.precision());
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
        for (int i = 0; i < digits; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return new BigDecimal(new BigInteger(text.toString()), type.scale());
    }

    @Test
    void sortsGroupsJoinsAndAggregatesByValueAtOneAndThreeThreads() {
        DataFrame df = prices();
        // nulls first, as the sort puts them by default
        assertThat(df.sort(SortKey.asc("p"), SortKey.asc("w")).column("w").toList()).containsExactly(
                d("1.00000"), d("123456789012345678901.50000"), d("-3.50000"), d("2.25000"), null);
        assertThat(df.sort(SortKey.desc("w")).column("w").toList().get(2)).isEqualTo(d("2.25000"));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 2), new ExecutionConfig(3, 1))) {
            DataFrame grouped = df.lazy().groupBy("k").agg(col("p").sum().alias("sp"), col("w").sum().alias("sw"),
                    col("p").min().alias("minp"), col("w").max().alias("maxw"), col("p").mean().alias("mean"),
                    col("p").count().alias("n"), col("p").first().alias("first"))
                    .sort(SortKey.asc("k")).collect(config);
            assertThat(grouped.schema().type("sp")).isEqualTo(DataType.decimal(38, 2));
            assertThat(grouped.schema().type("sw")).isEqualTo(DataType.decimal(38, 5));
            assertThat(grouped.schema().type("mean")).isEqualTo(DataType.FLOAT64);
            assertThat(grouped.column("sp").toList()).containsExactly(d("-6.49"), d("3.75"));
            assertThat(grouped.column("sw").toList()).containsExactly(d("123456789012345678904.75000"), d("-3.50000"));
            assertThat(grouped.column("minp").toList()).containsExactly(d("-7.99"), d("1.50"));
            assertThat(grouped.column("maxw").toList()).containsExactly(d("123456789012345678901.50000"), d("-3.50000"));
            assertThat(grouped.column("mean").toList()).containsExactly(-3.245, 1.875);
            assertThat(grouped.column("n").toList()).containsExactly(2L, 2L);
            assertThat(grouped.column("first").toList()).containsExactly(d("1.50"), d("2.25"));
            DataFrame byValue = df.lazy().groupBy("w").agg(col("k").count().alias("n")).sort(SortKey.asc("w"))
                    .collect(config);
            assertThat(byValue.column("w").toList()).containsExactly(null, d("-3.50000"), d("1.00000"), d("2.25000"),
                    d("123456789012345678901.50000"));
        }
        DataFrame other = DataFrame.of(Series.of("p", SHORT, List.of(d("1.50"), d("-7.99"))), Series.of("tag", List.of("a", "b")));
        DataFrame joined = df.join(other, "p").sort(SortKey.asc("tag"), SortKey.asc("k"));
        assertThat(joined.column("tag").toList()).containsExactly("a", "a", "b");
        assertThat(joined.column("p").toList()).containsExactly(d("1.50"), d("1.50"), d("-7.99"));
        // a column of another scale compares by value, as does a number written with a point
        assertThat(df.filter(col("p").eq(col("w"))).height()).isZero();
        assertThat(df.filter(col("p").gt(lit(1.6))).column("p").toList()).containsExactly(d("2.25"));
        assertThat(df.filter(col("w").lt(col("p"))).column("k").toList()).containsExactly("y");
        assertThat(df.filter(col("p").isIn(List.of(1.5, 2.251))).height()).isEqualTo(2);
    }

    @Test
    void writtenAsPlainDigitsAndKeptThroughSpilling(@TempDir Path dir) throws Exception {
        DataFrame df = DataFrame.of(Series.of("v", DataType.decimal(20, 7), Arrays.asList(d("-0.0000001"), null,
                d("1234567890123.5"))), Series.of("i", List.of(1, 2, 3)));
        Path csv = dir.resolve("v.csv");
        df.writeCsv(csv);
        assertThat(Files.readString(csv)).isEqualTo("v,i\n-0.0000001,1\n,2\n1234567890123.5000000,3\n");
        Path json = dir.resolve("v.json");
        df.writeJson(json);
        assertThat(Files.readString(json)).contains("-0.0000001").doesNotContain("E-7");
        DataFrame described = df.describe();
        assertThat(described.column("v").toList()).containsExactly(2.0, 1.0, (1234567890123.5 - 0.0000001) / 2,
                described.column("v").toList().get(3), -0.0000001, -0.0000001, 1234567890123.5, 1234567890123.5,
                1234567890123.5);
        // the whole frame's aggregates take decimals as the group-by's do
        assertThat(df.sum().column("v").toList()).containsExactly(d("1234567890123.4999999"));
        assertThat(df.min().column("v").toList()).containsExactly(d("-0.0000001"));
        assertThat(df.max().column("v").toList()).containsExactly(d("1234567890123.5000000"));
        assertThat(df.median().column("v").toList()).containsExactly((1234567890123.5 - 0.0000001) / 2);
        // a group-by and a sort that spill keep their decimal keys, sums and order
        DataFrame many = DataFrame.of(Series.of("k", DataType.decimal(12, 3), sequence(40_000, 9_973)),
                Series.of("v", DataType.decimal(30, 2), sequence(40_000, 100_003)));
        LazyFrame grouped = many.lazy().groupBy("k").agg(col("v").sum().alias("s"), col("v").max().alias("m"))
                .sort(SortKey.asc("k"));
        LazyFrame sorted = many.lazy().sort(SortKey.desc("v"), SortKey.asc("k"));
        for (LazyFrame query : List.of(grouped, sorted)) {
            DataFrame expected;
            try (Session unbounded = Session.create().threads(2).morselRows(4_096)) {
                expected = unbounded.collect(query);
            }
            Path temp = Files.createDirectory(dir.resolve("spill" + query.hashCode()));
            try (Session small = Session.create().threads(2).morselRows(4_096).memoryLimit("256k").tempDirectory(temp)) {
                QueryHandle<DataFrame> running = small.submit(query.plan());
                DataFrame actual = running.get();
                assertThat(running.spilledBytes()).isPositive();
                assertThat(actual.schema()).isEqualTo(expected.schema());
                for (String column : expected.schema().names()) {
                    assertThat(actual.column(column).toList()).as(column).isEqualTo(expected.column(column).toList());
                }
            }
        }
    }

    @Test
    void csvColumnsAreReadAsDecimalsFromTheirDigits(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("prices.csv");
        Files.writeString(csv, "k,short,wide\n1,1.255,123456789012345678901.555\n2,-0.005,-1\n3,12,1e2\n"
                + "4,,0.00005\n5,99999999.995,\"7.5\"\n6,0.285,000.5\n");
        dev.floe.frame.io.csv.CsvOptions types = dev.floe.frame.io.csv.CsvOptions.defaults()
                .withType("short", DataType.decimal(11, 2)).withType("wide", DataType.decimal(30, 4));
        DataFrame df = Floe.readCsv(csv.toString(), types);
        assertThat(df.schema().type("short")).isEqualTo(DataType.decimal(11, 2));
        // half away from zero, as a cast rounds; nothing goes through a double (0.285 stays 0.29)
        assertThat(df.column("short").toList()).containsExactly(d("1.26"), d("-0.01"), d("12.00"), null,
                d("100000000.00"), d("0.29"));
        assertThat(df.column("wide").toList()).containsExactly(d("123456789012345678901.5550"), d("-1.0000"),
                d("100.0000"), d("0.0001"), d("7.5000"), d("0.5000"));
        // a field that is no number, or has too many digits before the point, is a bad value at its line
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "k,short\n1,2.5\n2,abc\n3,1000000000\n");
        dev.floe.frame.io.csv.CsvOptions one = dev.floe.frame.io.csv.CsvOptions.defaults()
                .withType("short", DataType.decimal(11, 2));
        assertThatThrownBy(() -> Floe.readCsv(bad.toString(), one)).hasMessageContaining("short")
                .hasMessageContaining("abc").hasMessageContaining("digits before the point");
        DataFrame lenient = Floe.readCsv(bad.toString(), one.withOnBadRow(dev.floe.frame.io.csv.CsvOptions.OnBadRow.NULL));
        assertThat(lenient.column("short").toList()).containsExactly(d("2.50"), null, null);
    }

    @Test
    void jsonColumnsAreReadAsDecimalsFromTheirDigits(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("prices.ndjson");
        Files.writeString(json, """
                {"k": 1, "short": 1.255, "wide": 123456789012345678901.555, "list": [1.25, null]}
                {"k": 2, "short": -0.005, "wide": "-1", "list": []}
                {"k": 3, "short": 1e2, "wide": 0.00005, "list": null}
                {"k": 4, "short": null, "wide": 0.285, "list": [0.35]}
                """);
        dev.floe.frame.io.json.JsonOptions types = dev.floe.frame.io.json.JsonOptions.defaults()
                .withType("short", DataType.decimal(11, 2)).withType("wide", DataType.decimal(30, 4))
                .withType("list", DataType.listOf(DataType.decimal(3, 1)));
        DataFrame df = Floe.readNdjson(json.toString(), types);
        assertThat(df.schema().type("wide")).isEqualTo(DataType.decimal(30, 4));
        // half away from zero, from the digits written (0.285 stays 0.29, 0.35 rounds to 0.4), never through a double
        assertThat(df.column("short").toList()).containsExactly(d("1.26"), d("-0.01"), d("100.00"), null);
        assertThat(df.column("wide").toList()).containsExactly(d("123456789012345678901.5550"), d("-1.0000"),
                d("0.0001"), d("0.2850"));
        assertThat(df.column("list").toList()).containsExactly(Arrays.asList(d("1.3"), null), List.of(), null,
                List.of(d("0.4")));
        // written and read back, the digits are kept
        Path back = dir.resolve("back.json");
        df.writeJson(back);
        assertThat(Floe.readJson(back.toString(), types).toMaps()).isEqualTo(df.toMaps());
        // a value that is no number, or has too many digits before the point, is an error at its place
        Path bad = dir.resolve("bad.ndjson");
        Files.writeString(bad, "{\"short\": 2.5}\n{\"short\": 1000000000}\n");
        dev.floe.frame.io.json.JsonOptions one = dev.floe.frame.io.json.JsonOptions.defaults()
                .withType("short", DataType.decimal(11, 2));
        assertThatThrownBy(() -> Floe.readNdjson(bad.toString(), one)).hasMessageContaining("line 2")
                .hasMessageContaining("short").hasMessageContaining("at most 9 digits before the point");
    }

    private static List<BigDecimal> sequence(int n, int modulo) {
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(BigDecimal.valueOf((long) (i * 7919L) % modulo - modulo / 2, 2));
        }
        return values;
    }

    @Test
    void roundingKeepsADecimalWithFewerDigitsAfterThePoint() {
        DataFrame df = DataFrame.of(Series.of("v", DataType.decimal(10, 3), List.of(d("1.255"), d("-1.255"),
                d("-2.500"), d("999.995"))), Series.of("w", DataType.decimal(30, 3), List.of(d("1.255"), d("-1.255"),
                d("-2.500"), d("123456789012345678901.555"))));
        DataFrame out = df.select(col("v").round(2).alias("r2"), col("v").round(0).alias("r0"),
                col("v").round(-1).alias("tens"), col("v").floor().alias("floor"), col("v").ceil().alias("ceil"),
                col("v").round(5).alias("same"), col("w").round(2).alias("wide"), col("w").floor().alias("wideFloor"));
        assertThat(out.schema().type("r2")).isEqualTo(DataType.decimal(10, 2));
        assertThat(out.schema().type("tens")).isEqualTo(DataType.decimal(10, 0));
        assertThat(out.schema().type("same")).isEqualTo(DataType.decimal(10, 3));
        assertThat(out.column("r2").toList()).containsExactly(d("1.26"), d("-1.26"), d("-2.50"), d("1000.00"));
        assertThat(out.column("r0").toList()).containsExactly(d("1"), d("-1"), d("-3"), d("1000"));
        assertThat(out.column("tens").toList()).containsExactly(d("0"), d("0"), d("0"), d("1000"));
        assertThat(out.column("floor").toList()).containsExactly(d("1"), d("-2"), d("-3"), d("999"));
        assertThat(out.column("ceil").toList()).containsExactly(d("2"), d("-1"), d("-2"), d("1000"));
        assertThat(out.column("same").toList()).containsExactly(d("1.255"), d("-1.255"), d("-2.500"), d("999.995"));
        assertThat(out.column("wide").toList()).containsExactly(d("1.26"), d("-1.26"), d("-2.50"),
                d("123456789012345678901.56"));
        assertThat(out.column("wideFloor").toList()).containsExactly(d("1"), d("-2"), d("-3"),
                d("123456789012345678901"));
    }

    @Test
    void aCommonTypePastThirtyEightDigitsCutsDigitsAfterThePointButComparisonsKeepThem() {
        DataType wide = DataType.decimal(37, 1);
        DataType narrow = DataType.decimal(5, 3);
        assertThat(Types.supertype(wide, narrow)).isEqualTo(DataType.decimal(38, 2));
        assertThat(Types.comparisonType(wide, narrow)).isEqualTo(DataType.decimal(38, 3));
        // an integer keeps the decimal's digits after the point
        assertThat(Types.supertype(DataType.INT128, DataType.decimal(10, 2))).isEqualTo(DataType.decimal(38, 2));
        DataFrame df = DataFrame.of(Series.of("a", narrow, List.of(d("5.125"))),
                Series.of("b", DataType.decimal(38, 2), List.of(d("5.13"))));
        DataFrame out = df.select(col("a").eq(col("b")).alias("eq"), col("a").lt(col("b")).alias("lt"),
                col("b").fillNull(col("a")).alias("common"));
        assertThat(out.column("eq").toList()).containsExactly(false);
        assertThat(out.column("lt").toList()).containsExactly(true);
        assertThat(out.schema().type("common")).isEqualTo(DataType.decimal(38, 2));
        DataFrame joined = df.select(col("a")).join(df.select(col("b").alias("a")), "a");
        assertThat(joined.height()).isZero();
    }

    @Test
    void remaindersAreExactAndKeepTheSignOfTheirRule() {
        DataFrame df = prices();
        DataFrame out = df.select(col("p").rem(lit(2)).alias("rem"), col("p").mod(lit(2)).alias("mod"),
                col("w").rem(col("p")).alias("wide"), col("p").rem(lit(0)).alias("zero"));
        // the most digits of either side before and after the point: DECIMAL(10,2) and an i32's 10 digits
        assertThat(out.schema().type("rem")).isEqualTo(DataType.decimal(12, 2));
        assertThat(out.schema().type("wide")).isEqualTo(WIDE);
        assertThat(out.column("rem").toList()).containsExactly(d("1.50"), d("0.25"), null, d("1.50"), d("-1.99"));
        assertThat(out.column("mod").toList()).containsExactly(d("1.50"), d("0.25"), null, d("1.50"), d("0.01"));
        assertThat(out.column("wide").toList()).containsExactly(d("0.75000"), null, null, d("-0.50000"), d("6.04000"));
        assertThat(out.column("zero").toList()).containsOnlyNulls();
        assertThat(df.select(col("p").pow(lit(2)).alias("sq")).column("sq").toList())
                .containsExactly(2.25, 5.0625, null, 2.25, 7.99 * 7.99);
    }

    @Test
    void valueKeepingAggregatesListsAndInListsTakeDecimals() {
        DataFrame df = prices();
        DataFrame grouped = df.lazy().groupBy("k").agg(col("p").mode().alias("mode"), col("p").list().alias("list"),
                col("w").minBy(col("p")).alias("wOfMinP"), col("p").quantileDisc(d("0.5")).alias("q"),
                col("p").topK(2).alias("top"), col("w").list().alias("wides"))
                .sort(SortKey.asc("k")).collect();
        assertThat(grouped.schema().type("list")).isEqualTo(DataType.listOf(SHORT));
        assertThat(grouped.schema().type("list").name()).isEqualTo("LIST_DECIMAL(10,2)");
        assertThat(DataType.valueOf("LIST_DECIMAL(10,2)")).isSameAs(DataType.listOf(SHORT));
        assertThat(DataType.listOf(SHORT).elementType()).isSameAs(SHORT);
        assertThat(grouped.column("mode").toList()).containsExactly(d("1.50"), d("2.25")); // ties: the first seen
        assertThat(grouped.column("list").toList()).containsExactly(Arrays.asList(d("1.50"), null, d("-7.99")),
                List.of(d("2.25"), d("1.50")));
        assertThat(grouped.column("wOfMinP").toList()).containsExactly(d("123456789012345678901.50000"), d("-3.50000"));
        assertThat(grouped.column("q").toList()).containsExactly(d("-7.99"), d("1.50"));
        assertThat(grouped.column("top").toList()).containsExactly(List.of(d("1.50"), d("-7.99")),
                List.of(d("2.25"), d("1.50")));
        // list functions over decimals, by value
        DataFrame lists = grouped.select(col("list").lst().sum().alias("sum"), col("list").lst().max().alias("max"),
                col("wides").lst().sort().alias("sorted"), col("list").lst().contains(1.5).alias("has"),
                col("wides").lst().position(new BigDecimal("-3.5")).alias("at"), col("list").lst().mean().alias("mean"));
        assertThat(lists.schema().type("sum")).isEqualTo(DataType.decimal(38, 2));
        assertThat(lists.column("sum").toList()).containsExactly(d("-6.49"), d("3.75"));
        assertThat(lists.column("max").toList()).containsExactly(d("1.50"), d("2.25"));
        assertThat(lists.column("sorted").toList()).containsExactly(
                List.of(d("1.00000"), d("2.25000"), d("123456789012345678901.50000")), Arrays.asList(d("-3.50000"), null));
        assertThat(lists.column("has").toList()).containsExactly(true, true);
        assertThat(lists.column("at").toList()).containsExactly(null, 2);
        assertThat(lists.column("mean").toList()).containsExactly(-3.245, 1.875);
        // exploded back, the elements keep their type and digits
        DataFrame exploded = grouped.select(col("wides")).explode("wides");
        assertThat(exploded.schema().type("wides")).isEqualTo(WIDE);
        assertThat(exploded.column("wides").toList()).containsExactly(d("2.25000"), d("1.00000"),
                d("123456789012345678901.50000"), null, d("-3.50000"));
        // IN among wide decimals: a value the type cannot hold exactly matches nothing
        assertThat(df.filter(col("w").isIn(List.of(2.25, new BigDecimal("123456789012345678901.5"), 1.000001)))
                .column("k").toList()).containsExactly("x", "x");
    }

    @Test
    void valueKeepingAggregatesTake128BitValuesAndKeys() {
        DataFrame df = DataFrame.of(Series.of("k", List.of("x", "x", "x", "y", "y")),
                Series.of("w", WIDE, Arrays.asList(d("123456789012345678901.50000"), d("-2.00000"),
                        d("123456789012345678901.50000"), null, d("-123456789012345678901.50000"))),
                Series.of("h", DataType.INT128, Arrays.asList(new BigInteger("170141183460469231731687303715884105727"),
                        BigInteger.ONE, BigInteger.TWO, BigInteger.TEN, new BigInteger("-170141183460469231731687303715884105728"))),
                Series.of("i", List.of(1, 2, 3, 4, 5)));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 2), new ExecutionConfig(3, 1))) {
            DataFrame out = df.lazy().groupBy("k").agg(col("w").mode().alias("mode"), col("h").mode().alias("hmode"),
                    col("w").quantileDisc(d("0.5")).alias("q"), col("h").quantileDisc(d("1")).alias("hq"),
                    col("i").maxBy(col("w")).alias("iOfMaxW"), col("i").minBy(col("h")).alias("iOfMinH"),
                    col("w").maxBy(col("h")).alias("wOfMaxH"), col("w").argMin().alias("argMin"),
                    col("w").entropy().alias("entropy"))
                    .sort(SortKey.asc("k")).collect(config);
            assertThat(out.schema().type("mode")).isEqualTo(WIDE);
            assertThat(out.column("mode").toList()).containsExactly(d("123456789012345678901.50000"),
                    d("-123456789012345678901.50000"));
            assertThat(out.column("hmode").toList()).containsExactly(new BigInteger("170141183460469231731687303715884105727"),
                    BigInteger.TEN);
            assertThat(out.column("q").toList()).containsExactly(d("123456789012345678901.50000"),
                    d("-123456789012345678901.50000"));
            assertThat(out.column("hq").toList()).containsExactly(new BigInteger("170141183460469231731687303715884105727"),
                    BigInteger.TEN);
            assertThat(out.column("iOfMaxW").toList()).containsExactly(1, 5);
            assertThat(out.column("iOfMinH").toList()).containsExactly(2, 5);
            assertThat(out.column("wOfMaxH").toList()).containsExactly(d("123456789012345678901.50000"),
                    d("-123456789012345678901.50000"));
            assertThat(out.column("argMin").toList()).containsExactly(1L, 1L);
            assertThat((Double) out.column("entropy").toList().get(0)).isCloseTo(0.9182958340544896,
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aRangeFrameMeasuresADecimalKeyInItsOwnUnits() {
        DataFrame df = DataFrame.of(Series.of("t", SHORT, List.of(d("1.00"), d("1.05"), d("1.10"), d("1.16"), d("2.00"))));
        DataFrame out = df.lazy().withColumns(
                dev.floe.frame.expr.Exprs.len().over().orderBy("t")
                        .frame(dev.floe.frame.expr.WindowFrame.range(dev.floe.frame.expr.WindowFrame.Bound.preceding(0.1),
                                dev.floe.frame.expr.WindowFrame.Bound.currentRow())).alias("back"))
                .collect();
        // 0.1 back from 1.16 reaches 1.06: not 1.05; from 1.10 it reaches 1.00 exactly
        assertThat(out.column("back").toList()).containsExactly(1L, 2L, 3L, 2L, 1L);
        // 128-bit keys: a limit past the type's edge lies beyond every key, and nothing wraps
        BigInteger max = new BigInteger("170141183460469231731687303715884105727");
        DataFrame edges = DataFrame.of(Series.of("t", DataType.INT128, List.of(max.negate().subtract(BigInteger.ONE),
                max.negate(), BigInteger.ZERO, max.subtract(BigInteger.ONE), max)));
        DataFrame around = edges.lazy().withColumns(
                dev.floe.frame.expr.Exprs.len().over().orderBy("t").frame(dev.floe.frame.expr.WindowFrame.range(
                        dev.floe.frame.expr.WindowFrame.Bound.currentRow(),
                        dev.floe.frame.expr.WindowFrame.Bound.following(5))).alias("ahead"),
                dev.floe.frame.expr.Exprs.len().over().orderBy("t").frame(dev.floe.frame.expr.WindowFrame.range(
                        dev.floe.frame.expr.WindowFrame.Bound.preceding(5),
                        dev.floe.frame.expr.WindowFrame.Bound.currentRow())).alias("behind"))
                .collect();
        assertThat(around.column("ahead").toList()).containsExactly(2L, 1L, 1L, 2L, 1L);
        assertThat(around.column("behind").toList()).containsExactly(1L, 2L, 1L, 1L, 2L);
    }

    @Test
    void listsOfDecimalsSpillAndWriteTheirDigits(@TempDir Path dir) throws Exception {
        DataFrame many = DataFrame.of(Series.of("k", DataType.INT64, java.util.stream.LongStream.range(0, 20_000)
                .map(i -> (i * 7919) % 20_000).boxed().toList()), Series.of("v", DataType.decimal(12, 3), sequence(20_000, 977)));
        DataType wide = DataType.decimal(23, 3);
        LazyFrame query = many.lazy().select(col("k"), dev.floe.frame.expr.Exprs.listOf(col("v").cast(wide),
                col("v").mul(lit(2)).cast(wide)).alias("pair")).sort(SortKey.desc("k"));
        DataFrame expected;
        try (Session unbounded = Session.create().threads(2).morselRows(4_096)) {
            expected = unbounded.collect(query);
        }
        try (Session small = Session.create().threads(2).morselRows(4_096).memoryLimit("256k").tempDirectory(dir)) {
            QueryHandle<DataFrame> running = small.submit(query.plan());
            DataFrame actual = running.get();
            assertThat(running.spilledBytes()).isPositive();
            assertThat(actual.schema().type("pair")).isEqualTo(DataType.listOf(DataType.decimal(23, 3)));
            assertThat(actual.column("pair").toList()).isEqualTo(expected.column("pair").toList());
        }
        Path json = dir.resolve("lists.json");
        DataFrame.of(Series.of("l", DataType.listOf(DataType.decimal(20, 7)), List.of(List.of(d("-0.0000001"),
                d("1234567890123.5000000"))))).writeJson(json);
        assertThat(Files.readString(json)).contains("[-0.0000001,1234567890123.5000000]");
    }

    @Test
    void operationsThatDoNotTakeDecimalsYetSaySo() {
        DataFrame df = prices();
        assertThatThrownBy(() -> df.select(col("p").floorDiv(lit(2)))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("does not take decimals yet");
        assertThatThrownBy(() -> df.select(col("p").sqrt())).isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> df.select(col("p").bitwiseAnd())).isInstanceOf(SchemaException.class);
    }
}
