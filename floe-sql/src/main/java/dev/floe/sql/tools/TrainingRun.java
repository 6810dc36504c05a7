package dev.floe.sql.tools;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import dev.floe.sql.SqlContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The SQL part of the workload the {@code floe} launcher runs once per build to record the JVM's
 * ahead-of-time cache (the classes loaded and linked and the methods' profiles, JDK 25): a fact
 * table and three tables it refers to, queried with what analytical SQL commonly uses (joins of
 * several tables, filters on dates and text, group-bys, correlated and uncorrelated subqueries,
 * windows, set operations, a Parquet file written and read), with money as doubles and again as
 * decimals, the paths of larger-than-memory queries ({@link #SPILLING}), then the engine's own workload
 * ({@link dev.floe.frame.tools.TrainingRun}). Without it a query's first run in a fresh JVM
 * parsed, planned and joined with classes loaded on demand and methods no run had profiled yet.
 * Not a benchmark: nothing is timed or printed.
 */
public final class TrainingRun {
    private TrainingRun() {}

    /** The statements, over {@code fact}, {@code item}, {@code place} and {@code kind}; {@code {parquet}} is a Parquet file. */
    static final List<String> QUERIES = List.of(
            "SELECT flag, status, sum(qty) AS q, sum(price * (1 - discount)) AS net, avg(price), count(*) "
                    + "FROM fact WHERE day <= DATE '2024-12-01' - INTERVAL '30' DAY GROUP BY flag, status "
                    + "ORDER BY flag, status",
            "SELECT p.region, sum(f.price) AS total FROM fact f JOIN item i ON f.item = i.item "
                    + "JOIN place p ON f.place = p.place JOIN kind k ON i.kind = k.kind "
                    + "WHERE k.label = 'k3' AND f.day >= DATE '2023-01-01' AND f.day < DATE '2023-01-01' + INTERVAL '1' YEAR "
                    + "GROUP BY p.region ORDER BY total DESC",
            "SELECT f.id, f.price, i.name FROM fact f, item i, place p WHERE f.item = i.item AND f.place = p.place "
                    + "AND p.region = 'r2' AND i.name LIKE '%7%' ORDER BY f.price DESC, f.id LIMIT 10",
            "SELECT status, count(*) FROM fact f WHERE EXISTS (SELECT * FROM fact g WHERE g.item = f.item "
                    + "AND g.place <> f.place AND g.qty > f.qty) GROUP BY status ORDER BY status",
            "SELECT count(*) FROM item i WHERE NOT EXISTS (SELECT * FROM fact f WHERE f.item = i.item AND f.discount > 0.08)",
            "SELECT name FROM item WHERE item IN (SELECT item FROM fact WHERE qty > 45) "
                    + "AND kind NOT IN (SELECT kind FROM kind WHERE label = 'k1') ORDER BY name",
            "SELECT sum(price) / 7.0 FROM fact f WHERE qty < (SELECT 0.2 * avg(qty) FROM fact g WHERE g.item = f.item)",
            "SELECT item, sum(price * qty) AS value FROM fact GROUP BY item "
                    + "HAVING sum(price * qty) > (SELECT sum(price * qty) * 0.001 FROM fact) ORDER BY value DESC",
            "SELECT extract(year FROM day) AS y, substring(note FROM 1 FOR 3) AS s, count(DISTINCT item), "
                    + "sum(CASE WHEN flag = 'A' THEN price ELSE 0 END) FROM fact GROUP BY y, s ORDER BY y, s",
            "SELECT c, count(*) AS n FROM (SELECT i.item, count(f.id) AS c FROM item i LEFT JOIN fact f "
                    + "ON i.item = f.item AND f.note NOT LIKE '%x%' GROUP BY i.item) GROUP BY c ORDER BY n DESC, c DESC",
            "SELECT id, row_number() OVER (PARTITION BY place ORDER BY price DESC) AS r, "
                    + "sum(qty) OVER (PARTITION BY item) AS s FROM fact QUALIFY r <= 3",
            "WITH top AS (SELECT place, max(price) AS m FROM fact GROUP BY place) "
                    + "SELECT place, m FROM top WHERE m > 90 UNION ALL SELECT place, 0 FROM place WHERE region = 'r1'",
            "SELECT p.region, i.kind, count(*) FROM fact f JOIN place p USING (place) JOIN item i USING (item) "
                    + "WHERE f.day BETWEEN DATE '2023-03-01' AND DATE '2023-06-30' GROUP BY ALL ORDER BY ALL",
            "COPY (SELECT * FROM fact WHERE qty > 10) TO '{parquet}' (FORMAT parquet)",
            "SELECT status, sum(price), min(day), max(note) FROM '{parquet}' WHERE discount BETWEEN 0.02 AND 0.06 GROUP BY status",
            "SELECT sum(price * discount) FROM fact WHERE day >= DATE '2023-01-01' AND day < DATE '2024-01-01' "
                    + "AND discount BETWEEN 0.05 - 0.01 AND 0.05 + 0.01 AND qty < 24");

    /** The memory limit {@link #SPILLING} runs under (over the default {@code fact} table of 100,000 rows). */
    static final String SPILL_LIMIT = "4MB";

    /**
     * Statements run under a memory limit so small that every blocking operator spills (the paths
     * a larger-than-memory query takes: rows and groups written to spill files by partition,
     * aggregated a partition at a time, merged back in order; sorted runs merged; a join's
     * partitions), each answer written to a Parquet file as such queries write theirs, and the
     * file read back: {@code {out}} and {@code {other}} are two files.
     */
    static final List<String> SPILLING = List.of(
            "COPY (SELECT id, item, place, note, flag, sum(price) AS s, count(*) AS n FROM fact "
                    + "GROUP BY id, item, place, note, flag) TO '{out}' (FORMAT parquet)",
            "SELECT note, sum(s), max(n) FROM '{out}' GROUP BY note ORDER BY 2 DESC LIMIT 3",
            "COPY (SELECT * FROM '{out}' ORDER BY note, s) TO '{other}' (FORMAT parquet)",
            "SELECT flag, item, sum(s), avg(n) FROM '{other}' GROUP BY flag, item ORDER BY ALL LIMIT 5",
            "COPY (SELECT f.id, f.qty, g.note, g.s FROM fact f JOIN '{out}' g ON f.id = g.id) TO '{other}' "
                    + "(FORMAT parquet)",
            "SELECT count(*), count(DISTINCT note) FROM '{other}'");

    /** Makes {@code fact}'s money and quantities exact decimals, as TPC-H's schema has them. */
    static final String DECIMAL_MONEY = "CREATE OR REPLACE TABLE fact AS SELECT * REPLACE ("
            + "CAST(qty AS DECIMAL(15, 2)) AS qty, CAST(price AS DECIMAL(15, 2)) AS price, "
            + "CAST(discount AS DECIMAL(15, 2)) AS discount) FROM fact";

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("floe-sql-training");
        try {
            SqlContext context = context(rows, new SplittableRandom(11));
            String parquet = dir.resolve("fact.parquet").toString();
            // the queries over money as doubles, then as decimals (whose kernels are others)
            for (int round = 0; round < 4; round++) {
                if (round == 2) {
                    spilling(context, dir); // over money as doubles
                    context.sql(DECIMAL_MONEY);
                }
                for (String query : QUERIES) {
                    context.sql(query.replace("{parquet}", parquet));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        dev.floe.frame.tools.TrainingRun.main(args);
    }

    /** {@link #SPILLING}, twice, under {@link #SPILL_LIMIT}; the session's limit as it was after. */
    static void spilling(SqlContext context, Path dir) {
        long before = dev.floe.frame.Floe.session().memoryLimitBytes();
        context.sql("SET memory_limit = '" + SPILL_LIMIT + "'");
        try {
            for (int round = 0; round < 2; round++) {
                for (String query : SPILLING) {
                    context.sql(spillingFiles(query, dir));
                }
            }
        } finally {
            dev.floe.frame.Floe.session().memoryLimit(before);
        }
    }

    /** {@code statement} (one of {@link #SPILLING}) with its files in {@code dir}. */
    static String spillingFiles(String statement, Path dir) {
        return statement.replace("{out}", dir.resolve("groups.parquet").toString())
                .replace("{other}", dir.resolve("other.parquet").toString());
    }

    static SqlContext context(int rows, SplittableRandom random) {
        int items = Math.max(10, rows / 50);
        int places = Math.max(5, rows / 1000);
        long[] id = new long[rows];
        long[] item = new long[rows];
        long[] place = new long[rows];
        long[] qty = new long[rows];
        double[] price = new double[rows];
        double[] discount = new double[rows];
        LocalDate[] day = new LocalDate[rows];
        String[] flag = new String[rows];
        String[] status = new String[rows];
        String[] note = new String[rows];
        LocalDate start = LocalDate.of(2022, 1, 1);
        for (int r = 0; r < rows; r++) {
            id[r] = r;
            item[r] = random.nextInt(items);
            place[r] = random.nextInt(places);
            qty[r] = 1 + random.nextInt(50);
            price[r] = random.nextInt(10_000) / 100.0;
            discount[r] = random.nextInt(11) / 100.0;
            day[r] = start.plusDays(random.nextInt(1_000));
            flag[r] = random.nextBoolean() ? "A" : "R";
            status[r] = random.nextInt(3) == 0 ? "O" : "F";
            note[r] = "n" + Long.toString(random.nextLong(1L << 40), 36);
        }
        long[] itemKey = new long[items];
        long[] itemKind = new long[items];
        String[] name = new String[items];
        for (int i = 0; i < items; i++) {
            itemKey[i] = i;
            itemKind[i] = random.nextInt(5);
            name[i] = "item " + i;
        }
        long[] placeKey = new long[places];
        String[] region = new String[places];
        for (int p = 0; p < places; p++) {
            placeKey[p] = p;
            region[p] = "r" + random.nextInt(4);
        }
        SqlContext context = new SqlContext();
        context.register("fact", DataFrame.of(Series.of("id", id), Series.of("item", item), Series.of("place", place),
                Series.of("qty", qty), Series.of("price", price), Series.of("discount", discount),
                Series.of("day", List.of(day)), Series.of("flag", flag), Series.of("status", status), Series.of("note", note)));
        context.register("item", DataFrame.of(Series.of("item", itemKey), Series.of("kind", itemKind),
                Series.of("name", name)));
        context.register("place", DataFrame.of(Series.of("place", placeKey), Series.of("region", region)));
        context.register("kind", DataFrame.of(Series.of("kind", new long[] {0, 1, 2, 3, 4}),
                Series.of("label", new String[] {"k0", "k1", "k2", "k3", "k4"})));
        return context;
    }
}
