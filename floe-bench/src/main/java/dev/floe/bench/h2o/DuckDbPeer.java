package dev.floe.bench.h2o;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()));
        // the JVM holds nothing but the answers' fingerprints: DuckDB's memory is its own
        command.add("-Xmx512m");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DuckDbPeer.class.getName());
        command.add(kind.name());
        command.add(Integer.toString(threads));
        command.add(only == null ? "" : String.join(",", only));
        for (Path file : files) {
            command.add(file.toAbsolutePath().toString());
        }
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
        return parse(lines);
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
        if (answer.height() != peer.rows()) {
            return "rows " + answer.height() + " vs " + peer.rows();
        }
        if (answer.width() != peer.columns()) {
            return "columns " + answer.columns() + " vs " + peer.columns();
        }
        for (dev.floe.frame.Schema.Field field : answer.schema().fields()) {
            if (!field.type().isNumeric()) {
                continue;
            }
            Double duck = peer.sums().get(field.name());
            if (duck == null) {
                return "column " + field.name() + " is numeric in Floe's answer, not in DuckDB's";
            }
            double floe = 0;
            for (double value : answer.column(field.name()).toDoubleArray()) {
                floe += Double.isNaN(value) ? 0 : value;
            }
            if (Math.abs(floe - duck) > 1e-6 * Math.max(1, Math.abs(duck))) {
                return "sum of " + field.name() + " " + floe + " vs " + duck;
            }
        }
        return null;
    }

    /** {@code <H2O|JOIN> <threads> <only, comma separated, or empty> <file>...}. */
    public static void main(String[] args) throws SQLException {
        Kind kind = Kind.valueOf(args[0]);
        int threads = Integer.parseInt(args[1]);
        Set<String> only = args[2].isEmpty() ? null : Set.of(args[2].split(","));
        PrintStream stdout = System.out;
        // DuckDB's driver writes nothing here; anything else that might goes to the error stream
        System.setOut(System.err);
        PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            List<String> tables = kind.tables();
            long start = System.nanoTime();
            for (int i = 0; i < tables.size(); i++) {
                statement.execute("CREATE TABLE " + tables.get(i) + " AS SELECT * FROM "
                        + H2oBench.readCsv(Path.of(args[3 + i])));
            }
            out.printf(Locale.ROOT, "load\t%.6f\t%d%n", (System.nanoTime() - start) / 1e9,
                    H2oBench.duckdbMemory(statement));
            for (Map.Entry<String, String> question : kind.questions().entrySet()) {
                if (only != null && !only.contains(question.getKey())) {
                    continue;
                }
                double[] times = new double[2];
                for (int run = 0; run < 2; run++) {
                    statement.execute("DROP TABLE IF EXISTS ans"); // not timed, as Floe's old answer is let go
                    long begin = System.nanoTime();
                    statement.execute("CREATE TABLE ans AS " + question.getValue());
                    times[run] = (System.nanoTime() - begin) / 1e9;
                }
                out.println(answerLine(question.getKey(), times, statement));
            }
            statement.execute("DROP TABLE IF EXISTS ans");
        }
        out.flush();
    }

    /** The {@code answer} line of table {@code ans}. */
    private static String answerLine(String question, double[] times, Statement statement) throws SQLException {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "answer\t%s\t%.6f\t%.6f", question, times[0],
                times[1]));
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
        line.append('\t').append(rows).append('\t').append(columns);
        for (String column : numeric) {
            String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
            try (ResultSet sum = statement.executeQuery("SELECT sum(CASE WHEN isnan(" + quoted + "::DOUBLE) THEN 0 "
                    + "ELSE " + quoted + "::DOUBLE END) FROM ans")) {
                sum.next();
                line.append('\t').append(column).append(':').append(sum.getDouble(1));
            }
        }
        return line.toString();
    }

    /** Whether a DuckDB column type is a number (integers of every width, floats, decimals). */
    static boolean isNumeric(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.matches("U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL\\(.*\\)");
    }
}
