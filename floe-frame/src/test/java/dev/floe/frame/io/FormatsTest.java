package dev.floe.frame.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rule tells every file's format: the name, else the content; what Floe does not read is refused by name. */
class FormatsTest {
    @TempDir
    Path folder;

    private Path file(String name, byte[] bytes) throws IOException {
        Path path = folder.resolve(name);
        Files.write(path, bytes);
        return path;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesTellTheFormat() {
        assertThat(Formats.byName("a/x.csv")).isEqualTo("csv");
        assertThat(Formats.byName("x.TXT")).isEqualTo("csv");
        assertThat(Formats.byName("x.tsv.gz")).isEqualTo("tsv");
        assertThat(Formats.byName("x.csv.gz")).isEqualTo("csv");
        assertThat(Formats.byName("x.json")).isEqualTo("json");
        assertThat(Formats.byName("x.jsonl")).isEqualTo("ndjson");
        assertThat(Formats.byName("x.ndjson.gz")).isEqualTo("ndjson");
        assertThat(Formats.byName("x.feather")).isEqualTo("arrow");
        assertThat(Formats.byName("x.parquet")).isEqualTo("parquet");
        assertThat(Formats.byName("x.parquet.gz")).isNull();
        assertThat(Formats.byName("x.xlsx")).isNull();
        assertThat(Formats.byName("data")).isNull();
    }

    @Test
    void contentTellsTheFormatWhenTheNameDoesNot() throws IOException {
        assertThat(Formats.of(file("p", "PAR1\u0000\u0001rest"))).isEqualTo("parquet");
        assertThat(Formats.of(file("a.bin", "ARROW1\u0000\u0000"))).isEqualTo("arrow");
        assertThat(Formats.of(file("rows", "a,b\n1,2\n"))).isEqualTo("csv");
        assertThat(Formats.of(file("rows.log", "  {\"a\": 1}\n"))).isEqualTo("json");
        Path gzipped = folder.resolve("rows.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write("[{\"a\": 1}]".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Formats.of(gzipped)).isEqualTo("json");
        assertThat(Floe.scan(gzipped.toString()).collect().height()).isEqualTo(1);
    }

    @Test
    void whatFloeDoesNotReadIsRefusedByName() throws IOException {
        Path workbook = file("book.xlsx", "PK\u0003\u0004\u0014\u0000\u0006\u0000");
        assertThatThrownBy(() -> Floe.scan(workbook.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read " + workbook + ": it is a ZIP archive (an Excel .xlsx workbook, or other "
                        + "zipped files), not a format Floe reads (CSV, TSV, JSON, JSON lines, Parquet, Arrow IPC)");
        Path text = file("notes.dat", "some words\n");
        assertThatThrownBy(() -> Floe.scan(text.toString()))
                .hasMessageContaining("cannot tell the format of " + text + ": .dat is not an extension Floe knows")
                .hasMessageContaining("Floe.scanCsv");
        Path empty = file("nothing", new byte[0]);
        assertThatThrownBy(() -> Floe.scan(empty.toString())).hasMessage("cannot read " + empty
                + ": the file is empty (0 bytes)");
        Path binary = file("image", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertThatThrownBy(() -> Floe.scan(binary.toString())).hasMessageContaining("it is a binary file");
        assertThatThrownBy(() -> Floe.scan(text.toString(), "xlsx"))
                .hasMessageContaining("Floe reads no format named 'xlsx'");
    }

    @Test
    void csvThatIsNotCsvIsRefusedByWhatItIs() throws IOException {
        Path parquet = file("data.csv", "PAR1\u0000\u0001");
        assertThatThrownBy(() -> Floe.readCsv(parquet.toString()))
                .hasMessage("cannot read " + parquet + " as CSV: it is a Parquet file (it starts with PAR1); read it "
                        + "with Floe.readParquet");
        Path gzip = file("packed.csv", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        assertThatThrownBy(() -> Floe.readCsv(gzip.toString())).hasMessageContaining("name the file .csv.gz");
        Path binary = file("data.txt", new byte[] {'a', ',', 'b', '\n', 0, 1, 2, 3});
        assertThatThrownBy(() -> Floe.readCsv(binary.toString())).hasMessageContaining("it is a binary file");
    }

    @Test
    void gzippedTextIsWrittenAsTheNameSays() throws IOException {
        DataFrame frame = DataFrame.of(Series.of("a", 1L, 2L), Series.of("s", "x", "y"));
        for (String name : new String[] {"out.csv.gz", "out.ndjson.gz", "out.json.gz"}) {
            Path path = folder.resolve(name);
            frame.lazy().sink(new dev.floe.frame.FileSink(path, Formats.byName(name), java.util.Map.of(), true));
            byte[] bytes = Files.readAllBytes(path);
            assertThat(bytes[0] & 0xff).as(name).isEqualTo(0x1f);
            assertThat(Floe.scan(path.toString()).collect()).as(name).isEqualTo(frame);
        }
        assertThatThrownBy(() -> frame.lazy().sink(new dev.floe.frame.FileSink(folder.resolve("x.parquet.gz"),
                "parquet", java.util.Map.of(), true))).hasMessageContaining("drop the .gz");
    }
}
