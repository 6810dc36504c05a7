package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.io.csv.CsvOptions.OnBadRow;
import dev.floe.frame.io.csv.CsvParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV reader on a corpus of awkward inputs, each read with byte ranges of 1, 2, 3, 5, 17 and
 * 64 bytes and the default, on 1 and 3 threads: every way must give the same frame (or the same
 * error), so that no split point, quoted line break or thread count changes a result.
 */
class CsvReadTest {
    private static final int[] CHUNKS = {1, 2, 3, 5, 17, 64, CsvOptions.DEFAULT_CHUNK_BYTES};

    @TempDir
    Path folder;

    private int files;

    private Path file(byte[] bytes) throws IOException {
        Path path = folder.resolve("input" + files++ + ".csv");
        Files.write(path, bytes);
        return path;
    }

    /** Reads {@code text} every way; checks they agree; returns the frame. */
    private DataFrame read(String text, CsvOptions options) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), options);
    }

    private DataFrame read(byte[] bytes, CsvOptions options) throws IOException {
        Path path = file(bytes);
        DataFrame first = null;
        for (int chunk : CHUNKS) {
            for (int threads : new int[] {1, 3}) {
                DataFrame frame = Floe.readCsv(path, options.withChunkBytes(chunk).withThreads(threads));
                if (first == null) {
                    first = frame;
                } else {
                    assertThat(frame).as("chunks of %d bytes, %d threads", chunk, threads).isEqualTo(first);
                }
            }
        }
        return first;
    }

    /** Reading {@code text} fails, every way, with this message. */
    private void fails(String text, CsvOptions options, String message) throws IOException {
        fails(text.getBytes(StandardCharsets.UTF_8), options, message);
    }

    private void fails(byte[] bytes, CsvOptions options, String message) throws IOException {
        Path path = file(bytes);
        for (int chunk : CHUNKS) {
            for (int threads : new int[] {1, 3}) {
                CsvOptions way = options.withChunkBytes(chunk).withThreads(threads);
                assertThatThrownBy(() -> Floe.readCsv(path, way)).as("chunks of %d bytes, %d threads", chunk, threads)
                        .isInstanceOf(CsvParseException.class)
                        .hasMessage(message.replace("FILE", path.toString()));
            }
        }
    }

    @Test
    void typesAreInferredFromTheValues() throws IOException {
        DataFrame df = read("""
                i,f,b,d,t,s,mixed,empty
                1,1.5,true,2024-01-31,2024-01-31T10:20:30,x,1,
                -20,2,FALSE,2024-02-29,2024-02-01 00:00,y,2.5,
                300,-1e3,True,1999-12-31,2024-03-01T01:02:03.123456,z,a,
                """, CsvOptions.defaults());
        FrameAssert.assertThat(df).hasSchema("i", DataType.INT64, "f", DataType.FLOAT64, "b", DataType.BOOLEAN,
                "d", DataType.DATE, "t", DataType.DATETIME, "s", DataType.UTF8, "mixed", DataType.UTF8,
                "empty", DataType.UTF8);
        FrameAssert.assertThat(df).hasRow(0, 1L, 1.5, true, LocalDate.of(2024, 1, 31),
                LocalDateTime.of(2024, 1, 31, 10, 20, 30), "x", "1", null);
        FrameAssert.assertThat(df).hasRow(2, 300L, -1000.0, true, LocalDate.of(1999, 12, 31),
                LocalDateTime.of(2024, 3, 1, 1, 2, 3, 123_456_000), "z", "a", null);
        // dates and datetimes together are datetimes; whole numbers and decimals, floats
        FrameAssert.assertThat(read("a,b\n2024-01-01,1\n2024-01-02T05:00,2.5\n", CsvOptions.defaults()))
                .hasSchema("a", DataType.DATETIME, "b", DataType.FLOAT64);
    }

    @Test
    void quotesHoldDelimitersQuotesAndLineBreaksAtEverySplit() throws IOException {
        String text = "id,text\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"crlf\r\ninside\"\n5,\"\"\n6,\n"
                + "7,\"NA\"\n8,NA\n9,\",\n,\"\"\n\"\n";
        DataFrame df = read(text, CsvOptions.defaults());
        FrameAssert.assertThat(df).hasColumnValues("text", "a,b", "say \"hi\"", "two\nlines", "crlf\r\ninside", "", null,
                "NA", null, ",\n,\"\n");
        FrameAssert.assertThat(df).hasColumnValues("id", 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void lineEndingsBomBlankLinesAndNoFinalLineBreak() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "a,b\r\n1,x\r\n\r\n2,y\r\n\n3,z".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);
        FrameAssert.assertThat(read(bytes, CsvOptions.defaults())).hasColumns("a", "b")
                .hasRows(new Object[] {1L, "x"}, new Object[] {2L, "y"}, new Object[] {3L, "z"});
    }

    @Test
    void oldMacLineEndingsOfALoneCarriageReturnEndRows() throws IOException {
        // the line break of classic Mac OS: a lone \r, not one row of every line joined
        FrameAssert.assertThat(read("a,b\r1,x\r\r2,\"y\rz\"\r3,w", CsvOptions.defaults())).hasColumns("a", "b")
                .hasRows(new Object[] {1L, "x"}, new Object[] {2L, "y\rz"}, new Object[] {3L, "w"});
        // mixed with the others, and a comment line ended by a lone \r
        FrameAssert.assertThat(read("a,b\r\n1,x\r#note\r2,y\n3,z\r", CsvOptions.defaults().withCommentPrefix("#")))
                .hasRows(new Object[] {1L, "x"}, new Object[] {2L, "y"}, new Object[] {3L, "z"});
    }

    @Test
    void theDelimiterIsTheOneTheFirstRowsSplitAlikeAtWhereCommasDoNot() throws IOException {
        // semicolons, tabs and bars, with a comma inside a field (a comma file would be ragged there)
        FrameAssert.assertThat(read("a;b;c\n1;x,y;2.5\n2;z;3.5\n", CsvOptions.defaults())).hasColumns("a", "b", "c")
                .hasRows(new Object[] {1L, "x,y", 2.5}, new Object[] {2L, "z", 3.5});
        FrameAssert.assertThat(read("a\tb\n1\tx\n", CsvOptions.defaults())).hasColumns("a", "b");
        FrameAssert.assertThat(read("a|b\n1|x,y\n2|z\n", CsvOptions.defaults())).hasColumns("a", "b")
                .hasColumnValues("b", "x,y", "z");
        // the most fields wins; a quoted delimiter is text
        FrameAssert.assertThat(read("a;b|c|d\n\"1;2\"|3|4\n", CsvOptions.defaults())).hasColumns("a;b", "c", "d");
        // rows that split alike at commas are comma-separated, whatever else they hold
        FrameAssert.assertThat(read("a,b\n1,\"x;y;z\"\n2,q;r\n", CsvOptions.defaults())).hasColumns("a", "b");
        // one column of text with a semicolon in some rows only stays one column
        FrameAssert.assertThat(read("name\nx;y\nz\n", CsvOptions.defaults())).hasColumns("name")
                .hasColumnValues("name", "x;y", "z");
        // a delimiter given is the delimiter, a comma too
        FrameAssert.assertThat(read("a;b\n1;2\n", CsvOptions.defaults().withDelimiter(','))).hasColumns("a;b");
        FrameAssert.assertThat(read("a;b,c\n1;2,3\n", CsvOptions.defaults().withDelimiter(';'))).hasColumns("a", "b,c");
    }

    @Test
    void aFirstRowThatFitsTheTypesOfTheRowsAfterItIsDataNotAHeader() throws IOException {
        // numbers over numbers: no header, as DuckDB's sniffer reads it
        FrameAssert.assertThat(read("1;2\n3;4\n", CsvOptions.defaults())).hasColumns("column_1", "column_2")
                .hasRows(new Object[] {1L, 2L}, new Object[] {3L, 4L});
        FrameAssert.assertThat(read("2020,2021\n5,6.5\n", CsvOptions.defaults())).hasShape(2, 2);
        // a null in the first row fits any type; one row of numbers is data
        FrameAssert.assertThat(read("1,\n3,4\n", CsvOptions.defaults())).hasRows(new Object[] {1L, null},
                new Object[] {3L, 4L});
        FrameAssert.assertThat(read("1,2\n", CsvOptions.defaults())).hasShape(1, 2);
        // names over typed values: a header; text under text tells nothing: a header
        FrameAssert.assertThat(read("id,v\n1,2\n", CsvOptions.defaults())).hasColumns("id", "v").hasShape(1, 2);
        FrameAssert.assertThat(read("d,n\n2024-01-01,x\n", CsvOptions.defaults())).hasColumns("d", "n");
        FrameAssert.assertThat(read("x,y\nz,w\n", CsvOptions.defaults())).hasColumns("x", "y").hasShape(1, 2);
        FrameAssert.assertThat(read("a,b\n", CsvOptions.defaults())).hasColumns("a", "b").hasShape(0, 2);
        // a header given is one
        FrameAssert.assertThat(read("1,2\n3,4\n", CsvOptions.defaults().withHeader(true))).hasColumns("1", "2")
                .hasShape(1, 2);
    }

    @Test
    void emptyInputsAndHeaderOnly() throws IOException {
        FrameAssert.assertThat(read("", CsvOptions.defaults())).hasShape(0, 0);
        FrameAssert.assertThat(read("a,b\n", CsvOptions.defaults())).hasShape(0, 2)
                .hasSchema("a", DataType.UTF8, "b", DataType.UTF8);
        FrameAssert.assertThat(read("a,b", CsvOptions.defaults())).hasShape(0, 2);
    }

    @Test
    void optionsDelimiterCommentsSkipRowsNoHeaderEscapeNulls() throws IOException {
        CsvOptions semicolons = CsvOptions.defaults().withDelimiter(';').withCommentPrefix("#").withSkipRows(2)
                .withNullValues("-");
        FrameAssert.assertThat(read("junk line\nmore junk, \"with a quote\n# a comment \"\nx;y\n1;-\n# another\n"
                + "-;2.5\n", semicolons)).hasSchema("x", DataType.INT64, "y", DataType.FLOAT64)
                .hasRows(new Object[] {1L, null}, new Object[] {null, 2.5});
        FrameAssert.assertThat(read("1\ta\n2\tb\n", CsvOptions.defaults().withHeader(false).withDelimiter('\t')))
                .hasColumns("column_1", "column_2").hasColumnValues("column_2", "a", "b");
        FrameAssert.assertThat(read("s\n\"a\\\"b\"\n\"c\\\\d\"\n", CsvOptions.defaults().withEscape('\\')))
                .hasColumnValues("s", "a\"b", "c\\d");
        FrameAssert.assertThat(read("a,a,\n1,2,3\n", CsvOptions.defaults())).hasColumns("a", "a_2", "column_3");
    }

    @Test
    void schemaTypesColumnsAndLimit() throws IOException {
        String text = "id,v,name\n1,10,ann\n2,20,bo\n3,30,ann\n4,40,cy\n";
        FrameAssert.assertThat(read(text, CsvOptions.defaults().withType("name", DataType.CATEGORICAL)
                .withType("v", DataType.INT16))).hasSchema("id", DataType.INT64, "v", DataType.INT16, "name",
                DataType.CATEGORICAL).hasColumnValues("name", "ann", "bo", "ann", "cy");
        FrameAssert.assertThat(read(text, CsvOptions.defaults().withColumns("name", "id").withLimit(2)))
                .hasColumns("id", "name").hasRows(new Object[] {1L, "ann"}, new Object[] {2L, "bo"});
        Schema schema = Schema.of(List.of(new Schema.Field("x", DataType.INT32), new Schema.Field("y", DataType.FLOAT32),
                new Schema.Field("z", DataType.UTF8)));
        FrameAssert.assertThat(read(text, CsvOptions.defaults().withSchema(schema))).hasSchema("x", DataType.INT32,
                "y", DataType.FLOAT32, "z", DataType.UTF8).hasRow(3, 4, 40.0f, "cy");
        assertThatThrownBy(() -> read(text, CsvOptions.defaults().withType("nope", DataType.INT64)))
                .isInstanceOf(ColumnNotFoundException.class).hasMessageContaining("nope");
    }

    @Test
    void raggedRowsFailOrAreSkippedOrPadded() throws IOException {
        String text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
        fails(text, CsvOptions.defaults(), "FILE, line 3: found \"4,5\", expected 3 fields, as the header has "
                + "(the row has 2)");
        List<CsvParseException> rejects = new ArrayList<>();
        FrameAssert.assertThat(Floe.readCsv(file(text.getBytes(StandardCharsets.UTF_8)),
                CsvOptions.defaults().withOnBadRow(OnBadRow.SKIP).withRejects(rejects::add)))
                .hasColumnValues("a", 1L, 10L);
        assertThat(rejects).extracting(CsvParseException::line).containsExactly(3L, 4L);
        FrameAssert.assertThat(read(text, CsvOptions.defaults().withOnBadRow(OnBadRow.NULL).withRejects(e -> { })))
                .hasRows(new Object[] {1L, 2L, 3L}, new Object[] {4L, 5L, null}, new Object[] {6L, 7L, 8L},
                        new Object[] {10L, 11L, 12L});
    }

    @Test
    void badValuesNameTheirPlace() throws IOException {
        String text = "id,v\n1,2\n2,3\n3,x4\n4,5\n";
        fails(text, CsvOptions.defaults().withInferSchemaLength(2), "FILE, line 4, column 'v': found \"x4\", "
                + "expected a whole number from -9223372036854775808 to 9223372036854775807 (i64) (the type was "
                + "inferred from the first 2 rows; give the column a type with withType(...), raise "
                + "withInferSchemaLength(...), or pass over bad rows with withOnBadRow(SKIP or NULL))");
        FrameAssert.assertThat(read(text, CsvOptions.defaults().withInferSchemaLength(2).withOnBadRow(OnBadRow.NULL)
                .withRejects(e -> { }))).hasColumnValues("v", 2L, 3L, null, 5L);
        FrameAssert.assertThat(read(text, CsvOptions.defaults().withInferSchemaLength(2).withOnBadRow(OnBadRow.SKIP)
                .withRejects(e -> { }))).hasColumnValues("id", 1L, 2L, 4L);
        fails("a\n1\n300\n", CsvOptions.defaults().withType("a", DataType.INT8), "FILE, line 3, column 'a': found "
                + "\"300\", expected a whole number from -128 to 127 (i8) (the type was inferred from the first 10000 "
                + "rows; give the column a type with withType(...), raise withInferSchemaLength(...), or pass over bad "
                + "rows with withOnBadRow(SKIP or NULL))");
        fails("d\n2024-02-30\n", CsvOptions.defaults().withType("d", DataType.DATE),
                "FILE, line 2, column 'd': found \"2024-02-30\", expected a date yyyy-mm-dd (the type was inferred "
                        + "from the first 10000 rows; give the column a type with withType(...), raise "
                        + "withInferSchemaLength(...), or pass over bad rows with withOnBadRow(SKIP or NULL))");
        // times of day and durations, given their type
        FrameAssert.assertThat(read("t,u\n9:05,PT1H30M\n13:45:30.25,\n", CsvOptions.defaults().withType("t", DataType.TIME)
                .withType("u", DataType.DURATION))).hasColumnValues("t", java.time.LocalTime.of(9, 5),
                java.time.LocalTime.of(13, 45, 30, 250_000_000)).hasColumnValues("u", java.time.Duration.ofMinutes(90), null);
        fails("t\n12:00\nnoon\n", CsvOptions.defaults().withType("t", DataType.TIME),
                "FILE, line 3, column 't': found \"noon\", expected a time of day such as 13:45:00 (the type was inferred "
                        + "from the first 10000 rows; give the column a type with withType(...), raise "
                        + "withInferSchemaLength(...), or pass over bad rows with withOnBadRow(SKIP or NULL))");
    }

    @Test
    void brokenQuotingAndBadBytesAreErrors() throws IOException {
        fails("a,b\n1,\"open\n2,x\n", CsvOptions.defaults(), "FILE, line 2: found \"1,\"open\\n2,x\", expected a "
                + "closing quote");
        fails("a,b\n1,\"x\"y\n", CsvOptions.defaults(), "FILE, line 2: found \"1,\"x\"y\", expected a delimiter "
                + "or line break after a closing quote");
        byte[] latin1 = "a\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        fails(latin1, CsvOptions.defaults(), "FILE, line 2, column 'a': found \"caf\uFFFD\", expected UTF-8 text (the "
                + "type was inferred from the first 10000 rows; give the column a type with withType(...), raise "
                + "withInferSchemaLength(...), or pass over bad rows with withOnBadRow(SKIP or NULL))");
    }

    @Test
    void veryLongFieldsAndManyRows() throws IOException {
        String longText = "x".repeat(1 << 20);
        StringBuilder text = new StringBuilder("id,s\n");
        for (int i = 0; i < 3_000; i++) {
            text.append(i).append(',').append(i == 1_500 ? "\"" + longText + "\n\"" : "v" + i).append('\n');
        }
        Path path = file(text.toString().getBytes(StandardCharsets.UTF_8));
        DataFrame one = Floe.readCsv(path, CsvOptions.defaults().withThreads(1));
        for (int chunk : new int[] {100, 4_096, 1 << 16}) {
            assertThat(Floe.readCsv(path, CsvOptions.defaults().withChunkBytes(chunk).withThreads(3))).isEqualTo(one);
        }
        assertThat(one.height()).isEqualTo(3_000);
        assertThat(one.getString(1_500, "s")).isEqualTo(longText + "\n");
        assertThat(one.getString(2_999, "s")).isEqualTo("v2999");
    }

    @Test
    void gzipStreamsAndGlobs() throws IOException {
        String text = "k,v\na,1\nb,2\n";
        Path gz = folder.resolve("data.csv.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        DataFrame plain = read(text, CsvOptions.defaults());
        assertThat(Floe.readCsv(gz)).isEqualTo(plain);
        assertThat(Floe.readCsv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), CsvOptions.defaults()))
                .isEqualTo(plain);
        Path parts = Files.createDirectory(folder.resolve("parts"));
        for (int p = 0; p < 3; p++) {
            Files.writeString(parts.resolve("part-" + p + ".csv"), "k,v\nk" + p + "," + p + "\nm" + p + "," + (10 + p) + "\n");
        }
        FrameAssert.assertThat(Floe.readCsv(parts.resolve("part-*.csv").toString())).hasColumnValues("k", "k0", "m0",
                "k1", "m1", "k2", "m2");
        Files.writeString(parts.resolve("part-9.csv"), "k,w\nx,1\n");
        assertThatThrownBy(() -> Floe.readCsv(parts.resolve("part-*.csv").toString()))
                .hasMessageContaining("part-9.csv, line 1").hasMessageContaining("the same header");
        assertThatThrownBy(() -> Floe.readCsv(parts.resolve("nothing-*.csv").toString()))
                .hasMessageContaining("no file matches");
    }

    @Test
    void scansReadOnlyTheColumnsAndRowsTheQueryNeeds() throws IOException {
        Path path = file("a,b,c\n1,x,1.5\n2,y,2.5\n3,z,3.5\n".getBytes(StandardCharsets.UTF_8));
        LazyFrame scan = Floe.scanCsv(path.toString());
        assertThat(scan.schema().names()).containsExactly("a", "b", "c");
        LazyFrame query = scan.filter(col("a").gt(1)).select(col("c")).head(5);
        // the rows estimated from the file's size (4 rows of 10 bytes), a third of them kept by a range filter
        assertThat(query.explain()).isEqualTo("SELECT [col(\"c\")]  ~1 row\n  CSV " + path + " [c] (1 of 3 columns); "
                + "filter [(col(\"a\")) > (1)]; first 5 rows  ~1 row\n");
        FrameAssert.assertThat(query.collect()).hasColumnValues("c", 2.5, 3.5);
        for (int chunk : CHUNKS) {
            LazyFrame chunked = Floe.scanCsv(path, CsvOptions.defaults().withChunkBytes(chunk).withThreads(2));
            assertThat(chunked.filter(col("b").ne("y")).collect())
                    .isEqualTo(chunked.collect().filter(col("b").ne("y")));
        }
        StringBuilder many = new StringBuilder("n\n");
        for (int i = 0; i < 5_000; i++) {
            many.append(i).append('\n');
        }
        Path numbers = file(many.toString().getBytes(StandardCharsets.UTF_8));
        FrameAssert.assertThat(Floe.scanCsv(numbers.toString()).filter(col("n").mod(1000).eq(999)).head(3).collect())
                .hasColumnValues("n", 999L, 1999L, 2999L);
        assertThat(scan.select("b").head(2).explain()).contains("[b] (1 of 3 columns); first 2 rows");
        FrameAssert.assertThat(scan.select("b").head(2).collect()).hasColumnValues("b", "x", "y");
        assertThatThrownBy(() -> scan.select(col("nope"))).isInstanceOf(ColumnNotFoundException.class);
    }

    @Test
    void numbersReadExactly() throws IOException {
        String[] texts = {"0.1", "-0.0", "1e-300", "4.9e-324", "1.7976931348623157e308", "123456789012345678",
                "0.30000000000000004", ".5", "5.", "+3", "1E5", "NaN", "-inf", "Infinity", "9007199254740993",
                "2.2250738585072014E-308", "0.000001", "123.456789"};
        DataFrame df = read("x\n" + String.join("\n", texts) + "\n", CsvOptions.defaults());
        assertThat(df.schema().type("x")).isEqualTo(DataType.FLOAT64);
        for (int i = 0; i < texts.length; i++) {
            String java = texts[i].replace("inf", "Infinity").replace("Infinityinity", "Infinity");
            assertThat((Object) df.getDouble(i, "x")).as(texts[i]).isEqualTo(Double.parseDouble(java));
        }
        assertThat(Arrays.asList(read("x\n9223372036854775807\n-9223372036854775808\n", CsvOptions.defaults())
                .column("x").toList().toArray())).containsExactly(Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(read("x\n9223372036854775808\n", CsvOptions.defaults()).schema().type("x"))
                .isEqualTo(DataType.FLOAT64);
    }

    @Test
    void aMissingFileIsNamedAsMissing() {
        Path missing = folder.resolve("nowhere.csv");
        assertThatThrownBy(() -> Floe.readCsv(missing)).hasMessage("no such file: " + missing.toAbsolutePath());
        assertThatThrownBy(() -> Floe.scanCsv(missing, CsvOptions.defaults()).collect()).hasMessageContaining("no such file");
    }

    @Test
    void aLimitCountsTheRowsKeptNotTheRowsSkipped() throws Exception {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(',').append(i % 7 == 3 ? "oops" : Integer.toString(i * 2)).append('\n');
        }
        Path path = folder.resolve("bad-rows.csv");
        java.nio.file.Files.writeString(path, text);
        CsvOptions skip = CsvOptions.defaults().withType("b", DataType.INT64)
                .withOnBadRow(CsvOptions.OnBadRow.SKIP).withRejects(problem -> { });
        for (int limit : new int[] {1, 10, 100, 4_000}) {
            DataFrame head = Floe.readCsv(path, skip.withLimit(limit));
            assertThat(head.height()).as("limit %d", limit).isEqualTo(limit);
            // the rows are the first good ones, in order
            List<Object> good = new java.util.ArrayList<>();
            for (long i = 0; good.size() < limit; i++) {
                if (i % 7 != 3) {
                    good.add(i);
                }
            }
            assertThat(head.column("a").toList()).as("limit %d", limit).isEqualTo(good);
        }
        assertThat(Floe.scanCsv(path, skip).head(10).collect().height()).isEqualTo(10);
    }
}
