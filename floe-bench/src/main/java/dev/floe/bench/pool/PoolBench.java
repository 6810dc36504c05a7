package dev.floe.bench.pool;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code floe bench pool}: the Pool's overhead per task, and its speed-up on CPU-bound work. */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "Pool.map overhead on 1e6 trivial tasks (JMH) and CPU-bound scaling vs separate JVMs.")
public final class PoolBench implements Callable<Integer> {
    @Option(names = "--quick", description = "Short runs, for a smoke test.")
    boolean quick;

    @Option(names = "--rounds", description = "Rounds of the scaling measurement (default: ${DEFAULT-VALUE}).")
    int rounds = 7;

    @Option(names = "--skip-jmh", description = "Skip the JMH measurements of the thread pool.")
    boolean skipJmh;

    @Option(names = "--skip-scaling", description = "Skip the CPU-bound scaling measurement.")
    boolean skipScaling;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int processors = Runtime.getRuntime().availableProcessors();
        out.printf("Machine: %d processors, Java %s%n%n", processors, Runtime.version());
        if (!skipJmh) {
            overhead(out);
        }
        if (!skipScaling) {
            scaling(out, processors);
        }
        backends(out, processors);
        out.flush();
        return 0;
    }

    private void overhead(PrintWriter out) throws RunnerException {
        out.println("map over 1,000,000 trivial tasks (x -> x + 1), every processor; JMH, median of iterations");
        out.println("  (measuring: JMH runs each variant in JVMs of its own, warm-up first; this takes minutes)");
        out.flush();
        Map<String, Double> medians = runJmh(PoolMapBenchmark.class);
        double pool = medians.get("poolMap");
        out.println();
        out.printf("  %-24s %12s %14s %16s%n", "variant", "ms per map", "ns per task", "Pool.map vs it");
        for (Map.Entry<String, Double> entry : medians.entrySet()) {
            out.printf(Locale.ROOT, "  %-24s %12.2f %14.1f %15.2fx%n", entry.getKey(), entry.getValue(),
                    entry.getValue() * 1e6 / 1_000_000, pool / entry.getValue());
        }
        out.println("  (Pool.map vs it: Pool.map's time divided by this variant's; below 1 means Pool.map is faster)");
        out.println();

        out.println("one task at a time: apply round trip, and map of 10,000 tasks with chunksize 1");
        out.flush();
        Map<String, Double> latency = runJmh(PoolLatencyBenchmark.class);
        out.println();
        out.printf("  %-30s %14s%n", "variant", "µs per task");
        for (Map.Entry<String, Double> entry : latency.entrySet()) {
            double perTask = entry.getKey().startsWith("map") ? entry.getValue() / PoolLatencyBenchmark.TASKS
                    : entry.getValue();
            out.printf(Locale.ROOT, "  %-30s %14.3f%n", entry.getKey(), perTask);
        }
        out.println();
    }

    /** Runs one JMH benchmark class; returns each method's median score in the class's unit. */
    private Map<String, Double> runJmh(Class<?> benchmark) throws RunnerException {
        Collection<RunResult> results = new Runner(jmhOptions(benchmark, quick)).run();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            medians.put(name.substring(name.lastIndexOf('.') + 1),
                    result.getPrimaryResult().getStatistics().getPercentile(50));
        }
        return medians;
    }

    /**
     * How a benchmark class runs: JMH's own report (each iteration, and its paragraph on blackhole
     * modes) is not printed, since the tables give the medians it measured; {@code quick} runs one
     * short fork.
     */
    static org.openjdk.jmh.runner.options.Options jmhOptions(Class<?> benchmark, boolean quick) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + ".*")
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (quick) {
            options.forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(200));
        }
        return options.build();
    }

    private void backends(PrintWriter out, int processors) throws Exception {
        int tasks = quick ? 2_000 : 100_000;
        int runs = quick ? 1 : 7;
        out.println();
        out.printf("apply round trip and map over %,d trivial tasks (default chunking), %d workers, medians of %d runs%n",
                tasks, processors, runs);
        java.util.List<BackendOverhead.Row> rows = new java.util.ArrayList<>(BackendOverhead.measureJvm(tasks, processors, runs));
        StringBuilder whyNot = new StringBuilder();
        BackendOverhead.Row python = BackendOverhead.measurePython(tasks, processors, runs, whyNot);
        if (python != null) {
            rows.add(python);
        }
        out.printf("  %-40s %14s %12s %14s %12s%n", "backend", "apply (µs)", "map (ms)", "per task (ns)",
                python == null ? "" : "map vs Python");
        for (BackendOverhead.Row row : rows) {
            out.printf(Locale.ROOT, "  %-40s %14.1f %12.2f %14.1f %12s%n", row.backend(), row.applyRoundTrip() * 1e6,
                    row.map() * 1e3, row.perTask() * 1e9,
                    python == null ? "" : String.format(Locale.ROOT, "%.2fx", row.map() / python.map()));
        }
        if (python == null) {
            out.println("  (no Python peer: " + whyNot + ")");
        }
    }

    private void scaling(PrintWriter out, int processors) throws Exception {
        int tasks = 8;
        long steps = quick ? 2_000_000 : 200_000_000;
        PoolScaling.Result result = PoolScaling.measure(tasks, steps, processors, quick ? 1 : rounds);
        out.printf("%d equal CPU-bound tasks on %d workers, medians of %d rounds%n", tasks, processors,
                result.rounds().size());
        out.printf(Locale.ROOT, "  one thread          %8.3f s%n", result.oneThread());
        out.printf(Locale.ROOT, "  Pool.threads()      %8.3f s   speed-up %.2fx%n", result.pool(), result.poolSpeedup());
        out.printf(Locale.ROOT, "  one JVM process     %8.3f s%n", result.oneProcess());
        out.printf(Locale.ROOT, "  %d JVM processes     %8.3f s   speed-up %.2fx (what this machine gives)%n",
                processors, result.processes(), result.processSpeedup());
        out.printf(Locale.ROOT, "  pool efficiency: %.0f%% of the processes' speed-up (target >= 90%%)%n",
                100 * result.efficiency());
        out.println("  checksums " + (result.checksumsAgree() ? "agree" : "DISAGREE"));
    }
}
