package dev.floe.bench.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.io.csv.CsvOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadBenchTest {
    @TempDir
    Path folder;

    @Test
    void verify() throws Exception {
        Path file = GroupByData.write(folder, 5_000, 10, 0, false, 7);
        CsvReadBench.Result result = CsvReadBench.measure(file, 2, 1);
        assertThat(result.floeRows()).isEqualTo(5_000).isEqualTo(result.duckdbRows());
        assertThat(result.floe()).isPositive();
        assertThat(result.duckdb()).isPositive();
    }

    @Test
    void duckDbCanReadInAProcessOfItsOwn() throws Exception {
        Path file = GroupByData.write(folder, 4_000, 10, 0, false, 5);
        CsvReadBench.Result result = CsvReadBench.measureApart(file, 2, 2);
        assertThat(result.floeRows()).isEqualTo(4_000).isEqualTo(result.duckdbRows());
        assertThat(result.duckdb()).isPositive();
        assertThat(result.duckdbBytes()).isPositive();
    }

    @Test
    void theDataFollowTheBenchmarksRules() {
        assertThat(GroupByData.name(10_000_000, 100, 0, false)).isEqualTo("G1_1e7_1e2_0_0");
        assertThat(GroupByData.name(5_000, 10, 5, true)).isEqualTo("G1_5000_1e1_5_1");
        DataFrame df = GroupByData.generate(20_000, 10, 5, false, 1);
        assertThat(df.columns()).containsExactly("id1", "id2", "id3", "id4", "id5", "id6", "v1", "v2", "v3");
        assertThat(df.lazy().select(dev.floe.frame.expr.Exprs.col("id1").nUnique(),
                dev.floe.frame.expr.Exprs.col("id3").nUnique(), dev.floe.frame.expr.Exprs.col("v2").max(),
                dev.floe.frame.expr.Exprs.col("v3").max()).collect().row(0).toList())
                .satisfies(row -> {
                    assertThat((Long) row.get(0)).isEqualTo(11L); // 10 ids and null
                    assertThat((Long) row.get(1)).isBetween(1_500L, 2_001L);
                    assertThat(row.get(2)).isEqualTo(15);
                    assertThat((Double) row.get(3)).isLessThanOrEqualTo(100.0);
                });
        double nulls = df.column("v1").nullCount() / 20_000.0;
        assertThat(nulls).isBetween(0.03, 0.07);
        DataFrame sorted = GroupByData.generate(2_000, 10, 0, true, 1);
        assertThat(sorted.column("id1").toList()).isSortedAccordingTo((a, b) -> ((String) a).compareTo((String) b));
        assertThat(GroupByData.generate(100, 10, 0, false, 3)).isEqualTo(GroupByData.generate(100, 10, 0, false, 3));
        assertThat(Floe.readCsv(GroupByData.write(folder, 1_000, 10, 0, false, 3),
                CsvOptions.defaults().withType("id1", DataType.CATEGORICAL)).column("id1").type())
                .isEqualTo(DataType.CATEGORICAL);
    }
}
