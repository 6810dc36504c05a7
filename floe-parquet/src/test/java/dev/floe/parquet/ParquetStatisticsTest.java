package dev.floe.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.io.ColumnStatistics;
import dev.floe.frame.io.TableStatistics;
import dev.floe.frame.plan.Estimates;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Parquet file's footers tell the optimizer before any data is read. */
class ParquetStatisticsTest {
    @Test
    void rowCountsRangesAndNullsComeFromEveryRowGroupOfEveryFile(@TempDir Path dir) {
        List<Long> ids = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        List<Double> prices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(i % 4 == 0 ? null : 10L + i);
            days.add(LocalDate.of(2020, 1, 1).plusDays(i));
            prices.add(i * 0.5);
            names.add("n" + i);
        }
        DataFrame frame = DataFrame.of(Series.of("id", DataType.INT64, ids), Series.of("day", DataType.DATE, days),
                Series.of("price", DataType.FLOAT64, prices), Series.of("name", DataType.UTF8, names));
        Parquet.write(frame.slice(0, 60), dir.resolve("a.parquet"), ParquetOptions.defaults().withRowGroupRows(7));
        Parquet.write(frame.slice(60, 40), dir.resolve("b.parquet"), ParquetOptions.defaults().withRowGroupRows(7));
        ParquetSource source = new ParquetSource(List.of(dir.resolve("a.parquet"), dir.resolve("b.parquet")),
                ParquetOptions.defaults());
        TableStatistics stats = source.statistics();
        assertThat(stats.rows()).isEqualTo(100);
        ColumnStatistics id = stats.column("id");
        assertThat(id.nullFraction()).isEqualTo(0.25);
        assertThat(id.min()).isEqualTo(11);
        assertThat(id.max()).isEqualTo(109);
        assertThat(id.distinct()).isEqualTo(75); // at most the non-null rows, within a range of 99
        ColumnStatistics day = stats.column("day");
        assertThat(day.min()).isEqualTo(LocalDate.of(2020, 1, 1).toEpochDay());
        assertThat(day.max()).isEqualTo(LocalDate.of(2020, 1, 1).plusDays(99).toEpochDay());
        assertThat(day.distinct()).isEqualTo(100);
        assertThat(stats.column("price").min()).isEqualTo(0.0);
        assertThat(stats.column("price").max()).isEqualTo(49.5);
        assertThat(stats.column("price").distinct()).isNaN();
        assertThat(stats.column("name")).isEqualTo(ColumnStatistics.UNKNOWN);
    }

    @Test
    void aScanIsEstimatedFromItsFootersAndItsFilter(@TempDir Path dir) {
        long[] x = new long[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Path file = dir.resolve("x.parquet");
        Parquet.write(DataFrame.of(Series.of("x", x)), file, ParquetOptions.defaults());
        var scan = Parquet.scan(file.toString(), ParquetOptions.defaults());
        assertThat(Estimates.rows(scan.plan())).isEqualTo(1000);
        var filtered = scan.filter(dev.floe.frame.expr.Exprs.col("x").lt(100));
        assertThat(Estimates.rows(filtered.plan())).isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
        assertThat(filtered.explain()).contains("~100 rows");
    }
}
