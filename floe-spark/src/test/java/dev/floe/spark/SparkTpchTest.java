package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.bench.tpch.TpchData;
import dev.floe.bench.tpch.TpchQueries;
import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.sql.SqlContext;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries as the specification writes them, over its exact money
 * ({@code DECIMAL(15, 2)}), on Spark and on the local engine: the same answers, every decimal to
 * the last digit (the local engine's are checked against DuckDB's in floe-bench).
 */
class SparkTpchTest {
    private static final double SCALE = 0.01;
    private static SparkEngine spark;
    private static Map<String, DataFrame> tables;

    @BeforeAll
    static void start() {
        spark = SparkEngine.local(2);
        tables = TpchData.generate(SCALE, true);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    static IntStream queries() {
        return IntStream.rangeClosed(1, TpchQueries.COUNT);
    }

    /** The answering statement's plan, its views created first. */
    private static LazyFrame plan(int q) {
        SqlContext sql = new SqlContext();
        tables.forEach(sql::register);
        List<String> statements = TpchQueries.statements(q);
        int answering = TpchQueries.answering(statements);
        for (int i = 0; i < answering; i++) {
            sql.sql(statements.get(i));
        }
        return sql.plan(statements.get(answering));
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersOverDecimalMoneyAsTheLocalEngine(int q) {
        DataFrame local = plan(q).collect();
        assertThat(local.height()).as("Q%d's answer", q).isPositive();
        SameRows.assertSame("Q" + q, local, plan(q).collect(spark), true);
    }

    @Test
    void thePricingSummaryIsSparksOwnDecimalArithmetic() {
        // Q1: sums of price * (1 - discount) * (1 + tax), means of decimals, all in Spark's operators
        String explained = spark.explain(plan(1).plan());
        assertThat(explained).doesNotContain("Floe computes").doesNotContain("Floe groups by").contains("as decimal(38,2))");
        DataFrame answer = plan(1).collect(spark);
        assertThat(answer.schema().type("sum_charge").isDecimal()).isTrue();
    }
}
