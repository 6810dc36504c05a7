package dev.floe.bench.windows;

import dev.floe.frame.DataFrame;
import dev.floe.sql.SqlContext;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench windows}: window frames (ROWS, RANGE, GROUPS, EXCLUDE) in Floe's SQL against
 * DuckDB in the same JVM and run, on the same table (written once as Parquet, then loaded into
 * memory by each; loading is not timed), with the same thread count. Each query sums its window
 * column, so only the windows are timed; the two sums are compared.
 */
@Command(name = "windows", mixinStandardHelpOptions = true,
        description = "Window frames and histograms in Floe's SQL against DuckDB, same data, same run.")
public final class WindowBench implements Callable<Integer> {
    @Option(names = "--rows", description = "Rows of the table (default: ${DEFAULT-VALUE}).")
    long rows = 10_000_000;

    @Option(names = "--runs", description = "Runs of each query on each engine (default: ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The questions: each a window over 10,000 partitions of the table, summed; then a histogram (a
     * map of each value to its count) per partition, of whole numbers and of text, its entries counted.
     */
    static final List<String> QUERIES = List.of(
            "SELECT sum(x) FROM (SELECT sum(v) OVER (PARTITION BY k ORDER BY t ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)"
                    + " AS x FROM w)",
            "SELECT sum(x) FROM (SELECT avg(v) OVER (PARTITION BY k ORDER BY t RANGE BETWEEN 50000 PRECEDING AND "
                    + "CURRENT ROW) AS x FROM w)",
            "SELECT sum(x) FROM (SELECT min(v) OVER (PARTITION BY k ORDER BY t ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING)"
                    + " AS x FROM w)",
            "SELECT sum(x) FROM (SELECT count(*) OVER (PARTITION BY k ORDER BY t GROUPS BETWEEN 3 PRECEDING AND "
                    + "3 FOLLOWING EXCLUDE CURRENT ROW) AS x FROM w)",
            "SELECT sum(cardinality(h)) FROM (SELECT k, histogram(t % 997) AS h FROM w GROUP BY k)",
            "SELECT sum(cardinality(h)) FROM (SELECT k, histogram(s) AS h FROM (SELECT k, 'v' || (t % 997) AS s FROM w) "
                    + "GROUP BY k)");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        Path file = dir.resolve("windows-" + rows + ".parquet").toAbsolutePath();
        boolean agree = true;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                s.execute("SET threads = " + threads);
                if (!Files.exists(file)) {
                    out.printf(Locale.ROOT, "writing %s ...%n", file);
                    out.flush();
                    s.execute("COPY (SELECT (i * 7919) % 10000 AS k, i AS t, ((i * 2654435761) % 1000003) / 1000.0 AS v "
                            + "FROM range(" + rows + ") r(i)) TO '" + file + "' (FORMAT PARQUET)");
                }
                s.execute("CREATE TABLE w AS SELECT * FROM '" + file + "'");
            }
            SqlContext floe = new SqlContext();
            floe.sql("SET threads = " + threads);
            floe.sql("CREATE TABLE w AS SELECT * FROM '" + file + "'");
            out.printf(Locale.ROOT, "Window frames and histograms over %,d rows in 10,000 partitions, %d threads, %d runs "
                    + "each (medians; first runs apart)%n", rows, threads, runs);
            for (String query : QUERIES) {
                double[] floeTimes = new double[runs];
                double[] duckTimes = new double[runs];
                double floeAnswer = Double.NaN;
                double duckAnswer = Double.NaN;
                for (int r = 0; r < runs; r++) {
                    long start = System.nanoTime();
                    DataFrame answer = floe.sql(query);
                    floeTimes[r] = (System.nanoTime() - start) / 1e9;
                    floeAnswer = ((Number) answer.get(0, answer.schema().names().get(0))).doubleValue();
                    dev.floe.bench.JitSettle.await();
                    start = System.nanoTime();
                    try (Statement s = duck.createStatement(); ResultSet result = s.executeQuery(query)) {
                        result.next();
                        duckAnswer = result.getDouble(1);
                    }
                    duckTimes[r] = (System.nanoTime() - start) / 1e9;
                }
                boolean same = Math.abs(floeAnswer - duckAnswer) <= 1e-9 * Math.max(1, Math.abs(duckAnswer));
                agree &= same;
                double floeMedian = median(floeTimes);
                double duckMedian = median(duckTimes);
                out.printf(Locale.ROOT, "%s%n  Floe first %.3f s, median %.3f s | DuckDB first %.3f s, median %.3f s | "
                        + "Floe/DuckDB %.2fx | answers %s%n", query, floeTimes[0], floeMedian, duckTimes[0], duckMedian,
                        floeMedian / duckMedian, same ? "agree" : "DIFFER (" + floeAnswer + " vs " + duckAnswer + ")");
                out.flush();
            }
        }
        return agree ? 0 : 1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
