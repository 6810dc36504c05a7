package dev.floe.bench.h2o;

import static dev.floe.frame.expr.Exprs.col;

import dev.floe.bench.h2o.JoinData.Tables;
import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.plan.JoinType;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The five join questions of the h2o db-benchmark: in Floe, and as the benchmark asks DuckDB
 * (tables {@code x}, {@code small}, {@code medium}, {@code big}). Each answer has x's columns,
 * then the right table's other columns, renamed after the table where x has the name.
 */
public final class JoinQuestions {
    private JoinQuestions() {}

    /**
     * A question: its number, what it asks, Floe's query as a plan over the four tables (for any
     * engine), DuckDB's SQL.
     */
    public record Question(String name, String description, Function<Inputs, LazyFrame> plan, String sql) {
        /** Floe's query over frames, on the local engine. */
        public BiFunction<Tables, ExecutionConfig, DataFrame> floe() {
            return (t, config) -> plan.apply(new Inputs(t.x().lazy(), t.small().lazy(), t.medium().lazy(), t.big().lazy()))
                    .collect(config);
        }
    }

    /** The four tables as the inputs of a plan: frames, or scans of their files. */
    public record Inputs(LazyFrame x, LazyFrame small, LazyFrame medium, LazyFrame big) {}

    public static final List<Question> ALL = List.of(
            new Question("q1", "small inner on int",
                    t -> t.x().join(right(t.small(), "small", "id1", "id4"), JoinType.INNER, "id1"),
                    "SELECT x.*, small.id4 AS small_id4, v2 FROM x JOIN small USING (id1)"),
            new Question("q2", "medium inner on int",
                    t -> t.x().join(right(t.medium(), "medium", "id2", "id1", "id4", "id5"),
                            JoinType.INNER, "id2"),
                    "SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 "
                            + "FROM x JOIN medium USING (id2)"),
            new Question("q3", "medium outer on int",
                    t -> t.x().join(right(t.medium(), "medium", "id2", "id1", "id4", "id5"),
                            JoinType.LEFT, "id2"),
                    "SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 "
                            + "FROM x LEFT JOIN medium USING (id2)"),
            new Question("q4", "medium inner on factor",
                    t -> t.x().join(right(t.medium(), "medium", "id5", "id1", "id2", "id4"),
                            JoinType.INNER, "id5"),
                    "SELECT x.*, medium.id1 AS medium_id1, medium.id2 AS medium_id2, medium.id4 AS medium_id4, v2 "
                            + "FROM x JOIN medium USING (id5)"),
            new Question("q5", "big inner on int",
                    t -> t.x().join(right(t.big(), "big", "id3", "id1", "id2", "id4", "id5", "id6"),
                            JoinType.INNER, "id3"),
                    "SELECT x.*, big.id1 AS big_id1, big.id2 AS big_id2, big.id4 AS big_id4, big.id5 AS big_id5, "
                            + "big.id6 AS big_id6, v2 FROM x JOIN big USING (id3)"));

    /** The right side of a question: its key, the columns it brings renamed {@code <table>_<name>}, and v2. */
    private static LazyFrame right(LazyFrame table, String name, String key, String... brought) {
        List<dev.floe.frame.expr.Expr> columns = new java.util.ArrayList<>();
        columns.add(col(key));
        for (String column : brought) {
            columns.add(col(column).alias(name + "_" + column));
        }
        columns.add(col("v2"));
        return table.select(columns);
    }
}
