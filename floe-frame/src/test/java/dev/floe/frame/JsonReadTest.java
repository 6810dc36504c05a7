package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.io.json.JsonOptions;
import dev.floe.frame.io.json.JsonReadException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JSON arrays and JSON lines: inferred columns, nested keys, lists, and errors that name the line. */
class JsonReadTest {
    @TempDir
    Path folder;

    private Path file(String name, String text) throws IOException {
        Path path = folder.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    /** JSON lines read in ranges of every size from 1 byte, on 1 and 3 threads: each gives the same frame. */
    private DataFrame readLines(String text) throws IOException {
        Path path = file("rows.ndjson", text);
        DataFrame first = null;
        for (int chunk : new int[] {1, 2, 3, 7, 64, JsonOptions.DEFAULT_CHUNK_BYTES}) {
            for (int threads : new int[] {1, 3}) {
                DataFrame frame = Floe.scanNdjson(path.toString(), JsonOptions.defaults().withChunkBytes(chunk))
                        .collect(new ExecutionConfig(threads, 7));
                if (first == null) {
                    first = frame;
                } else {
                    assertThat(frame).as("ranges of %d bytes, %d threads", chunk, threads).isEqualTo(first);
                }
            }
        }
        return first;
    }

    @Test
    void typesAreInferredFromTheValues() throws IOException {
        DataFrame frame = readLines("""
                {"id": 1, "x": 0.5, "name": "ann", "ok": true, "day": "2024-01-31", "n": 3}
                {"id": 2, "x": 2, "name": null, "ok": false, "day": "2024-02-29", "n": 4.5}

                {"id": 3, "name": "cy", "ok": null, "day": null, "n": 5}
                """);
        FrameAssert.assertThat(frame)
                .hasSchema("id", DataType.INT64, "x", DataType.FLOAT64, "name", DataType.UTF8, "ok", DataType.BOOLEAN,
                        "day", DataType.DATE, "n", DataType.FLOAT64)
                .hasRow(0, 1L, 0.5, "ann", true, LocalDate.of(2024, 1, 31), 3.0)
                .hasRow(1, 2L, 2.0, null, false, LocalDate.of(2024, 2, 29), 4.5)
                .hasRow(2, 3L, null, "cy", null, null, 5.0);
    }

    @Test
    void nestedObjectsAreFlattenedAndArraysAreLists() throws IOException {
        DataFrame frame = readLines("""
                {"user": {"name": "ann", "address": {"city": "Oslo"}}, "tags": ["a", "b"], "scores": [1, 2]}
                {"user": {"name": "bo"}, "tags": [], "scores": null}
                {"user": null, "tags": ["c", null], "scores": [3]}
                """);
        FrameAssert.assertThat(frame)
                .hasSchema("user.name", DataType.UTF8, "user.address.city", DataType.UTF8, "tags", DataType.LIST_UTF8,
                        "scores", DataType.LIST_INT64)
                .hasRow(0, "ann", "Oslo", List.of("a", "b"), List.of(1L, 2L))
                .hasRow(1, "bo", null, List.of(), null)
                .hasRow(2, null, null, Arrays.asList("c", null), List.of(3L));
    }

    @Test
    void arraysOfObjectsAreListsOfStructsAndArraysOfArraysListsOfLists() throws IOException {
        DataFrame frame = readLines("""
                {"items": [{"sku": "a", "qty": 2, "dims": [1.5, 2]}, {"sku": "b"}], "grid": [[1, 2], [], null]}
                {"items": [], "grid": null}
                {"items": null, "grid": [[3]]}
                """);
        DataType item = DataType.structOf(List.of(new Schema.Field("sku", DataType.UTF8),
                new Schema.Field("qty", DataType.INT64), new Schema.Field("dims", DataType.LIST_FLOAT64)));
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("sku", "a");
        a.put("qty", 2L);
        a.put("dims", List.of(1.5, 2.0));
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("sku", "b");
        b.put("qty", null);
        b.put("dims", null);
        FrameAssert.assertThat(frame)
                .hasSchema("items", DataType.listOf(item), "grid", DataType.listOf(DataType.LIST_INT64))
                .hasRow(0, List.of(a, b), Arrays.asList(List.of(1L, 2L), List.of(), null))
                .hasRow(1, List.of(), null)
                .hasRow(2, null, List.of(List.of(3L)));
        // written and read again, the same
        Path out = folder.resolve("nested-out.json");
        frame.writeNdjson(out);
        assertThat(Floe.readNdjson(out.toString()).toMaps()).isEqualTo(frame.toMaps());

        // a key that first appears past the rows the types were inferred from fails, naming it and the line
        Path late = file("late.ndjson", """
                {"items": [{"sku": "a"}]}
                {"items": [{"sku": "b", "qty": 1}]}
                """);
        assertThatThrownBy(() -> Floe.readNdjson(late.toString(), JsonOptions.defaults().withInferSchemaLength(1)))
                .isInstanceOf(JsonReadException.class).hasMessageContaining("line 2")
                .hasMessageContaining("key \"qty\"").hasMessageContaining("withInferSchemaLength");
        assertThat(Floe.readNdjson(late.toString()).column("items").get(1)).isEqualTo(List.of(mapOf("sku", "b",
                "qty", 1L)));
    }

    @Test
    void aKeyTheInferredObjectsLackFailsWhereverItIsInsteadOfBeingDropped() throws IOException {
        Path late = file("late-key.ndjson", """
                {"a": 1, "o": {"x": 1}}
                {"a": 2, "o": {"x": 2}}
                {"a": 3, "b": "here", "o": {"x": 3}}
                {"a": 4, "o": {"x": 4}}
                """);
        JsonOptions two = JsonOptions.defaults().withInferSchemaLength(2);
        for (int chunk : new int[] {1, 5, JsonOptions.DEFAULT_CHUNK_BYTES}) {
            for (LazyFrame scan : List.of(Floe.scanNdjson(late.toString(), two.withChunkBytes(chunk)),
                    Floe.scanNdjson(late.toString(), two.withChunkBytes(chunk)).filter(col("a").gt(0)),
                    Floe.scanJson(late.toString(), two))) {
                assertThatThrownBy(scan::collect).as("ranges of %d bytes", chunk).isInstanceOf(JsonReadException.class)
                        .hasMessageContaining("late-key.ndjson, line 3").hasMessageContaining("key \"b\"")
                        .hasMessageContaining("the first 2 objects of the file")
                        .hasMessageContaining("withInferSchemaLength");
            }
            // a scan of some of the columns loses nothing by passing the key over (as DuckDB's)
            LazyFrame some = Floe.scanNdjson(late.toString(), two.withChunkBytes(chunk));
            assertThat(some.select(col("a")).collect().column("a").toList()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(some.select(Exprs.len()).collect().getLong(0, "len")).isEqualTo(4L);
        }
        Path nested = file("late-nested.ndjson", """
                {"a": 1, "o": {"x": 1}}
                {"a": 4, "o": {"x": 4, "y": 5}}
                """);
        assertThatThrownBy(() -> Floe.readNdjson(nested.toString(), JsonOptions.defaults().withInferSchemaLength(1)))
                .hasMessageContaining("line 2").hasMessageContaining("key \"o.y\"");
        // inferred from every object, each key is a column; a given schema skips the keys outside it
        FrameAssert.assertThat(Floe.readNdjson(late.toString()).select(col("a"), col("b"), col("o.x")))
                .hasRow(2, 3L, "here", 3L).hasRow(3, 4L, null, 4L);
        FrameAssert.assertThat(Floe.readNdjson(nested.toString())).hasSchema("a", DataType.INT64, "o.x", DataType.INT64,
                "o.y", DataType.INT64).hasRow(1, 4L, 4L, 5L);
        DataFrame given = Floe.readNdjson(late.toString(), JsonOptions.defaults().withSchema(Schema.of("a", DataType.INT64)));
        assertThat(given.column("a").toList()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void theColumnsAreInferredFromEachOfTheFirstFilesOfAGlob() throws IOException {
        Path dir = Files.createDirectories(folder.resolve("parts"));
        Files.writeString(dir.resolve("p01.ndjson"), "{\"a\": 1}\n{\"a\": 2}\n");
        Files.writeString(dir.resolve("p02.ndjson"), "{\"a\": 3, \"b\": true}\n");
        String glob = dir.resolve("*.ndjson").toString();
        // as DuckDB samples: the first objects of each file, so the second file's key is a column
        for (int objects : new int[] {1, 2, JsonOptions.DEFAULT_INFER_SCHEMA_LENGTH}) {
            FrameAssert.assertThat(Floe.readNdjson(glob, JsonOptions.defaults().withInferSchemaLength(objects)))
                    .hasSchema("a", DataType.INT64, "b", DataType.BOOLEAN).hasRow(0, 1L, null).hasRow(2, 3L, true);
        }
        // files past the 32 sampled are not: a key first there fails, naming its file
        for (int f = 3; f <= 33; f++) {
            Files.writeString(dir.resolve("p%02d.ndjson".formatted(f)), f == 33 ? "{\"a\": 9, \"c\": 1}\n" : "{\"a\": 0}\n");
        }
        assertThatThrownBy(() -> Floe.readNdjson(glob)).isInstanceOf(JsonReadException.class)
                .hasMessageContaining("p33.ndjson, line 1").hasMessageContaining("key \"c\"")
                .hasMessageContaining("each of the first 32 files");
        assertThat(Floe.scanNdjson(glob).select(col("a").sum()).collect().getLong(0, "a")).isEqualTo(15L);
    }

    @Test
    void aDottedKeyAndANestedObjectAreTwoDifferentKeys() throws IOException {
        // the column a.b came from the nested object: a key "a.b" is another key, which the sample lacks
        Path nested = file("nested-first.ndjson", "{\"a\": {\"b\": 1}}\n{\"a.b\": 2}\n");
        assertThatThrownBy(() -> Floe.readNdjson(nested.toString(), JsonOptions.defaults().withInferSchemaLength(1)))
                .hasMessageContaining("line 2").hasMessageContaining("key \"a.b\"");
        Path dotted = file("dotted-first.ndjson", "{\"a.b\": 1}\n{\"a\": {\"b\": 5}}\n");
        assertThatThrownBy(() -> Floe.readNdjson(dotted.toString(), JsonOptions.defaults().withInferSchemaLength(1)))
                .hasMessageContaining("line 2").hasMessageContaining("key \"a\"");
        // a dotted key deep inside nested objects reads its value
        Path deep = file("deep-dotted.ndjson", "{\"k0\": {\"k1\": {\"k2\": {\"k3\": {\"k4\": {\"k5\": {\"k6\": "
                + "{\"k7\": {\"x.y\": 1}}}}}}}}}\n");
        assertThat(Floe.readNdjson(deep.toString()).row(0).toList()).containsExactly(1L);
        // given columns (no sample) still read either spelling
        DataFrame given = Floe.readNdjson(nested.toString(), JsonOptions.defaults().withSchema(
                Schema.of("a.b", DataType.INT64)));
        assertThat(given.column("a.b").toList()).containsExactly(1L, 2L);
    }

    @Test
    void objectsNestedMoreThanSevenDeepReadTheirValues() throws IOException {
        String inner = "{\"v\": 1}";
        String name = "v";
        for (char key = 'i'; key >= 'a'; key--) {
            inner = "{\"" + key + "\": " + inner + "}";
            name = key + "." + name;
        }
        Path deep = file("deep.ndjson", inner.substring(0, inner.length() - 1) + ", \"z\": 2}\n");
        DataFrame frame = Floe.readNdjson(deep.toString());
        assertThat(frame.schema().names()).containsExactly(name, "z");
        assertThat(frame.row(0).toList()).containsExactly(1L, 2L);
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void valuesOfDifferentKindsAreKeptAsTheirJsonText() throws IOException {
        DataFrame frame = readLines("""
                {"v": 1, "w": {"a": 1}, "z": [{"k": 1}]}
                {"v": "two", "w": [1, 2], "z": [[1], [2]]}
                {"v": true, "w": "plain", "z": null}
                """);
        FrameAssert.assertThat(frame)
                .hasSchema("v", DataType.UTF8, "w", DataType.UTF8, "z", DataType.UTF8)
                .hasRow(0, "1", "{\"a\":1}", "[{\"k\":1}]")
                .hasRow(1, "two", "[1,2]", "[[1],[2]]")
                .hasRow(2, "true", "plain", null);
    }

    @Test
    void anArrayOfObjectsReadsLikeTheSameLines() throws IOException {
        Path array = file("rows.json", """
                [
                  {"a": 1, "b": "x"},
                  {"a": 2, "b": "y"},
                  {"a": 3}
                ]
                """);
        DataFrame frame = Floe.readJson(array.toString());
        assertThat(frame).isEqualTo(readLines("{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n{\"a\":3}\n"));
        // in batches of a few rows, with a filter and a limit
        DataFrame some = Floe.scanJson(array.toString()).filter(col("a").ge(2)).head(1)
                .collect(new ExecutionConfig(1, 1));
        FrameAssert.assertThat(some).hasShape(1, 2).hasRow(0, 2L, "y");
    }

    @Test
    void gzippedFilesAreReadAsTheirNameSays() throws IOException {
        Path path = folder.resolve("rows.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
            out.write("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        FrameAssert.assertThat(Floe.scan(path.toString()).collect()).hasShape(2, 1).hasRow(1, 2L);
    }

    @Test
    void aValueThatDoesNotFitItsColumnNamesTheLineAndTheKey() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            text.append("{\"n\": ").append(i).append("}\n");
        }
        text.append("{\"n\": \"fifty\"}\n");
        Path path = file("late.ndjson", text.toString());
        for (int chunk : new int[] {5, 64, JsonOptions.DEFAULT_CHUNK_BYTES}) {
            assertThatThrownBy(() -> Floe.scanNdjson(path.toString(), JsonOptions.defaults().withInferSchemaLength(10)
                    .withChunkBytes(chunk)).collect())
                    .isInstanceOf(JsonReadException.class)
                    .hasMessageContaining("late.ndjson, line 51, column 7, key 'n': found \"fifty\", expected an integer")
                    .hasMessageContaining("JsonOptions.withType");
        }
        // told the type, the same file reads
        DataFrame text51 = Floe.readNdjson(path.toString(), JsonOptions.defaults().withType("n", DataType.UTF8));
        FrameAssert.assertThat(text51).hasShape(51, 1).hasRow(50, "fifty");
    }

    @Test
    void timesOfDayReadGivenTheirTypeAndOneThatIsNoneNamesItsPlace() throws IOException {
        Path path = file("times.ndjson", "{\"t\": \"9:05\"}\n{\"t\": \"13:45:30.25\"}\n{\"t\": null}\n");
        DataFrame times = Floe.readNdjson(path.toString(), JsonOptions.defaults().withType("t", DataType.TIME));
        assertThat(times.column("t").toList()).containsExactly(java.time.LocalTime.of(9, 5),
                java.time.LocalTime.of(13, 45, 30, 250_000_000), null);
        Path bad = file("bad-times.ndjson", "{\"t\": \"12:00\"}\n{\"t\": \"noon\"}\n");
        assertThatThrownBy(() -> Floe.readNdjson(bad.toString(), JsonOptions.defaults().withType("t", DataType.TIME)))
                .isInstanceOf(JsonReadException.class).hasMessageContaining("bad-times.ndjson, line 2")
                .hasMessageContaining("key 't'").hasMessageContaining("expected a time of day such as \"13:45:00\"");
    }

    @Test
    void malformedJsonNamesTheLine() throws IOException {
        Path path = file("broken.ndjson", "{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n");
        assertThatThrownBy(() -> Floe.readNdjson(path.toString(), JsonOptions.defaults().withInferSchemaLength(1)))
                .isInstanceOf(JsonReadException.class)
                .hasMessageStartingWith(path + ", line 3")
                .hasMessageContaining("malformed JSON");
        Path scalar = file("scalar.ndjson", "{\"a\": 1}\n5\n");
        assertThatThrownBy(() -> Floe.readNdjson(scalar.toString()))
                .isInstanceOf(JsonReadException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("found 5, expected an object");
    }

    @Test
    void aFileWithNoObjectsCannotTellItsColumns() throws IOException {
        Path empty = file("empty.json", "[]");
        assertThatThrownBy(() -> Floe.readJson(empty.toString()))
                .isInstanceOf(JsonReadException.class)
                .hasMessageContaining("no objects with keys")
                .hasMessageContaining("withSchema");
        DataFrame typed = Floe.readJson(empty.toString(), JsonOptions.defaults().withSchema(Schema.of("a",
                DataType.INT64)));
        FrameAssert.assertThat(typed).hasShape(0, 1);
    }

    @Test
    void writtenJsonReadsBackTheSame() throws IOException {
        DataFrame frame = DataFrame.of(Series.of("i", DataType.INT64, Arrays.asList(1L, null, 3L)),
                Series.of("s", "a", "b\n\"c\"", null), Series.of("d", DataType.DATE, Arrays.asList(LocalDate.of(2020,
                        1, 2), null, LocalDate.of(1969, 12, 31))),
                Series.of("l", DataType.LIST_FLOAT64, Arrays.asList(List.of(1.5), null, List.of())));
        for (String name : List.of("out.json", "out.ndjson", "out.json.gz", "out.jsonl")) {
            Path path = folder.resolve(name);
            if (name.contains("ndjson") || name.endsWith(".jsonl")) {
                frame.writeNdjson(path);
            } else {
                frame.writeJson(path);
            }
            assertThat(Floe.scan(path.toString()).collect()).as(name).isEqualTo(frame);
        }
    }
}
