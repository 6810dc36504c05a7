package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sinks on Spark write the rows as they come, a partition at a time: a result larger than the
 * driver may collect ({@code spark.driver.maxResultSize}, here 1 MiB) is written whole, and the
 * file is the one the local engine writes. Tasks' messages are kept to 1 MiB too, so an in-memory
 * frame of a few megabytes is shipped in many slices (partitions).
 */
class SparkSinkTest {
    private static SparkEngine spark;
    private static DataFrame frame;
    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        spark = SparkEngine.connect("local[2]", Map.of("spark.driver.maxResultSize", "1m", "spark.rpc.message.maxSize", "1",
                "spark.ui.enabled", "false"));
        int rows = 300_000;
        List<List<Object>> values = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            values.add(List.of((long) i, "row " + i, i * 0.5));
        }
        frame = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("id", DataType.INT64),
                new Schema.Field("text", DataType.UTF8), new Schema.Field("half", DataType.FLOAT64))), values);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void aResultLargerThanTheDriverCollectsIsWrittenInOrderAsTheLocalEngineWritesIt() throws IOException {
        LazyFrame plan = frame.lazy().filter(col("id").mod(3).ne(1)).select(col("id"), col("text"),
                col("half").mul(lit(3.0)).alias("x"));
        assertThatThrownBy(() -> plan.collect(spark)).isInstanceOf(FloeException.class)
                .hasMessageContaining("spark.driver.maxResultSize");
        Path onSpark = directory.resolve("spark.csv");
        Path local = directory.resolve("local.csv");
        long rows = plan.sinkCsv(onSpark, spark);
        assertThat(rows).isEqualTo(plan.sinkCsv(local)).isEqualTo(200_000);
        assertThat(onSpark).hasSameTextualContentAs(local);
        Path parquet = directory.resolve("spark.parquet");
        assertThat(plan.sinkParquet(parquet, spark)).isEqualTo(rows);
        DataFrame back = Floe.readParquet(parquet.toString());
        SameRows.assertSame("the Parquet file written from Spark", plan.collect(), back, true);
    }

    @Test
    void aFailureWhileWritingLeavesNoFile() throws IOException {
        // the last rows overflow: the query fails after parts of the file were written
        LazyFrame plan = frame.lazy().select(col("id"), col("id").add(lit(Long.MAX_VALUE - 299_990)).alias("near"));
        Path target = directory.resolve("failed.csv");
        assertThatThrownBy(() -> plan.sinkCsv(target, spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("on Spark");
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anExistingFileIsRefusedByFloeNotBlamedOnSpark() throws IOException {
        Path target = Files.writeString(directory.resolve("kept.csv"), "mine\n");
        LazyFrame plan = frame.lazy().head(10);
        assertThatThrownBy(() -> plan.sink(new dev.floe.frame.FileSink(target, "csv", Map.of(), false), spark))
                .isInstanceOf(FloeException.class).hasMessageContaining("the file exists")
                .hasMessageNotContaining("failed on Spark");
        assertThat(Files.readString(target)).isEqualTo("mine\n");
    }

    @Test
    void anEmptyResultWritesTheColumns() throws IOException {
        LazyFrame plan = frame.lazy().filter(col("id").lt(0));
        Path onSpark = directory.resolve("empty-spark.csv");
        Path local = directory.resolve("empty-local.csv");
        assertThat(plan.sinkCsv(onSpark, spark)).isZero();
        plan.sinkCsv(local);
        assertThat(onSpark).hasSameTextualContentAs(local);
        assertThat(Files.readString(onSpark)).startsWith("id,text,half");
    }
}
