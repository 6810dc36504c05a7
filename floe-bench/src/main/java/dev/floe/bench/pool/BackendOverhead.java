package dev.floe.bench.pool;

import dev.floe.pool.Pool;
import dev.floe.pool.Timeit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The cost of the pool's machinery on each backend, next to Python's {@code multiprocessing.Pool}
 * on the same machine in the same run: an {@code apply} round trip, and {@code map} over many
 * trivial tasks with the default chunking.
 */
public final class BackendOverhead {
    /** One backend's medians, in seconds. */
    public record Row(String backend, double applyRoundTrip, double map, int tasks) {
        public double perTask() {
            return map / tasks;
        }
    }

    private static final int ROUND_TRIPS = 200;

    private BackendOverhead() {}

    /** Measures threads, virtual threads and worker JVMs with {@code workers} workers each. */
    public static List<Row> measureJvm(int tasks, int workers, int runs) {
        List<Integer> inputs = IntStream.range(0, tasks).boxed().toList();
        List<Row> rows = new ArrayList<>();
        Map<String, IntFunction<Pool>> backends = new java.util.LinkedHashMap<>();
        backends.put("Pool.threads(" + workers + ")", Pool::threads);
        backends.put("Pool.virtualThreads(" + workers + ")", Pool::virtualThreads);
        backends.put("Pool.processes(" + workers + ")", Pool::processes);
        for (Map.Entry<String, IntFunction<Pool>> backend : backends.entrySet()) {
            try (Pool pool = backend.getValue().apply(workers)) {
                pool.map(x -> x + 1, IntStream.range(0, 1000).boxed().toList()); // workers up and warm
                double apply = Timeit.of(() -> pool.apply(() -> 42)).number(ROUND_TRIPS).repeat(runs).warmup(3)
                        .run().median();
                double map = Timeit.of(() -> {
                    List<Integer> out = pool.map(x -> x + 1, inputs);
                    if (out.get(tasks - 1) != tasks) {
                        throw new IllegalStateException("wrong result");
                    }
                }).number(1).repeat(runs).warmup(10).run().median();
                rows.add(new Row(backend.getKey(), apply, map, tasks));
            }
        }
        return rows;
    }

    /**
     * Runs the same measurement with Python's multiprocessing, if {@code python3} is on the PATH.
     *
     * @return the row, or null with the reason written to {@code whyNot}
     */
    public static Row measurePython(int tasks, int workers, int runs, StringBuilder whyNot)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("floe-multiprocessing-overhead", ".py");
        try (InputStream source = BackendOverhead.class.getResourceAsStream("multiprocessing_overhead.py")) {
            Files.write(script, source.readAllBytes());
        }
        // the output goes to a file, so that waiting is bounded even when python hangs
        Path log = Files.createTempFile("floe-multiprocessing-overhead", ".out");
        try {
            Process python;
            try {
                python = new ProcessBuilder("python3", script.toString(), Integer.toString(tasks),
                        Integer.toString(workers), Integer.toString(runs)).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                whyNot.append("python3 is not on the PATH (").append(e.getMessage()).append(')');
                return null;
            }
            boolean exited = python.waitFor(10, TimeUnit.MINUTES);
            if (!exited) {
                python.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!exited || python.exitValue() != 0) {
                whyNot.append(exited ? "python3 failed: " : "python3 took over 10 minutes: ").append(output.strip());
                return null;
            }
            return parsePython(output, tasks);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(log);
        }
    }

    private static final Pattern FIELD = Pattern.compile("\"(apply_round_trip_s|map_s|python)\": \"?([^,\"}]+)");

    static Row parsePython(String json, int tasks) {
        Matcher fields = FIELD.matcher(json);
        double apply = Double.NaN;
        double map = Double.NaN;
        String version = "?";
        while (fields.find()) {
            switch (fields.group(1)) {
                case "apply_round_trip_s" -> apply = Double.parseDouble(fields.group(2));
                case "map_s" -> map = Double.parseDouble(fields.group(2));
                default -> version = fields.group(2);
            }
        }
        if (Double.isNaN(apply) || Double.isNaN(map)) {
            throw new IllegalArgumentException("unexpected output from the Python peer: " + json);
        }
        return new Row("Python " + version + " multiprocessing.Pool", apply, map, tasks);
    }
}
