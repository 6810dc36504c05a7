package dev.floe.parquet;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.FileSink;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import dev.floe.pool.FloeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet sink holds about a row group at a time, however long the file: 240 MB of text
 * written through a 96 MB heap. (The writer once kept each row group's text alive through the
 * values parquet-java remembers for its statistics, so long files ran out of memory.)
 */
@org.junit.jupiter.api.Tag("own-configuration")
class ParquetSinkMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aLongFileOfTextIsWrittenThroughASmallHeap() throws Exception {
        Path file = dir.resolve("long.parquet");
        String path = file.toString();
        FloeProcess child = FloeProcess.start(() -> writeLong(path), List.of("-Xmx96m"));
        assertThat(child.join(Duration.ofMinutes(3))).isTrue();
        assertThat(child.exitCode()).as("the child's exit code (its output says what failed)").hasValue(0);
        DataFrame back = Floe.scanParquet(file.toString()).select(col("t").str().len().sum().alias("chars"),
                col("t").count().alias("rows")).collect();
        assertThat(back.get(0, "rows")).isEqualTo(2_000_000L);
        assertThat(back.get(0, "chars")).isEqualTo(2_000_000L * 120);
        assertThat(Files.size(file)).isPositive();
    }

    /** 2,000,000 distinct texts of 120 characters, made as they are written (never held whole). */
    static void writeLong(String path) {
        DataFrame a = DataFrame.of(Series.of("a", LongStream.range(100_000, 102_000).toArray()));
        DataFrame b = DataFrame.of(Series.of("b", LongStream.range(100_000, 101_000).toArray()));
        String padding = "x".repeat(108);
        long rows = a.lazy().crossJoin(b.lazy())
                .select(col("a").cast(DataType.UTF8).str().concat(lit(padding)).str()
                        .concat(col("b").cast(DataType.UTF8)).alias("t"))
                .sink(new FileSink(Path.of(path), "parquet", Map.of("row_group_rows", "20000"), true));
        System.exit(rows == 2_000_000 ? 0 : 3);
    }
}
