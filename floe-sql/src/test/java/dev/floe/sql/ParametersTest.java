package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements with parameters: ? in order, $n by number, values as literals of their types, counts checked before running. */
class ParametersTest {
    private static SqlContext people() {
        return new SqlContext().register("people", DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("name", "ann", "bo", "o'neil"), Series.of("born", DataType.DATE,
                        List.of(LocalDate.of(1990, 1, 1), LocalDate.of(2001, 5, 6), LocalDate.of(1985, 12, 31)))));
    }

    @Test
    void questionMarksTakeTheValuesInOrderAndDollarNumbersByNumber() {
        SqlContext sql = people();
        assertThat(sql.sql("SELECT name FROM people WHERE id > ? AND born < ? ORDER BY id", 1, LocalDate.of(2000, 1, 1))
                .column("name").toList()).containsExactly("o'neil");
        assertThat(sql.sql("SELECT name FROM people WHERE id = $2 OR id = $1 ORDER BY id", 3L, 1).column("name").toList())
                .containsExactly("ann", "o'neil");
        assertThat(sql.sql("SELECT $1 + id AS x FROM people WHERE name = $2", 10, "bo").column("x").toList())
                .containsExactly(12L);
        assertThat(sql.plan("SELECT count(*) AS n FROM people WHERE born >= ?", LocalDate.of(1990, 1, 1)).collect()
                .column("n").toList()).containsExactly(2L);
    }

    @Test
    void aValueIsAValueNeverSqlText() {
        SqlContext sql = people();
        // the quote and the SQL in the value are text to compare with, not part of the statement
        assertThat(sql.sql("SELECT id FROM people WHERE name = ?", "o'neil").column("id").toList()).containsExactly(3L);
        assertThat(sql.sql("SELECT count(*) AS n FROM people WHERE name = ?", "x' OR '1' = '1").column("n").toList())
                .containsExactly(0L);
        assertThat(sql.sql("SELECT ? IS NULL AS missing", (Object) null).column("missing").toList()).containsExactly(true);
        DataFrame typed = sql.sql("SELECT ? AS t, ? AS d, ? AS b, ? AS f", java.time.LocalDateTime.of(2024, 2, 29, 12, 30),
                java.time.Duration.ofHours(1), true, 1.5);
        assertThat(List.of("t", "d", "b", "f").stream().map(typed.schema()::type).toList())
                .containsExactly(DataType.DATETIME, DataType.DURATION, DataType.BOOLEAN, DataType.FLOAT64);
        assertThat(typed.row(0).toList()).containsExactly(java.time.LocalDateTime.of(2024, 2, 29, 12, 30),
                java.time.Duration.ofHours(1), true, 1.5);
    }

    @Test
    void parametersGoIntoInsertsToo() {
        SqlContext sql = people();
        sql.sql("CREATE TABLE t (id BIGINT, name VARCHAR)");
        sql.sql("INSERT INTO t VALUES (?, ?)", 7L, "zed");
        assertThat(sql.sql("SELECT id, name FROM t").column("name").toList()).containsExactly("zed");
    }

    @Test
    void valuesAndParametersMustMatchOneForOneBeforeAnythingRuns() {
        SqlContext sql = people();
        assertThatThrownBy(() -> sql.sql("SELECT * FROM people WHERE id = ? AND name = ?", 1))
                .isInstanceOf(SqlException.class).hasMessageContaining("asks for parameter 2, and 1 value was given");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM people WHERE id = ?", 1, 2))
                .hasMessageContaining("2 values were given, and the statement has no parameter 2");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM people WHERE id = $2", 1, 2))
                .hasMessageContaining("no parameter 1");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM people WHERE id = ?"))
                .hasMessageContaining("asks for parameter 1, and 0 values were given");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM people WHERE id = :id"))
                .hasMessageContaining("named parameters (:id) are not supported");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM people WHERE id = :id", 1)).hasMessageContaining("no parameter 1");
        // l[:b] is a slice, not a named parameter, next to a value
        assertThat(sql.sql("SELECT len(l[:b]) AS n FROM (SELECT [1, 2, 3] AS l, 2 AS b) WHERE b = ?", 2).column("n")
                .toList()).containsExactly(2L);
        assertThatThrownBy(() -> sql.sql("SELECT 1; SELECT ?", 1)).hasMessageContaining("parameters go with one statement");
        assertThatThrownBy(() -> sql.sql("SELECT ? AS x", new Object()))
                .hasMessageContaining("parameter 1 is a Object, which SQL has no type for");
        assertThat(sql.sql("SELECT [1, 2, 3][2:3] = [?, 3] AS same", 2).column("same").toList()).containsExactly(true);
        // where the parameter search cannot walk the statement, values are refused, and a ? without one too
        assertThatThrownBy(() -> sql.sql("SELECT len([1, 2, 3][2:]) = ?", 2)).hasMessageContaining("cannot be matched");
        assertThatThrownBy(() -> sql.sql("SELECT len([1, 2, 3][2:]) = ?")).hasMessageContaining("asks for parameter 1");
        // a statement that fails its parameter check changes nothing
        sql.sql("CREATE TABLE u (id BIGINT)");
        assertThatThrownBy(() -> sql.sql("INSERT INTO u VALUES (?)", 1, 2)).hasMessageContaining("no parameter 2");
        assertThat(sql.sql("SELECT count(*) AS n FROM u").column("n").toList()).isEqualTo(Arrays.asList(0L));
    }
}
