package dev.floe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.io.csv.CsvOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing CSV, and random frame -> CSV -> frame giving back the same frame. */
class CsvWriteTest {
    @TempDir
    Path folder;

    @Test
    void randomFramesSurviveARoundTrip() throws IOException {
        String[] nasty = {"", "NA", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", " padded ", "#hash", "ünï", "\"", ","};
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int rows = seed % 8 == 0 ? random.nextInt(40_000, 80_000) : random.nextInt(0, 60);
            DataFrame base = ExprPropertyTest.randomFrame(random, rows);
            List<Object> text = new ArrayList<>();
            List<Object> real = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                text.add(random.nextInt(9) == 0 ? null : nasty[random.nextInt(nasty.length)]);
                real.add(random.nextInt(9) == 0 ? null : switch (random.nextInt(4)) {
                    case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                    case 1 -> (double) random.nextLong();
                    case 2 -> random.nextInt(-1_000_000, 1_000_000) / 1e6;
                    default -> Double.longBitsToDouble(random.nextLong());
                });
            }
            DataFrame frame = DataFrame.concatHorizontal(base, DataFrame.of(Series.of("nasty", DataType.UTF8, text),
                    Series.of("real", DataType.FLOAT64, real)));
            Path path = folder.resolve("frame" + seed + ".csv");
            frame.writeCsv(path, CsvOptions.defaults().withThreads(1 + (int) (seed % 3)));
            int chunk = seed % 2 == 0 && rows < 1_000 ? 97 : seed % 8 == 0 ? 1 << 16 : CsvOptions.DEFAULT_CHUNK_BYTES;
            DataFrame back = Floe.readCsv(path, CsvOptions.defaults().withSchema(frame.schema()).withChunkBytes(chunk));
            assertThat(back.schema()).as("seed %d", seed).isEqualTo(frame.schema());
            for (String column : frame.columns()) {
                assertThat(back.column(column).toList()).as("seed %d, column %s", seed, column)
                        .isEqualTo(frame.column(column).toList());
            }
        }
    }

    @Test
    void writesPlainReadableText() throws IOException {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L), Series.of("name", "ann", "b,o"),
                Series.of("x", 0.1, 1e300), Series.of("when", java.util.List.of(java.time.LocalDateTime.of(2024, 1, 2, 3,
                        4, 5), java.time.LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000))));
        Path path = folder.resolve("out.csv");
        df.writeCsv(path);
        assertThat(Files.readString(path)).isEqualTo("id,name,x,when\n1,ann,0.1,2024-01-02T03:04:05\n"
                + "2,\"b,o\",1.0E300,1969-12-31T23:59:59.999999\n");
        df.lazy().filter(dev.floe.frame.expr.Exprs.col("id").gt(1)).sinkCsv(path, CsvOptions.defaults().withHeader(false)
                .withDelimiter(';'));
        assertThat(Files.readString(path)).isEqualTo("2;b,o;1.0E300;1969-12-31T23:59:59.999999\n");
        assertThatThrownBy(() -> DataFrame.of(Series.of("xs", List.of(List.of(1L)))).writeCsv(path))
                .hasMessageContaining("CSV cannot hold list column 'xs'");
    }

    @Test
    void nullsOfAOneColumnFrameAreWrittenAsANullValueNotAnEmptyLine() throws IOException {
        DataFrame df = DataFrame.of(Series.of("x", java.util.Arrays.asList(1L, null, 3L)));
        Path path = folder.resolve("one.csv");
        df.writeCsv(path);
        assertThat(Files.readString(path)).isEqualTo("x\n1\nNA\n3\n");
        assertThat(Floe.readCsv(path)).isEqualTo(df);
        DataFrame text = DataFrame.of(Series.of("s", java.util.Arrays.asList("NA", null, "")));
        text.writeCsv(path);
        assertThat(Floe.readCsv(path)).isEqualTo(text);
        assertThatThrownBy(() -> df.lazy().sinkCsv(path, CsvOptions.defaults().withNullValues("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'x' has nulls")
                .hasMessageContaining("withNullValues");
    }
}
