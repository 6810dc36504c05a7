package dev.floe.cli;

import static dev.floe.cli.MainTest.floe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.MainTest.Run;
import dev.floe.frame.Floe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file commands on files that are not what they seem, and with the reader's options: each
 * problem is one clear line on standard error, never a stack trace or a wrong result.
 */
class FileErrorsTest {
    @TempDir
    Path folder;

    private String path(String name) {
        return folder.resolve(name).toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** One line on standard error, starting with "floe: " and holding {@code parts}; exit code 1; nothing on stdout. */
    private static void failsWithOneLine(Run run, String... parts) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("floe: ").contains(parts).doesNotContain("\tat ", "Exception");
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDirectoryOfFilesReadsAsOneDataset() throws IOException {
        write("parts/a.csv", "id,v\n1,x\n");
        write("parts/b.csv", "id,v\n2,y\n");
        Run run = floe("head", path("parts"), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("id,v\n1,x\n2,y\n");
        Files.createDirectories(folder.resolve("empty"));
        failsWithOneLine(floe("head", path("empty")), "the directory " + path("empty") + " holds no files");
        write("mixed/a.csv", "id\n1\n");
        write("mixed/b.parquet.txt", "id\n2\n");
        write("mixed/c.bin", "\u0000\u0001\u0002");
        failsWithOneLine(floe("schema", path("mixed")), path("mixed/c.bin"), "binary");
    }

    @Test
    void emptyAndBinaryFilesAreRefusedByWhatTheyAre() throws IOException {
        write("empty.csv", "");
        failsWithOneLine(floe("head", path("empty.csv")), "cannot read " + path("empty.csv") + ": the file is empty (0 bytes)");
        write("empty.parquet", "");
        failsWithOneLine(floe("schema", path("empty.parquet")), "the file is empty (0 bytes)");
        write("short.parquet", "PAR1");
        Run parquet = floe("head", path("short.parquet"));
        failsWithOneLine(parquet, path("short.parquet"));
        assertThat(parquet.err()).doesNotContain("LocalInputFile");
        Files.write(folder.resolve("image.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        Run binary = floe("head", path("image.csv"));
        failsWithOneLine(binary, "cannot read " + path("image.csv") + " as CSV: it is a binary file");
        assertThat(binary.err()).doesNotContain("\u001a", "PNG");
        Files.write(folder.resolve("book.xlsx"), new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
        failsWithOneLine(floe("head", path("book.xlsx")), "ZIP archive", "Excel");
    }

    @Test
    void writingIntoAMissingDirectorySaysSo() throws IOException {
        Path csv = write("in.csv", "a\n1\n");
        Run head = floe("head", csv.toString(), "-o", path("nodir/out.csv"));
        failsWithOneLine(head, "cannot write " + path("nodir/out.csv") + ": no such directory");
        Run table = floe("head", csv.toString(), "-o", path("nodir/out.txt"), "--format", "table");
        failsWithOneLine(table, "cannot write " + path("nodir/out.txt") + ": no such directory");
        Run convert = floe("convert", csv.toString(), path("nodir/out.parquet"));
        failsWithOneLine(convert, "no such directory");
    }

    @Test
    void convertNeverReplacesADirectoryNorAFileWithoutForce() throws IOException {
        Path csv = write("in.csv", "a\n1\n");
        Files.createDirectories(folder.resolve("adir"));
        failsWithOneLine(floe("convert", csv.toString(), path("adir"), "--to", "parquet"), "it is a directory");
        assertThat(Files.isDirectory(folder.resolve("adir"))).isTrue();
        write("old.csv", "kept\n");
        failsWithOneLine(floe("convert", csv.toString(), path("old.csv")), "--force");
        assertThat(Files.readString(folder.resolve("old.csv"))).isEqualTo("kept\n");
        Run forced = floe("convert", csv.toString(), path("old.csv"), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).startsWith("wrote " + path("old.csv") + ": 1 row, 1 column, ");
    }

    @Test
    void jsonFilesAreReadLikeTheOthers() throws IOException {
        write("rows.ndjson", "{\"id\": 1, \"user\": {\"name\": \"ann\"}}\n{\"id\": 2, \"user\": {\"name\": \"bo\"}}\n");
        Run head = floe("head", path("rows.ndjson"), "--format", "csv");
        assertThat(head.exitCode()).as(head.err()).isZero();
        assertThat(head.out()).isEqualTo("id,user.name\n1,ann\n2,bo\n");
        Run convert = floe("convert", path("rows.ndjson"), path("rows.json"));
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(Floe.readJson(path("rows.json"))).isEqualTo(Floe.readNdjson(path("rows.ndjson")));
        Run back = floe("schema", path("rows.json"));
        assertThat(back.out()).contains("user.name", "str");
    }

    @Test
    void csvReadingOptionsAreTheCommandsOptions() throws IOException {
        write("semi.txt", "# made by hand\nid;name\n1;ann\n2;-\n");
        Run run = floe("head", path("semi.txt"), "--skip", "1", "--delimiter", ";", "--null", "-", "--type", "id=str",
                "--format", "jsonl");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\"id\":\"1\",\"name\":\"ann\"}\n{\"id\":\"2\",\"name\":null}\n");
        Run noHeader = floe("head", path("semi.txt"), "--skip", "2", "--sep", ";", "--no-header", "--format", "csv");
        assertThat(noHeader.out()).isEqualTo("column_1,column_2\n1,ann\n2,-\n");
        write("data", "a,b\n1,2\n");
        Run from = floe("schema", path("data"), "--from", "tsv");
        assertThat(from.out()).contains("a,b");
        Run wrong = floe("head", path("semi.txt"), "--from", "xlsx");
        failsWithOneLine(wrong, "--from takes csv, tsv, json, ndjson, parquet, arrow, not 'xlsx'");
    }

    @Test
    void aBadValueSuggestsTheOptionsThatReadIt() throws IOException {
        StringBuilder text = new StringBuilder("id,v\n");
        for (int i = 0; i < 10_020; i++) { // past the rows types are inferred from
            text.append(i).append(',').append(i).append('\n');
        }
        text.append("10020,twenty\n10021,21\n");
        write("bad.csv", text.toString());
        Run fails = floe("describe", path("bad.csv"));
        failsWithOneLine(fails, "line 10022", "column 'v'", "found \"twenty\"", "--type 'v=str'", "--ignore-errors");
        assertThat(fails.err()).doesNotContain("withType", "withOnBadRow");

        Run skipped = floe("head", path("bad.csv"), "-n", "all", "--ignore-errors", "--format", "csv");
        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        assertThat(skipped.out().lines().toList()).hasSize(10_022).doesNotContain("10020,twenty");
        assertThat(skipped.err()).startsWith("floe: skipped 1 row that did not read; the first: ")
                .contains("line 10022").hasLineCount(1);
        Run nulled = floe("head", path("bad.csv"), "-n", "all", "--on-bad-row", "null", "--format", "csv");
        assertThat(nulled.out().lines().toList()).contains("10020,");
        assertThat(nulled.err()).startsWith("floe: 1 row did not read, its bad values read as null; the first: ");
        Run asText = floe("head", path("bad.csv"), "-n", "all", "--type", "v=str", "--format", "csv");
        assertThat(asText.out().lines().toList()).contains("10020,twenty");
        assertThat(asText.err()).isEmpty();
    }

    @Test
    void optionsThatDoNotFitTheFormatAreRefused() throws IOException {
        Floe.readCsv(write("in.csv", "a\n1\n").toString()).writeParquet(folder.resolve("in.parquet"));
        failsWithOneLine(floe("head", path("in.parquet"), "--delimiter", ";"), "CSV options", "parquet");
        failsWithOneLine(floe("head", path("in.parquet"), "--type", "a=str"), "--type is for CSV and JSON files");
        failsWithOneLine(floe("head", path("in.csv"), "--type", "a"), "--type takes NAME=TYPE");
        failsWithOneLine(floe("head", path("in.csv"), "--type", "a=text64"), "unknown type 'text64'");
    }

    @Test
    void wideFilesShowTheColumnsAsked() throws IOException {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < 20; c++) {
            header.append(c == 0 ? "" : ",").append("column_").append(c);
            row.append(c == 0 ? "" : ",").append(c);
        }
        Path wide = write("wide.csv", header + "\n" + row + "\n");
        Run plain = floe("head", wide.toString());
        assertThat(plain.out()).contains("column_0", "column_19", "…").doesNotContain("column_10");
        Run all = floe("head", wide.toString(), "--max-columns", "all");
        assertThat(all.out()).contains("column_10").doesNotContain("…");
        Run two = floe("head", wide.toString(), "--max-columns", "2");
        assertThat(two.out()).contains("column_0", "column_19").doesNotContain("column_1 ");
        Run shell = MainTest.floeReading(".maxcolumns all\nSELECT * FROM '" + wide + "';\n", "sql");
        assertThat(shell.out()).contains("column_10").doesNotContain("…");
        Run bad = floe("head", wide.toString(), "--max-columns", "many");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--max-columns takes a number of columns or 'all', not 'many'");
    }

    @Test
    void countsAreWrittenInWords() {
        assertThat(List.of(Plural.of(1, "row"), Plural.of(0, "row"), Plural.of(12_345, "column")))
                .containsExactly("1 row", "0 rows", "12,345 columns");
    }
}
