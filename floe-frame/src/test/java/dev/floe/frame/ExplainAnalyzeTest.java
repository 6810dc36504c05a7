package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.PlanNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** explainAnalyze runs the query and shows the rows each physical step gave and the time breakers took. */
class ExplainAnalyzeTest {
    private static LazyFrame query() {
        long[] x = new long[1000];
        long[] g = new long[1000];
        for (int i = 0; i < 1000; i++) {
            x[i] = i;
            g[i] = i % 10;
        }
        DataFrame facts = DataFrame.of(Series.of("x", x), Series.of("g", g));
        DataFrame names = DataFrame.of(Series.of("id", 0L, 1L, 2L, 3L), Series.of("name", "a", "b", "c", "d"));
        return facts.lazy().filter(col("x").lt(250))
                .join(names.lazy(), List.of("g"), List.of("id"), JoinType.INNER, "_right")
                .groupBy("name").agg(col("x").sum());
    }

    @Test
    void eachStepShowsTheRowsItGaveAndBreakersTheirTime() {
        String analyzed = query().explainAnalyze();
        // 400 rows have a g that names have (0..3: the join's keys filter them first, and make the
        // filter's test on those 400), 100 of them pass the filter and meet a name, in 4 groups
        assertThat(analyzed).contains("[1,000 rows]").contains("then the test of the FILTER above  [100 rows]")
                .contains("FILTER [(col(\"x\")) < (250)]  [100 rows]")
                .contains("[4 rows]").containsPattern("build of .*\\[\\d+\\.\\d ms, inputs included\\]")
                .containsPattern("pipeline breaker\\)  \\[\\d+\\.\\d ms").containsPattern("result: 4 rows in \\d+\\.\\d ms");
        assertThat(analyzed).doesNotContain("did not run");
        // the same pipelines as explainPhysical, with the figures added
        String physical = query().explainPhysical();
        assertThat(analyzed.lines().count()).isEqualTo(physical.lines().count() + 1);
        assertThat(query().collect().height()).isEqualTo(4);
    }

    @Test
    void anEngineThatCannotProfileRefusesByName() {
        Engine engine = new Engine() {
            @Override
            public String name() {
                return "elsewhere";
            }

            @Override
            public DataFrame collect(PlanNode plan, ExecutionContext context) {
                throw new AssertionError("not run");
            }

            @Override
            public long sink(PlanNode plan, FileSink sink, ExecutionContext context) {
                throw new AssertionError("not run");
            }

            @Override
            public String explain(PlanNode plan) {
                return "elsewhere";
            }
        };
        assertThatThrownBy(() -> engine.explainAnalyze(query().plan(), ExecutionContext.singleThreaded(
                new dev.floe.frame.exec.ExecutionConfig(1, 1024)))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("elsewhere");
    }
}
