package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SUMMARIZE of tables and queries: a row per column, its statistics counted exactly. */
class SummarizeStatementTest {
    private static List<Object> row(DataFrame frame, int row) {
        return frame.row(row).toList();
    }

    @Test
    void aQueryIsSummarizedColumnByColumn() {
        SqlContext sql = new SqlContext();
        DataFrame summary = sql.sql("SUMMARIZE SELECT x, CAST(x AS VARCHAR) AS \"s \"\"q\"\"\", x * 1.5 AS d, "
                + "DATE '2024-01-01' + CAST(x AS INTEGER) AS dt, x % 2 = 0 AS b, "
                + "CASE WHEN x < 3 THEN NULL ELSE x END AS n FROM range(10) t(x)");
        assertThat(summary.schema().names()).containsExactly("column_name", "column_type", "min", "max",
                "approx_unique", "avg", "std", "q25", "q50", "q75", "count", "null_percentage");
        assertThat(summary.schema().field(11).type()).isEqualTo(DataType.decimal(9, 2));
        assertThat(row(summary, 0)).containsExactly("x", "BIGINT", "0", "9", 10L, "4.5", "3.0276503540974917", "2",
                "4", "7", 10L, new BigDecimal("0.00"));
        assertThat(row(summary, 1)).containsExactly("s \"q\"", "VARCHAR", "0", "9", 10L, null, null, null, null, null,
                10L, new BigDecimal("0.00"));
        assertThat(row(summary, 2).subList(0, 5)).containsExactly("d", "DECIMAL(21,1)", "0.0", "13.5", 10L);
        assertThat(row(summary, 2).get(5)).isEqualTo("6.75");
        // the mean of dates is a TIMESTAMP, as DuckDB's
        assertThat(row(summary, 3)).containsExactly("dt", "DATE", "2024-01-01", "2024-01-10", 10L, "2024-01-05 12:00:00", null,
                "2024-01-03", "2024-01-05", "2024-01-08", 10L, new BigDecimal("0.00"));
        assertThat(row(summary, 4)).containsExactly("b", "BOOLEAN", "false", "true", 2L, null, null, null, null, null,
                10L, new BigDecimal("0.00"));
        // three of ten null: 30.00 percent; the statistics of the other seven
        assertThat(row(summary, 5)).containsExactly("n", "BIGINT", "3", "9", 7L, "6.0", "2.160246899469287", "4", "6",
                "8", 10L, new BigDecimal("30.00"));
    }

    @Test
    void theMeanOfTimesAndTimestampsToTheNearestMicrosecond() {
        SqlContext sql = new SqlContext();
        DataFrame summary = sql.sql("SUMMARIZE SELECT x, CAST(x AS TIME) AS t FROM (VALUES "
                + "(TIMESTAMP '2020-01-01 00:00:00.000001'), (TIMESTAMP '2020-01-04 00:00:00'), "
                + "(TIMESTAMP '1960-01-01 10:00:00.000001'), (NULL)) v(x)");
        // (1 + 1) / 3 microseconds rounds to one, as DuckDB's mean
        assertThat(row(summary, 0).get(5)).isEqualTo("2000-01-02 03:20:00.000001");
        assertThat(row(summary, 1).get(5)).isEqualTo("03:20:00.000001");
        assertThat(row(summary, 0).get(6)).isNull();
    }

    @Test
    void aTableByNameAndAQueryOfNoRows() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, NULL), (2, 'c')) v(k, s)");
        DataFrame summary = sql.sql("SUMMARIZE t");
        assertThat(row(summary, 0).subList(0, 6)).containsExactly("k", "INTEGER", "1", "2", 2L, "1.6666666666666667");
        assertThat(Double.parseDouble((String) row(summary, 0).get(6))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
        assertThat(row(summary, 0).subList(7, 12)).containsExactly("1", "2", "2", 3L, new BigDecimal("0.00"));
        assertThat(row(summary, 1)).containsExactly("s", "VARCHAR", "a", "c", 2L, null, null, null, null, null, 3L,
                new BigDecimal("33.33"));
        DataFrame empty = sql.sql("SUMMARIZE SELECT k FROM t WHERE k > 5");
        assertThat(row(empty, 0)).isEqualTo(Arrays.asList("k", "INTEGER", null, null, 0L, null, null, null, null, null,
                0L, null));
    }

    @Test
    void namesWithDotsCommentsBeforeItAndTheWordTable() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE \"my t\" AS SELECT * FROM range(160) r(x)");
        for (String statement : List.of("-- a comment\nSUMMARIZE TABLE \"my t\"", "/* a comment */ summarize \"my t\";")) {
            assertThat(sql.sql(statement).row(0).toList().subList(0, 4)).as(statement).containsExactly("x", "BIGINT", "0",
                    "159");
        }
        DataFrame dotted = sql.sql("SUMMARIZE SELECT 3 AS \"a.b\", CASE WHEN x < 1 THEN NULL ELSE x END AS \"n\"\"q\" "
                + "FROM \"my t\"");
        assertThat(dotted.column("column_name").toList()).containsExactly("a.b", "n\"q");
        // one null in 160 rows: 0.625 percent, which DuckDB computes in doubles as 0.6249... and shows as 0.62
        assertThat(dotted.get(1, "null_percentage")).isEqualTo(new BigDecimal("0.62"));
        assertThatThrownBy(() -> sql.sql("SUMMARIZE \"my t\" WHERE x > 100")).isInstanceOf(SqlException.class)
                .hasMessageContaining("SUMMARIZE takes a table's name, a file path in quotes or a query");
    }

    @Test
    void anErrorInTheSummarizedQueryNamesItsPlace() {
        SqlContext sql = new SqlContext();
        assertThatThrownBy(() -> sql.sql("SUMMARIZE SELECT nope FROM range(3)")).isInstanceOf(SqlException.class)
                .hasMessageContaining("unknown column \"nope\"").hasMessageContaining("line 1, column 18");
        // with parameters it is no statement of its own, and is refused rather than read as EXPLAIN
        assertThatThrownBy(() -> sql.sql("SUMMARIZE SELECT ? AS x", 1)).isInstanceOf(SqlException.class)
                .hasMessageContaining("SUMMARIZE takes no parameters");
        assertThatThrownBy(() -> sql.plan("SUMMARIZE SELECT 1 AS x")).isInstanceOf(SqlException.class);
        assertThatThrownBy(() -> sql.sql("SUMMARIZE missing")).isInstanceOf(SqlException.class)
                .hasMessageContaining("unknown table \"missing\"").hasMessageContaining("line 1, column 11");
    }
}
