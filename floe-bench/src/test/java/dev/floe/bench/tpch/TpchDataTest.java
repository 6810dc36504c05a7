package dev.floe.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's tables written to Parquet a row group at a time, as the benchmark writes large scale factors. */
class TpchDataTest {
    @TempDir
    Path folder;

    @Test
    void aTableWrittenARowGroupAtATimeHoldsEveryGeneratedRow() throws Exception {
        double scale = 0.03; // lineitem: about 180,000 rows, more than one row group
        for (boolean decimals : new boolean[] {false, true}) {
            Path file = folder.resolve("lineitem-" + decimals + ".parquet");
            TpchData.writeParquet(TpchTable.LINE_ITEM, scale, decimals, file);
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
                assertThat(reader.getRowGroups()).hasSizeGreaterThan(1);
            }
            DataFrame read = Floe.readParquet(file.toString());
            DataFrame made = TpchData.table(TpchTable.LINE_ITEM, scale, decimals);
            assertThat(read.height()).isEqualTo(made.height()).isGreaterThan(170_000);
            assertThat(read.schema()).isEqualTo(made.schema());
            assertThat(read).isEqualTo(made);
            assertThat(folder.resolve(file.getFileName() + ".partial")).doesNotExist();
        }
    }
}
