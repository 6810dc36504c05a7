package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MAP(K, V) where a type stands is written as the struct the planner reads back; map(...) the call is left alone. */
class TypeSyntaxTest {
    private static String rewritten(String sql) {
        return SqlText.rewrite(sql).text();
    }

    private static String struct(String key, String value) {
        return "STRUCT(\"" + TypeSyntax.MAP_KEY + "\" " + key + ", \"" + TypeSyntax.MAP_VALUE + "\" " + value + ")";
    }

    @Test
    void mapTypesAreRewrittenWhereATypeStands() {
        assertThat(rewritten("SELECT CAST(x AS MAP(VARCHAR, INTEGER)) FROM t"))
                .isEqualTo("SELECT CAST(x AS " + struct("VARCHAR", " INTEGER") + ") FROM t");
        assertThat(rewritten("SELECT x::map(varchar, int[]) FROM t"))
                .isEqualTo("SELECT x::" + struct("varchar", " int[]") + " FROM t");
        assertThat(rewritten("CREATE TABLE t (id INTEGER, m MAP(INTEGER, MAP(VARCHAR, DOUBLE)))"))
                .isEqualTo("CREATE TABLE t (id INTEGER, m " + struct("INTEGER", " " + struct("VARCHAR", " DOUBLE")) + ")");
        assertThat(rewritten("ALTER TABLE t ADD COLUMN m MAP(VARCHAR, BIGINT)"))
                .isEqualTo("ALTER TABLE t ADD COLUMN m " + struct("VARCHAR", " BIGINT"));
        assertThat(rewritten("ALTER TABLE t ADD m MAP(VARCHAR, BIGINT)"))
                .isEqualTo("ALTER TABLE t ADD m " + struct("VARCHAR", " BIGINT"));
    }

    @Test
    void callsQuotedTextAndCommentsAreLeftAlone() {
        for (String sql : new String[] {"SELECT map(['a'], [1]) FROM t", "SELECT DISTINCT map(k, v) FROM t",
                "SELECT a, map(k, v) FROM t", "SELECT 'x AS MAP(VARCHAR, INTEGER)' AS s",
                "SELECT 1 -- AS MAP(VARCHAR, INTEGER)", "SELECT CASE WHEN b THEN map(k, v) END FROM t",
                "SELECT \"AS MAP(a, b)\" FROM t", "SELECT count(DISTINCT map(k, v)) FROM t",
                "SELECT * FROM (VALUES (1, 2)) AS map(k, v)", "SELECT m.k FROM t AS map(k)"}) {
            assertThat(rewritten(sql)).as(sql).isEqualTo(sql);
        }
    }

    @Test
    void structFieldNamesAreQuotedAsDuckDbQuotesThem() {
        assertThat(TypeSyntax.fieldName("x")).isEqualTo("x");
        assertThat(TypeSyntax.fieldName("Tags_2")).isEqualTo("Tags_2");
        assertThat(TypeSyntax.fieldName("key")).isEqualTo("\"key\"");
        assertThat(TypeSyntax.fieldName("select")).isEqualTo("\"select\"");
        assertThat(TypeSyntax.fieldName("a b")).isEqualTo("\"a b\"");
        assertThat(TypeSyntax.fieldName("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(TypeSyntax.fieldName("1a")).isEqualTo("\"1a\"");
    }

    @Test
    void placesInTheRewrittenTextAreFoundAgainAsWritten() {
        String written = "SELECT CAST(x AS MAP(INT, MAP(TEXT, INT)))\n  , y FROM t WHERE zz";
        SqlText.Rewritten rewritten = SqlText.rewrite(written);
        assertThat(rewritten.passes()).hasSize(2);
        String text = rewritten.text();
        int at = text.indexOf("zz");
        int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - text.lastIndexOf('\n', at - 1);
        assertThat(rewritten.writtenPosition(line, column)).containsExactly(2, 20); // zz as written
        // before the first map and on a line after them: unchanged
        assertThat(rewritten.writtenPosition(1, 8)).containsExactly(1, 8);
        int y = text.indexOf(", y");
        assertThat(rewritten.writtenPosition(2, y - text.lastIndexOf('\n', y - 1))).containsExactly(2, 3);
        // inside what a pass wrote: where the map it replaced begins
        assertThat(rewritten.writtenPosition(1, text.indexOf(TypeSyntax.MAP_KEY) + 1)).containsExactly(1, 18);
        assertThat(rewritten.writtenPosition(1, text.lastIndexOf(TypeSyntax.MAP_KEY) + 1)).containsExactly(1, 27);
        assertThat(SqlText.rewrite("SELECT 1").passes()).isEmpty();
    }

    @Test
    void errorsAfterAMapTypePointWhereTheyAreWritten() {
        SqlContext sql = new SqlContext();
        SqlException unknown = (SqlException) org.assertj.core.api.Assertions.catchThrowable(() -> sql.sql(
                "SELECT CAST(x AS MAP(INT, INT)) FROM (SELECT 1 AS x) WHERE y"));
        assertThat(unknown.column()).isEqualTo(60);
        SqlException syntax = (SqlException) org.assertj.core.api.Assertions.catchThrowable(() -> sql.sql(
                "SELECT CAST(x AS MAP(INT, INT)) FROM t WHERE = 1"));
        assertThat(syntax.reason()).startsWith("syntax error");
        assertThat(syntax.column()).isEqualTo(40); // the parser stops at WHERE
    }
}
