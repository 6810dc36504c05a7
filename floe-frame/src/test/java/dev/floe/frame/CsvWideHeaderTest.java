package dev.floe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.pool.FloeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers of very many columns: their handling is linear in the number of columns (a quadratic
 * step makes 40,000 columns take seconds and 300,000 take hours), and what a row costs is bounded
 * by its bytes, not by the header's width times the rows (so a 2.4 MB header cannot exhaust the
 * heap). The time-outs only stop a hang; they are far above what a linear read takes.
 */
@Tag("own-configuration")
class CsvWideHeaderTest {
    @TempDir
    Path folder;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHeaderOfOneHundredThousandRepeatedNamesIsNumberedAndLookedUpInLinearTime() throws IOException {
        int width = 100_000;
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < width; c++) {
            text.append(c == 0 ? "" : ",").append("x");
        }
        text.append('\n');
        for (int c = 0; c < width; c++) {
            text.append(c == 0 ? "" : ",").append(c);
        }
        text.append('\n');
        Path path = folder.resolve("wide.csv");
        Files.writeString(path, text);
        DataFrame df = Floe.readCsv(path, CsvOptions.defaults().withType("x_" + width, DataType.FLOAT64));
        assertThat(df.width()).isEqualTo(width);
        assertThat(df.height()).isEqualTo(1);
        assertThat(df.columns().get(0)).isEqualTo("x");
        assertThat(df.columns().get(1)).isEqualTo("x_2");
        assertThat(df.columns().get(width - 1)).isEqualTo("x_" + width);
        assertThat(df.get(0, "x_" + width)).isEqualTo((double) (width - 1));
        assertThat(df.get(0, "x_50000")).isEqualTo(49_999L);
    }

    @Test
    void aHeaderOfThreeHundredThousandColumnsReadsInASmallHeap() {
        FloeProcess child = FloeProcess.start(CsvWideHeaderTest::wideHeaderInSmallHeap, List.of("-Xmx384m"));
        assertThat(child.join(Duration.ofMinutes(3))).as("the child ends").isTrue();
        assertThat(child.exitCode()).as("exit code of the child (its output says what failed)").hasValue(0);
    }

    /** In a child with a small heap: 2.4 MB of header, three short rows. Exits 0 when read right, 3 if not. */
    static void wideHeaderInSmallHeap() {
        try {
            int width = 300_000;
            StringBuilder text = new StringBuilder(width * 12);
            for (int c = 0; c < width; c++) {
                text.append(c == 0 ? "" : ",").append("c").append(c);
            }
            text.append('\n');
            for (int r = 0; r < 3; r++) {
                text.append(r);
                text.append(",".repeat(width - 1)).append('\n');
            }
            Path path = Files.createTempFile("floe-wide", ".csv");
            try {
                Files.write(path, text.toString().getBytes(StandardCharsets.UTF_8));
                text = null;
                DataFrame df = Floe.readCsv(path, CsvOptions.defaults().withThreads(2));
                if (df.width() != width || df.height() != 3 || !Long.valueOf(2).equals(df.get(2, "c0"))
                        || df.get(1, "c299999") != null) {
                    System.err.println("read wrongly: " + df.width() + " columns, " + df.height() + " rows");
                    System.exit(3);
                }
            } finally {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.exit(0);
    }
}
