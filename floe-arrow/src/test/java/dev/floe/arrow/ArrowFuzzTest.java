package dev.floe.arrow;

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
import org.apache.arrow.vector.compression.CompressionUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte flips and truncations of small Arrow IPC files, uncompressed and LZ4 ({@link FileFuzz}):
 * each read is exact, or a {@code FloeException} naming the file, or (Arrow has no checksums, so
 * a changed data byte reads as a changed value) a frame whose every value can be read; never a
 * frame with invalid offsets, never another exception, never a hang.
 */
@Tag("own-configuration")
class ArrowFuzzTest {
    @TempDir
    Path folder;

    private byte[] file(CompressionUtil.CodecType codec) throws IOException {
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
        Path path = folder.resolve("source-" + codec + ".arrow");
        Arrow.write(frame, path, ArrowOptions.defaults().withCompression(codec).withBatchRows(60));
        return Files.readAllBytes(path);
    }

    @Test
    void flippedAndTruncatedFilesReadOrAreRefusedByName() throws IOException {
        int total = 0;
        for (CompressionUtil.CodecType codec : new CompressionUtil.CodecType[] {
                CompressionUtil.CodecType.NO_COMPRESSION, CompressionUtil.CodecType.LZ4_FRAME}) {
            Map<FileFuzz.Outcome, Integer> counts = FileFuzz.run("Arrow " + codec, file(codec), folder, ".arrow",
                    path -> Floe.readArrow(path.toString()));
            total += counts.values().stream().mapToInt(Integer::intValue).sum();
        }
        assertThat(total).isEqualTo(2 * FileFuzz.cases());
    }
}
