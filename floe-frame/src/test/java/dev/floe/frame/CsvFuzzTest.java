package dev.floe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte flips and truncations of a small CSV file ({@link FileFuzz}): each read gives a frame whose
 * every value can be read (CSV has no checksums, so most changes read as changed values) or a
 * {@code FloeException} naming the file; never another exception, never a hang.
 */
@Tag("own-configuration")
class CsvFuzzTest {
    @TempDir
    Path folder;

    @Test
    void flippedAndTruncatedFilesReadOrAreRefusedByName() {
        StringBuilder text = new StringBuilder("id,name,score,day,flag,note\n");
        String[] names = {"ann", "bö", "\"quoted, with comma\"", "", "NA", "\"two\nlines\""};
        for (int r = 0; r < 120; r++) {
            text.append(r).append(',').append(names[r % names.length]).append(',').append(r * 0.25 - 7)
                    .append(',').append("2024-0").append(1 + r % 9).append("-1").append(r % 10).append(',')
                    .append(r % 3 == 0).append(',').append(r % 4 == 0 ? "" : "n" + r).append(r % 5 == 0 ? "\r\n" : "\n");
        }
        Map<FileFuzz.Outcome, Integer> counts = FileFuzz.run("CSV", text.toString().getBytes(StandardCharsets.UTF_8),
                folder, ".csv", path -> Floe.readCsv(path));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(FileFuzz.cases());
    }
}
