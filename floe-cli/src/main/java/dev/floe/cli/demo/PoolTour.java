package dev.floe.cli.demo;

import dev.floe.cli.Table;
import dev.floe.pool.Args;
import dev.floe.pool.Args2;
import dev.floe.pool.AsyncResult;
import dev.floe.pool.Parallel;
import dev.floe.pool.Pool;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code floe demo pool}: the first lecture's multiprocessing examples in Java: threads that
 * really run in parallel, every {@link Pool} method on the "how many 4s in each row" problem,
 * the normalisation exercise, and joblib's {@code Parallel} where it does not pay.
 */
final class PoolTour extends Tour {
    private static final long SEED = 100;

    PoolTour(PrintWriter out, boolean quick) {
        super(out, quick);
    }

    @Override
    boolean run() {
        title("Floe tour: task parallelism with Pool");
        note("Python needs processes to use several cores because of its global interpreter lock;");
        note("on the JVM, threads run in parallel. " + Runtime.getRuntime().availableProcessors()
                + " processors here.");
        countDown();
        boolean agreed = rowCounts();
        agreed &= normalise();
        agreed &= cosines();
        return agreed;
    }

    // ---- 1. count-down: threads really run in parallel --------------------------------------

    /**
     * Counts {@code n} down to zero, mixing each step into a hash so the JIT compiler cannot
     * replace the loop by its result.
     */
    static long countDown(long n) {
        long hash = n;
        while (n > 0) {
            n--;
            hash ^= hash << 13;
            hash ^= hash >>> 7;
            hash ^= hash << 17;
        }
        return hash;
    }

    private void countDown() {
        long total = quick ? 3_000_000 : 100_000_000;
        heading("Count down from " + String.format("%,d", total) + ": one thread vs three");
        int parts = 3;
        Map<String, Timing> timings;
        try (Pool pool = Pool.threads(parts)) {
            List<Long> shares = List.of(total / parts, total / parts, total - 2 * (total / parts));
            Map<String, dev.floe.pool.Timeit.Body<?>> variants = new LinkedHashMap<>();
            variants.put("1 thread", () -> countDown(total));
            variants.put(parts + " threads (Pool.threads(3).map)", () -> pool.map(PoolTour::countDown, shares, 1));
            timings = interleaved(variants, 1);
        }
        Table table = new Table("variant", "time (median)", "speed-up");
        Timing sequential = timings.values().iterator().next();
        timings.forEach((name, timing) -> table.row(name, seconds(timing.median()), speedUp(sequential, timing)));
        out.print(table);
        note("Each variant ran " + (quick ? "once" : "7 times, turn by turn with the other") + "; the median is shown. "
                + "The speed-up is bounded by the cores the machine gives: "
                + Runtime.getRuntime().availableProcessors() + " here.");
    }

    // ---- 2. how many 4s in each row, with every Pool method ---------------------------------

    static int countOf(int[] row, int value) {
        int count = 0;
        for (int x : row) {
            if (x == value) {
                count++;
            }
        }
        return count;
    }

    /** A {@code rows x columns} matrix of ints in [0, 10), the same for a given seed. */
    static List<int[]> randomMatrix(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> matrix = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            matrix.add(random.ints(columns, 0, 10).toArray());
        }
        return matrix;
    }

    private boolean rowCounts() {
        List<int[]> rows = randomMatrix(1000, 10, SEED);
        heading("How many 4s in each row of a 1000 x 10 random matrix (seed " + SEED + ")");
        List<Integer> expected = rows.stream().map(row -> countOf(row, 4)).toList();
        note("first rows:   " + Arrays.toString(rows.get(0)) + ", " + Arrays.toString(rows.get(1)) + ", ...");
        note("first counts: " + expected.subList(0, 10));
        out.println();

        List<Args2<int[], Integer>> pairs = rows.stream().map(row -> Args.of(row, 4)).toList();
        Map<String, Variant> variants = new LinkedHashMap<>();
        try (Pool pool = Pool.threads()) {
            variants.put("sequential loop", () -> rows.stream().map(row -> countOf(row, 4)).toList());
            variants.put("apply, one row at a time", () -> {
                List<Integer> counts = new ArrayList<>(rows.size());
                for (int[] row : rows) {
                    counts.add(pool.apply(() -> countOf(row, 4)));
                }
                return counts;
            });
            variants.put("map", () -> pool.map(row -> countOf(row, 4), rows));
            variants.put("starmap", () -> pool.starmap(PoolTour::countOf, pairs));
            variants.put("applyAsync + callback", () -> {
                Integer[] counts = new Integer[rows.size()];
                List<AsyncResult<Integer>> pending = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    int index = i;
                    int[] row = rows.get(i);
                    pending.add(pool.applyAsync(() -> countOf(row, 4), count -> counts[index] = count, null));
                }
                pending.forEach(AsyncResult::get);
                return Arrays.asList(counts);
            });
            variants.put("mapAsync", () -> pool.mapAsync(row -> countOf(row, 4), rows).get());
            variants.put("starmapAsync", () -> pool.starmapAsync(PoolTour::countOf, pairs).get());
            variants.put("imap, chunksize 10", () -> {
                try (Stream<Integer> counts = pool.imap(row -> countOf(row, 4), rows, 10)) {
                    return counts.toList();
                }
            });
            return compare(variants, expected);
        }
    }

    @FunctionalInterface
    interface Variant {
        List<?> run() throws Exception;
    }

    private boolean compare(Map<String, Variant> variants, List<?> expected) {
        Table table = new Table("variant", "time (median)", "vs sequential", "agrees");
        boolean allAgree = true;
        Map<String, Boolean> agreement = new LinkedHashMap<>();
        Map<String, dev.floe.pool.Timeit.Body<?>> bodies = new LinkedHashMap<>();
        for (Map.Entry<String, Variant> variant : variants.entrySet()) {
            List<?> got;
            try {
                got = variant.getValue().run();
            } catch (Exception e) {
                throw new IllegalStateException(variant.getKey() + " failed", e);
            }
            boolean agrees = got.equals(expected);
            allAgree &= agrees;
            agreement.put(variant.getKey(), agrees);
            bodies.put(variant.getKey(), variant.getValue()::run);
        }
        Map<String, Timing> timings = interleaved(bodies, 20);
        Timing baseline = timings.values().iterator().next();
        timings.forEach((name, timing) -> table.row(name, seconds(timing.median()), speedUp(baseline, timing),
                agreement.get(name) ? "yes" : "NO"));
        out.print(table);
        note(winner(timings) + " " + (allAgree ? "All variants agree." : "VARIANTS DISAGREE."));
        note("A thousand rows of ten ints is little work: handing it out can cost more than doing it.");
        return allAgree;
    }

    /** The fastest variant when it is faster than every other by more than the noise; else says none is. */
    static String winner(Map<String, Timing> timings) {
        String fastest = null;
        for (Map.Entry<String, Timing> entry : timings.entrySet()) {
            if (fastest == null || entry.getValue().median() < timings.get(fastest).median()) {
                fastest = entry.getKey();
            }
        }
        for (Map.Entry<String, Timing> entry : timings.entrySet()) {
            if (!entry.getKey().equals(fastest) && !timings.get(fastest).clearlyFaster(entry.getValue())) {
                return "fastest: none, beyond the noise between runs (" + fastest + " and " + entry.getKey()
                        + " are within it).";
            }
        }
        return "fastest: " + fastest + ", beyond the noise between runs.";
    }

    // ---- 3. the normalisation exercise ------------------------------------------------------

    static double[] normalise(int[] row) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int x : row) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] scaled = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            scaled[i] = max == min ? 0 : (row[i] - min) / (double) (max - min);
        }
        return scaled;
    }

    private boolean normalise() {
        heading("Exercise: scale each row to [0, 1] with apply");
        List<int[]> rows = randomMatrix(5, 10, SEED);
        List<double[]> scaled = new ArrayList<>();
        try (Pool pool = Pool.threads()) {
            for (int[] row : rows) {
                scaled.add(pool.apply(() -> normalise(row)));
            }
        }
        boolean agrees = true;
        for (int i = 0; i < rows.size(); i++) {
            agrees &= Arrays.equals(scaled.get(i), normalise(rows.get(i)));
            if (i < 3) {
                note(Arrays.toString(rows.get(i)) + " -> " + Arrays.toString(
                        Arrays.stream(scaled.get(i)).mapToObj(x -> fixed(x, 2)).toArray()));
            }
        }
        note(agrees ? "Every row matches the sequential result." : "ROWS DISAGREE with the sequential result.");
        return agrees;
    }

    // ---- 4. joblib's Parallel ---------------------------------------------------------------

    private boolean cosines() {
        heading("joblib: Parallel(n_jobs=-1)(delayed(np.cos)(i) for i in np.arange(0, 1, 0.001))");
        List<Double> xs = IntStream.range(0, 1000).mapToObj(i -> i * 0.001).toList();
        List<Double> expected = xs.stream().map(Math::cos).toList();
        List<Double> parallel = Parallel.jobs(-1).map(Math::cos, xs);
        double loop = time(() -> {
            double[] out = new double[xs.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.cos(xs.get(i));
            }
            return;
        }, 200);
        double jobs = time(() -> Parallel.jobs(-1).map(Math::cos, xs), 20);
        Table table = new Table("variant", "time", "vs loop");
        table.row("plain loop", seconds(loop), ratio(1));
        table.row("Parallel.jobs(-1).map(Math::cos, xs)", seconds(jobs), ratio(loop / jobs));
        out.print(table);
        note("A cosine takes nanoseconds; starting workers and handing out 1000 of them costs far more.");
        note("Parallelism pays when each task is worth much more than its hand-off (see the count-down).");
        boolean agrees = parallel.equals(expected);
        note(agrees ? "Both give the same 1000 values." : "RESULTS DISAGREE.");
        return agrees;
    }
}
