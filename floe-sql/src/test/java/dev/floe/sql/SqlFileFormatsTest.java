package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files named in FROM are read by the rule every entry point shares: the extension, else the content. */
class SqlFileFormatsTest {
    @TempDir
    Path dir;

    @Test
    void jsonFilesAreTables() throws Exception {
        Path lines = dir.resolve("events.ndjson");
        Files.writeString(lines, "{\"k\": \"a\", \"v\": 1}\n{\"k\": \"b\", \"v\": 2}\n{\"k\": \"a\", \"v\": 3}\n");
        Path array = dir.resolve("events.json");
        Files.writeString(array, "[{\"k\": \"a\", \"v\": 1}, {\"k\": \"b\", \"v\": 2}, {\"k\": \"a\", \"v\": 3}]");
        for (Path file : new Path[] {lines, array}) {
            DataFrame sums = new SqlContext().sql("SELECT k, sum(v) AS s FROM '" + file + "' GROUP BY k ORDER BY k");
            assertThat(sums.toMaps()).as(file.toString()).containsExactly(
                    java.util.Map.of("k", "a", "s", java.math.BigInteger.valueOf(4)),
                    java.util.Map.of("k", "b", "s", java.math.BigInteger.valueOf(2)));
        }
        Path out = dir.resolve("copy.ndjson");
        new SqlContext().sql("COPY (SELECT k, v FROM '" + lines + "' WHERE v > 1) TO '" + out + "'");
        assertThat(Files.readAllLines(out)).containsExactly("{\"k\":\"b\",\"v\":2}", "{\"k\":\"a\",\"v\":3}");
    }

    @Test
    void gzippedCsvIsReadAsItsNameSays() throws Exception {
        Path gz = dir.resolve("x.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("k,v\na,1\nb,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Floe.sql("SELECT count(*) AS n FROM '" + gz + "'").getLong(0, "n")).isEqualTo(2L);
    }

    @Test
    void aWorkbookIsRefusedByWhatItIs() throws Exception {
        Path workbook = dir.resolve("book.xlsx");
        Files.write(workbook, new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0});
        assertThatThrownBy(() -> new SqlContext().sql("SELECT * FROM '" + workbook + "'"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("ZIP archive")
                .hasMessageContaining("Excel");
    }
}
