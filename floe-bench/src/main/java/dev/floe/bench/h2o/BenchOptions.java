package dev.floe.bench.h2o;

import dev.floe.frame.Engine;
import dev.floe.frame.EngineProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code floe bench h2o} and {@code floe bench join} share. */
final class BenchOptions {
    @Option(names = "--rows", description = "Rows, such as 1e7 or 1e6 (default: ${DEFAULT-VALUE}).")
    String rows = "1e7";

    @Option(names = "--na", description = "Percent of nulls (default: ${DEFAULT-VALUE}).")
    int na;

    @Option(names = "--sorted", description = "Rows sorted by their keys.")
    boolean sorted;

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @Option(names = "--only", split = ",", description = "Only these questions, such as q1,q3.")
    List<String> only;

    /** Where DuckDB runs. */
    enum Place { auto, same, process }

    @Option(names = "--duckdb", paramLabel = "auto|same|process",
            description = "Where DuckDB runs: same (in this JVM, each question asked of Floe, then of DuckDB), process "
                    + "(a process of its own, every question before Floe loads the data, so the two never hold it at "
                    + "once), auto (process from 5e7 rows, same below; the default).")
    Place duckdb = Place.auto;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Also run the questions on this engine (spark: Apache Spark, through floe-spark), its answers "
                    + "checked against Floe's; local (the default) runs Floe and DuckDB only.")
    String engine = EngineProvider.LOCAL;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master (default: local[N] for --threads N, Spark in this JVM "
                    + "on as many threads as the others).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "With --engine spark: a Spark setting, such as spark.executor.memory=4g; repeatable.")
    Map<String, String> conf;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "Run both engines under this memory limit, such as 4g: the data read from a Parquet copy of "
                    + "the CSV (written once, next to it) rather than held in memory, answers written to Parquet files, "
                    + "DuckDB (in a process of its own) with SET memory_limit, Floe with its session's limit, so that "
                    + "what does not fit spills to disk. The floe launcher sizes the JVM's heap to fit the limit.")
    String memoryLimit;

    /**
     * The memory limit in bytes, 0 for none; refused with another engine (answers are then
     * frames). Read before anything is generated or started.
     */
    long memoryLimit(CommandLine.Model.CommandSpec spec) {
        if (memoryLimit == null) {
            return 0;
        }
        if (!engine.equals(EngineProvider.LOCAL)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--memory-limit runs Floe and DuckDB only; "
                    + "leave out --engine " + engine);
        }
        try {
            return dev.floe.frame.physical.MemoryPool.parse(memoryLimit, "--memory-limit");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Whether DuckDB runs in a process of its own for a table of {@code rows} rows. */
    boolean separate(int rows) {
        return duckdb == Place.process || duckdb == Place.auto && rows >= 50_000_000;
    }

    /** The other engine asked for, started; null for the local engine alone. The caller closes it. */
    Engine startEngine(CommandLine.Model.CommandSpec spec) {
        if (engine.equals(EngineProvider.LOCAL)) {
            if (master != null || conf != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--master and --conf are for another engine "
                        + "(--engine spark)");
            }
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (conf != null) {
            settings.putAll(conf);
        }
        settings.put("master", master != null ? master : "local[" + threads + "]");
        try {
            return EngineProvider.open(engine, settings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--engine " + engine + ": " + e.getMessage());
        }
    }
}
