package dev.floe.bench.h2o;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.parquet.Parquet;
import dev.floe.parquet.ParquetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench parquet-write}: the h2o group-by table, read once into memory by each engine
 * from the same CSV file, written to a Snappy Parquet file by Floe ({@code Parquet.write}) and
 * by DuckDB ({@code COPY ... TO ... (FORMAT parquet)}), alternating, the same thread count;
 * medians of the runs. DuckDB then reads both files and checks that they hold the same rows.
 * Both copies of the table are in this JVM at once: meant for up to 1e7 rows or so.
 */
@Command(name = "parquet-write", mixinStandardHelpOptions = true,
        description = "Write the h2o group-by table (generated if missing) to Parquet with Floe and with DuckDB, "
                + "side by side.")
public final class ParquetWriteBench implements Callable<Integer> {
    @Option(names = "--rows", description = "Rows of the table, such as 1e7 (default: ${DEFAULT-VALUE}).")
    String rows = "1e7";

    @Option(names = "--runs", description = "Runs of each writer (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data and of the files written (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Medians and first runs of both writers, their files' sizes, and whether the files hold the same rows. */
    public record Result(double floe, double duckdb, double floeFirst, double duckdbFirst, long floeBytes,
            long duckdbBytes, long rows, boolean same) {}

    @Override
    public Integer call() throws Exception {
        int n = GenerateCommand.rows(rows);
        Path file = GroupByData.ensure(dir, n, 100, 0, false, spec.commandLine().getOut());
        Result result = measure(file, dir, threads, runs);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Parquet write of %s (%,d rows), Snappy, %d threads, medians of %d runs%n",
                file.getFileName(), result.rows(), threads, runs);
        out.printf(Locale.ROOT, "  %-34s %9.3f s (first run %.3f s), %,d bytes%n", "Floe Parquet.write",
                result.floe(), result.floeFirst(), result.floeBytes());
        out.printf(Locale.ROOT, "  %-34s %9.3f s (first run %.3f s), %,d bytes%n", "DuckDB COPY TO", result.duckdb(),
                result.duckdbFirst(), result.duckdbBytes());
        out.printf(Locale.ROOT, "  Floe / DuckDB: %.2fx (below 1: Floe is faster)%n", result.floe() / result.duckdb());
        if (!result.same()) {
            out.println("  THE FILES DIFFER: DuckDB reads other rows from Floe's file than from its own");
            return 1;
        }
        return 0;
    }

    /** Reads {@code csv} into both engines, then writes it {@code runs} times with each, alternating, into {@code dir}. */
    public static Result measure(Path csv, Path dir, int threads, int runs) throws SQLException, java.io.IOException {
        DataFrame frame = Floe.readCsv(csv, CsvOptions.defaults().withThreads(threads));
        Path floeFile = dir.resolve("written-by-floe.parquet");
        Path duckFile = dir.resolve("written-by-duckdb.parquet");
        double[] floe = new double[runs];
        double[] duck = new double[runs];
        ParquetOptions options = ParquetOptions.defaults().withThreads(threads);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            statement.execute("CREATE TABLE g AS SELECT * FROM " + H2oBench.readCsv(csv));
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                Parquet.write(frame, floeFile, options);
                floe[run] = (System.nanoTime() - start) / 1e9;
                dev.floe.bench.JitSettle.await();
                start = System.nanoTime();
                statement.execute("COPY g TO '" + quoted(duckFile) + "' (FORMAT parquet, COMPRESSION snappy)");
                duck[run] = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "run %d: Floe %.3f s, DuckDB %.3f s%n", run + 1, floe[run], duck[run]);
            }
            boolean same = sameRows(statement, floeFile, duckFile, frame.height());
            return new Result(CsvReadBench.median(floe), CsvReadBench.median(duck), floe[0], duck[0],
                    Files.size(floeFile), Files.size(duckFile), frame.height(), same);
        }
    }

    /** Whether DuckDB reads the same {@code rows} rows, as many times each, from both files. */
    static boolean sameRows(Statement statement, Path a, Path b, long rows) throws SQLException {
        try (ResultSet differ = statement.executeQuery("SELECT (SELECT count(*) FROM (SELECT * FROM '" + quoted(a)
                + "' EXCEPT ALL SELECT * FROM '" + quoted(b) + "')), (SELECT count(*) FROM (SELECT * FROM '" + quoted(b)
                + "' EXCEPT ALL SELECT * FROM '" + quoted(a) + "')), (SELECT count(*) FROM '" + quoted(a) + "')")) {
            differ.next();
            return differ.getLong(1) == 0 && differ.getLong(2) == 0 && differ.getLong(3) == rows;
        }
    }

    private static String quoted(Path file) {
        return file.toAbsolutePath().toString().replace("'", "''");
    }
}
