package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL front end as a user meets it: registering frames, files as tables, statements, errors. */
class SqlContextTest {
    @TempDir
    Path dir;

    private static SqlContext trades() {
        DataFrame trades = DataFrame.of(Series.of("sym", new String[] {"a", "b", "a", "c"}),
                Series.of("qty", new long[] {5, 7, 1, 2}));
        return new SqlContext().register("trades", trades);
    }

    @Test
    void aFrameRegisteredUnderATablesNameDropsItsRules() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE t (k INTEGER PRIMARY KEY, v VARCHAR DEFAULT 'd')");
        sql.sql("INSERT INTO t (k) VALUES (1)");
        assertThatThrownBy(() -> sql.sql("INSERT INTO t (k) VALUES (1)")).isInstanceOf(SqlException.class)
                .hasMessageContaining("Duplicate key \"k: 1\" violates primary key constraint");
        assertThat(sql.sql("SELECT v FROM t").column("v").toList()).containsExactly("d");
        // another frame under the name: the table CREATE TABLE made, and what it said, are gone
        sql.register("t", DataFrame.of(Series.of("k", new int[] {1}), Series.of("v", new String[] {"x"})));
        sql.sql("INSERT INTO t (k) VALUES (1)");
        assertThat(sql.sql("SELECT k, v FROM t ORDER BY v NULLS FIRST").column("v").toList())
                .containsExactly(null, "x");
    }

    @Test
    void everyCurrentTimestampOfAStatementIsTheSameInstant() {
        String branches = String.join(" UNION ALL ", java.util.Collections.nCopies(200,
                "SELECT CURRENT_TIMESTAMP AS t, CURRENT_DATE AS d"));
        DataFrame result = new SqlContext().sql("SELECT count(DISTINCT t) AS times, count(DISTINCT d) AS days, "
                + "bool_and(CAST(t AS DATE) = d) AS agree FROM (" + branches + ")");
        assertThat(result.getLong(0, "times")).isEqualTo(1L);
        assertThat(result.getLong(0, "days")).isEqualTo(1L);
        assertThat(result.get(0, "agree")).isEqualTo(true);
    }

    @Test
    void registeredFramesAreQueriedByNameIgnoringCase() {
        DataFrame top = trades().sql("SELECT sym, sum(qty) AS qty FROM TRADES GROUP BY sym ORDER BY qty DESC LIMIT 2");
        assertThat(top.columns()).containsExactly("sym", "qty");
        // SQL sums integers in HUGEINT (i128), as DuckDB does
        assertThat(top.toMaps()).containsExactly(java.util.Map.of("sym", "b", "qty", java.math.BigInteger.valueOf(7)),
                java.util.Map.of("sym", "a", "qty", java.math.BigInteger.valueOf(6)));
    }

    @Test
    void filesAreTablesByPathAndThroughReadCsvOptions() throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "k,v\na,1\nb,2\na,3\n");
        Path semi = dir.resolve("semi.txt");
        Files.writeString(semi, "k;v\na;10\n");
        SqlContext sql = new SqlContext();
        DataFrame sums = sql.sql("SELECT k, sum(v) AS s FROM '" + csv + "' GROUP BY k ORDER BY k");
        assertThat(sums.toMaps()).containsExactly(java.util.Map.of("k", "a", "s", java.math.BigInteger.valueOf(4)),
                java.util.Map.of("k", "b", "s", java.math.BigInteger.valueOf(2)));
        DataFrame read = sql.sql("SELECT v FROM read_csv('" + semi + "', delim => ';')");
        assertThat(read.getLong(0, "v")).isEqualTo(10L);
        // the file's stem qualifies its columns
        assertThat(sql.sql("SELECT x.v FROM '" + csv + "' WHERE x.k = 'b'").getLong(0, "v")).isEqualTo(2L);
        assertThatThrownBy(() -> sql.sql("SELECT * FROM read_csv('" + semi + "', sep => ';;')"))
                .isInstanceOf(SqlException.class).hasMessageContaining("sep needs one character");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM read_csv('" + semi + "', colour => 'red')"))
                .hasMessageContaining("has no option colour");
    }

    @Test
    void readJsonReadsAnArrayOfObjectsOrOneObjectPerLineAndReadNdjsonTheLines() throws Exception {
        Path array = dir.resolve("orders.json");
        Files.writeString(array, "[{\"k\": \"a\", \"v\": 1}, {\"k\": \"b\", \"v\": 2}]");
        Path lines = dir.resolve("lines.ndjson");
        Files.writeString(lines, "{\"k\": \"a\", \"v\": 5}\n{\"k\": \"c\", \"v\": 7}\n");
        SqlContext sql = new SqlContext();
        for (String query : List.of("SELECT sum(v) AS s, string_agg(k, ',' ORDER BY k) AS ks FROM read_json('" + array + "')",
                "SELECT sum(v) AS s, string_agg(k, ',' ORDER BY k) AS ks FROM read_json_auto('" + array + "')")) {
            DataFrame read = sql.sql(query);
            assertThat(read.getLong(0, "s")).as(query).isEqualTo(3L);
            assertThat(read.get(0, "ks")).as(query).isEqualTo("a,b");
        }
        for (String function : List.of("read_json", "read_ndjson", "read_ndjson_auto")) {
            DataFrame read = sql.sql("SELECT sum(v) AS s, orders.k FROM " + function + "('" + lines + "') AS orders "
                    + "GROUP BY orders.k ORDER BY orders.k");
            assertThat(read.column("k").toList()).as(function).containsExactly("a", "c");
        }
        assertThatThrownBy(() -> sql.sql("SELECT * FROM read_ndjson('" + array + "')"))
                .hasMessageContaining("found an array, expected an object");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM read_json('" + array + "', format => 'array')"))
                .hasMessageContaining("read_json takes the option sample_size; format is not supported");
    }

    @Test
    void readJsonInfersFromSampleSizeObjectsAndAKeyPastThemFails() throws Exception {
        Path late = dir.resolve("late.ndjson");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            text.append(i == 25 ? "{\"a\": " + i + ", \"c\": 0, \"b\": \"x\"}\n" : "{\"a\": " + i + ", \"c\": 0}\n");
        }
        Files.writeString(late, text);
        SqlContext sql = new SqlContext();
        for (String function : List.of("read_json", "read_ndjson")) {
            assertThatThrownBy(() -> sql.sql("SELECT * FROM " + function + "('" + late + "', sample_size = 20)"))
                    .hasMessageContaining("line 26").hasMessageContaining("key \"b\"")
                    .hasMessageContaining("sample_size = -1");
            // a query of some columns loses nothing by passing it over, as DuckDB's
            assertThat(sql.sql("SELECT count(*) AS n, CAST(sum(a) AS BIGINT) AS s FROM " + function + "('" + late
                    + "', sample_size = 20)").row(0).toList()).containsExactly(30L, 435L);
            for (String size : List.of("-1", "26")) {
                DataFrame read = sql.sql("SELECT count(*) AS n, max(b) AS b FROM " + function + "('" + late
                        + "', sample_size = " + size + ")");
                assertThat(read.row(0).toList()).as(size).containsExactly(30L, "x");
            }
        }
        assertThat(sql.sql("SELECT count(b) AS n FROM read_json('" + late + "')").getLong(0, "n")).isEqualTo(1L);
        for (String size : List.of("0", "-2", "'all'", "1.5")) {
            assertThatThrownBy(() -> sql.sql("SELECT * FROM read_json('" + late + "', sample_size = " + size + ")"))
                    .as(size).hasMessageContaining("sample_size takes a whole number of objects");
        }
    }

    @Test
    void aStatementThatSpellsATableInAnotherCaseKeepsItsName() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE CaseKept AS SELECT 1 AS a");
        sql.sql("UPDATE casekept SET a = 2; INSERT INTO CASEKEPT VALUES (3); DELETE FROM caseKEPT WHERE a = 9");
        assertThat(sql.tables()).containsExactly("CaseKept");
        assertThat(sql.sql("SELECT a FROM CaseKept ORDER BY a").column("a").toList()).containsExactly(2, 3);
    }

    @Test
    void floeSqlFindsTheEngineThroughTheServiceLoader() throws Exception {
        Path csv = dir.resolve("y.csv");
        Files.writeString(csv, "v\n1\n2\n");
        assertThat(Floe.sql("SELECT sum(v) AS s FROM '" + csv + "'").getLong(0, "s")).isEqualTo(3L);
    }

    @Test
    void statementsMakeAndDropTablesAndViews() {
        SqlContext sql = trades();
        DataFrame last = sql.sql("CREATE TABLE big AS SELECT * FROM trades WHERE qty > 2; "
                + "CREATE VIEW small AS SELECT * FROM trades WHERE qty <= 2; SELECT count(*) AS n FROM big");
        assertThat(last.getLong(0, "n")).isEqualTo(2L);
        assertThat(sql.tables()).containsExactly("big", "small", "trades");
        assertThat(sql.sql("SELECT count(*) AS n FROM small").getLong(0, "n")).isEqualTo(2L);
        assertThatThrownBy(() -> sql.sql("CREATE TABLE big AS SELECT 1")).hasMessageContaining("already exists");
        sql.sql("CREATE OR REPLACE TABLE big AS SELECT 1 AS one");
        assertThat(sql.schema("big").names()).containsExactly("one");
        sql.sql("DROP TABLE big; DROP VIEW IF EXISTS nothing");
        assertThat(sql.tables()).containsExactly("small", "trades");
        assertThatThrownBy(() -> sql.sql("DROP TABLE big")).hasMessageContaining("unknown table \"big\"");
        // INSERT makes the table's new rows; the frame registered before is not changed, and a view takes none
        DataFrame before = sql.sql("SELECT * FROM trades");
        assertThat(sql.sql("INSERT INTO trades VALUES ('z', 1)").getLong(0, "Count")).isEqualTo(1L);
        assertThat(sql.sql("SELECT count(*) AS n FROM trades").getLong(0, "n")).isEqualTo(5L);
        assertThat(before.height()).isEqualTo(4);
        assertThatThrownBy(() -> sql.sql("INSERT INTO small VALUES ('z', 1)")).isInstanceOf(SqlException.class)
                .hasMessageContaining("INSERT changes tables; \"small\" is a view");
    }

    @Test
    void errorsNameThePlaceWithACaret() {
        SqlContext sql = trades();
        SqlException unknown = (SqlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> sql.sql("SELECT sym,\n       qtty FROM trades"));
        assertThat(unknown.line()).isEqualTo(2);
        assertThat(unknown.column()).isEqualTo(8);
        assertThat(unknown.getMessage()).isEqualTo("unknown column \"qtty\"; columns are: trades.sym, trades.qty"
                + " at line 2, column 8\n         qtty FROM trades\n         ^");
        SqlException types = (SqlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> sql.sql("SELECT sym,\n       qty + 'x' AS q FROM trades"));
        assertThat(types.line()).isEqualTo(2);
        assertThat(types.column()).isEqualTo(8);
        assertThat(types.reason()).startsWith("cannot apply '+' to ").contains("(qty + 'x')")
                .doesNotContain("col(");
        SqlException syntax = (SqlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> sql.sql("SELECT sym FROM trades WHERE qty = = 1"));
        assertThat(syntax.reason()).isEqualTo("syntax error: unexpected \"=\"");
        assertThat(syntax.column()).isEqualTo(36);
        assertThatThrownBy(() -> sql.sql("SELECT * FROM tardes")).hasMessageContaining(
                "unknown table \"tardes\"; tables are: trades");
        assertThatThrownBy(() -> sql.sql("SELECT qty FROM trades GROUP BY sym")).hasMessageContaining(
                "column \"trades.qty\" must appear in GROUP BY");
        assertThatThrownBy(() -> sql.sql("SELECT nosuch(qty) FROM trades")).hasMessageContaining(
                "unknown function nosuch").hasMessageContaining("column 8");
        assertThatThrownBy(() -> sql.sql("SELECT sym // 2 FROM trades")).hasMessageContaining("// divides numbers");
        assertThatThrownBy(() -> sql.sql("SELECT sym FROM trades WHERE sum(qty) > 1")).hasMessageContaining(
                "aggregate function sum is not allowed here");
        assertThatThrownBy(() -> sql.sql("SELECT sym + 1 FROM trades")).isInstanceOf(SqlException.class)
                .hasMessageContaining("cannot apply '+' to str");
        assertThatThrownBy(() -> sql.sql("   ")).hasMessageContaining("no statement");
        assertThatThrownBy(() -> sql.plan("DROP TABLE trades")).hasMessageContaining("only a query");
    }

    @Test
    void badClausesAreRefusedWithWhatWasExpected() {
        SqlContext sql = trades().register("other", DataFrame.of(Series.of("sym", new String[] {"a"}),
                Series.of("px", new double[] {1.5})));
        assertThatThrownBy(() -> sql.sql("SELECT * FROM (VALUES (1, 2), (3)) AS v(a, b)"))
                .isInstanceOf(SqlException.class).hasMessageContaining("every VALUES row needs 2 values");
        assertThatThrownBy(() -> sql.sql("SELECT sym FROM trades LIMIT 'x'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("LIMIT needs a whole number >= 0");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM trades t LEFT JOIN other o ON t.sym = o.sym AND t.qty > o.px"))
                .isInstanceOf(SqlException.class).hasMessageContaining("must each read one side only");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM trades t FULL JOIN other o ON t.qty > 3"))
                .isInstanceOf(SqlException.class).hasMessageContaining("needs at least one equality");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM trades JOIN other USING (qty)"))
                .isInstanceOf(SqlException.class).hasMessageContaining("USING column \"qty\" is not on the right side");
        assertThatThrownBy(() -> sql.sql("SELECT sym LIKE 'a!' ESCAPE '!' FROM trades"))
                .isInstanceOf(SqlException.class).hasMessageContaining("ends with its escape character");
        assertThatThrownBy(() -> sql.sql("SELECT CAST(qty AS MONEY) FROM trades"))
                .isInstanceOf(SqlException.class).hasMessageContaining("unknown type MONEY");
        assertThatThrownBy(() -> sql.sql("SELECT sum(qty) OVER (ORDER BY qty ROWS BETWEEN qty PRECEDING AND CURRENT ROW) "
                + "FROM trades")).isInstanceOf(SqlException.class)
                .hasMessageContaining("a window frame's offset must be a number written in the query");
        // text and a number union as text (as DuckDB); text and a list have no common type
        assertThatThrownBy(() -> sql.sql("SELECT sym FROM trades UNION SELECT [px] FROM other"))
                .isInstanceOf(SqlException.class).hasMessageContaining("CAST one side");
        // what still runs: an outer join condition on one side only decides which rows may match
        assertThat(sql.sql("SELECT t.qty, o.px FROM trades t LEFT JOIN other o ON t.sym = o.sym AND t.qty > 3 "
                + "ORDER BY t.qty").toMaps().stream().map(m -> m.get("px")).toList())
                .containsExactly(null, null, 1.5, null);
    }

    @Test
    void explainShowsTheOptimizedPlan() {
        String plan = trades().explain("SELECT sym FROM trades WHERE qty > 2 ORDER BY sym LIMIT 1");
        assertThat(plan).contains("qty").containsIgnoringCase("top");
    }

    @Test
    void explainStatementsGiveThePlanAsRows() {
        SqlContext sql = trades();
        String query = "SELECT sym FROM trades WHERE qty > 2 ORDER BY sym LIMIT 1";
        DataFrame plan = sql.sql("EXPLAIN " + query);
        assertThat(plan.columns()).containsExactly("explain");
        assertThat(plan.column("explain").toList().stream().map(String::valueOf).toList())
                .isEqualTo(sql.explain(query).lines().toList());
        String analyzed = String.join("\n", sql.sql("EXPLAIN ANALYZE " + query).column("explain").toList().stream()
                .map(String::valueOf).toList());
        assertThat(analyzed).containsIgnoringCase("rows");
        assertThatThrownBy(() -> sql.sql("EXPLAIN (FORMAT JSON) " + query)).isInstanceOf(SqlException.class)
                .hasMessageContaining("EXPLAIN FORMAT is not supported; EXPLAIN or EXPLAIN ANALYZE");
        assertThatThrownBy(() -> sql.sql("EXPLAIN DROP TABLE trades")).isInstanceOf(SqlException.class);
    }

    @Test
    void aRollbackPutsBackWhatTheJavaApiRegisteredToo() {
        SqlContext sql = trades();
        sql.sql("BEGIN");
        sql.register("extra", DataFrame.of(Series.of("x", 1L, 2L)));
        sql.drop("trades");
        assertThat(sql.tables()).containsExactly("extra");
        sql.sql("ROLLBACK");
        assertThat(sql.tables()).containsExactly("trades");
        assertThat(sql.sql("SELECT count(*) AS n FROM trades").column("n").toList()).containsExactly(4L);
    }

    @Test
    void scriptsSplitAtSemicolonsOutsideQuotesAndComments() {
        assertThat(Scripts.split("SELECT ';' AS s; -- a comment; still a comment\nSELECT 2;;  /* ; */ "))
                .containsExactly("SELECT ';' AS s", "-- a comment; still a comment\nSELECT 2");
        assertThat(Scripts.complete("SELECT 1")).isFalse();
        assertThat(Scripts.complete("SELECT 1; -- done")).isTrue();
        assertThat(Scripts.complete("SELECT ';")).isFalse();
        assertThat(Scripts.complete("SELECT 'a;'")).isFalse();
        assertThat(Scripts.complete("SELECT 'a;';")).isTrue();
        assertThat(Scripts.complete("SELECT 'a'';")).isFalse(); // the doubled quote keeps the text open
        assertThat(Scripts.split("")).isEqualTo(List.of());
    }

    @Test
    void setseedMakesTheRandomValuesOfTheQueriesAfterItRepeat() {
        SqlContext sql = new SqlContext().withConfig(new dev.floe.frame.exec.ExecutionConfig(1, 1_000));
        String query = "SELECT random() AS r, uuid()::VARCHAR AS u FROM range(5000)";
        sql.sql("SELECT setseed(0.25)");
        DataFrame first = sql.sql(query);
        DataFrame other = sql.sql(query);
        sql.sql("SELECT setseed(0.25)");
        DataFrame again = sql.sql(query);
        assertThat(again.toMaps()).isEqualTo(first.toMaps());
        assertThat(other.column("r").toList()).isNotEqualTo(first.column("r").toList());
        sql.sql("SELECT setseed(-0.25)");
        assertThat(sql.sql(query).column("r").toList()).isNotEqualTo(first.column("r").toList());
    }

    @Test
    void columnsExpressionsAreNamedAfterTheirColumns() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE t AS SELECT * FROM (VALUES (1, 10, 20), (1, 30, 5)) AS v(k, v1, v2)");
        assertThat(sql.sql("SELECT k, max(COLUMNS('^v')), count(*) AS n FROM t GROUP BY k").schema().names())
                .containsExactly("k", "v1", "v2", "n");
        assertThat(sql.sql("SELECT COLUMNS('^v') + 1 FROM t").schema().names()).containsExactly("v1", "v2");
        assertThat(sql.sql("SELECT COLUMNS(* EXCLUDE (k)) AS x FROM t").schema().names()).containsExactly("x", "x_1");
        // a subquery's COLUMNS are its own: they name its FROM's columns
        assertThat(sql.sql("SELECT COLUMNS(*) FROM (SELECT COLUMNS('1') FROM t)").schema().names())
                .containsExactly("v1");
    }

    @Test
    void aStructFieldPathTakesQuotedNames() {
        SqlContext sql = new SqlContext();
        assertThat(sql.sql("SELECT s.\"a b\".c AS x, s.\"x.y\".z AS y FROM (SELECT {'a b': {'c': 1}, 'x.y': {'z': 2}} AS s)")
                .row(0)).satisfies(row -> {
                    assertThat(row.get("x")).isEqualTo(1);
                    assertThat(row.get("y")).isEqualTo(2);
                });
    }

    @Test
    void macrosAreExpandedWhereTheyAreCalledAndTheirErrorsNameThePlace() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE MACRO scaled(a, b := 5) AS a * b");
        assertThat(sql.sql("SELECT scaled(2) AS x, scaled(2, b := 3) AS y").row(0).get("y")).isEqualTo(6);
        SqlException arity = (SqlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> sql.sql("SELECT 1,\n  scaled(1, 2, 3)"));
        assertThat(arity.reason()).isEqualTo("macro scaled takes 1 to 2 arguments (a, b), not 3");
        assertThat(arity.line()).isEqualTo(2);
        assertThat(arity.column()).isEqualTo(3);
        assertThatThrownBy(() -> sql.sql("SELECT scaled(1, c := 2)")).hasMessageContaining(
                "macro scaled has no parameter c; its parameters: a, b");
        // an error inside the body points at the call
        sql.sql("CREATE MACRO bad(a) AS a + 'x'");
        SqlException inside = (SqlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> sql.sql("SELECT 1, bad(2)"));
        assertThat(inside.column()).isEqualTo(11);
        assertThatThrownBy(() -> sql.sql("CREATE MACRO reads(a) AS a + k")).hasMessageContaining(
                "the body of macro reads reads a column that is not one of its parameters (a)");
        sql.sql("CREATE MACRO loop(a) AS loop(a)");
        assertThatThrownBy(() -> sql.sql("SELECT loop(1)")).hasMessageContaining("does one call itself?");
        assertThatThrownBy(() -> sql.sql("CREATE MACRO t(n) AS TABLE SELECT 1")).hasMessageContaining(
                "table macros (AS TABLE query) are not supported");
    }

    @Test
    void aRollbackTakesBackTheMacrosMadeSinceBegin() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE MACRO kept(a) AS a + 1");
        sql.sql("BEGIN");
        sql.sql("CREATE MACRO made(a) AS a + 2");
        sql.sql("DROP MACRO kept");
        sql.sql("ROLLBACK");
        assertThat(sql.sql("SELECT kept(1) AS x").row(0).get("x")).isEqualTo(2);
        assertThatThrownBy(() -> sql.sql("SELECT made(1)")).hasMessageContaining("unknown function made");
    }
}
