package dev.floe.cli;

import static dev.floe.cli.MainTest.floe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.MainTest.Run;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCommandsTest {
    @TempDir
    Path folder;

    private Path csv;

    @BeforeEach
    void writePeople() throws IOException {
        csv = folder.resolve("people.csv");
        Files.writeString(csv, """
                id,name,score,day
                1,ann,0.5,2024-01-02
                2,bo,,2024-02-03
                3,"c, d",2.25,2024-03-04
                4,dee,-1.0,2024-04-05
                """);
    }

    private String path(String name) {
        return folder.resolve(name).toString();
    }

    @Test
    void headPrintsTheFirstRowsAsATable() {
        Run run = floe("head", csv.toString(), "-n", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("shape: (2, 4)").contains("\"ann\"", "\"bo\"", "0.5", "2024-02-03")
                .doesNotContain("\"dee\"", "rows shown");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void headWritesCsvAndJsonToStandardOutput() {
        Run csvRun = floe("head", csv.toString(), "-n", "3", "--format", "csv");
        assertThat(csvRun.exitCode()).as(csvRun.err()).isZero();
        assertThat(csvRun.out()).isEqualTo("""
                id,name,score,day
                1,ann,0.5,2024-01-02
                2,bo,,2024-02-03
                3,"c, d",2.25,2024-03-04
                """);
        Run json = floe("head", csv.toString(), "-n", "2", "--format", "JSON");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).isEqualTo("""
                [
                {"id":1,"name":"ann","score":0.5,"day":"2024-01-02"},
                {"id":2,"name":"bo","score":null,"day":"2024-02-03"}
                ]
                """);
        Run lines = floe("head", csv.toString(), "-n", "1", "--format", "jsonl");
        assertThat(lines.out()).isEqualTo("{\"id\":1,\"name\":\"ann\",\"score\":0.5,\"day\":\"2024-01-02\"}\n");
    }

    @Test
    void headReadsTabSeparatedFilesAndGlobs() throws IOException {
        Files.writeString(folder.resolve("more.tsv"), "id\tname\n7\tgus\n8\th i\n");
        Run tsv = floe("head", path("more.tsv"), "--format", "csv");
        assertThat(tsv.exitCode()).as(tsv.err()).isZero();
        assertThat(tsv.out()).isEqualTo("id,name\n7,gus\n8,h i\n");

        Files.writeString(folder.resolve("people2.csv"), "id,name,score,day\n5,eve,3.5,2024-05-06\n");
        Run glob = floe("head", path("people*.csv"), "-n", "100", "--format", "csv");
        assertThat(glob.exitCode()).as(glob.err()).isZero();
        assertThat(glob.out().lines().toList()).hasSize(6).last().isEqualTo("5,eve,3.5,2024-05-06");
    }

    @Test
    void schemaListsNamesAndTypes() {
        Run run = floe("schema", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                  column  type
                  ------  ----
                  id      i64
                  name    str
                  score   f64
                  day     date
                """);
    }

    @Test
    void describeSummarisesEveryColumn() {
        Run run = floe("describe", csv.toString(), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("statistic,id,name,score,day");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("count,4.0,4,3.0"))
                .anySatisfy(line -> assertThat(line).startsWith("null_count,0.0,0,1.0"))
                .anySatisfy(line -> assertThat(line).startsWith("mean,2.5,,0.5833333333333334"))
                .anySatisfy(line -> assertThat(line).startsWith("max,4.0,dee,2.25"));
        Run table = floe("describe", csv.toString());
        assertThat(table.out()).startsWith("shape: (9, 5)").contains("null_count").doesNotContain("rows shown");
    }

    @Test
    void convertRoundTripsThroughParquetArrowAndCsv() {
        DataFrame original = Floe.readCsv(csv.toString());
        Run toParquet = floe("convert", csv.toString(), path("people.parquet"));
        assertThat(toParquet.exitCode()).as(toParquet.err()).isZero();
        assertThat(toParquet.out()).startsWith("wrote " + path("people.parquet") + ": 4 rows, 4 columns, ");
        assertThat(Floe.readParquet(path("people.parquet"))).isEqualTo(original);

        Run toArrow = floe("convert", path("people.parquet"), path("people.feather"));
        assertThat(toArrow.exitCode()).as(toArrow.err()).isZero();
        DataFrame arrow = Floe.readArrow(path("people.feather"));
        assertThat(arrow).isEqualTo(original);
        assertThat(arrow.schema()).isEqualTo(Schema.of("id", DataType.INT64, "name", DataType.UTF8,
                "score", DataType.FLOAT64, "day", DataType.DATE));
        assertThat(arrow.get(3, "day")).isEqualTo(LocalDate.of(2024, 4, 5));
        assertThat(arrow.isNull(1, "score")).isTrue();

        Run toCsv = floe("convert", path("people.feather"), path("back.csv"));
        assertThat(toCsv.exitCode()).as(toCsv.err()).isZero();
        assertThat(Floe.readCsv(path("back.csv"))).isEqualTo(original);

        Run toTsv = floe("convert", csv.toString(), path("people.out"), "--to", "tsv");
        assertThat(toTsv.exitCode()).as(toTsv.err()).isZero();
        assertThat(Floe.readCsv(path("people.out"), FileKind.tsv())).isEqualTo(original);
    }

    @Test
    void convertWritesJson() throws IOException {
        Run run = floe("convert", csv.toString(), path("people.jsonl"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(folder.resolve("people.jsonl"))).hasSize(4)
                .contains("{\"id\":3,\"name\":\"c, d\",\"score\":2.25,\"day\":\"2024-03-04\"}");
    }

    @Test
    void aMissingFileFailsNamingIt() {
        for (String command : List.of("head", "schema", "describe")) {
            Run run = floe(command, path("nope.csv"));
            assertThat(run.exitCode()).as(command).isEqualTo(1);
            assertThat(run.err()).isEqualTo("floe: no such file: " + path("nope.csv") + "\n");
            assertThat(run.out()).isEmpty();
        }
        Run convert = floe("convert", path("nope.parquet"), path("x.csv"));
        assertThat(convert.exitCode()).isEqualTo(1);
        assertThat(convert.err()).contains("no such file: " + path("nope.parquet"));
        assertThat(Files.exists(folder.resolve("x.csv"))).isFalse();
        Run glob = floe("head", path("none*.csv"));
        assertThat(glob.exitCode()).isEqualTo(1);
        assertThat(glob.err()).contains("no file matches " + path("none*.csv"));
    }

    @Test
    void anUnknownExtensionFailsListingTheKnownOnes() throws IOException {
        Files.writeString(folder.resolve("data.dat"), "a\n1\n");
        Run run = floe("head", path("data.dat"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot tell the format of " + path("data.dat"), ".parquet", ".tsv")
                .doesNotContain("\tat ");
        Run convert = floe("convert", csv.toString(), path("out.xyz"));
        assertThat(convert.exitCode()).isEqualTo(2);
        assertThat(convert.err()).contains("cannot tell the format of " + path("out.xyz"), "--to");
    }

    @Test
    void aMalformedFileFailsWithTheReadersMessage() throws IOException {
        Files.writeString(folder.resolve("bad.parquet"), "not parquet at all");
        Run run = floe("head", path("bad.parquet"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("floe: ").contains("bad.parquet");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(floe("head").exitCode()).isEqualTo(2);
        assertThat(floe("head", csv.toString(), "-n", "-3").exitCode()).isEqualTo(2);
        assertThat(floe("head", csv.toString(), "--max-rows", "many").exitCode()).isEqualTo(2);
        assertThat(floe("head", csv.toString(), "--threads", "0").exitCode()).isEqualTo(2);
        Run binary = floe("head", csv.toString(), "--format", "parquet");
        assertThat(binary.exitCode()).isEqualTo(2);
        assertThat(binary.err()).contains("parquet output is binary", "-o FILE", "Try 'floe head --help'");
        Run badFormat = floe("convert", csv.toString(), path("x.csv"), "--to", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("unknown format 'xml'", "parquet");
        assertThat(floe("convert", csv.toString(), path("x.csv"), "--to", "table").exitCode()).isEqualTo(2);
        assertThat(floe("convert", csv.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void convertRefusesToWriteOverItsInput() throws IOException {
        Run run = floe("convert", csv.toString(), csv.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("onto itself");
        assertThat(Files.readString(csv)).startsWith("id,name,score,day\n1,ann");
    }

    @Test
    void headWritesAFileWithMinusO() {
        Run run = floe("head", csv.toString(), "-n", "2", "-o", path("two.parquet"), "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Floe.readParquet(path("two.parquet"))).isEqualTo(Floe.readCsv(csv.toString()).head(2));
    }

    @Test
    void timingGoesToStandardError() {
        Run run = floe("head", csv.toString(), "--timing", "--format", "csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).matches("Run time: [0-9]+\\.[0-9]{3} s\\n");
        assertThat(run.out()).doesNotContain("Run time");
    }
}
