package dev.floe.parquet;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Row;
import dev.floe.frame.Series;
import dev.floe.frame.exec.ValueBounds;
import dev.floe.frame.expr.Exprs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Parquet file says of its columns' values before they are read, for packing group-by
 * keys: whole numbers' ranges from every row group's statistics, short text's shape from the
 * dictionary pages when every page is dictionary-encoded; a group-by over the file gives what it
 * gives over the frame in memory; a file whose statistics lie fails the query, naming the column
 * and the file, instead of grouping wrongly.
 */
class FooterBoundsTest {
    private static DataFrame frame(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] flags = {"A", "N", "R", "é"};
        List<String> flag = new ArrayList<>();
        List<String> status = new ArrayList<>();
        List<Integer> small = new ArrayList<>();
        List<LocalDate> day = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        long[] value = new long[rows];
        for (int i = 0; i < rows; i++) {
            flag.add(random.nextInt(10) == 0 ? null : flags[random.nextInt(flags.length)]);
            status.add(i < 300 ? null : random.nextBoolean() ? "F" : "OK");
            small.add(random.nextInt(12) == 0 ? null : random.nextInt(-40, 60));
            day.add(LocalDate.of(1995, 1, 1).plusDays(random.nextInt(700)));
            comment.add("a comment of some length that no dictionary keeps, number " + random.nextLong());
            value[i] = random.nextInt(1000);
        }
        return DataFrame.of(Series.of("flag", DataType.UTF8, flag), Series.of("status", DataType.UTF8, status),
                Series.of("small", DataType.INT32, small), Series.of("day", DataType.DATE, day),
                Series.of("comment", DataType.UTF8, comment), Series.of("v", value));
    }

    @Test
    void rangesComeFromStatisticsAndShortTextsShapeFromDictionaryPages(@TempDir Path dir) {
        DataFrame data = frame(2_000, 1);
        Path file = dir.resolve("t.parquet");
        Parquet.write(data, file, ParquetOptions.defaults().withRowGroupRows(250));
        ValueBounds bounds = new ParquetSource(List.of(file), ParquetOptions.defaults())
                .scan(List.of("flag", "status", "small", "day", "comment", "v"), null, -1).valueBounds();
        assertThat(bounds).isNotNull();
        ValueBounds exact = ValueBounds.of(data);
        for (String text : List.of("flag", "status")) {
            assertThat(bounds.textShape(text)).as(text).isNotNull().containsExactly(exact.textShape(text));
        }
        for (String number : List.of("small", "day", "v")) {
            assertThat(bounds.integerRange(number)).as(number).isNotNull()
                    .containsExactly(exact.integerRange(number));
        }
        // distinct long texts are written plain: nothing known of them; text asked as a number, unknown names neither
        assertThat(bounds.textShape("comment")).isNull();
        assertThat(bounds.integerRange("flag")).isNull();
        assertThat(bounds.textShape("nothing")).isNull();
        assertThat(bounds.origin()).contains(file.toString());
    }

    @Test
    void groupingOverTheFileGivesTheGroupsOfItsRowsInOrderOfFirstAppearance(@TempDir Path dir) {
        for (long seed = 1; seed <= 3; seed++) {
            DataFrame data = frame(3_000, seed);
            Path file = dir.resolve("t" + seed + ".parquet");
            Parquet.write(data, file, ParquetOptions.defaults().withRowGroupRows(400));
            for (boolean filtered : new boolean[] {false, true}) {
                LazyFrame scanned = Floe.scanParquet(file.toString());
                if (filtered) {
                    scanned = scanned.filter(col("v").gt(300));
                }
                for (List<String> keys : List.of(List.of("flag", "status"), List.of("status", "small", "day"),
                        List.of("flag"))) {
                    DataFrame grouped = scanned.groupBy(keys.toArray(String[]::new))
                            .agg(Exprs.len().alias("rows"), col("v").sum().alias("sum")).collect();
                    // the reference: the rows one by one
                    java.util.Map<List<Object>, long[]> expected = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < data.height(); i++) {
                        long v = (Long) data.column("v").get(i);
                        if (filtered && v <= 300) {
                            continue;
                        }
                        List<Object> key = new ArrayList<>();
                        for (String name : keys) {
                            key.add(data.column(name).get(i));
                        }
                        long[] acc = expected.computeIfAbsent(key, k -> new long[2]);
                        acc[0]++;
                        acc[1] += v;
                    }
                    List<List<Object>> expectedRows = new ArrayList<>();
                    expected.forEach((key, acc) -> {
                        List<Object> row = new ArrayList<>(key);
                        row.add(acc[0]);
                        row.add(acc[1]);
                        expectedRows.add(row);
                    });
                    assertThat(rows(grouped)).as("seed %d, filtered %s, keys %s", seed, filtered, keys)
                            .isEqualTo(expectedRows);
                }
            }
        }
    }

    @Test
    void boundsCoverEveryFileAndRowGroupAndFilesOfOtherWriters(@TempDir Path dir) throws Exception {
        // a row group of nulls only, and two files whose ranges differ
        List<Long> first = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            first.add(i < 100 ? null : (long) i);
            text.add(i < 100 ? null : i % 2 == 0 ? "ab" : "b");
        }
        Path a = dir.resolve("a.parquet");
        Path b = dir.resolve("b.parquet");
        Parquet.write(DataFrame.of(Series.of("n", DataType.INT64, first), Series.of("s", DataType.UTF8, text)), a,
                ParquetOptions.defaults().withRowGroupRows(100));
        Parquet.write(DataFrame.of(Series.of("n", new long[] {-5, 7, 0, 1}),
                Series.of("s", new String[] {"zzz", "a", "zzz", "a"})), b,
                ParquetOptions.defaults());
        ValueBounds both = new ParquetSource(List.of(a, b), ParquetOptions.defaults()).scan(List.of("n", "s"), null, -1)
                .valueBounds();
        assertThat(both.integerRange("n")).containsExactly(-5, 299);
        assertThat(both.textShape("s")).containsExactly(3, 'a', 'z');
        assertThat(both.origin()).contains(a.toString()).contains("1 more");
        ValueBounds nulls = new ParquetSource(List.of(a), ParquetOptions.defaults()).scan(List.of("n", "s"), null, -1)
                .valueBounds();
        assertThat(nulls.integerRange("n")).containsExactly(100, 299);
        assertThat(nulls.textShape("s")).containsExactly(2, 'a', 'b');
        // DuckDB's files list no encoding statistics: a column of dictionary pages alone still tells its shape
        Path duck = dir.resolve("duck.parquet");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT CASE WHEN i % 3 = 0 THEN 'x' ELSE 'yy' END AS s, i::BIGINT - 10 AS n, "
                    + "'row ' || i || ' of many, none repeated, ' || repeat('w', i % 50) AS long_text "
                    + "FROM range(5000) t(i)) TO '" + duck + "' (FORMAT PARQUET)");
        }
        ValueBounds fromDuck = new ParquetSource(List.of(duck), ParquetOptions.defaults())
                .scan(List.of("s", "n", "long_text"), null, -1).valueBounds();
        assertThat(fromDuck.textShape("s")).containsExactly(2, 'x', 'y');
        assertThat(fromDuck.integerRange("n")).containsExactly(-10, 4989);
        assertThat(fromDuck.textShape("long_text")).isNull();
        DataFrame grouped = Floe.scanParquet(duck.toString()).groupBy("s", "n").agg(Exprs.len().alias("rows"))
                .collect();
        assertThat(grouped.height()).isEqualTo(5000);
        assertThat(grouped.column("s").get(0)).isEqualTo("x");
        assertThat(grouped.column("n").get(4999)).isEqualTo(4989L);
    }

    private static List<List<Object>> rows(DataFrame frame) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : frame) {
            List<Object> values = new ArrayList<>();
            for (String name : frame.columns()) {
                values.add(row.get(name));
            }
            rows.add(values);
        }
        return rows;
    }

    @Test
    void aFileWhoseStatisticsLieFailsTheGroupByNamingTheColumnAndTheFile(@TempDir Path dir) throws Exception {
        // keys of 1,000,001 to 1,000,003; the footer's statistics are then made to say at most 1,000,002
        long[] keys = new long[600];
        String[] texts = new String[600];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = 1_000_001 + i % 3;
            texts[i] = i % 2 == 0 ? "x" : "y";
        }
        Path file = dir.resolve("lying.parquet");
        Parquet.write(DataFrame.of(Series.of("k", keys), Series.of("s", texts)), file,
                ParquetOptions.defaults().withRowGroupRows(200));
        byte[] bytes = Files.readAllBytes(file);
        int footer = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] most = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_003).array();
        byte[] less = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_002).array();
        int replaced = 0;
        for (int at = bytes.length - 8 - footer; at + 8 <= bytes.length - 8; at++) {
            if (java.util.Arrays.equals(bytes, at, at + 8, most, 0, 8)) {
                System.arraycopy(less, 0, bytes, at, 8);
                replaced++;
            }
        }
        assertThat(replaced).as("the maxima in the footer's statistics").isGreaterThanOrEqualTo(3);
        Files.write(file, bytes);
        LazyFrame scanned = Floe.scanParquet(file.toString());
        assertThat(new ParquetSource(List.of(file), ParquetOptions.defaults()).scan(List.of("k", "s"), null, -1)
                .valueBounds().integerRange("k")).containsExactly(1_000_001, 1_000_002);
        assertThatThrownBy(() -> scanned.groupBy("k", "s").agg(Exprs.len().alias("rows")).collect())
                .isInstanceOf(FloeException.class).hasMessageContaining("column 'k'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aCorruptDictionaryPageFailsTheGroupByNamingTheFile(@TempDir Path dir) throws Exception {
        String[] texts = new String[600];
        long[] numbers = new long[600];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = i % 3 == 0 ? "ab" : "c";
            numbers[i] = i % 5;
        }
        Path file = dir.resolve("corrupt.parquet");
        Parquet.write(DataFrame.of(Series.of("s", texts), Series.of("n", numbers)), file, ParquetOptions.defaults());
        org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk;
        try (org.apache.parquet.hadoop.ParquetFileReader reader = ParquetSource.open(file)) {
            chunk = reader.getFooter().getBlocks().get(0).getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("s")).findFirst().orElseThrow();
        }
        assertThat(chunk.hasDictionaryPage()).isTrue();
        // the last byte of the dictionary page's data: its checksum no longer holds
        byte[] bytes = Files.readAllBytes(file);
        int at = (int) chunk.getFirstDataPageOffset() - 1;
        bytes[at] ^= 0x5A;
        Files.write(file, bytes);
        // the bounds read from the changed page are only a claim: the pages themselves are checked
        assertThatThrownBy(() -> Floe.scanParquet(file.toString()).groupBy("s", "n").agg(Exprs.len().alias("rows"))
                .collect()).isInstanceOf(FloeException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("column 's'").hasMessageContaining("checksum");
    }
}
