package dev.floe.bench.h2o;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.corr;
import static dev.floe.frame.expr.Exprs.len;
import static dev.floe.frame.expr.Exprs.rank;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.plan.SortKey;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The ten group-by questions of the h2o db-benchmark: in Floe, and as the benchmark asks DuckDB. */
public final class GroupByQuestions {
    private GroupByQuestions() {}

    /**
     * A question: its number, what it asks, Floe's query as a plan over table {@code x} (for any
     * engine), DuckDB's SQL over table {@code x}, and the same question in plain relational terms
     * (windows, sums) where Floe's query uses operations another engine may refuse (null where
     * the query is plain already).
     */
    public record Question(String name, String description, Function<LazyFrame, LazyFrame> plan, String sql,
            Function<LazyFrame, LazyFrame> portable) {
        /** A question whose query is plain relational work already. */
        public Question(String name, String description, Function<LazyFrame, LazyFrame> plan, String sql) {
            this(name, description, plan, sql, null);
        }

        /** Floe's query over a frame, on the local engine. */
        public BiFunction<DataFrame, ExecutionConfig, DataFrame> floe() {
            return (x, config) -> plan.apply(x.lazy()).collect(config);
        }

        /** The question in plain relational terms: {@link #portable} where there is one, else {@link #plan}. */
        public LazyFrame plainPlan(LazyFrame x) {
            return (portable != null ? portable : plan).apply(x);
        }
    }

    public static final List<Question> ALL = List.of(
            new Question("q1", "sum v1 by id1",
                    x -> x.groupBy("id1").agg(col("v1").sum()),
                    "SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1"),
            new Question("q2", "sum v1 by id1:id2",
                    x -> x.groupBy("id1", "id2").agg(col("v1").sum()),
                    "SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2"),
            new Question("q3", "sum v1 mean v3 by id3",
                    x -> x.groupBy("id3").agg(col("v1").sum(), col("v3").mean()),
                    "SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3"),
            new Question("q4", "mean v1:v3 by id4",
                    x -> x.groupBy("id4").agg(col("v1").mean(), col("v2").mean(), col("v3").mean()),
                    "SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4"),
            new Question("q5", "sum v1:v3 by id6",
                    x -> x.groupBy("id6").agg(col("v1").sum(), col("v2").sum(), col("v3").sum()),
                    "SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6"),
            new Question("q6", "median v3 sd v3 by id4 id5",
                    x -> x.groupBy("id4", "id5").agg(col("v3").median().alias("median_v3"),
                            col("v3").std().alias("sd_v3")),
                    "SELECT id4, id5, quantile_cont(v3, 0.5) AS median_v3, stddev(v3) AS sd_v3 FROM x GROUP BY id4, id5"),
            new Question("q7", "max v1 - min v2 by id3",
                    x -> x.groupBy("id3").agg(col("v1").max().sub(col("v2").min()).alias("range_v1_v2")),
                    "SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3"),
            new Question("q8", "largest two v3 by id6",
                    x -> x.filter(col("v3").isNotNull()).groupBy("id6")
                            .agg(col("v3").topK(2).alias("largest2_v3")).explode("largest2_v3"),
                    "SELECT id6, largest2_v3 FROM (SELECT id6, v3 AS largest2_v3, row_number() OVER (PARTITION BY id6 "
                            + "ORDER BY v3 DESC) AS order_v3 FROM x WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2",
                    // the rows ranked first and second by v3 in their group (the same rows unless v3 ties there)
                    x -> x.filter(col("v3").isNotNull())
                            .select(col("id6"), col("v3").alias("largest2_v3"),
                                    rank().over("id6").orderBy(SortKey.desc("v3")).alias("place"))
                            .filter(col("place").le(2)).select("id6", "largest2_v3")),
            new Question("q9", "regression v1 v2 by id2 id4",
                    x -> x.groupBy("id2", "id4").agg(corr(col("v1"), col("v2")).pow(2).alias("r2")),
                    "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4",
                    GroupByQuestions::squaredCorrelationFromSums),
            new Question("q10", "sum v3 count by id1:id6",
                    x -> x.groupBy("id1", "id2", "id3", "id4", "id5", "id6")
                            .agg(col("v3").sum(), len().alias("count")),
                    "SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM x "
                            + "GROUP BY id1, id2, id3, id4, id5, id6"));

    /**
     * q9 from sums: r² = cov² / (var(v1) var(v2)), each from the group's count and the sums of v1,
     * v2, their squares and their product (the n-scaled forms, whose scales cancel).
     */
    private static LazyFrame squaredCorrelationFromSums(LazyFrame x) {
        Expr n = len().cast(DataType.FLOAT64);
        Expr sx = col("v1").sum().cast(DataType.FLOAT64);
        Expr sy = col("v2").sum().cast(DataType.FLOAT64);
        Expr covariance = n.mul(col("xy").sum().cast(DataType.FLOAT64)).sub(sx.mul(sy));
        Expr varianceX = n.mul(col("xx").sum().cast(DataType.FLOAT64)).sub(sx.mul(sx));
        Expr varianceY = n.mul(col("yy").sum().cast(DataType.FLOAT64)).sub(sy.mul(sy));
        return x.withColumns(col("v1").mul(col("v2")).alias("xy"), col("v1").mul(col("v1")).alias("xx"),
                        col("v2").mul(col("v2")).alias("yy"))
                .groupBy("id2", "id4")
                .agg(covariance.mul(covariance).div(varianceX.mul(varianceY)).alias("r2"));
    }
}
