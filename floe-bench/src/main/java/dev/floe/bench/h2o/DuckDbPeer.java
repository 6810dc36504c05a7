package dev.floe.bench.h2o;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DuckDB's side of {@code floe bench h2o} and {@code floe bench join} in a process of its own:
 * it loads the tables, runs each question twice and reports the times and a fingerprint of each
 * answer (rows, columns, the sum of every numeric column), then exits, so DuckDB's copy of the
 * data is gone before Floe loads its own. At 1e8 rows the two copies and DuckDB's working memory
 * do not fit in one machine of 24 GB at once.
 *
 * <p>The parent starts it with {@link #run} and reads one line per table load and per question
 * from its standard output, fields separated by tabs:
 * {@code load <seconds> <bytes>} and
 * {@code answer <question> <first run s> <second run s> <rows> <columns> [<column>:<sum>]...}.
 */
public final class DuckDbPeer {
    private DuckDbPeer() {}

    /** The questions of one benchmark, as DuckDB is asked them: name and SQL, in order. */
    enum Kind {
        H2O, JOIN;

        Map<String, String> questions() {
            Map<String, String> sql = new LinkedHashMap<>();
            if (this == H2O) {
                GroupByQuestions.ALL.forEach(q -> sql.put(q.name(), q.sql()));
            } else {
                JoinQuestions.ALL.forEach(q -> sql.put(q.name(), q.sql()));
            }
            return sql;
        }

        /** The tables the questions read, in the order their files are given. */
        List<String> tables() {
            return this == H2O ? List.of("x") : List.of("x", "small", "medium", "big");
        }
    }

    /** What DuckDB answered to one question: its two times, and the answer's fingerprint. */
    record Answer(String question, double[] times, long rows, int columns, Map<String, Double> sums) {}

    /** What the peer reported: the load time, DuckDB's memory after loading, and each answer. */
    record Report(double loadSeconds, long bytes, Map<String, Answer> answers) {}

    /**
     * Runs DuckDB's side in a new JVM (this one's class path and {@code java}), waits for it and
     * returns its report; its error output goes to this process's.
     */
    static Report run(Kind kind, List<Path> files, int threads, List<String> only) throws IOException {
        return run(kind, files, threads, only, 0);
    }

    /**
     * {@link #run(Kind, List, int, List)} with DuckDB's {@code memory_limit} at {@code memoryLimit}
     * bytes (0: DuckDB's default): then the files are Parquet, read where they lie (views, not
     * tables), and each answer is written to a Parquet file (an answer may be larger than the
     * limit), its fingerprint read back from the file.
     */
    static Report run(Kind kind, List<Path> files, int threads, List<String> only, long memoryLimit)
            throws IOException {
        List<String> args = new ArrayList<>();
        args.add(kind.name());
        args.add(Integer.toString(threads));
        args.add(only == null ? "" : String.join(",", only));
        args.add(Long.toString(memoryLimit));
        for (Path file : files) {
            args.add(file.toAbsolutePath().toString());
        }
        return parse(inProcess(DuckDbPeer.class, args));
    }

    /**
     * Runs {@code main}'s {@code main(args)} in a new JVM (this one's class path and {@code java},
     * a small heap: DuckDB's memory is its own), waits for it and returns the lines it wrote to
     * its standard output; its error output goes to this process's.
     */
    static List<String> inProcess(Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        // the JVM holds nothing but what DuckDB reports
        command.add("-Xmx512m");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while DuckDB's process ran", e);
        }
        if (exit != 0) {
            throw new IOException("DuckDB's process ended with exit code " + exit + " (its errors are above)");
        }
        return lines;
    }

    /** The report in the lines the peer wrote. */
    static Report parse(List<String> lines) {
        double load = 0;
        long bytes = 0;
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "load" -> {
                    load += Double.parseDouble(f[1]);
                    bytes = Long.parseLong(f[2]);
                }
                case "answer" -> {
                    Map<String, Double> sums = new LinkedHashMap<>();
                    for (int i = 6; i < f.length; i++) {
                        int colon = f[i].lastIndexOf(':');
                        sums.put(f[i].substring(0, colon), Double.parseDouble(f[i].substring(colon + 1)));
                    }
                    answers.put(f[1], new Answer(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])},
                            Long.parseLong(f[4]), Integer.parseInt(f[5]), sums));
                }
                default -> throw new IllegalStateException("DuckDB's process wrote an unexpected line: " + line);
            }
        }
        return new Report(load, bytes, answers);
    }

    /**
     * Null when Floe's answer has the peer's row count, column count and numeric column sums
     * (relative 1e-6, NaN counted as 0); else what differs.
     */
    static String compare(dev.floe.frame.DataFrame answer, Answer peer) {
        return compare(Fingerprint.of(answer.lazy()), peer);
    }

    /** {@link #compare(dev.floe.frame.DataFrame, Answer)} of an answer's fingerprint. */
    static String compare(Fingerprint answer, Answer peer) {
        if (answer.rows() != peer.rows()) {
            return "rows " + answer.rows() + " vs " + peer.rows();
        }
        if (answer.columns().size() != peer.columns()) {
            return "columns " + answer.columns() + " vs " + peer.columns();
        }
        for (Map.Entry<String, Double> sum : answer.sums().entrySet()) {
            Double duck = peer.sums().get(sum.getKey());
            if (duck == null) {
                return "column " + sum.getKey() + " is numeric in Floe's answer, not in DuckDB's";
            }
            double floe = sum.getValue();
            if (Math.abs(floe - duck) > 1e-6 * Math.max(1, Math.abs(duck))) {
                return "sum of " + sum.getKey() + " " + floe + " vs " + duck;
            }
        }
        return null;
    }

    /**
     * What Floe's answer is checked by: its rows, its columns, and the sum of each numeric column
     * (NaN counted as 0), computed by one aggregation over the answer (a frame, or a scan of the
     * file it was written to).
     */
    record Fingerprint(long rows, List<String> columns, Map<String, Double> sums) {
        static Fingerprint of(dev.floe.frame.LazyFrame answer) {
            dev.floe.frame.Schema schema = answer.schema();
            List<dev.floe.frame.expr.Expr> aggregates = new ArrayList<>();
            aggregates.add(dev.floe.frame.expr.Exprs.len().alias("__rows"));
            List<String> numeric = new ArrayList<>();
            for (dev.floe.frame.Schema.Field field : schema.fields()) {
                if (field.type().isNumeric()) {
                    numeric.add(field.name());
                    aggregates.add(dev.floe.frame.expr.Exprs.col(field.name()).cast(dev.floe.frame.DataType.FLOAT64)
                            .fillNan(0.0).sum().alias("__sum" + numeric.size()));
                }
            }
            dev.floe.frame.DataFrame totals = answer.select(aggregates).collect();
            Map<String, Double> sums = new LinkedHashMap<>();
            for (int i = 0; i < numeric.size(); i++) {
                Object sum = totals.get(0, "__sum" + (i + 1));
                sums.put(numeric.get(i), sum == null ? 0.0 : ((Number) sum).doubleValue());
            }
            return new Fingerprint(((Number) totals.get(0, "__rows")).longValue(), schema.names(), sums);
        }
    }

    /**
     * {@code <H2O|JOIN> <threads> <only, comma separated, or empty> <memory limit in bytes, 0 for
     * DuckDB's default> <file>...}.
     */
    public static void main(String[] args) throws SQLException, IOException {
        Kind kind = Kind.valueOf(args[0]);
        int threads = Integer.parseInt(args[1]);
        Set<String> only = args[2].isEmpty() ? null : Set.of(args[2].split(","));
        long memoryLimit = Long.parseLong(args[3]);
        PrintStream stdout = System.out;
        // DuckDB's driver writes nothing here; anything else that might goes to the error stream
        System.setOut(System.err);
        PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        Path temporary = Files.createTempDirectory("floe-bench-duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            statement.execute("SET temp_directory = '" + sqlText(temporary.resolve("spill")) + "'");
            if (memoryLimit > 0) {
                statement.execute("SET memory_limit = '" + memoryLimit + "B'");
            }
            List<String> tables = kind.tables();
            long start = System.nanoTime();
            for (int i = 0; i < tables.size(); i++) {
                Path file = Path.of(args[4 + i]);
                statement.execute(memoryLimit > 0
                        ? "CREATE VIEW " + tables.get(i) + " AS SELECT * FROM read_parquet('" + sqlText(file) + "')"
                        : "CREATE TABLE " + tables.get(i) + " AS SELECT * FROM " + H2oBench.readCsv(file));
            }
            out.printf(Locale.ROOT, "load\t%.6f\t%d%n", (System.nanoTime() - start) / 1e9,
                    H2oBench.duckdbMemory(statement));
            System.err.printf(Locale.ROOT, "DuckDB (its own process) loaded the data in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            Path answer = temporary.resolve("answer.parquet");
            for (Map.Entry<String, String> question : kind.questions().entrySet()) {
                if (only != null && !only.contains(question.getKey())) {
                    continue;
                }
                double[] times = new double[2];
                for (int run = 0; run < 2; run++) {
                    // not timed, as Floe's old answer is let go
                    statement.execute(memoryLimit > 0 ? "DROP VIEW IF EXISTS ans" : "DROP TABLE IF EXISTS ans");
                    Files.deleteIfExists(answer);
                    long begin = System.nanoTime();
                    statement.execute(memoryLimit > 0
                            ? "COPY (" + question.getValue() + ") TO '" + sqlText(answer) + "' (FORMAT parquet)"
                            : "CREATE TABLE ans AS " + question.getValue());
                    times[run] = (System.nanoTime() - begin) / 1e9;
                }
                if (memoryLimit > 0) {
                    statement.execute("CREATE VIEW ans AS SELECT * FROM read_parquet('" + sqlText(answer) + "')");
                }
                out.println(answerLine(answer(question.getKey(), times, statement)));
                System.err.printf(Locale.ROOT, "DuckDB %s: %.3f s, %.3f s%n", question.getKey(), times[0], times[1]);
            }
        } finally {
            deleteTree(temporary);
        }
        out.flush();
    }

    /** A path, made absolute, as the text of a SQL string literal (quotes doubled). */
    public static String sqlText(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    /** Deletes {@code folder} and everything under it (a benchmark's temporary files). */
    public static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The {@code answer} line of an answer ({@link #parse} reads it back). */
    private static String answerLine(Answer answer) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "answer\t%s\t%.6f\t%.6f\t%d\t%d",
                answer.question(), answer.times()[0], answer.times()[1], answer.rows(), answer.columns()));
        answer.sums().forEach((column, sum) -> line.append('\t').append(column).append(':').append(sum));
        return line.toString();
    }

    /**
     * The fingerprint of DuckDB's table or view {@code ans}: its rows, its columns and the sum of
     * each numeric column (NaN counted as 0), with the question's name and times.
     */
    static Answer answer(String question, double[] times, Statement statement) throws SQLException {
        long rows;
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM ans")) {
            count.next();
            rows = count.getLong(1);
        }
        List<String> numeric = new ArrayList<>();
        int columns = 0;
        try (ResultSet describe = statement.executeQuery("DESCRIBE ans")) {
            while (describe.next()) {
                columns++;
                if (isNumeric(describe.getString("column_type"))) {
                    numeric.add(describe.getString("column_name"));
                }
            }
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String column : numeric) {
            String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
            try (ResultSet sum = statement.executeQuery("SELECT sum(CASE WHEN isnan(" + quoted + "::DOUBLE) THEN 0 "
                    + "ELSE " + quoted + "::DOUBLE END) FROM ans")) {
                sum.next();
                sums.put(column, sum.getDouble(1));
            }
        }
        return new Answer(question, times, rows, columns, sums);
    }

    /** Whether a DuckDB column type is a number (integers of every width, floats, decimals). */
    static boolean isNumeric(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.matches("U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL\\(.*\\)");
    }
}
