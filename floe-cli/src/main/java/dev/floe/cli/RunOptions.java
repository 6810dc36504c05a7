package dev.floe.cli;

import dev.floe.frame.exec.ExecutionConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of commands that run a query or read data: {@code --threads}, {@code --timing}. */
final class RunOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "Threads the engine runs on (default: FLOE_THREADS, else every core).")
    Integer threads;

    @Option(names = "--timing", description = "Print the time the work took to standard error.")
    boolean timing;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "Memory the query's operators may hold before they spill to disk, such as 4g or 512MB "
                    + "(default: FLOE_MEMORY_LIMIT, else 70%% of the JVM's heap).")
    String memoryLimit;

    @Option(names = "--temp-dir", paramLabel = "DIR",
            description = "Where queries write their temporary files when they spill (default: FLOE_TEMP_DIR, "
                    + "else the system's).")
    java.nio.file.Path tempDir;

    /** The engine's configuration with --threads applied; a usage error for fewer than one thread. */
    ExecutionConfig config(CommandLine.Model.CommandSpec spec) {
        if (memoryLimit != null) {
            try {
                dev.floe.frame.Floe.session().memoryLimit(memoryLimit);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--memory-limit: " + e.getMessage());
            }
        }
        if (tempDir != null) {
            dev.floe.frame.Floe.session().tempDirectory(tempDir);
        }
        ExecutionConfig config = dev.floe.frame.Floe.session().config();
        if (threads == null) {
            return config;
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        return config.withThreads(threads);
    }

    /** Nanoseconds the last {@link #run} took. */
    private long elapsed;

    /** Runs {@code work}, with the progress ticker if {@code progress}, and notes the time it took. */
    <T> T run(PrintWriter err, boolean progress, Supplier<T> work) {
        long start = System.nanoTime();
        try (CtrlC cancels = CtrlC.cancelsQueries(); Ticker ticker = Ticker.start(err, progress)) {
            return work.get();
        } finally {
            elapsed = System.nanoTime() - start;
        }
    }

    /** With --timing, prints the time the last {@link #run} took to {@code err}, after what {@code out} holds. */
    void reportTime(PrintWriter out, PrintWriter err) {
        if (timing) {
            out.flush();
            err.println(elapsed(elapsed));
            err.flush();
        }
    }

    static String elapsed(long nanos) {
        return String.format(Locale.ROOT, "Run time: %.3f s", nanos / 1e9);
    }
}
