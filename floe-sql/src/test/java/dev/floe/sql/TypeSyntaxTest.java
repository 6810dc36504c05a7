package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MAP(K, V) where a type stands is written as the struct the planner reads back; map(...) the call is left alone. */
class TypeSyntaxTest {
    private static String struct(String key, String value) {
        return "STRUCT(\"" + TypeSyntax.MAP_KEY + "\" " + key + ", \"" + TypeSyntax.MAP_VALUE + "\" " + value + ")";
    }

    @Test
    void mapTypesAreRewrittenWhereATypeStands() {
        assertThat(TypeSyntax.rewriteMapTypes("SELECT CAST(x AS MAP(VARCHAR, INTEGER)) FROM t"))
                .isEqualTo("SELECT CAST(x AS " + struct("VARCHAR", " INTEGER") + ") FROM t");
        assertThat(TypeSyntax.rewriteMapTypes("SELECT x::map(varchar, int[]) FROM t"))
                .isEqualTo("SELECT x::" + struct("varchar", " int[]") + " FROM t");
        assertThat(TypeSyntax.rewriteMapTypes("CREATE TABLE t (id INTEGER, m MAP(INTEGER, MAP(VARCHAR, DOUBLE)))"))
                .isEqualTo("CREATE TABLE t (id INTEGER, m " + struct("INTEGER", " " + struct("VARCHAR", " DOUBLE")) + ")");
        assertThat(TypeSyntax.rewriteMapTypes("ALTER TABLE t ADD COLUMN m MAP(VARCHAR, BIGINT)"))
                .isEqualTo("ALTER TABLE t ADD COLUMN m " + struct("VARCHAR", " BIGINT"));
        assertThat(TypeSyntax.rewriteMapTypes("ALTER TABLE t ADD m MAP(VARCHAR, BIGINT)"))
                .isEqualTo("ALTER TABLE t ADD m " + struct("VARCHAR", " BIGINT"));
    }

    @Test
    void callsQuotedTextAndCommentsAreLeftAlone() {
        for (String sql : new String[] {"SELECT map(['a'], [1]) FROM t", "SELECT DISTINCT map(k, v) FROM t",
                "SELECT a, map(k, v) FROM t", "SELECT 'x AS MAP(VARCHAR, INTEGER)' AS s",
                "SELECT 1 -- AS MAP(VARCHAR, INTEGER)", "SELECT CASE WHEN b THEN map(k, v) END FROM t",
                "SELECT \"AS MAP(a, b)\" FROM t", "SELECT count(DISTINCT map(k, v)) FROM t",
                "SELECT * FROM (VALUES (1, 2)) AS map(k, v)", "SELECT m.k FROM t AS map(k)"}) {
            assertThat(TypeSyntax.rewriteMapTypes(sql)).as(sql).isEqualTo(sql);
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
}
