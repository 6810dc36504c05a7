package dev.floe.frame.physical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.FileSink;
import dev.floe.frame.Floe;
import dev.floe.frame.exec.ExecutionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows another engine gives, part by part, written to a file as the local engine writes its own results. */
class StreamedSinkTest {
    @TempDir
    Path directory;

    private static final dev.floe.frame.Schema IDS = dev.floe.frame.Schema.of(
            List.of(new dev.floe.frame.Schema.Field("id", dev.floe.frame.DataType.INT64)));

    private static DataFrame part(long from, int rows) {
        return DataFrame.ofRows(IDS, java.util.stream.LongStream.range(from, from + rows).<List<?>>mapToObj(List::of)
                .toList());
    }

    @Test
    void partsAreWrittenInOrderAsOneFile() throws IOException {
        List<DataFrame> parts = List.of(part(0, 3), part(3, 0), part(3, 5000), part(5003, 1));
        Path streamed = directory.resolve("streamed.csv");
        Path whole = directory.resolve("whole.csv");
        ExecutionContext context = ExecutionContext.singleThreaded(new ExecutionConfig(1, 1024));
        long rows = LocalEngine.INSTANCE.sink(IDS, "parts", parts.iterator(),
                new FileSink(streamed, "csv", Map.of(), false), context);
        assertThat(rows).isEqualTo(5004);
        part(0, 5004).lazy().sinkCsv(whole);
        assertThat(streamed).hasSameTextualContentAs(whole);
    }

    @Test
    void aPartOfOtherColumnsOrAFailingStreamLeavesNoFile() throws IOException {
        Path target = directory.resolve("never.csv");
        ExecutionContext context = ExecutionContext.singleThreaded(new ExecutionConfig(1, 1024));
        Iterator<DataFrame> mixed = List.of(part(0, 10), Floe.readCsv(Files.writeString(directory.resolve("other.csv"),
                "x\nabc\n").toString())).iterator();
        assertThatThrownBy(() -> LocalEngine.INSTANCE.sink(IDS, "parts", mixed,
                new FileSink(target, "csv", Map.of(), false), context)).hasMessageContaining("a part of parts has the columns");
        Iterator<DataFrame> failing = new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == 2) {
                    throw new IllegalStateException("the other engine failed");
                }
                return true;
            }

            @Override
            public DataFrame next() {
                return part(given++ * 10L, 10);
            }
        };
        assertThatThrownBy(() -> LocalEngine.INSTANCE.sink(IDS, "parts", failing,
                new FileSink(target, "csv", Map.of(), false), context)).hasMessageContaining("the other engine failed");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("other.csv");
        }
    }
}
