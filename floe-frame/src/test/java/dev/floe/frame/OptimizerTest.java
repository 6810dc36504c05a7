package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.physical.Cancellation;
import dev.floe.frame.physical.LocalEngine;
import dev.floe.frame.physical.QueryProgress;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.plan.rule.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each rule's effect on the plan's shape, and random plans giving the same result optimized or not. */
class OptimizerTest {
    static DataFrame frame() {
        return DataFrame.of(Series.of("a", 1L, 2L, 3L, 4L), Series.of("b", 10L, 20L, 30L, 40L),
                Series.of("k", "x", "y", "x", "z"), Series.of("flag", true, false, true, true));
    }

    @Test
    void aPlanNodesSchemaIsWorkedOutWhenItIsMadeWhateverIsPassedForIt() {
        DataFrame frame = DataFrame.of(Series.of("a", 1L, 2L), Series.of("b", 1.5, 2.5));
        PlanNode scan = frame.lazy().plan();
        Schema wrong = Schema.of(List.of(new Schema.Field("z", DataType.BOOLEAN)));
        dev.floe.frame.plan.Select select = new dev.floe.frame.plan.Select(scan, List.of(col("b"), col("a").alias("c")),
                wrong);
        assertThat(select.schema().names()).containsExactly("b", "c");
        assertThat(select).isEqualTo(new dev.floe.frame.plan.Select(scan, List.of(col("b"), col("a").alias("c"))));
        dev.floe.frame.plan.WithColumns with = new dev.floe.frame.plan.WithColumns(scan, List.of(col("a").mul(2)),
                wrong);
        assertThat(with.schema()).isEqualTo(Schema.of(List.of(new Schema.Field("a", DataType.INT64),
                new Schema.Field("b", DataType.FLOAT64))));
        dev.floe.frame.plan.Join join = new dev.floe.frame.plan.Join(scan, scan, List.of("a"), List.of("a"),
                JoinType.INNER, "_r", wrong);
        assertThat(join.schema().names()).containsExactly("a", "b", "b_r");
    }

    @Test
    void theColumnsOfAConcatsPartsArePrunedAlikeWhateverThePartsAre() {
        // a join keeps its key below a projection that drops it; the concat's parts must still match
        LazyFrame scan = frame().lazy();
        LazyFrame joined = scan.join(scan.select("a").unique(), JoinType.INNER, "a");
        LazyFrame both = LazyFrame.concat(List.of(scan.filter(col("b").gt(20)), joined));
        DataFrame byKey = both.groupBy("k").agg(col("b").sum().alias("sb")).sort("k").collect();
        assertThat(byKey.column("k").toList()).containsExactly("x", "y", "z");
        assertThat(byKey.column("sb").toList()).containsExactly(70L, 20L, 80L);
        assertThat(both.select(col("b").count()).collect().column("b").toList()).containsExactly(6L);
        assertThat(both.select(Exprs.len().alias("n")).collect().column("n").toList()).containsExactly(6L);
    }

    @Test
    void aHorizontalConcatExplainsEveryPart() {
        LazyFrame sides = LazyFrame.concatHorizontal(List.of(frame().lazy().select("a"),
                frame().lazy().select(col("b").alias("b2")), frame().lazy().select(col("k").alias("k2"))));
        String plan = sides.explain();
        assertThat(plan).contains("~4 rows").contains("b2").contains("k2");
        assertThat(sides.collect().height()).isEqualTo(4);
    }

    @Test
    void constantsAreFoldedAndLogicSimplified() {
        LazyFrame lf = frame().lazy();
        assertThat(lf.filter(lit(1).add(1).eq(2)).explain()).doesNotContain("FILTER");
        assertThat(lf.select(col("a").add(lit(2).mul(3)).alias("a6")).explain()).contains("[(col(\"a\")) + (6.cast(i32))]");
        assertThat(lf.filter(col("flag").and(lit(true))).explain()).containsPattern("FILTER col\\(\"flag\"\\)  ~\\d+ rows?\n");
        assertThat(lf.filter(col("flag").or(lit(false)).not().not()).explain()).containsPattern("FILTER col\\(\"flag\"\\)  ~\\d+ rows?\n");
        assertThat(lf.select(col("flag").and(lit(false)).alias("f")).collect().column("f").toList()).containsOnly(false);
    }

    @Test
    void arithmeticAndComparisonsWithANullAreNullAndAFilterOnOneKeepsNothing() {
        // an operation that would fail is not computed where a null literal decides its value: it becomes a null
        // of its type, and a filter with such a condition keeps no row without running its other conditions
        LazyFrame lf = frame().lazy();
        Expr failing = col("a").sub(10).cast(DataType.INT8).mul(100); // overflows i8 on every row
        assertThat(lf.filter(failing.le(lit(null, DataType.INT64)).and(col("flag"))).collect().height()).isZero();
        assertThat(lf.filter(col("flag").and(failing.gt(lit(null, DataType.INT8)))).explain())
                .containsPattern("FILTER false");
        DataFrame nulls = lf.select(failing.add(lit(null, DataType.INT8)).alias("n"),
                col("a").lt(lit(null, DataType.INT64)).alias("c")).collect();
        assertThat(nulls.schema().type("n")).isEqualTo(DataType.INT8);
        assertThat(nulls.schema().type("c")).isEqualTo(DataType.BOOLEAN);
        assertThat(nulls.column("n").toList()).containsOnlyNulls();
        assertThat(nulls.column("c").toList()).containsOnlyNulls();
        // where the null is not a literal the operation runs, and fails
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lf.select(failing.alias("f")).collect())
                .isInstanceOf(OutOfRangeException.class);
    }

    @Test
    void filtersMoveTowardTheData() {
        LazyFrame lf = frame().lazy();
        String pushed = lf.withColumns(col("b").mul(2).alias("b2")).sort("b").filter(col("a").gt(1)).explain();
        assertThat(pushed.indexOf("FILTER")).isGreaterThan(pushed.indexOf("WITH_COLUMNS"))
                .isGreaterThan(pushed.indexOf("SORT"));
        String kept = lf.withColumns(col("b").mul(2).alias("b2")).filter(col("b2").gt(30)).explain();
        assertThat(kept.indexOf("FILTER")).isLessThan(kept.indexOf("WITH_COLUMNS"));
        String aggregated = lf.groupBy("k").agg(col("a").sum()).filter(col("k").ne("z").and(col("a").gt(1))).explain();
        assertThat(aggregated).contains("FILTER [(col(\"a\")) > (1)]").containsPattern("AGGREGATE[^\\n]*\\n\\s+FILTER");
        LazyFrame other = DataFrame.of(Series.of("k", "x", "y"), Series.of("w", 1.5, 2.5)).lazy();
        String joined = lf.join(other, "k").filter(col("a").gt(1).and(col("w").lt(2.0))).explain();
        assertThat(joined).doesNotContainPattern("^FILTER").containsPattern("JOIN[^\\n]*\\n\\s+FILTER [^\\n]*col\\(\"a\"\\)")
                .contains("FILTER [(col(\"w\")) < (2.0)]");
        String left = lf.join(other, JoinType.LEFT, "k").filter(col("w").lt(2.0)).explain();
        assertThat(left).startsWith("FILTER");
    }

    @Test
    void scansReadOnlyTheColumnsUsed() {
        String plan = frame().lazy().filter(col("a").gt(1)).select(col("b")).explain();
        assertThat(plan).contains("DF [a, b] (2 of 4 columns)");
        assertThat(frame().lazy().select(col("b").sum()).explain()).contains("DF [b] (1 of 4 columns)");
    }

    @Test
    void windowColumnsNobodyReadsAreNotComputed() {
        LazyFrame windowed = frame().lazy().withColumns(col("a").sum().over("k").alias("s"),
                col("b").max().over("flag").alias("m"));
        String one = windowed.select(col("a"), col("s")).explain();
        assertThat(one).contains("sum").doesNotContain("max").contains("DF [a, k] (2 of 4 columns)");
        String none = windowed.select(col("b")).explain();
        assertThat(none).doesNotContain("WINDOW").contains("DF [b] (1 of 4 columns)");
        FrameAssert.assertThat(windowed.select(col("a"), col("s")).collect()).hasColumnValues("s", 4L, 2L, 4L, 4L);
        // a window that would fail on its data fails only where it is read
        LazyFrame failing = frame().lazy().withColumns(col("a").shiftLeft(62).sum().over("k").alias("x"));
        FrameAssert.assertThat(failing.select(col("a")).collect()).hasColumnValues("a", 1L, 2L, 3L, 4L);
        assertThatThrownBy(() -> failing.select(col("x")).collect()).isInstanceOf(dev.floe.FloeException.class);
    }

    @Test
    void slicesReachTheScanAndSortHeadBecomesTopK() {
        String plan = frame().lazy().withColumns(col("a").mul(2).alias("a2")).head(2).explain();
        assertThat(plan).doesNotContain("SLICE").contains("; 2 rows");
        String top = frame().lazy().sort(SortKey.desc("b")).head(2).explain();
        assertThat(top).startsWith("TOP 2 BY");
        FrameAssert.assertThat(frame().lazy().sort(SortKey.desc("b")).head(2).collect()).hasColumnValues("a", 4L, 3L);
    }

    @Test
    void randomPlansGiveTheSameResultOptimizedOrNot() {
        ExecutionConfig config = new ExecutionConfig(1, 5);
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 40));
            LazyFrame lf = frame.lazy();
            int steps = random.nextInt(1, 6);
            for (int s = 0; s < steps; s++) {
                lf = switch (random.nextInt(7)) {
                    case 0, 1 -> lf.filter(ExprPropertyTest.bool(random, 2));
                    case 2 -> lf.withColumns(ExprPropertyTest.numeric(random, 2).alias(random.nextBoolean() ? "b" : "n" + s));
                    case 3 -> lf.sort(random.nextBoolean() ? SortKey.asc("a") : SortKey.desc("s").nullsLast());
                    case 4 -> random.nextBoolean() ? lf.head(random.nextInt(0, 10)) : lf.slice(random.nextInt(-5, 5), 4);
                    case 5 -> lf.filter(col("a").gt(lit(0)).and(lit(true)).or(lit(1).eq(2)));
                    default -> lf.join(ExprPropertyTest.randomFrame(random, random.nextInt(0, 10))
                            .select(col("k").alias("rk" + s), col("c").alias("rc" + s)).lazy(), List.of("k"),
                            List.of("rk" + s),
                            random.nextBoolean() ? JoinType.INNER : JoinType.LEFT, "_r");
                };
            }
            LazyFrame plan = switch (random.nextInt(4)) {
                case 0 -> lf.select(col("a"), col("s"));
                case 1 -> lf.groupBy("k").agg(col("a").sum(), col("c").max().alias("cmax")).filter(col("k").ne("a"));
                case 2 -> lf.select(col("t").count());
                default -> lf;
            };
            PlanNode written = plan.plan();
            PlanNode optimized = Optimizer.optimize(written);
            DataFrame expected;
            try {
                expected = runAsWritten(written, config);
            } catch (OutOfRangeException overflow) {
                // integer arithmetic the written plan does overflows; the optimized plan may leave it out
                // (a column no one reads), or must fail alike
                try {
                    runAsWritten(optimized, config);
                } catch (OutOfRangeException same) {
                    // as written
                }
                continue;
            }
            DataFrame actual = runAsWritten(optimized, config);
            assertThat(actual.schema()).as("seed %d\n%s\n%s", seed, plan.explain(false), plan.explain()).isEqualTo(expected.schema());
            assertThat(rows(actual)).as("seed %d\n%s\n%s", seed, plan.explain(false), plan.explain()).isEqualTo(rows(expected));
        }
    }

    /** Runs a plan on the local engine without optimizing it first. */
    static DataFrame runAsWritten(PlanNode plan, ExecutionConfig config) {
        return Floe.session().run(config, QueryProgress.NONE, new Cancellation(),
                context -> LocalEngine.INSTANCE.collect(plan, context));
    }

    static List<List<Object>> rows(DataFrame frame) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : frame) {
            rows.add(row.toList());
        }
        return rows;
    }
}
