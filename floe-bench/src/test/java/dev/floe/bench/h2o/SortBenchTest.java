package dev.floe.bench.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.io.csv.CsvOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortBenchTest {
    @TempDir
    Path folder;

    @Test
    void bothEnginesSortUnderTheLimitAndFloesFileIsInOrder() throws Exception {
        Path csv = GroupByData.write(folder, 20_000, 10, 0, false, 3);
        Path parquet = H2oBench.parquetCopy(csv, CsvOptions.defaults().withType("id3", DataType.CATEGORICAL), null);
        SortBench.Result result = SortBench.measure(parquet, 64 << 20, 2, null);
        assertThat(result.rows()).isEqualTo(20_000);
        assertThat(result.outOfOrder()).isZero();
        assertThat(result.disagreement()).isNull();
        assertThat(result.floe()).hasSize(2).doesNotContain(0.0);
        assertThat(result.duckdb()).hasSize(2).doesNotContain(0.0);
        assertThat(SortBench.outOfOrder(parquet, 2, 64 << 20)).as("rows out of order in the unsorted input").isPositive();
    }
}
