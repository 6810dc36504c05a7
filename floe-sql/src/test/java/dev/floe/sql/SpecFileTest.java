package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec runner's own parts: reading the format, writing values, comparing them. */
class SpecFileTest {
    private static final String SAMPLE = """
            # a comment
            statement ok
            CREATE TABLE t AS
            SELECT 1 AS i

            skipif duckdb
            query ITR rowsort
            SELECT i, s, d
            FROM t
            ----
            2\tNULL\t1.5
            1\t(empty)\t-0.25

            onlyif floe
            statement error unknown column "zz"
            SELECT zz FROM t

            query I
            SELECT 1 WHERE false
            ----
            """;

    @Test
    void readsStatementsQueriesConditionsAndRows() {
        List<SpecFile.Record> records = SpecFile.parse("sample.test", SAMPLE).records();
        assertThat(records).hasSize(4);
        SpecFile.Statement create = (SpecFile.Statement) records.get(0);
        assertThat(create.sql()).isEqualTo("CREATE TABLE t AS\nSELECT 1 AS i");
        assertThat(create.expectError()).isFalse();
        assertThat(create.where()).isEqualTo("sample.test:2");

        SpecFile.Query query = (SpecFile.Query) records.get(1);
        assertThat(query.line()).isEqualTo(7);
        assertThat(query.types()).isEqualTo("ITR");
        assertThat(query.rowsort()).isTrue();
        assertThat(query.sql()).isEqualTo("SELECT i, s, d\nFROM t");
        assertThat(query.expected()).containsExactly(List.of("2", "NULL", "1.5"), List.of("1", "(empty)", "-0.25"));
        assertThat(query.runsOn("duckdb")).isFalse();
        assertThat(query.runsOn("floe")).isTrue();

        SpecFile.Statement error = (SpecFile.Statement) records.get(2);
        assertThat(error.expectError()).isTrue();
        assertThat(error.error()).isEqualTo("unknown column \"zz\"");
        assertThat(error.runsOn("floe")).isTrue();
        assertThat(error.runsOn("duckdb")).isFalse();

        SpecFile.Query empty = (SpecFile.Query) records.get(3);
        assertThat(empty.expected()).isEmpty();
        assertThat(empty.rowsort()).isFalse();
    }

    @Test
    void refusesMalformedRecordsNamingTheLine() {
        assertThatThrownBy(() -> SpecFile.parse("bad.test", "query II\nSELECT 1, 2\n----\n1\n"))
                .hasMessageContaining("bad.test:4");
        assertThatThrownBy(() -> SpecFile.parse("bad.test", "\nselect 1\n")).hasMessageContaining("bad.test:2");
        assertThatThrownBy(() -> SpecFile.parse("bad.test", "query I valuesort\nSELECT 1\n"))
                .hasMessageContaining("unknown sort mode");
        assertThatThrownBy(() -> SpecFile.parse("bad.test", "onlyif duck\nquery I\nSELECT 1\n"))
                .hasMessageContaining("bad.test:1").hasMessageContaining("unknown engine 'duck'");
    }

    @Test
    void writesValuesAsTheCorpusDoes() {
        assertThat(SpecValues.format(null, 'I')).isEqualTo("NULL");
        assertThat(SpecValues.format(3, 'I')).isEqualTo("3");
        assertThat(SpecValues.format(new java.math.BigInteger("50000000000"), 'I')).isEqualTo("50000000000");
        assertThat(SpecValues.format(2.5, 'R')).isEqualTo("2.5");
        assertThat(SpecValues.format(3.0, 'R')).isEqualTo("3.0");
        assertThat(SpecValues.format("", 'T')).isEqualTo("(empty)");
        assertThat(SpecValues.format(true, 'B')).isEqualTo("true");
        assertThat(SpecValues.format(LocalDate.of(2024, 1, 31), 'D')).isEqualTo("2024-01-31");
    }

    @Test
    void aValueOfTheWrongKindNeverMatches() {
        assertThat(SpecValues.matches("3", SpecValues.format(3.0, 'I'), 'I')).isFalse();
        assertThat(SpecValues.matches("3.0", SpecValues.format(3L, 'R'), 'R')).isFalse();
        assertThat(SpecValues.matches("1", SpecValues.format("1", 'I'), 'I')).isFalse();
        assertThat(SpecValues.matches("true", SpecValues.format(1, 'B'), 'B')).isFalse();
    }

    @Test
    void floatingPointMatchesToARelativeTolerance() {
        assertThat(SpecValues.matches("0.1", "0.10000000000000002", 'R')).isTrue();
        assertThat(SpecValues.matches("1.0E10", "10000000000.000001", 'R')).isTrue();
        assertThat(SpecValues.matches("0.1", "0.1000001", 'R')).isFalse();
        assertThat(SpecValues.matches("0.0", "-0.0", 'R')).isTrue();
        assertThat(SpecValues.matches("NULL", "0.0", 'R')).isFalse();
        assertThat(SpecValues.matches("1", "1.0", 'I')).isFalse();
    }

    @Test
    void rowsortComparesMultisets() {
        List<List<String>> expected = List.of(List.of("2", "b"), List.of("10", "a"), List.of("NULL", "c"));
        List<List<String>> actual = List.of(List.of("NULL", "c"), List.of("10", "a"), List.of("2", "b"));
        assertThat(SpecValues.matches(SpecValues.sorted(expected, "IT"), SpecValues.sorted(actual, "IT"), "IT")).isTrue();
        assertThat(SpecValues.matches(expected, actual, "IT")).isFalse();
        assertThat(SpecValues.matches(expected, actual.subList(0, 2), "IT")).isFalse();
    }

    @Test
    void theCorpusReadsAndIsBigEnough() {
        List<SpecFile> corpus = SpecFile.corpus();
        long queries = corpus.stream().flatMap(file -> file.records().stream())
                .filter(record -> record instanceof SpecFile.Query).count();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(20);
        assertThat(queries).isGreaterThanOrEqualTo(300);
    }
}
