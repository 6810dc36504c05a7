package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.spark.SparkEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * floe-sql's random queries ({@link RandomQueries}: every statement shape the translator takes,
 * over tables with integer extremes, NaN, infinities, empty text and nulls) asked of Spark and of
 * the local engine: the same rows (in order where the query orders them), or a failure on both.
 * One difference is Spark's by design and counted apart: a value out of range in a part of the
 * query Spark's optimizer never evaluates (a conjunct after one that is false, a branch not
 * taken) fails the query locally, where Floe computes every part for every row, and not on Spark.
 * {@code -Dfloe.spark.queries=N} asks N queries (default 150), {@code -Dfloe.spark.seed=S} changes
 * the seed.
 */
class SparkRandomQueriesTest {
    private static SparkEngine spark;

    @BeforeAll
    static void start() {
        spark = SparkEngine.local(2);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void numbersWrittenWithAPointAndDecimalValuesAnswerOnSparkAsLocally() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE t AS SELECT * FROM (VALUES (1, 1.5::DOUBLE, 9007199254740993::BIGINT, 12.345::DECIMAL(10, 3)), "
                + "(2, 0.25::DOUBLE, 3::BIGINT, -0.005::DECIMAL(10, 3)), (3, -2.5::DOUBLE, -7::BIGINT, NULL)) v(i, d, b, m)");
        // DECIMAL constants: against a DOUBLE as doubles, against integers exactly (every digit)
        String query = "SELECT i, d > 0.5 AS a, i > 1.5 AS b, d * 1.5 AS c, i IN (1.5, 2.0) AS e, "
                + "b > 9007199254740992.5 AS f, CASE WHEN i > 1 THEN 0.5 ELSE d END AS g, "
                + "count(*) FILTER (WHERE d BETWEEN 0.2 AND 1.49) OVER () AS h FROM t ORDER BY i";
        DataFrame local = sql.plan(query).collect();
        assertThat(local.column("f").toList()).containsExactly(true, false, false);
        dev.floe.spark.SameRows.assertSame(query, local, sql.plan(query).collect(spark), true);
        // decimal values: products, sums, remainders, casts both ways, rounding, CASE, comparisons across
        // scales, a double cast to a decimal (computed by Floe in the executors), aggregations and windows
        String decimals = "SELECT i, i * 1.5 AS x, m * m AS mm, m + 0.0005 AS s, m - i AS di, m % 0.007 AS r, "
                + "CAST(m AS DECIMAL(4, 1)) AS narrow, CAST(m AS INTEGER) AS whole, CAST(m AS DOUBLE) AS dbl, "
                + "round(m, 2) AS r2, floor(m) AS fl, ceil(m) AS ce, -m AS neg, abs(m) AS ab, "
                + "CASE WHEN i > 1 THEN 0.5 ELSE 1.25 END AS k, m > 12.3449 AS gt, m = 12.345000 AS eq, "
                + "CAST(d AS DECIMAL(6, 2)) AS fromd, m / 4 AS q, sum(m) OVER (ORDER BY i) AS running FROM t ORDER BY i";
        DataFrame decimalAnswers = sql.plan(decimals).collect();
        assertThat(decimalAnswers.column("mm").get(0)).isEqualTo(new java.math.BigDecimal("152.399025"));
        dev.floe.spark.SameRows.assertSame(decimals, decimalAnswers, sql.plan(decimals).collect(spark), true);
        // all of it Spark's own arithmetic, nothing computed by Floe in the executors
        String inSpark = "SELECT i, m * m AS mm, m + 0.0005 AS s, m % 0.007 AS r, CAST(m AS INTEGER) AS w, "
                + "round(m, 2) AS r2, m > 12.3449 AS gt, sum(m) OVER (ORDER BY i) AS running, avg(m) OVER () AS mean FROM t";
        String explained = spark.explain(sql.plan(inSpark).plan());
        assertThat(explained).doesNotContain("Floe computes").contains("decimal(38,3)");
        String grouped = "SELECT i % 2 AS g, sum(m) AS s, avg(m) AS a, min(m) AS lo, max(m) AS hi, count(m) AS n, "
                + "sum(m * 2) AS twice, median(m) AS med, stddev_samp(m) AS sd FROM t GROUP BY i % 2 ORDER BY g";
        dev.floe.spark.SameRows.assertSame(grouped, sql.plan(grouped).collect(), sql.plan(grouped).collect(spark), true);
        assertThat(spark.explain(sql.plan(grouped).plan())).doesNotContain("Floe groups by");
        // every aggregate Spark's own: a median of decimals is a decimal, as DuckDB's, interpolated between the
        // group's sorted values as Floe does it (the part between them truncated)
        assertThat(spark.explain(sql.plan(grouped).plan())).doesNotContain("Floe computes");
        // past a decimal's digits: both fail, naming the overflow
        String overflow = "SELECT CAST(99999999999999999999999999999999999.999 AS DECIMAL(38, 3)) * 1000 AS x FROM t";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.plan(overflow).collect())
                .isInstanceOf(FloeException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.plan(overflow).collect(spark))
                .isInstanceOf(FloeException.class);
    }

    @Test
    void decimalsAtTheirEdgesAnswerOrFailOnSparkAsLocally() {
        SqlContext sql = new SqlContext();
        String nines = "9".repeat(38);
        sql.sql("CREATE TABLE t AS SELECT * FROM (VALUES "
                + "(1, CAST('" + nines + "' AS DECIMAL(38, 0)), CAST('" + nines.substring(10) + "." + nines.substring(28)
                + "' AS DECIMAL(38, 10)), CAST('9999999999999999.99' AS DECIMAL(18, 2)), CAST('-0.0000000001' AS DECIMAL(38, 10))), "
                + "(2, CAST('-" + nines + "' AS DECIMAL(38, 0)), CAST('-1.5' AS DECIMAL(38, 10)), CAST('-0.01' AS DECIMAL(18, 2)), "
                + "CAST('123456789.0123456789' AS DECIMAL(38, 10)))) v(i, a, b, c, e)");
        // 38 digits that do not round to a power of ten: Spark's own negation would keep 34 of them
        String digits = "12345678901234567890123456789012345678";
        sql.sql("CREATE TABLE w AS SELECT * FROM (VALUES (CAST('" + digits + "' AS DECIMAL(38, 0))), "
                + "(CAST('-98765432109876543210987654321098765432' AS DECIMAL(38, 0)))) v(f)");
        String negated = "SELECT f, -f AS neg, abs(-f) AS ab, abs(f) AS ab2, 0 - f AS z, -CAST(f AS HUGEINT) AS h, "
                + "abs(CAST(f AS HUGEINT)) AS ah, CAST(f AS HUGEINT) * 1 AS h1, CAST(f AS HUGEINT) - 1 AS h2 FROM w";
        dev.floe.spark.SameRows.assertSame(negated, sql.plan(negated).collect(), sql.plan(negated).collect(spark), false);
        assertThat(sql.plan(negated).collect(spark).column("neg").toList()).contains(new java.math.BigDecimal("-" + digits));
        List<String> queries = List.of("SELECT i, a - a AS z, b * 1 AS same, -b AS neg, abs(a) AS ab, b % 0.3 AS r, "
                        + "round(b, 3) AS rb, CAST(b AS DECIMAL(38, 2)) AS b2, CAST(a AS DOUBLE) AS ad, b > c AS gt, "
                        + "e * e AS ee, c + c AS cc, floor(e) AS fe, ceil(e) AS ce, CAST(e AS BIGINT) AS whole FROM t ORDER BY i",
                "SELECT sum(b) AS s, sum(c) AS sc, avg(e) AS m, min(a) AS lo, max(b) AS hi, sum(e * 10) AS se FROM t",
                "SELECT i, sum(c) OVER (ORDER BY i) AS running FROM t ORDER BY i");
        for (String query : queries) {
            dev.floe.spark.SameRows.assertSame(query, sql.plan(query).collect(), sql.plan(query).collect(spark), true);
        }
        // past 38 digits, or past the 18 of a product of two narrow decimals: both fail
        for (String failing : List.of("SELECT a + 1 AS x FROM t", "SELECT c * c AS x FROM t", "SELECT sum(abs(a)) AS x FROM t",
                "SELECT b * 10 AS x FROM t WHERE i = 1", "SELECT CAST(a AS DECIMAL(37, 0)) AS x FROM t",
                // compared in DECIMAL(38, 10), which a 38-digit whole number does not fit
                "SELECT a > b AS x FROM t")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.plan(failing).collect())
                    .as(failing).isInstanceOf(FloeException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.plan(failing).collect(spark))
                    .as(failing + " on Spark").isInstanceOf(FloeException.class);
        }
    }

    @Test
    void aScalarSubqueryOfSeveralRowsFailsOnSparkAsLocally() {
        SqlContext sql = new SqlContext();
        sql.sql("CREATE TABLE t AS SELECT * FROM (VALUES (1), (2), (3)) v(i)");
        sql.sql("CREATE TABLE e AS SELECT * FROM t WHERE i > 5");
        for (String failing : List.of("SELECT i FROM t WHERE i < (SELECT i FROM t)",
                "SELECT i, (SELECT i FROM t) AS x FROM t")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.plan(failing).collect())
                    .hasMessageContaining("more than one row");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.plan(failing).collect(spark))
                    .hasMessageContaining("more than one row");
        }
        // no outer row needs the value: both answer
        String unneeded = "SELECT i FROM e WHERE i < (SELECT i FROM t)";
        assertThat(sql.plan(unneeded).collect().height()).isZero();
        assertThat(sql.plan(unneeded).collect(spark).height()).isZero();
    }

    /**
     * Whether Spark's out-of-range failure names a value the query writes as a constant, cast in the
     * query to a decimal type that truly cannot hold it (the local engine refuses that cast too).
     */
    private static boolean constantOutOfRange(String message, String sql) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile(
                "\\]\\s+(\\S+) cannot be represented as Decimal\\((\\d+), (\\d+)\\)").matcher(message == null ? "" : message);
        if (!value.find() || !sql.contains("'" + value.group(1) + "'")) {
            return false;
        }
        String type = "DECIMAL(" + value.group(2) + ", " + value.group(3) + ")";
        if (!sql.contains(" AS " + type + ")")) {
            return false;
        }
        try {
            new SqlContext().sql("SELECT CAST('" + value.group(1) + "' AS " + type + ") AS x");
            return false; // it fits: Spark's failure is not the constant's
        } catch (FloeException refused) {
            return true;
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES) // for -Dfloe.spark.queries
    void sparkAnswersRandomQueriesAsTheLocalEngineDoes() {
        int count = Integer.getInteger("floe.spark.queries", 150);
        Random random = new Random(Long.getLong("floe.spark.seed", 71));
        // decimals of random digits among the expressions, as asked of DuckDB
        RandomQueries queries = new RandomQueries(random, true);
        List<String> differences = new ArrayList<>();
        List<String> notComputed = new ArrayList<>();
        List<String> onlyOnSpark = new ArrayList<>();
        int answered = 0;
        int failedAlike = 0;
        SqlContext sql = null;
        for (int q = 0; q < count; q++) {
            if (q % 25 == 0) {
                sql = new SqlContext();
                for (RandomTable table : List.of(RandomTable.generate("t0", random, 40), RandomTable.generate("t1", random, 40),
                        RandomTable.generate("t2", random, 12))) {
                    sql.register(table.name(), table.frame());
                }
            }
            RandomQueries.Query query = queries.next();
            LazyFrame plan;
            DataFrame local;
            try {
                plan = sql.plan(query.sql());
                local = plan.collect();
            } catch (FloeException | IllegalArgumentException e) {
                // the local engine refuses or fails it: Spark must fail too (or never get the plan)
                try {
                    LazyFrame again = sql.plan(query.sql());
                    again.collect(spark);
                    if (e instanceof dev.floe.frame.OutOfRangeException) {
                        // a value out of range in a part Spark's optimizer never evaluated (docs/spark.md)
                        notComputed.add(query.sql() + "\n  " + e.getMessage());
                    } else {
                        differences.add(query.sql() + "\n  local failed (" + e.getMessage() + "), Spark answered");
                    }
                } catch (FloeException | IllegalArgumentException expected) {
                    failedAlike++;
                }
                continue;
            }
            DataFrame onSpark;
            try {
                onSpark = plan.collect(spark);
            } catch (RuntimeException e) {
                if (e instanceof dev.floe.frame.OutOfRangeException && constantOutOfRange(e.getMessage(), query.sql())) {
                    // Spark's optimizer folds a constant (CAST('99366.07' AS DECIMAL(7, 2))) the local engine
                    // never computed: it is in a part of a condition no row reached (docs/spark.md)
                    onlyOnSpark.add(query.sql() + "\n  " + e.getMessage());
                    continue;
                }
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                differences.add(query.sql() + "\n  Spark failed: " + trace.toString().lines().limit(40)
                        .collect(java.util.stream.Collectors.joining("\n    ")));
                continue;
            }
            try {
                dev.floe.spark.SameRows.assertSame(query.sql(), local, onSpark, query.ordered());
                answered++;
            } catch (AssertionError e) {
                differences.add(query.sql() + "\n  " + e.getMessage());
            }
        }
        System.out.printf("spark random queries: %d asked, %d answered alike, %d failed alike, %d out of range only "
                + "locally, %d a constant out of range only on Spark, %d differently%n", count, answered, failedAlike,
                notComputed.size(), onlyOnSpark.size(), differences.size());
        notComputed.forEach(query -> System.out.println("out of range only locally: " + query));
        onlyOnSpark.forEach(query -> System.out.println("a constant out of range only on Spark: " + query));
        assertThat(differences).as("queries whose answers differ").isEmpty();
    }
}
