package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The registries of scalar and aggregate functions: what every function gets from them, whatever its translation. */
class FunctionRegistryTest {
    private final SqlContext sql = new SqlContext();

    @Test
    void everyRegisteredNameIsInTheSqlReference() throws IOException {
        String reference = Files.readString(Path.of("..", "docs", "sql.md"));
        // the list of functions Floe does not know names no function it does
        int unknown = reference.indexOf("- Functions Floe does not know");
        assertThat(unknown).as("docs/sql.md lists the functions it does not know").isPositive();
        String unknownList = reference.substring(unknown, reference.indexOf("\n- ", unknown + 1));
        reference = reference.replace(unknownList, "");
        List<String> missing = new ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>(ScalarFunctions.names());
        names.addAll(AggregateFunctions.names());
        for (String name : names) {
            // inside a code span: `name`, `name(...)` or a list such as `a`/`name`
            Pattern written = Pattern.compile("`" + Pattern.quote(name) + "[`(]");
            if (!written.matcher(reference).find()) {
                missing.add(name);
            }
        }
        assertThat(missing).as("functions registered but not in docs/sql.md").isEmpty();
        List<String> listedAsUnknown = new ArrayList<>();
        for (String name : names) {
            if (Pattern.compile("`" + Pattern.quote(name) + "[`(]").matcher(unknownList).find()) {
                listedAsUnknown.add(name);
            }
        }
        assertThat(listedAsUnknown).as("functions registered but listed in docs/sql.md as unknown").isEmpty();
    }

    @Test
    void aggregatesAreCheckedTheSameWay() {
        assertThatThrownBy(() -> sql.sql("SELECT sum(1, 2)")).hasMessageContaining("sum takes 1 argument, got 2");
        assertThatThrownBy(() -> sql.sql("SELECT corr(1)")).hasMessageContaining("corr takes 2 arguments, got 1");
        assertThatThrownBy(() -> sql.sql("SELECT string_agg('a', ',', 3)"))
                .hasMessageContaining("string_agg takes 1 to 2 arguments, got 3");
        assertThatThrownBy(() -> sql.sql("SELECT last(DISTINCT x) FROM (VALUES (1)) t(x)"))
                .hasMessageContaining("last(DISTINCT ...) is not supported");
        assertThatThrownBy(() -> sql.sql("SELECT first(x) FILTER (WHERE x > 0) FROM (VALUES (1)) t(x)"))
                .hasMessageContaining("FILTER (WHERE ...) on first is not supported");
        assertThatThrownBy(() -> sql.sql("SELECT sumn(1)")).hasMessageContaining("did you mean sum");
    }

    @Test
    void theNumberOfArgumentsIsCheckedForEveryFunction() {
        assertThatThrownBy(() -> sql.sql("SELECT upper('a', 'b')"))
                .hasMessageContaining("upper takes 1 argument, got 2");
        assertThatThrownBy(() -> sql.sql("SELECT replace('a')"))
                .hasMessageContaining("replace takes 3 arguments, got 1");
        assertThatThrownBy(() -> sql.sql("SELECT round(1.5, 1, 2)"))
                .hasMessageContaining("round takes 1 to 2 arguments, got 3");
        assertThatThrownBy(() -> sql.sql("SELECT coalesce()"))
                .hasMessageContaining("coalesce takes at least 1 arguments, got 0");
        assertThatThrownBy(() -> sql.sql("SELECT pi(1)")).hasMessageContaining("pi takes 0 arguments, got 1");
        // these took a second argument and passed over it
        assertThatThrownBy(() -> sql.sql("SELECT list_sum([1, 2], 5)"))
                .hasMessageContaining("list_sum takes 1 argument, got 2");
        assertThatThrownBy(() -> sql.sql("SELECT list_max([1, 2], 5)"))
                .hasMessageContaining("list_max takes 1 argument, got 2");
    }

    @Test
    void anAliasAnswersAsItsFunction() {
        assertThat(sql.sql("SELECT ucase('ab') AS a, upper('ab') AS b, nvl(NULL, 2) AS c, ifnull(NULL, 2) AS d")
                .row(0).toList()).containsExactly("AB", "AB", 2, 2);
    }

    @Test
    void anUnknownNameIsAnsweredWithTheClosestKnownOnes() {
        assertThatThrownBy(() -> sql.sql("SELECT uper('a')"))
                .hasMessageContaining("unknown function uper (did you mean upper?)")
                .hasMessageContaining("docs/sql.md");
        assertThatThrownBy(() -> sql.sql("SELECT stddevv(1)")).hasMessageContaining("did you mean stddev");
        assertThatThrownBy(() -> sql.sql("SELECT qwertyuiop(1)"))
                .hasMessageContaining("unknown function qwertyuiop;").hasMessageNotContaining("did you mean");
    }

    @Test
    void namesAreRegisteredOnce() {
        List<String> all = new ArrayList<>();
        for (ScalarFunctions.Definition definition : ScalarFunctions.definitions()) {
            all.addAll(definition.names());
            assertThat(definition.minArgs()).isLessThanOrEqualTo(definition.maxArgs());
        }
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ScalarFunctions.names());
        List<String> aggregates = new ArrayList<>();
        for (AggregateFunctions.Definition definition : AggregateFunctions.definitions()) {
            aggregates.addAll(definition.names());
            assertThat(definition.minArgs()).isLessThanOrEqualTo(definition.maxArgs());
        }
        assertThat(aggregates).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(AggregateFunctions.names());
        // a name is a scalar function or an aggregate, never both
        assertThat(aggregates).doesNotContainAnyElementsOf(all);
    }
}
