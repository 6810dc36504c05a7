package dev.floe.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workload the {@code floe} launcher runs once per build to record the {@code floe} command's
 * ahead-of-time cache: the command line itself (help, every command, each output format, the
 * errors a typo gives), then the general workload of SQL and of the engine
 * ({@link dev.floe.sql.tools.TrainingRun}). A cache recorded from the engine's workload alone
 * left out the command-line classes, so {@code floe --help} started slower with it than without.
 * Not a benchmark: nothing is timed, and what the commands print is thrown away.
 */
public final class TrainingRun {
    private TrainingRun() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("floe-cli-training");
        try {
            commands(dir);
            dev.floe.sql.tools.TrainingRun.main(args);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    static void commands(Path dir) throws IOException {
        Path csv = dir.resolve("t.csv");
        StringBuilder text = new StringBuilder("k,g,v,w,d\n");
        for (int r = 0; r < 2_000; r++) {
            text.append("k").append(r % 13).append(',').append(r % 7).append(',').append(r).append(',')
                    .append(r * 0.25).append(",2026-0").append(1 + r % 9).append("-1").append(r % 10).append('\n');
        }
        Files.writeString(csv, text);
        String t = "'" + csv + "'";
        String parquet = dir.resolve("t.parquet").toString();
        record Line(int exitCode, String... args) {}
        List<Line> lines = List.of(
                new Line(0, "--help"),
                new Line(0, "--version"),
                new Line(0, "sql", "--help"),
                new Line(0, "help", "convert"),
                new Line(0, "sql", "SELECT 1"),
                new Line(1, "sql", "SELECT 1 +"),
                new Line(2, "sql", "--no-such-option"),
                new Line(0, "sql", "SELECT k, sum(v) AS s, avg(w), count(*) FROM " + t + " GROUP BY k ORDER BY s DESC"),
                new Line(0, "sql", "--format", "csv", "SELECT * FROM " + t + " WHERE g = 3 LIMIT 20"),
                new Line(0, "sql", "--format", "json", "SELECT g, max(d) FROM " + t + " GROUP BY ALL"),
                new Line(0, "sql", "--format", "jsonl", "SELECT k, v FROM " + t + " ORDER BY v LIMIT 5"),
                new Line(0, "sql", "SELECT a.k, count(*) FROM " + t + " a JOIN " + t + " b ON a.v = b.v GROUP BY 1"),
                new Line(0, "sql", "--timing", "SELECT v, sum(w) OVER (PARTITION BY k ORDER BY v) FROM " + t),
                new Line(0, "explain", "SELECT k, sum(v) FROM " + t + " WHERE g > 2 GROUP BY k"),
                new Line(0, "head", csv.toString()),
                new Line(0, "schema", csv.toString()),
                new Line(0, "describe", csv.toString()),
                new Line(0, "convert", csv.toString(), parquet),
                new Line(0, "head", parquet),
                new Line(0, "sql", "SELECT g, count(*) FROM '" + parquet + "' GROUP BY g"),
                new Line(1, "head", dir.resolve("missing.csv").toString()));
        PrintWriter nowhere = new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
        for (Line line : lines) {
            int code = Main.run(nowhere, nowhere, line.args());
            if (code != line.exitCode()) {
                // the launcher then starts without a cache; TrainingRunTest says which line
                throw new IllegalStateException("floe " + String.join(" ", line.args()) + " exited with " + code
                        + ", not " + line.exitCode());
            }
        }
    }
}
