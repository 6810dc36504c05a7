package dev.floe.bench.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.Floe;
import dev.floe.parquet.Parquet;
import dev.floe.parquet.ParquetOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetWriteBenchTest {
    @TempDir
    Path folder;

    @Test
    void bothEnginesWriteTheSameRows() throws Exception {
        Path csv = GroupByData.write(folder, 6_000, 10, 5, false, 7);
        ParquetWriteBench.Result result = ParquetWriteBench.measure(csv, folder, 2, 2);
        assertThat(result.rows()).isEqualTo(6_000);
        assertThat(result.same()).isTrue();
        assertThat(result.floe()).isPositive();
        assertThat(result.duckdb()).isPositive();
        assertThat(result.floeBytes()).isPositive();
        assertThat(result.duckdbBytes()).isPositive();
    }

    @Test
    void filesThatHoldOtherRowsAreTold() throws Exception {
        Path csv = GroupByData.write(folder, 3_000, 10, 0, false, 3);
        var frame = Floe.readCsv(csv);
        Path all = folder.resolve("all.parquet");
        Path fewer = folder.resolve("fewer.parquet");
        Path changed = folder.resolve("changed.parquet");
        Parquet.write(frame, all, ParquetOptions.defaults());
        Parquet.write(frame.slice(0, 2_999), fewer, ParquetOptions.defaults());
        Parquet.write(frame.withColumns(dev.floe.frame.expr.Exprs.col("v1").add(1).alias("v1")), changed,
                ParquetOptions.defaults());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            assertThat(ParquetWriteBench.sameRows(statement, all, all, 3_000)).isTrue();
            assertThat(ParquetWriteBench.sameRows(statement, all, fewer, 3_000)).isFalse();
            assertThat(ParquetWriteBench.sameRows(statement, all, changed, 3_000)).isFalse();
        }
    }
}
