package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code COPY ... TO 'file'}: rows written as they come, read back the same; {@code COPY table
 * FROM 'file'}: a file's rows added to a table; errors placed in the statement.
 */
class CopyStatementTest {
    @TempDir
    Path dir;

    private SqlContext context() {
        DataFrame trades = DataFrame.of(Series.of("sym", new String[] {"a", "b", "a", "c"}),
                Series.of("qty", new long[] {5, 7, 1, 2}));
        return new SqlContext().register("trades", trades);
    }

    @Test
    void aQueryIsWrittenInTheFormatItsExtensionTellsAndTheRowsAreCounted() {
        SqlContext sql = context();
        Path parquet = dir.resolve("out.parquet");
        DataFrame count = sql.sql("COPY (SELECT sym, qty * 2 AS q FROM trades WHERE qty > 1) TO '" + parquet + "'");
        assertThat(count.columns()).containsExactly("Count");
        assertThat(count.get(0, "Count")).isEqualTo(3L);
        DataFrame back = Floe.readParquet(parquet.toString());
        assertThat(back.toMaps()).containsExactly(Map.of("sym", "a", "q", 10L), Map.of("sym", "b", "q", 14L),
                Map.of("sym", "c", "q", 4L));
        Path csv = dir.resolve("out.csv");
        sql.sql("COPY trades TO '" + csv + "'");
        assertThat(Floe.readCsv(csv.toString()).toMaps()).hasSize(4).first().isEqualTo(Map.of("sym", "a", "qty", 5L));
    }

    @Test
    void optionsChooseTheFormatAndItsSettings() throws Exception {
        SqlContext sql = context();
        Path text = dir.resolve("out.txt");
        sql.sql("COPY (SELECT * FROM trades ORDER BY qty) TO '" + text + "' (FORMAT csv, DELIMITER ';', HEADER false)");
        assertThat(Files.readAllLines(text)).containsExactly("a;1", "c;2", "a;5", "b;7");
        Path data = dir.resolve("data.bin");
        sql.sql("copy trades to '" + data + "' with (format parquet, compression zstd, row_group_size 2)");
        assertThat(Floe.readParquet(data.toString()).height()).isEqualTo(4);
    }

    @Test
    void listsMapsAndStructsGoToCsvAsTheirTextAsDuckDbWritesThem() throws Exception {
        SqlContext sql = new SqlContext();
        Path csv = dir.resolve("nested.csv");
        sql.sql("COPY (SELECT 1 AS k, [1, 2] AS l, MAP {'a': [1, NULL]} AS m, {'x': 'a,b', 'y': NULL} AS s, "
                + "[]::INTEGER[] AS e, NULL::INTEGER[] AS n) TO '" + csv + "'");
        // what DuckDB 1.5 writes for the same COPY
        assertThat(Files.readAllLines(csv)).containsExactly("k,l,m,s,e,n",
                "1,\"[1, 2]\",\"{a=[1, NULL]}\",\"{'x': 'a,b', 'y': NULL}\",[],");
        // Parquet keeps them nested
        Path parquet = dir.resolve("nested.parquet");
        sql.sql("COPY (SELECT [1, 2] AS l) TO '" + parquet + "'");
        assertThat(Floe.readParquet(parquet.toString()).schema().type("l").isList()).isTrue();
    }

    @Test
    void copyFromAddsAFilesRowsToATableByPositionCastToItsTypes() throws Exception {
        SqlContext sql = context();
        Path csv = dir.resolve("more.csv");
        Files.writeString(csv, "sym;qty\nd;4.6\ne;\n");
        sql.sql("CREATE TABLE t (sym VARCHAR, qty INTEGER)");
        DataFrame count = sql.sql("COPY t FROM '" + csv + "' (DELIMITER ';', HEADER true)");
        assertThat(count.get(0, "Count")).isEqualTo(2L);
        assertThat(sql.sql("SELECT sym, qty FROM t ORDER BY sym").toMaps().toString())
                .isEqualTo("[{sym=d, qty=5}, {sym=e, qty=null}]");
        Path parquet = dir.resolve("trades.parquet");
        sql.sql("COPY trades TO '" + parquet + "'");
        // the file's columns go to the listed ones by position: sym's text cannot be a qty
        assertThatThrownBy(() -> sql.sql("COPY t (qty, sym) FROM '" + parquet + "'"))
                .isInstanceOf(dev.floe.FloeException.class).hasMessageContaining("cannot cast \"a\" to i32");
        sql.sql("COPY t (sym, qty) FROM '" + parquet + "' (FORMAT parquet)");
        assertThat(sql.sql("SELECT count(*) AS n, sum(qty) AS s FROM t").toMaps().toString())
                .isEqualTo("[{n=6, s=20}]");
        Path single = dir.resolve("one.csv");
        Files.writeString(single, "sym\nd\n");
        assertThatThrownBy(() -> sql.sql("COPY trades FROM '" + single + "'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("'" + single + "' has 1 column; COPY trades FROM takes 2")
                .hasMessageNotContaining("view");
        assertThatThrownBy(() -> sql.sql("COPY nowhere FROM '" + csv + "'")).hasMessageContaining("unknown table");
        assertThatThrownBy(() -> sql.sql("COPY t (nope) FROM '" + csv + "'")).hasMessageContaining("has no column");
        sql.register("v", sql.plan("SELECT * FROM t"));
        assertThatThrownBy(() -> sql.sql("COPY v FROM '" + csv + "'")).hasMessageContaining("is a view");
    }

    @Test
    void decimalsCopiedFromAFileKeepTheirDigitsRoundedAsACastRoundsThem() throws Exception {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE money (id INTEGER, e DECIMAL(18, 2), w DECIMAL(30, 4))");
        Path csv = dir.resolve("money.csv");
        Files.writeString(csv, "id,e,w\n1,0.285,12345678901234567890.1234\n2,1234567890123456.78,-0.00005\n3,,1e2\n");
        sql.sql("COPY money FROM '" + csv + "'");
        DataFrame rows = sql.sql("SELECT e, w FROM money ORDER BY id");
        assertThat(rows.column("e").toList()).containsExactly(new java.math.BigDecimal("0.29"),
                new java.math.BigDecimal("1234567890123456.78"), null);
        assertThat(rows.column("w").toList()).containsExactly(new java.math.BigDecimal("12345678901234567890.1234"),
                new java.math.BigDecimal("-0.0001"), new java.math.BigDecimal("100.0000"));
        // and what COPY TO writes of them reads back the same
        Path out = dir.resolve("back.csv");
        sql.sql("COPY money TO '" + out + "'");
        sql.sql("CREATE TABLE again (id INTEGER, e DECIMAL(18, 2), w DECIMAL(30, 4))");
        sql.sql("COPY again FROM '" + out + "'");
        assertThat(sql.sql("SELECT e, w FROM again ORDER BY id").toMaps()).isEqualTo(rows.toMaps());
    }

    @Test
    void aFileWrittenByCopyIsReadBackAsATableInTheSameScript() {
        SqlContext sql = context();
        Path parquet = dir.resolve("again.parquet");
        DataFrame total = sql.sql("COPY trades TO '" + parquet + "'; SELECT sum(qty) AS total FROM '" + parquet + "'");
        assertThat(total.get(0, "total")).isEqualTo(java.math.BigInteger.valueOf(15)); // SQL sums integers as HUGEINT
    }

    @Test
    void fileAccessSettingsGovernWhereCopyWrites() throws Exception {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        SqlContext limited = context().withFileAccess(FileAccess.allowedDirectories(allowed));
        limited.sql("COPY trades TO '" + allowed.resolve("ok.csv") + "'");
        assertThat(Files.exists(allowed.resolve("ok.csv"))).isTrue();
        assertThatThrownBy(() -> limited.sql("COPY trades TO '" + elsewhere.resolve("no.csv") + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("cannot write")
                .hasMessageContaining("outside the directories");
        assertThatThrownBy(() -> limited.sql("COPY trades TO '" + allowed.resolve("../elsewhere/no.csv") + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
        SqlContext none = context().withFileAccess(FileAccess.disabled());
        assertThatThrownBy(() -> none.sql("COPY trades TO '" + allowed.resolve("no.csv") + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("file access is disabled");
        try (var files = Files.list(elsewhere)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void badStatementsAreRefusedByNameAndPlace() throws Exception {
        SqlContext sql = context();
        String target = dir.resolve("x.parquet").toString();
        assertThatThrownBy(() -> sql.sql("COPY trades FROM '" + target + "'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("cannot read '" + target + "'");
        assertThatThrownBy(() -> sql.sql("COPY (SELECT 1) FROM '" + target + "'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("COPY table FROM 'file' reads a file into a table");
        assertThatThrownBy(() -> sql.sql("COPY nothing TO '" + target + "'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("unknown table \"nothing\"");
        assertThatThrownBy(() -> sql.sql("COPY trades TO '" + target + "' (FORMAT parquet, HEADER true)"))
                .isInstanceOf(SqlException.class).hasMessageContaining("Parquet has no COPY option HEADER");
        assertThatThrownBy(() -> sql.sql("COPY trades TO '" + target + "' (FORMAT xml)"))
                .isInstanceOf(SqlException.class).hasMessageContaining("FORMAT csv, parquet, arrow, json or ndjson");
        assertThatThrownBy(() -> sql.sql("COPY trades '" + target + "'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("expected TO");
        assertThatThrownBy(() -> sql.sql("COPY (SELECT nope FROM trades) TO '" + target + "'"))
                .isInstanceOf(SqlException.class).satisfies(e -> {
                    SqlException error = (SqlException) e;
                    assertThat(error.reason()).contains("nope");
                    assertThat(error.line()).isEqualTo(1);
                    assertThat(error.column()).isEqualTo(14); // "nope" inside the parentheses
                });
        assertThat(Files.exists(Path.of(target))).as("no file after a failed COPY").isFalse();
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).as("nothing left behind").isEmpty();
        }
    }
}
