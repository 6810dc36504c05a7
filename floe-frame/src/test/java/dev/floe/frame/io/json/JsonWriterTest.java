package dev.floe.frame.io.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static String json(DataFrame frame, JsonWriter.Layout layout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonWriter(layout).write(frame, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void numbersAreUnquotedAndNullsAreNull() throws IOException {
        DataFrame frame = DataFrame.of(Series.of("i", DataType.INT64, Arrays.asList(1L, null, -9_007_199_254_740_993L)),
                Series.of("x", 0.25, Double.NaN, Double.NEGATIVE_INFINITY),
                Series.of("f", DataType.FLOAT32, Arrays.asList(1.5f, null, Float.NaN)),
                Series.of("small", DataType.INT8, Arrays.asList((byte) -3, (byte) 0, null)),
                Series.of("ok", DataType.BOOLEAN, Arrays.asList(true, false, null)));
        assertThat(json(frame, JsonWriter.Layout.LINES)).isEqualTo("""
                {"i":1,"x":0.25,"f":1.5,"small":-3,"ok":true}
                {"i":null,"x":null,"f":null,"small":0,"ok":false}
                {"i":-9007199254740993,"x":null,"f":null,"small":null,"ok":null}
                """);
    }

    @Test
    void textIsEscaped() throws IOException {
        DataFrame frame = DataFrame.of(Series.of("say \"hi\"", DataType.UTF8,
                Arrays.asList("a \"quote\" and \\ back", "line\nbreak\ttab\u0001", "héllo 世界 🙂", null)));
        assertThat(json(frame, JsonWriter.Layout.LINES)).isEqualTo("""
                {"say \\"hi\\"":"a \\"quote\\" and \\\\ back"}
                {"say \\"hi\\"":"line\\nbreak\\ttab\\u0001"}
                {"say \\"hi\\"":"héllo 世界 🙂"}
                {"say \\"hi\\"":null}
                """);
    }

    @Test
    void timesAreIsoStringsAndListsAreArrays() throws IOException {
        DataFrame frame = DataFrame.of(Series.of("day", DataType.DATE, List.of(LocalDate.of(2024, 2, 29))),
                Series.of("at", DataType.DATETIME, List.of(LocalDateTime.of(2024, 2, 29, 13, 5, 7))),
                Series.of("took", DataType.DURATION, List.of(Duration.ofMinutes(90))),
                Series.of("city", DataType.CATEGORICAL, List.of("Oslo")),
                Series.of("units", DataType.LIST_INT64, List.of(List.of(1L, 2L))));
        assertThat(json(frame, JsonWriter.Layout.ARRAY)).isEqualTo("""
                [
                {"day":"2024-02-29","at":"2024-02-29T13:05:07","took":"PT1H30M","city":"Oslo","units":[1,2]}
                ]
                """);
    }

    @Test
    void anEmptyFrameIsAnEmptyArrayOrNothing() throws IOException {
        DataFrame empty = DataFrame.of(Series.of("a", new long[0]));
        assertThat(json(empty, JsonWriter.Layout.ARRAY)).isEqualTo("[]\n");
        assertThat(json(empty, JsonWriter.Layout.LINES)).isEmpty();
    }

    @Test
    void manyRowsAreWrittenInOrder() throws IOException {
        long[] values = new long[100_000];
        Arrays.setAll(values, i -> i);
        String text = json(DataFrame.of(Series.of("n", values)), JsonWriter.Layout.LINES);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(100_000);
        assertThat(lines.get(77_777)).isEqualTo("{\"n\":77777}");
    }
}
