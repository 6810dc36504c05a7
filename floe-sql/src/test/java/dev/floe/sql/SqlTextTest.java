package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DuckDB's FROM-first queries and list comprehensions written as the parser reads them, places kept. */
class SqlTextTest {
    private static String text(String sql) {
        return SqlText.rewrite(sql).text();
    }

    @Test
    void aQueryBeginningWithFromGetsItsSelectListFirst() {
        assertThat(text("FROM t")).isEqualTo("SELECT * FROM t");
        assertThat(text("FROM t SELECT a, b WHERE a > 1")).isEqualTo("SELECT a, b FROM t WHERE a > 1");
        assertThat(text("FROM t JOIN u USING (k) SELECT k ORDER BY k")).isEqualTo(
                "SELECT k FROM t JOIN u USING (k) ORDER BY k");
        assertThat(text("WITH x AS (FROM t) FROM x SELECT a")).isEqualTo("WITH x AS (SELECT * FROM t) SELECT a FROM x");
        assertThat(text("SELECT * FROM (FROM t SELECT a)")).isEqualTo("SELECT * FROM (SELECT a FROM t)");
        assertThat(text("FROM t UNION ALL FROM u")).isEqualTo("SELECT * FROM t UNION ALL SELECT * FROM u");
        assertThat(text("FROM (FROM t SELECT a) SELECT a")).isEqualTo("SELECT a FROM (SELECT a FROM t)");
        assertThat(text("EXPLAIN FROM t")).isEqualTo("EXPLAIN SELECT * FROM t");
    }

    @Test
    void fromElsewhereIsLeftAlone() {
        for (String sql : new String[] {"SELECT a FROM t", "SELECT count(*) FROM t", "DELETE FROM t WHERE a = 1",
                "SELECT substring(s FROM 1 FOR 2) FROM t", "SELECT extract(year FROM d) FROM t",
                "SELECT 'FROM t SELECT a'", "SELECT \"from\" FROM t", "SELECT 1 -- FROM t SELECT a",
                "COPY t FROM 'x.csv'", "SELECT [1, 2], l[1], [a FOR] FROM t", "SELECT trim(BOTH 'x' FROM s) FROM t"}) {
            assertThat(text(sql)).as(sql).isEqualTo(sql);
        }
    }

    @Test
    void listComprehensionsAreListFunctions() {
        assertThat(text("SELECT [x * 2 FOR x IN l]")).isEqualTo("SELECT list_transform(l, x -> x * 2)");
        assertThat(text("SELECT [x FOR x IN l IF x > 1]")).isEqualTo(
                "SELECT list_transform(list_filter(l, x -> x > 1), x -> x)");
        assertThat(text("SELECT [x + i FOR x, i IN l]")).isEqualTo("SELECT list_transform(l, (x, i) -> x + i)");
        assertThat(text("SELECT [i FOR x, i IN l IF x > 1]")).isEqualTo(
                "SELECT flatten(list_transform(l, (x, i) -> CASE WHEN x > 1 THEN list_value(i) ELSE [] END))");
        assertThat(text("SELECT [[y FOR y IN x] FOR x IN l]")).isEqualTo(
                "SELECT list_transform(l, x -> list_transform(x, y -> y))");
    }

    @Test
    void anAggregatesFilterMayLeaveOutWhere() {
        assertThat(text("SELECT count(*) FILTER (x > 1) FROM t")).isEqualTo("SELECT count(*) FILTER (WHERE x > 1) FROM t");
        assertThat(text("SELECT sum(x) FILTER (WHERE x > 1) FROM t")).isEqualTo("SELECT sum(x) FILTER (WHERE x > 1) FROM t");
        assertThat(text("SELECT filter(l, x -> x > 1), filter FROM t")).isEqualTo("SELECT filter(l, x -> x > 1), filter FROM t");
    }

    @Test
    void placesInMovedTextAreFoundWhereTheyAreWritten() {
        String written = "FROM t\nSELECT a,\n  zz\nWHERE [q FOR q IN l IF yy]";
        SqlText.Rewritten rewritten = SqlText.rewrite(written);
        String text = rewritten.text();
        assertThat(rewritten.writtenPosition(1, text.indexOf("zz") + 1)).containsExactly(3, 3);
        int yy = text.indexOf("yy");
        int line = 1 + (int) text.substring(0, yy).chars().filter(c -> c == '\n').count();
        int column = yy - text.lastIndexOf('\n', yy - 1);
        assertThat(rewritten.writtenPosition(line, column)).containsExactly(4, 24);
        // text a pass wrote stands for what it replaced: list_transform for the comprehension's [
        int call = text.indexOf("list_transform");
        line = 1 + (int) text.substring(0, call).chars().filter(c -> c == '\n').count();
        assertThat(rewritten.writtenPosition(line, call - text.lastIndexOf('\n', call - 1))).containsExactly(4, 7);
    }

    @Test
    void errorsInAFromFirstQueryNameTheirPlaceAsWritten() {
        SqlContext sql = new SqlContext();
        SqlException unknown = (SqlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> sql.sql("FROM (VALUES (1)) t(a)\nSELECT a, zz"));
        assertThat(unknown.line()).isEqualTo(2);
        assertThat(unknown.column()).isEqualTo(11);
    }

    @Test
    void aMacroCallIsItsBodyWithItsArgumentsInParentheses() {
        java.util.Map<String, MacroStatement.Macro> macros = java.util.Map.of(
                "sq", new MacroStatement.Macro("sq", java.util.List.of("x"), java.util.Map.of(), "x * x"),
                "sc", new MacroStatement.Macro("sc", java.util.List.of("a", "b"), java.util.Map.of("b", "5"), "a * b + t.a"));
        assertThat(SqlText.rewrite("SELECT sq(1 + 1), sq(sq(2)) FROM t", macros).text()).isEqualTo(
                "SELECT ((1 + 1) * (1 + 1)), ((((2) * (2))) * (((2) * (2)))) FROM t");
        // a name after a dot, or before a parenthesis, is not the parameter
        assertThat(SqlText.rewrite("SELECT sc(k), sc(k, b := 2)", macros).text()).isEqualTo(
                "SELECT ((k) * (5) + t.a), ((k) * (2) + t.a)");
        assertThat(SqlText.rewrite("SELECT t.sq(1), 'sq(1)'", macros).text()).isEqualTo("SELECT t.sq(1), 'sq(1)'");
    }

    @Test
    void aMacrosLambdaKeepsItsOwnNamesAndDollarQuotedTextIsLeftAlone() {
        assertThat(SqlText.lambdasRenamed("list_transform(l, x -> x * k) + x")).isEqualTo(
                "list_transform(l, __floe_lambda1_x -> __floe_lambda1_x * k) + x");
        assertThat(SqlText.lambdasRenamed("list_reduce(l, (acc, x) -> acc + x.a)")).isEqualTo(
                "list_reduce(l, (__floe_lambda1_acc, __floe_lambda1_x) -> __floe_lambda1_acc + __floe_lambda1_x.a)");
        // the text inside is no query, nor a comprehension; the last pass writes it as a plain string
        assertThat(text("SELECT $$FROM t SELECT [x FOR x IN l]$$")).isEqualTo("SELECT 'FROM t SELECT [x FOR x IN l]'");
        assertThat(text("SELECT $q$it's [x FOR x IN l]$q$")).isEqualTo("SELECT 'it''s [x FOR x IN l]'");
        // a comprehension's error points at its place as written
        SqlException error = (SqlException) org.assertj.core.api.Assertions.catchThrowable(
                () -> new SqlContext().sql("SELECT [x FOR x IN [1, 2]\n  IF x >] AS r"));
        assertThat(error.line()).isEqualTo(2);
    }
}
