package dev.floe.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.FileFuzz;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte flips and truncations of small Parquet files, uncompressed and Snappy ({@link FileFuzz}):
 * each read is exact, or a {@code FloeException} naming the file, or (a change to the footer's
 * metadata, which has no checksum) a frame whose every value can be read; never another
 * exception, never a hang. Changes to page data fail the pages' checksums.
 */
@Tag("own-configuration")
class ParquetFuzzTest {
    @TempDir
    Path folder;

    private byte[] file(CompressionCodecName codec) throws IOException {
        int rows = 150;
        long[] ids = new long[rows];
        List<Object> names = new ArrayList<>();
        List<Object> scores = new ArrayList<>();
        List<Object> tags = new ArrayList<>();
        List<Object> lists = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            ids[r] = r * 31L - 400;
            names.add(r % 7 == 0 ? null : "name-" + (r % 13));
            scores.add(r % 5 == 0 ? null : r * 0.5);
            tags.add("t" + r % 3);
            lists.add(r % 4 == 0 ? null : List.of((long) r, (long) -r));
        }
        DataFrame frame = DataFrame.of(Series.of("id", ids), Series.of("name", DataType.UTF8, names),
                Series.of("score", DataType.FLOAT64, scores), Series.of("tag", DataType.CATEGORICAL, tags),
                Series.of("pair", DataType.listOf(DataType.INT64), lists));
        Path path = folder.resolve("source-" + codec + ".parquet");
        Parquet.write(frame, path, ParquetOptions.defaults().withCompression(codec).withRowGroupRows(60));
        return Files.readAllBytes(path);
    }

    @Test
    void flippedAndTruncatedFilesReadExactlyOrAreRefusedByName() throws IOException {
        int total = 0;
        for (CompressionCodecName codec : new CompressionCodecName[] {CompressionCodecName.UNCOMPRESSED,
                CompressionCodecName.SNAPPY}) {
            Map<FileFuzz.Outcome, Integer> counts = FileFuzz.run("Parquet " + codec, file(codec), folder, ".parquet",
                    path -> Floe.readParquet(path.toString()));
            total += counts.values().stream().mapToInt(Integer::intValue).sum();
        }
        assertThat(total).isEqualTo(2 * FileFuzz.cases());
    }
}
