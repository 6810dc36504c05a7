package dev.floe.bench.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class H2oBenchTest {
    @TempDir
    Path folder;

    @Test
    void verifyGroupBy() throws Exception {
        Path file = GroupByData.write(folder, 5_000, 10, 0, false, 7);
        List<H2oBench.Timing> timings = H2oBench.run(file, 2, null);
        assertThat(timings).extracting(H2oBench.Timing::question)
                .containsExactly("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10");
        for (H2oBench.Timing timing : timings) {
            assertThat(timing.agree()).as(timing.question() + ": " + timing.disagreement()).isTrue();
            assertThat(timing.floe()).hasSize(2);
            assertThat(timing.duckdb()).hasSize(2);
            assertThat(Math.min(timing.floe()[0], timing.floe()[1])).isPositive();
            assertThat(Math.min(timing.duckdb()[0], timing.duckdb()[1])).isPositive();
        }
    }

    @Test
    void verifyJoin() throws Exception {
        JoinData.Files files = JoinData.write(folder, 5_000, 0, false, 7);
        List<H2oBench.Timing> timings = JoinBench.run(files, 2, List.of("q1", "q3", "q5"));
        assertThat(timings).extracting(H2oBench.Timing::question).containsExactly("q1", "q3", "q5");
        assertThat(timings).allMatch(H2oBench.Timing::agree);
    }

    @Test
    void duckDbInAProcessOfItsOwnAnswersEveryQuestionBeforeFloeLoadsTheData() throws Exception {
        Path file = GroupByData.write(folder, 5_000, 10, 0, false, 7);
        List<H2oBench.Timing> timings = H2oBench.run(file, 2, List.of("q1", "q3", "q8", "q10"), null, null, true,
                0);
        assertThat(timings).extracting(H2oBench.Timing::question).containsExactly("q1", "q3", "q8", "q10");
        for (H2oBench.Timing timing : timings) {
            assertThat(timing.agree()).as(timing.question() + ": " + timing.disagreement()).isTrue();
            assertThat(Math.min(timing.duckdb()[0], timing.duckdb()[1])).isPositive();
            assertThat(Math.min(timing.floe()[0], timing.floe()[1])).isPositive();
        }
        JoinData.Files files = JoinData.write(folder, 5_000, 0, false, 7);
        List<H2oBench.Timing> joins = JoinBench.run(files, 2, List.of("q2", "q5"), null, null, true, 0);
        assertThat(joins).extracting(H2oBench.Timing::question).containsExactly("q2", "q5");
        assertThat(joins).allMatch(H2oBench.Timing::agree);
    }

    @Test
    void underAMemoryLimitBothEnginesReadParquetCopiesAndWriteTheirAnswers() throws Exception {
        // 16 MB for both: the answers are checked, the session's own limit given back
        Path file = GroupByData.write(folder, 20_000, 10, 0, false, 7);
        long before = dev.floe.frame.Floe.session().memoryLimitBytes();
        List<H2oBench.Timing> timings = H2oBench.run(file, 2, List.of("q1", "q3", "q5", "q10"), null, null, true,
                16L << 20);
        assertThat(timings).extracting(H2oBench.Timing::question).containsExactly("q1", "q3", "q5", "q10");
        for (H2oBench.Timing timing : timings) {
            assertThat(timing.agree()).as(timing.question() + ": " + timing.disagreement()).isTrue();
            assertThat(Math.min(timing.duckdb()[0], timing.duckdb()[1])).isPositive();
        }
        assertThat(folder.resolve(file.getFileName().toString().replace(".csv", ".parquet"))).exists();
        assertThat(dev.floe.frame.Floe.session().memoryLimitBytes()).as("the session's limit is given back")
                .isEqualTo(before);
        JoinData.Files files = JoinData.write(folder, 20_000, 0, false, 7);
        List<H2oBench.Timing> joins = JoinBench.run(files, 2, List.of("q1", "q5"), null, null, true, 16L << 20);
        assertThat(joins).extracting(H2oBench.Timing::question).containsExactly("q1", "q5");
        for (H2oBench.Timing timing : joins) {
            assertThat(timing.agree()).as(timing.question() + ": " + timing.disagreement()).isTrue();
        }
    }

    @Test
    void anAnswerFromDuckDbsProcessIsCheckedByRowsColumnsAndSums() {
        DuckDbPeer.Report report = DuckDbPeer.parse(List.of("load\t1.5\t1000",
                "answer\tq1\t0.25\t0.125\t2\t2\tv:3.0"));
        assertThat(report.loadSeconds()).isEqualTo(1.5);
        assertThat(report.bytes()).isEqualTo(1000);
        DuckDbPeer.Answer answer = report.answers().get("q1");
        assertThat(answer.times()).containsExactly(0.25, 0.125);
        DataFrame a = DataFrame.of(dev.floe.frame.Series.of("k", "x", "y"), dev.floe.frame.Series.of("v", 1.0, 2.0));
        assertThat(DuckDbPeer.compare(a, answer)).isNull();
        DataFrame other = DataFrame.of(dev.floe.frame.Series.of("k", "x", "y"), dev.floe.frame.Series.of("v", 1.0, 2.5));
        assertThat(DuckDbPeer.compare(other, answer)).isEqualTo("sum of v 3.5 vs 3.0");
        assertThat(DuckDbPeer.compare(a.head(1), answer)).isEqualTo("rows 1 vs 2");
        DataFrame renamed = DataFrame.of(dev.floe.frame.Series.of("k", "x", "y"), dev.floe.frame.Series.of("w", 1.0, 2.0));
        assertThat(DuckDbPeer.compare(renamed, answer)).contains("column w is numeric in Floe's answer, not in DuckDB's");
        assertThat(DuckDbPeer.isNumeric("HUGEINT")).isTrue();
        assertThat(DuckDbPeer.isNumeric("DECIMAL(18,3)")).isTrue();
        assertThat(DuckDbPeer.isNumeric("VARCHAR")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DuckDbPeer.parse(List.of("something else")))
                .hasMessageContaining("unexpected line: something else");
    }

    @Test
    void theReportGivesEachQuestionsTimePerRow() {
        StringWriter text = new StringWriter();
        H2oBench.report(new PrintWriter(text), "title", List.of(new H2oBench.Timing("q1", "sum v1 by id1",
                new double[] {3, 2}, new double[] {1, 4}, true, null)), null, 1_000_000_000);
        assertThat(text.toString()).contains("Floe ns", "DuckDB ns").contains("    2.00      1.00")
                .contains("1,000,000,000-row table");
    }

    @Test
    void aBadMemoryLimitOrOneWithAnotherEngineIsRefusedBeforeAnythingIsGenerated() {
        for (List<String> args : List.of(List.of("--memory-limit", "lots"), List.of("--memory-limit", "4g", "--engine",
                "spark"))) {
            for (CommandLine command : List.of(new CommandLine(new H2oBench()), new CommandLine(new JoinBench()))) {
                StringWriter err = new StringWriter();
                command.setErr(new PrintWriter(err));
                List<String> all = new java.util.ArrayList<>(args);
                all.addAll(List.of("--rows", "1e3", "--dir", folder.toString()));
                assertThat(command.execute(all.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
                assertThat(err.toString()).as(args.toString()).contains(args.size() == 2
                        ? "--memory-limit is a size such as 4g, 512MB or 2GiB, not 'lots'"
                        : "--memory-limit runs Floe and DuckDB only; leave out --engine spark");
            }
        }
        assertThat(folder.toFile().list()).as("nothing generated").isEmpty();
    }

    @Test
    void anUnknownQuestionIsRefusedBeforeAnythingIsGenerated() {
        for (CommandLine command : List.of(new CommandLine(new H2oBench()), new CommandLine(new JoinBench()),
                new CommandLine(new dev.floe.bench.tpch.TpchBench()))) {
            StringWriter err = new StringWriter();
            command.setErr(new PrintWriter(err));
            assertThat(command.execute("--only", "q1,q99", "--dir", folder.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--only: there is no question 'q99'; the questions are q1 to q");
        }
        assertThat(folder.toFile().list()).as("nothing generated").isEmpty();
        CommandLine line = new CommandLine(new H2oBench());
        assertThat(dev.floe.bench.Questions.selected(List.of("3", "Q7", " q10", "q03"), 10, line))
                .containsExactly("q3", "q7", "q10", "q3");
        assertThat(dev.floe.bench.Questions.selected(null, 10, line)).isNull();
    }

    @Test
    void theReportNamesADisagreementAndFails() {
        StringWriter text = new StringWriter();
        boolean agreed = H2oBench.report(new PrintWriter(text), "title",
                List.of(new H2oBench.Timing("q1", "sum v1 by id1", new double[] {1, 1}, new double[] {2, 2}, true, null),
                        new H2oBench.Timing("q2", "sum v1 by id1:id2", new double[] {3, 3}, new double[] {1, 1}, false,
                                "rows 5 vs 6")));
        assertThat(agreed).isFalse();
        assertThat(text.toString()).contains("0.50x").contains("3.00x").contains("ANSWERS DIFFER: rows 5 vs 6")
                .contains("total (both runs)").contains("1.33x");
    }

    @Test
    void theTotalsAreOverTheQuestionsBothEnginesAnswered() {
        StringWriter text = new StringWriter();
        boolean agreed = H2oBench.report(new PrintWriter(text), "title",
                List.of(new H2oBench.Timing("q1", "sum v1 by id1", new double[] {1, 1}, new double[] {2, 2}, true, null),
                        new H2oBench.Timing("q2", "sum v1 by id1:id2", new double[] {Double.NaN, Double.NaN},
                                new double[] {1, 1}, false, "Floe failed: out of memory")));
        assertThat(agreed).isFalse();
        assertThat(text.toString()).contains("ANSWERS DIFFER: Floe failed: out of memory")
                .containsPattern("total \\(both runs\\) +2\\.000 +4\\.000 +0\\.50x")
                .contains("over the 1 questions both engines answered (1 failed in one");
    }

    @Test
    void theReportAddsTheOtherEnginesTimesAndItsRatioToFloes() {
        StringWriter text = new StringWriter();
        boolean agreed = H2oBench.report(new PrintWriter(text), "title",
                List.of(new H2oBench.Timing("q1", "sum v1 by id1", new double[] {1, 1}, new double[] {2, 2}, true, null,
                                new double[] {4, 2}),
                        new H2oBench.Timing("q8", "largest two v3 by id6" + H2oBench.PLAIN_MARK, new double[] {1, 1},
                                new double[] {1, 1}, false, "spark vs Floe: rows 5 vs 6", new double[] {3, 3})),
                "spark", 0);
        assertThat(agreed).isFalse();
        assertThat(text.toString()).contains("Spark 1", "Spark 2", "vs Floe").contains("3.00x")
                .contains("ANSWERS DIFFER: spark vs Floe: rows 5 vs 6").contains("12.000").contains("Spark refuses");
    }

    @Test
    void answersOfTwoEnginesAgreeWhenTheirColumnsRowsAndSumsDo() {
        DataFrame a = DataFrame.of(dev.floe.frame.Series.of("k", "x", "y"), dev.floe.frame.Series.of("v", 1.0, 2.0));
        DataFrame reordered = DataFrame.of(dev.floe.frame.Series.of("k", "y", "x"), dev.floe.frame.Series.of("v", 2.0, 1.0));
        assertThat(H2oBench.compare(a, reordered)).isNull();
        DataFrame other = DataFrame.of(dev.floe.frame.Series.of("k", "x", "y"), dev.floe.frame.Series.of("v", 1.0, 2.5));
        assertThat(H2oBench.compare(a, other)).isEqualTo("sum of v 3.5 vs 3.0");
        assertThat(H2oBench.compare(a, a.head(1))).isEqualTo("rows 1 vs 2");
    }

    @Test
    void theJoinDataFollowTheBenchmarksRules() {
        JoinData.Tables tables = JoinData.generate(100_000, 0, false, 3);
        assertThat(tables.x().height()).isEqualTo(100_000);
        assertThat(tables.small().height()).isEqualTo(10);
        assertThat(tables.medium().height()).isEqualTo(100);
        assertThat(tables.big().height()).isEqualTo(100_000);
        assertThat(tables.x().columns()).containsExactly("id1", "id2", "id3", "id4", "id5", "id6", "v1");
        assertThat(tables.big().columns()).containsExactly("id1", "id2", "id3", "id4", "id5", "id6", "v2");
        assertThat(tables.x().get(0, "id4")).isEqualTo("id" + tables.x().get(0, "id1"));
        // the right tables hold their own key once per value; x holds id3 once per value
        assertThat(tables.medium().lazy().select(dev.floe.frame.expr.Exprs.col("id2").nUnique()).collect().get(0, "id2"))
                .isEqualTo(100L);
        assertThat(tables.x().lazy().select(dev.floe.frame.expr.Exprs.col("id3").nUnique()).collect().get(0, "id3"))
                .isEqualTo(100_000L);
        // about nine in ten rows of x find their match, on every key
        for (String key : List.of("id1", "id2", "id3")) {
            DataFrame right = key.equals("id1") ? tables.small() : key.equals("id2") ? tables.medium() : tables.big();
            long matched = tables.x().lazy().join(right.lazy().select(key), dev.floe.frame.plan.JoinType.SEMI, key)
                    .collect().height();
            assertThat(matched / 100_000.0).as(key).isBetween(0.8, 0.98);
        }
        assertThat(JoinData.generate(1_000, 5, true, 3).x()).isEqualTo(JoinData.generate(1_000, 5, true, 3).x());
        assertThat(JoinData.name(10_000_000, -1, 0, false)).isEqualTo("J1_1e7_NA_0_0");
        assertThat(JoinData.name(10_000_000, 10_000, 0, false)).isEqualTo("J1_1e7_1e4_0_0");
    }

    @Test
    void rowCountsAreReadLikeTheBenchmarksNames() {
        assertThat(GenerateCommand.rows("1e7")).isEqualTo(10_000_000);
        assertThat(GenerateCommand.rows("10_000")).isEqualTo(10_000);
        for (String bad : List.of("1.5", "-1", "3e9")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GenerateCommand.rows(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("whole number")
                    .hasMessageContaining(bad);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GenerateCommand.rows("many"))
                .isInstanceOf(NumberFormatException.class);
    }
}
