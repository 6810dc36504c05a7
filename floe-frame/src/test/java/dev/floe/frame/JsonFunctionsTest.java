package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The JSON functions of text ({@code col("j").json()}): random documents, written with white
 * space, read back at random paths against the values they were written from; the numbers' and
 * DuckDB's own forms are checked by the SQL corpus (json.test) against DuckDB itself.
 */
class JsonFunctionsTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 3), new ExecutionConfig(3, 7), new ExecutionConfig(2, 65_536));

    @Test
    void extractFindsTheValueAtARandomPathOfARandomDocument() {
        SplittableRandom random = new SplittableRandom(41);
        List<Object> docs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Object doc = random.nextInt(10) == 0 ? null : value(random, 0);
            docs.add(doc);
            texts.add(doc == null ? null : write(doc, true));
        }
        List<String> paths = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            paths.add(randomPath(random));
        }
        paths.add("$");
        DataFrame df = DataFrame.of(Series.of("j", DataType.UTF8, texts));
        for (ExecutionConfig config : CONFIGS) {
            for (String path : paths) {
                DataFrame out = df.lazy().select(col("j").json().extract(path).alias("e"),
                        col("j").json().extractString(path).alias("s"), col("j").json().type(path).alias("t"),
                        col("j").json().exists(path).alias("x"), col("j").json().arrayLength(path).alias("n"),
                        col("j").json().keys(path).alias("k")).collect(config);
                for (int i = 0; i < docs.size(); i++) {
                    Object found = docs.get(i) == null ? Missing.NONE : at(docs.get(i), path);
                    String where = "row " + i + " " + texts.get(i) + " at " + path + ", " + config;
                    boolean missing = found == Missing.NONE;
                    assertThat(out.get(i, "e")).as(where).isEqualTo(missing ? null : write(found, false));
                    assertThat(out.get(i, "s")).as(where).isEqualTo(missing || found == null ? null
                            : found instanceof String text ? text : write(found, false));
                    assertThat(out.get(i, "x")).as(where).isEqualTo(docs.get(i) == null ? null : !missing);
                    assertThat(out.get(i, "t")).as(where).isEqualTo(missing ? null : type(found));
                    assertThat(out.get(i, "n")).as(where).isEqualTo(missing ? null
                            : found instanceof List<?> list ? (long) list.size() : 0L);
                    assertThat(out.get(i, "k")).as(where).isEqualTo(missing ? null
                            : found instanceof Map<?, ?> map ? new ArrayList<>(map.keySet()) : List.of());
                }
            }
        }
    }

    @Test
    void categoricalTextNullsAndValidity() {
        DataFrame df = DataFrame.of(Series.of("j", DataType.UTF8, Arrays.asList("{\"a\": [1, {\"b\": \"x\"}]}", null,
                "{\"a\": [1, {\"b\": \"x\"}]}", "[]")));
        DataFrame out = df.lazy().withColumns(col("j").cast(DataType.CATEGORICAL).alias("c"))
                .select(col("c").json().extractString("$.a[1].b").alias("b"), col("c").json().extract("/a/1").alias("p"),
                        col("j").json().isValid().alias("v"), col("j").json().minify().alias("m"))
                .collect();
        FrameAssert.assertThat(out).hasColumnValues("b", "x", null, "x", null);
        FrameAssert.assertThat(out).hasColumnValues("p", "{\"b\":\"x\"}", null, "{\"b\":\"x\"}", null);
        FrameAssert.assertThat(out).hasColumnValues("v", true, null, true, true);
        FrameAssert.assertThat(out).hasColumnValues("m", "{\"a\":[1,{\"b\":\"x\"}]}", null, "{\"a\":[1,{\"b\":\"x\"}]}", "[]");
        DataFrame bad = DataFrame.of(Series.of("j", "{\"a\": 1}", "{\"a\": 1,,}", "[1] [2]"));
        FrameAssert.assertThat(bad.select(col("j").json().isValid().alias("v"))).hasColumnValues("v", true, false, false);
        assertThatThrownBy(() -> bad.select(col("j").json().extract("a"))).hasMessageContaining("malformed JSON (row 1)");
        assertThatThrownBy(() -> bad.slice(2, 1).select(col("j").json().extract("a")))
                .hasMessageContaining("more after the document");
        assertThatThrownBy(() -> bad.select(col("j").json().extract("$.a[*]")))
                .hasMessageContaining("'$.a[*]' is not a JSON path: the wildcard '[*]' gives several values");
        assertThatThrownBy(() -> DataFrame.of(Series.of("n", 1L)).select(col("n").json().extract("$")))
                .hasMessageContaining("json.extract needs JSON text (str or cat), not i64");
    }

    private enum Missing { NONE }

    private static Object value(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> random.nextInt(4) == 0 ? null : random.nextBoolean();
            case 1 -> (long) random.nextInt(-1000, 1000) * (random.nextBoolean() ? 1 : 1_000_000_007L);
            case 2, 3 -> {
                StringBuilder text = new StringBuilder();
                for (int c = random.nextInt(5); c > 0; c--) {
                    String alphabet = "ab\"\\\n\té/\u0001 {}[],:";
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                yield text.toString();
            }
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int e = random.nextInt(4); e > 0; e--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int e = random.nextInt(4); e > 0; e--) {
                    map.putIfAbsent(List.of("a", "b", "c d", "e.f").get(random.nextInt(4)), value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static String randomPath(SplittableRandom random) {
        StringBuilder path = new StringBuilder("$");
        for (int s = random.nextInt(1, 4); s > 0; s--) {
            switch (random.nextInt(4)) {
                case 0 -> path.append(".a");
                case 1 -> path.append(".\"c d\"");
                case 2 -> path.append('[').append(random.nextInt(3)).append(']');
                default -> path.append("[#-").append(random.nextInt(1, 3)).append(']');
            }
        }
        return path.toString();
    }

    /** The value at {@code path}, {@link Missing#NONE} where there is none. */
    private static Object at(Object doc, String path) {
        Object current = doc;
        String rest = path.substring(1);
        while (!rest.isEmpty()) {
            if (rest.startsWith(".\"c d\"")) {
                current = current instanceof Map<?, ?> map && map.containsKey("c d") ? map.get("c d") : Missing.NONE;
                rest = rest.substring(6);
            } else if (rest.startsWith(".a")) {
                current = current instanceof Map<?, ?> map && map.containsKey("a") ? map.get("a") : Missing.NONE;
                rest = rest.substring(2);
            } else {
                int close = rest.indexOf(']');
                String inside = rest.substring(1, close);
                rest = rest.substring(close + 1);
                if (!(current instanceof List<?> list)) {
                    current = Missing.NONE;
                    continue;
                }
                int index = inside.startsWith("#") ? list.size() + Integer.parseInt(inside.substring(1))
                        : Integer.parseInt(inside);
                current = index >= 0 && index < list.size() ? list.get(index) : Missing.NONE;
            }
            if (current == Missing.NONE) {
                return current;
            }
        }
        return current;
    }

    private static String type(Object value) {
        return switch (value) {
            case null -> "NULL";
            case Map<?, ?> map -> "OBJECT";
            case List<?> list -> "ARRAY";
            case String text -> "VARCHAR";
            case Boolean b -> "BOOLEAN";
            case Long n -> n < 0 ? "BIGINT" : "UBIGINT";
            default -> throw new IllegalArgumentException(value.toString());
        };
    }

    /** {@code value} as JSON text: minified, or with white space around everything. */
    private static String write(Object value, boolean spaced) {
        String gap = spaced ? " " : "";
        return switch (value) {
            case null -> "null";
            case Map<?, ?> map -> {
                List<String> parts = new ArrayList<>();
                map.forEach((k, v) -> parts.add(write(k, spaced) + gap + ":" + gap + write(v, spaced)));
                yield "{" + gap + String.join(gap + "," + gap, parts) + gap + "}";
            }
            case List<?> list -> "[" + gap + String.join(gap + "," + gap, list.stream().map(v -> write(v, spaced)).toList())
                    + gap + "]";
            case String text -> {
                StringBuilder out = new StringBuilder("\"");
                for (char c : text.toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        case '\t' -> out.append("\\t");
                        case '\u0001' -> out.append("\\u0001");
                        default -> out.append(c);
                    }
                }
                yield out.append('"').toString();
            }
            default -> value.toString();
        };
    }
}
