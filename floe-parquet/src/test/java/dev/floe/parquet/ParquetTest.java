package dev.floe.parquet;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.exec.ExecutionConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTest {
    @TempDir
    Path folder;

    /** A frame of every type Floe has, with nulls, lists with null and empty entries, and awkward text. */
    static DataFrame everyType(SplittableRandom random, int rows) {
        List<Object> b = new ArrayList<>();
        List<Object> i8 = new ArrayList<>();
        List<Object> i16 = new ArrayList<>();
        List<Object> i32 = new ArrayList<>();
        List<Object> i64 = new ArrayList<>();
        List<Object> f32 = new ArrayList<>();
        List<Object> f64 = new ArrayList<>();
        List<Object> s = new ArrayList<>();
        List<Object> cat = new ArrayList<>();
        List<Object> date = new ArrayList<>();
        List<Object> time = new ArrayList<>();
        List<Object> span = new ArrayList<>();
        List<Object> clock = new ArrayList<>();
        List<Object> list = new ArrayList<>();
        List<Object> words = new ArrayList<>();
        String[] texts = {"", "a", "ünï", "with,comma", "two\nlines", "\"q\""};
        for (int r = 0; r < rows; r++) {
            boolean none = random.nextInt(6) == 0;
            b.add(none ? null : random.nextBoolean());
            i8.add(none ? null : (byte) random.nextInt(-128, 128));
            i16.add(none ? null : (short) random.nextInt(-30_000, 30_000));
            i32.add(none ? null : random.nextInt());
            i64.add(none ? null : random.nextLong());
            f32.add(none ? null : random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian());
            f64.add(none ? null : random.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : random.nextGaussian() * 1e6);
            s.add(none ? null : texts[random.nextInt(texts.length)]);
            cat.add(random.nextInt(5) == 0 ? null : "k" + random.nextInt(7));
            date.add(none ? null : LocalDate.of(1970, 1, 1).plusDays(random.nextInt(-40_000, 40_000)));
            time.add(none ? null : LocalDateTime.of(2000, 1, 1, 0, 0).plusNanos(random.nextLong(0, 1L << 60) / 1000 * 1000));
            span.add(none ? null : Duration.ofNanos(random.nextLong(-1L << 50, 1L << 50) / 1000 * 1000));
            clock.add(none ? null : java.time.LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000));
            int size = random.nextInt(-1, 4);
            List<Object> values = null;
            if (size >= 0) {
                values = new ArrayList<>();
                for (int k = 0; k < size; k++) {
                    values.add(random.nextInt(4) == 0 ? null : random.nextLong(-9, 9));
                }
            }
            list.add(values);
            words.add(random.nextBoolean() ? List.of("x", "yz") : random.nextBoolean() ? List.of() : null);
        }
        return DataFrame.of(Series.of("b", DataType.BOOLEAN, b), Series.of("i8", DataType.INT8, i8),
                Series.of("i16", DataType.INT16, i16), Series.of("i32", DataType.INT32, i32),
                Series.of("i64", DataType.INT64, i64), Series.of("f32", DataType.FLOAT32, f32),
                Series.of("f64", DataType.FLOAT64, f64), Series.of("s", DataType.UTF8, s),
                Series.of("cat", DataType.CATEGORICAL, cat), Series.of("date", DataType.DATE, date),
                Series.of("time", DataType.DATETIME, time), Series.of("span", DataType.DURATION, span),
                Series.of("clock", DataType.TIME, clock),
                Series.of("nothing", DataType.NULL, Arrays.asList(new Object[rows])),
                Series.of("list", DataType.LIST_INT64, list), Series.of("words", DataType.LIST_UTF8, words));
    }

    @Test
    void everyTypeSurvivesARoundTrip() {
        int file = 0;
        for (long seed = 1; seed <= 12; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = everyType(random, seed % 4 == 0 ? random.nextInt(20_000, 60_000) : random.nextInt(0, 300));
            CompressionCodecName codec = CompressionCodecName.values()[(int) (seed % 4) == 3 ? 0 : (int) (seed % 4)];
            ParquetOptions options = ParquetOptions.defaults().withRowGroupRows(1 + random.nextInt(5_000))
                    .withThreads(1 + (int) (seed % 3))
                    .withCompression(List.of(CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD,
                            CompressionCodecName.GZIP, CompressionCodecName.UNCOMPRESSED).get((int) (seed % 4)));
            Path path = folder.resolve("frame" + file++ + ".parquet");
            Parquet.write(frame, path, options);
            DataFrame back = Parquet.read(path.toString(), options);
            assertThat(back.schema()).as("seed %d, %s", seed, codec).isEqualTo(frame.schema());
            for (String column : frame.columns()) {
                assertThat(back.column(column).toList()).as("seed %d, column %s", seed, column)
                        .isEqualTo(frame.column(column).toList());
            }
        }
    }

    @Test
    void rowGroupsEncodedOnEveryWorkerAreWrittenInOrder() {
        // many small splits, each worker running ahead of the head and encoding parts others cut
        int rows = 200_000;
        long[] ids = new long[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
        }
        DataFrame frame = DataFrame.of(Series.of("id", ids), Series.of("text",
                java.util.stream.IntStream.range(0, rows).mapToObj(i -> "t" + (i * 7 % 1_001)).toList()));
        for (int threads = 1; threads <= 3; threads++) {
            for (int groupRows : new int[] {97, 777, 5_000, 300_000}) {
                Path path = folder.resolve("ordered-" + threads + "-" + groupRows + ".parquet");
                long written = frame.lazy().filter(col("id").ge(0L)).sink(new dev.floe.frame.FileSink(path, "parquet",
                        java.util.Map.of("row_group_rows", Integer.toString(groupRows)), true),
                        new ExecutionConfig(threads, 1_000));
                assertThat(written).isEqualTo(rows);
                DataFrame back = Parquet.read(path.toString(), ParquetOptions.defaults());
                assertThat(back.column("id").toList()).as("%d threads, row groups of %d", threads, groupRows)
                        .isEqualTo(frame.column("id").toList());
                assertThat(back.column("text").toList()).as("%d threads, row groups of %d", threads, groupRows)
                        .isEqualTo(frame.column("text").toList());
            }
        }
    }

    @Test
    void scansReadOnlyTheColumnsRowGroupsAndRowsNeeded() {
        int rows = 10_000;
        long[] ids = new long[rows];
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
            values[i] = i / 2.0;
        }
        DataFrame frame = DataFrame.of(Series.of("id", ids), Series.of("v", values),
                Series.of("name", java.util.stream.IntStream.range(0, rows).mapToObj(i -> "n" + (i % 100)).toList()));
        Path path = folder.resolve("sorted.parquet");
        Parquet.write(frame, path, ParquetOptions.defaults().withRowGroupRows(1_000));
        ParquetSource source = new ParquetSource(List.of(path), ParquetOptions.defaults());
        assertThat(source.groups(null, -1)).hasSize(10);
        assertThat(source.groups(col("id").ge(8_500), -1)).hasSize(2);
        assertThat(source.groups(col("id").eq(4_321L).and(col("v").gt(0)), -1)).hasSize(1);
        assertThat(source.groups(col("id").lt(0).or(col("id").gt(9_999)), -1)).isEmpty();
        assertThat(source.groups(col("name").eq("zz"), -1)).isEmpty();
        assertThat(source.groups(col("name").isNull(), -1)).isEmpty();
        assertThat(source.groups(col("v").mul(2).gt(19_000), -1)).hasSize(10); // not a column: no pruning
        assertThat(source.groups(null, 1_500)).hasSize(2);
        LazyFrame scan = Floe.scanParquet(path.toString());
        LazyFrame query = scan.filter(col("id").ge(8_500).and(col("name").eq("n7"))).select(col("v"));
        assertThat(query.explain()).contains("PARQUET " + path + " [v] (1 of 3 columns); filter");
        DataFrame expected = frame.filter(col("id").ge(8_500).and(col("name").eq("n7"))).select("v");
        for (int threads : new int[] {1, 3}) {
            assertThat(query.collect(new ExecutionConfig(threads, 1_000))).isEqualTo(expected);
        }
        assertThat(scan.head(3).collect()).isEqualTo(frame.head(3));
        assertThat(Floe.readParquet(path.toString())).isEqualTo(frame);
    }

    @Test
    void filesDuckDbWritesReadAndFilesFloeWritesReadInDuckDb() throws Exception {
        Path fromDuck = folder.resolve("duck.parquet");
        Path fromFloe = folder.resolve("floe.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT i::INTEGER AS i, i::BIGINT * 1000000007 AS big, i / 7 AS d, 's' || (i % 13) "
                    + "AS s, DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) SECOND "
                    + "AS ts, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS flag, [i, i + 1] AS pair, "
                    + "(i / 3)::DECIMAL(10, 2) AS price FROM range(5000) t(i)) TO '" + fromDuck + "' (FORMAT parquet, "
                    + "ROW_GROUP_SIZE 1000)");
            DataFrame df = Floe.readParquet(fromDuck.toString());
            assertThat(df.schema().fields().stream().map(f -> f.type()).toList()).containsExactly(DataType.INT32, DataType.INT64, DataType.FLOAT64,
                    DataType.UTF8, DataType.DATE, DataType.DATETIME, DataType.BOOLEAN, DataType.LIST_INT64,
                    DataType.decimal(10, 2));
            assertThat(df.height()).isEqualTo(5_000);
            assertThat(df.row(10).toList()).containsExactly(10, 10_000_000_070L, 10 / 7.0, "s10",
                    LocalDate.of(2024, 1, 11), LocalDateTime.of(2024, 1, 1, 0, 0, 10), null, List.of(10L, 11L),
                    new java.math.BigDecimal("3.33"));
            assertThat(df.get(3, "flag")).isEqualTo(true);

            DataFrame frame = everyType(new SplittableRandom(3), 2_000).drop("nothing");
            frame.writeParquet(fromFloe);
            try (ResultSet result = statement.executeQuery("SELECT count(*), count(i64), sum(i32), min(s), max(date), "
                    + "sum(len(list)) FROM '" + fromFloe + "'")) {
                result.next();
                assertThat(result.getLong(1)).isEqualTo(2_000);
                assertThat(result.getLong(2)).isEqualTo(2_000 - frame.column("i64").nullCount());
                long sum = 0;
                for (Object v : frame.column("i32").toList()) {
                    sum += v == null ? 0 : (Integer) v;
                }
                assertThat(result.getLong(3)).isEqualTo(sum);
                assertThat(result.getString(4)).isEqualTo("");
                assertThat(result.getObject(5, LocalDate.class)).isEqualTo(frame.lazy()
                        .select(col("date").max()).collect().get(0, "date"));
            }
        }
    }

    @Test
    void decimalsAreReadAndWrittenExactly() throws Exception {
        Path fromDuck = folder.resolve("decimals.parquet");
        Path fromFloe = folder.resolve("floe-decimals.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            // DuckDB keeps DECIMAL(5, 2) in 32 bits, DECIMAL(15, 2) in 64, DECIMAL(30, 5) in 16 bytes
            statement.execute("COPY (SELECT (i / 7)::DECIMAL(5, 2) AS small, (i * 1234567.891)::DECIMAL(15, 2) AS money, "
                    + "('123456789012345678901.5'::DECIMAL(30, 5) - i)::DECIMAL(30, 5) AS wide, CASE WHEN i % 4 = 0 THEN NULL "
                    + "ELSE (-i / 3)::DECIMAL(15, 2) END AS maybe FROM range(3000) t(i)) TO '" + fromDuck
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
            DataFrame df = Floe.readParquet(fromDuck.toString());
            assertThat(df.schema().fields().stream().map(f -> f.type()).toList()).containsExactly(
                    DataType.decimal(5, 2), DataType.decimal(15, 2), DataType.decimal(30, 5), DataType.decimal(15, 2));
            assertThat(df.row(10).toList()).containsExactly(new java.math.BigDecimal("1.43"),
                    new java.math.BigDecimal("12345678.91"), new java.math.BigDecimal("123456789012345678891.50000"),
                    new java.math.BigDecimal("-3.33"));
            assertThat(df.get(8, "maybe")).isNull();
            DataFrame sums = df.lazy().select(col("small").sum(), col("money").sum(), col("wide").sum(),
                    col("maybe").sum()).collect();
            try (ResultSet result = statement.executeQuery("SELECT sum(small), sum(money), sum(wide), sum(maybe) FROM '"
                    + fromDuck + "'")) {
                result.next();
                for (int c = 0; c < 4; c++) {
                    assertThat(sums.row(0).toList().get(c)).isEqualTo(result.getBigDecimal(c + 1));
                }
            }
            // Floe writes decimals of up to 18 digits as DuckDB reads them
            df.select(col("small"), col("money"), col("maybe")).writeParquet(fromFloe);
            try (ResultSet result = statement.executeQuery("SELECT typeof(any_value(money)), sum(money), sum(maybe), count(maybe) "
                    + "FROM '" + fromFloe + "'")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("DECIMAL(15,2)");
                assertThat(result.getBigDecimal(2)).isEqualTo(sums.row(0).toList().get(1));
                assertThat(result.getBigDecimal(3)).isEqualTo(sums.row(0).toList().get(3));
                assertThat(result.getLong(4)).isEqualTo(df.height() - df.column("maybe").nullCount());
            }
            assertThat(Floe.readParquet(fromFloe.toString()).toMaps())
                    .isEqualTo(df.select(col("small"), col("money"), col("maybe")).toMaps());
            // and wider ones in the fewest bytes that hold them (13 for 30 digits), as DuckDB writes them
            Path wide = folder.resolve("floe-wide.parquet");
            df.select(col("wide"), col("money")).writeParquet(wide);
            try (ResultSet result = statement.executeQuery("SELECT typeof(any_value(wide)), sum(wide), min(wide), "
                    + "max(wide), count(wide) FROM '" + wide + "'")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("DECIMAL(30,5)");
                assertThat(result.getBigDecimal(2)).isEqualTo(sums.row(0).toList().get(2));
                assertThat(result.getBigDecimal(3)).isEqualTo(df.lazy().select(col("wide").min()).collect().get(0, "wide"));
                assertThat(result.getBigDecimal(4)).isEqualTo(new java.math.BigDecimal("123456789012345678901.50000"));
                assertThat(result.getLong(5)).isEqualTo(df.height());
            }
            try (ResultSet result = statement.executeQuery("SELECT type_length FROM parquet_schema('" + wide
                    + "') WHERE name = 'wide'")) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(13);
            }
            assertThat(Floe.readParquet(wide.toString()).toMaps()).isEqualTo(df.select(col("wide"), col("money")).toMaps());
        }
    }

    @Test
    void listsOfDecimalsAreReadAndWrittenExactly() throws Exception {
        Path fromDuck = folder.resolve("decimal-lists.parquet");
        Path fromFloe = folder.resolve("floe-decimal-lists.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT [1.50, -2.25, NULL]::DECIMAL(5, 2)[] AS small, "
                    + "['123456789012345678901.5']::DECIMAL(30, 5)[] AS wide UNION ALL SELECT NULL, []) TO '" + fromDuck
                    + "' (FORMAT parquet)");
            DataFrame df = Floe.readParquet(fromDuck.toString());
            assertThat(df.schema().type("small")).isEqualTo(DataType.listOf(DataType.decimal(5, 2)));
            assertThat(df.schema().type("wide")).isEqualTo(DataType.listOf(DataType.decimal(30, 5)));
            assertThat(df.column("small").toList()).containsExactlyInAnyOrder(
                    java.util.Arrays.asList(new java.math.BigDecimal("1.50"), new java.math.BigDecimal("-2.25"), null), null);
            assertThat(df.column("wide").toList()).contains(List.of(new java.math.BigDecimal("123456789012345678901.50000")));
            df.select(col("small")).writeParquet(fromFloe);
            try (ResultSet result = statement.executeQuery("SELECT typeof(small), list_sum(small) FROM '" + fromFloe
                    + "' WHERE small IS NOT NULL")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("DECIMAL(5,2)[]");
                assertThat(result.getBigDecimal(2)).isEqualTo(new java.math.BigDecimal("-0.75"));
            }
            assertThat(Floe.readParquet(fromFloe.toString()).toMaps()).isEqualTo(df.select(col("small")).toMaps());
            Path wideLists = folder.resolve("wide-list.parquet");
            df.writeParquet(wideLists);
            assertThat(Floe.readParquet(wideLists.toString()).toMaps()).isEqualTo(df.toMaps());
            try (ResultSet result = statement.executeQuery("SELECT list_sum(wide) FROM '" + wideLists
                    + "' WHERE len(wide) = 1")) {
                result.next();
                assertThat(result.getBigDecimal(1)).isEqualTo(new java.math.BigDecimal("123456789012345678901.50000"));
            }
        }
    }

    @Test
    void mapsAreReadAndWrittenAsDuckDbWritesAndReadsThem() throws Exception {
        Path fromDuck = folder.resolve("maps.parquet");
        Path fromFloe = folder.resolve("floe-maps.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM (VALUES (1, MAP {'b': 2, 'a': NULL}, MAP {DATE '2020-01-02': 1.50}), "
                    + "(2, NULL, MAP {}), (3, MAP {}, NULL)) t(id, counts, prices) ORDER BY id) TO '" + fromDuck
                    + "' (FORMAT parquet)");
            DataFrame df = Floe.readParquet(fromDuck.toString()).sort("id");
            assertThat(df.schema().type("counts")).isEqualTo(DataType.mapOf(DataType.UTF8, DataType.INT32));
            assertThat(df.schema().type("prices")).isEqualTo(DataType.mapOf(DataType.DATE, DataType.decimal(3, 2)));
            java.util.Map<Object, Object> counts = new java.util.LinkedHashMap<>();
            counts.put("b", 2);
            counts.put("a", null);
            assertThat(df.column("counts").toList()).containsExactly(counts, null, java.util.Map.of());
            assertThat(df.column("prices").toList()).containsExactly(
                    java.util.Map.of(LocalDate.of(2020, 1, 2), new java.math.BigDecimal("1.50")), java.util.Map.of(), null);
            // what Floe writes, DuckDB reads as the same maps
            df.writeParquet(fromFloe);
            try (ResultSet result = statement.executeQuery("SELECT typeof(counts), counts['b'], cardinality(counts), "
                    + "map_keys(counts)::VARCHAR, prices::VARCHAR, prices IS NULL FROM '" + fromFloe + "' ORDER BY id")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("MAP(VARCHAR, INTEGER)");
                assertThat(result.getInt(2)).isEqualTo(2);
                assertThat(result.getLong(3)).isEqualTo(2);
                assertThat(result.getString(4)).isEqualTo("[b, a]");
                assertThat(result.getString(5)).isEqualTo("{2020-01-02=1.50}");
                assertThat(result.next()).isTrue();
                assertThat(result.getObject(2)).isNull();
                assertThat(result.getString(5)).isEqualTo("{}");
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(3)).isEqualTo(0);
                assertThat(result.getBoolean(6)).isTrue();
            }
            assertThat(Floe.readParquet(fromFloe.toString()).sort("id").toMaps()).isEqualTo(df.toMaps());
        }
        // a histogram, written and read back with its types
        DataFrame words = DataFrame.of(Series.of("g", 1, 1, 2, 2, 2), Series.of("w", "b", "a", "b", "b", null));
        DataFrame histograms = words.lazy().groupBy("g").agg(col("w").histogram().alias("h")).sort("g").collect();
        Path written = folder.resolve("histograms.parquet");
        histograms.writeParquet(written);
        assertThat(Floe.readParquet(written.toString()).toMaps()).isEqualTo(histograms.toMaps());
        assertThat(Floe.readParquet(written.toString()).schema()).isEqualTo(histograms.schema());
    }

    @Test
    void structsAreReadAndWrittenAsDuckDbWritesAndReadsThem() throws Exception {
        Path fromDuck = folder.resolve("structs.parquet");
        Path fromFloe = folder.resolve("floe-structs.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM (VALUES (1, {'x': 1.5::DOUBLE, 'name': 'a', 'day': DATE '2020-01-02', "
                    + "'price': 1.25}), (2, NULL), (3, {'x': NULL, 'name': NULL, 'day': NULL, 'price': NULL})) t(id, s) "
                    + "ORDER BY id) TO '" + fromDuck + "' (FORMAT parquet)");
            DataFrame df = Floe.readParquet(fromDuck.toString()).sort("id");
            assertThat(df.schema().type("s")).isEqualTo(DataType.structOf(List.of(
                    new dev.floe.frame.Schema.Field("x", DataType.FLOAT64), new dev.floe.frame.Schema.Field("name", DataType.UTF8),
                    new dev.floe.frame.Schema.Field("day", DataType.DATE),
                    new dev.floe.frame.Schema.Field("price", DataType.decimal(3, 2)))));
            java.util.Map<String, Object> first = new java.util.LinkedHashMap<>();
            first.put("x", 1.5);
            first.put("name", "a");
            first.put("day", LocalDate.of(2020, 1, 2));
            first.put("price", new java.math.BigDecimal("1.25"));
            java.util.Map<String, Object> empty = new java.util.LinkedHashMap<>();
            for (String field : List.of("x", "name", "day", "price")) {
                empty.put(field, null);
            }
            assertThat(df.column("s").toList()).containsExactly(first, null, empty);
            df.writeParquet(fromFloe);
            try (ResultSet result = statement.executeQuery("SELECT typeof(s), s::VARCHAR, s.price, s IS NULL FROM '"
                    + fromFloe + "' ORDER BY id")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("STRUCT(x DOUBLE, \"name\" VARCHAR, \"day\" DATE, price DECIMAL(3,2))");
                assertThat(result.getString(2)).isEqualTo("{'x': 1.5, 'name': a, 'day': 2020-01-02, 'price': 1.25}");
                assertThat(result.getBigDecimal(3)).isEqualTo(new java.math.BigDecimal("1.25"));
                assertThat(result.next()).isTrue();
                assertThat(result.getBoolean(4)).isTrue();
                assertThat(result.next()).isTrue();
                assertThat(result.getBoolean(4)).isFalse();
                assertThat(result.getString(2)).isEqualTo("{'x': NULL, 'name': NULL, 'day': NULL, 'price': NULL}");
            }
            assertThat(Floe.readParquet(fromFloe.toString()).sort("id").toMaps()).isEqualTo(df.toMaps());
            assertThat(Floe.readParquet(fromFloe.toString()).schema()).isEqualTo(df.schema());
            // a field read alone, without the others
            assertThat(Floe.scanParquet(fromFloe.toString()).select(dev.floe.frame.expr.Exprs.col("s").struct().field("name"))
                    .collect().column("name").toList()).containsExactlyInAnyOrder("a", null, null);
        }
    }

    @Test
    void timestampsInListsMapsAndStructsAreReadInTheirUnits() throws Exception {
        // values of lists, maps and structs are read one by one: in their unit too (before, a list of
        // millisecond timestamps came back as microseconds, in 1970)
        Path path = folder.resolve("units.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT [TIMESTAMP '2020-01-01 10:00:00.123']::TIMESTAMP_MS[] AS ms, "
                    + "[TIMESTAMP '2020-01-01 10:00:00.123456']::TIMESTAMP_NS[] AS ns, "
                    + "{'t': TIMESTAMP '2020-01-01 10:00:00.123'::TIMESTAMP_MS, 'x': 1} AS s, "
                    + "MAP {1: TIMESTAMP '2020-01-01 10:00:00.123456'::TIMESTAMP_NS} AS m, "
                    + "{'clock': TIME '10:00:00.5'} AS c) TO '" + path + "' (FORMAT parquet)");
        }
        DataFrame df = Floe.readParquet(path.toString());
        LocalDateTime millis = LocalDateTime.of(2020, 1, 1, 10, 0, 0, 123_000_000);
        LocalDateTime micros = LocalDateTime.of(2020, 1, 1, 10, 0, 0, 123_456_000);
        assertThat(df.get(0, "ms")).isEqualTo(List.of(millis));
        assertThat(df.get(0, "ns")).isEqualTo(List.of(micros));
        assertThat(((java.util.Map<?, ?>) df.get(0, "s")).get("t")).isEqualTo(millis);
        assertThat(df.get(0, "m")).isEqualTo(java.util.Map.of(1, micros));
        assertThat(((java.util.Map<?, ?>) df.get(0, "c")).get("clock")).isEqualTo(java.time.LocalTime.of(10, 0, 0, 500_000_000));
    }

    @Test
    void floesOwnTypesComeBackBesideDecimalsMapsAndStructs() {
        // the types Floe records in the footer are parted at the commas outside parentheses and quotes: a
        // DECIMAL(15,2) among them once made all of them be dropped, and a categorical came back as text
        DataType struct = DataType.structOf(List.of(new dev.floe.frame.Schema.Field("a, (b)", DataType.INT8)));
        DataFrame df = DataFrame.of(Series.of("cat", DataType.CATEGORICAL, List.of("x", "y")),
                Series.of("money", DataType.decimal(15, 2), List.of(new java.math.BigDecimal("1.50"), new java.math.BigDecimal("2.25"))),
                Series.of("m", DataType.mapOf(DataType.UTF8, DataType.INT16), List.of(java.util.Map.of("k", (short) 1),
                        java.util.Map.of())),
                Series.of("s", struct, java.util.Arrays.asList(java.util.Map.of("a, (b)", (byte) 3), null)));
        Path path = folder.resolve("hints.parquet");
        df.writeParquet(path);
        DataFrame back = Floe.readParquet(path.toString());
        assertThat(back.schema()).isEqualTo(df.schema());
        assertThat(back.toMaps()).isEqualTo(df.toMaps());
    }

    @Test
    void aMapHoldingAKeyTwiceIsCorrupt() {
        // a vector that breaks the map's rule (nothing in Floe makes one), written as it is
        dev.floe.frame.column.MapVector twice = new dev.floe.frame.column.MapVector(new int[] {0, 2},
                dev.floe.frame.column.Utf8Vector.of("a", "a"), dev.floe.frame.column.LongVector.of(1, 2),
                0, 1, null);
        DataFrame df = DataFrame.of(Series.of("m", dev.floe.frame.column.Column.of(twice)));
        Path path = folder.resolve("twice.parquet");
        df.writeParquet(path);
        assertThatThrownBy(() -> Floe.readParquet(path.toString())).isInstanceOf(dev.floe.FloeException.class)
                .hasMessageContaining("is corrupt: map column 'm' holds key a twice in one map (row 0");
    }

    @Test
    void unreadableColumnsAreNamed() throws Exception {
        Path path = folder.resolve("struct.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT 1 AS a, MAP {[1]: 2} AS point) TO '" + path + "' (FORMAT parquet)");
        }
        assertThatThrownBy(() -> Floe.readParquet(path.toString()))
                .hasMessageContaining("column 'point' (a map whose keys are not single values)")
                .hasMessageContaining("withColumns");
        assertThat(Parquet.read(path.toString(), ParquetOptions.defaults().withColumns("a")).columns())
                .containsExactly("a");
    }
}
