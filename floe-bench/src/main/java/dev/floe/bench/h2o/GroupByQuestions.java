package dev.floe.bench.h2o;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.corr;
import static dev.floe.frame.expr.Exprs.len;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.exec.ExecutionConfig;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The ten group-by questions of the h2o db-benchmark: in Floe, and as the benchmark asks DuckDB. */
public final class GroupByQuestions {
    private GroupByQuestions() {}

    /**
     * A question: its number, what it asks, Floe's query as a plan over table {@code x} (for any
     * engine), DuckDB's SQL over table {@code x}.
     */
    public record Question(String name, String description, Function<LazyFrame, LazyFrame> plan, String sql) {
        /** Floe's query over a frame, on the local engine. */
        public BiFunction<DataFrame, ExecutionConfig, DataFrame> floe() {
            return (x, config) -> plan.apply(x.lazy()).collect(config);
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
                            + "ORDER BY v3 DESC) AS order_v3 FROM x WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2"),
            new Question("q9", "regression v1 v2 by id2 id4",
                    x -> x.groupBy("id2", "id4").agg(corr(col("v1"), col("v2")).pow(2).alias("r2")),
                    "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4"),
            new Question("q10", "sum v3 count by id1:id6",
                    x -> x.groupBy("id1", "id2", "id3", "id4", "id5", "id6")
                            .agg(col("v3").sum(), len().alias("count")),
                    "SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM x "
                            + "GROUP BY id1, id2, id3, id4, id5, id6"));
}
