package dev.floe.cli.demo;

import dev.floe.cli.Table;
import dev.floe.pool.Pool;
import dev.floe.pool.Timeit;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * {@code floe demo jit}: the second lecture's compilation section. Numba compiles a Python
 * function on its first call; the JVM interprets a method first and compiles it once it is hot,
 * so the first call is slower than the warm ones. Then the same work split over a thread pool,
 * with an independent random stream per task.
 */
final class JitTour extends Tour {
    private static final long SEED = 2024;

    JitTour(PrintWriter out, boolean quick) {
        super(out, quick);
    }

    /** How many of {@code samples} random points of the unit square fall inside the quarter circle. */
    static long insideQuarterCircle(long samples, SplittableRandom random) {
        long inside = 0;
        for (long i = 0; i < samples; i++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            if (x * x + y * y <= 1.0) {
                inside++;
            }
        }
        return inside;
    }

    static double estimatePi(long samples, SplittableRandom random) {
        return 4.0 * insideQuarterCircle(samples, random) / samples;
    }

    /**
     * Splits {@code samples} into {@code tasks} shares, each with a random stream split from one
     * seeded root: independent streams, reproducible for a given seed and task count.
     */
    static double estimatePiInParallel(Pool pool, long samples, int tasks, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Share> shares = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            long size = samples / tasks + (t < samples % tasks ? 1 : 0);
            shares.add(new Share(size, root.split()));
        }
        long inside = pool.map(share -> insideQuarterCircle(share.samples(), share.random()), shares, 1)
                .stream().mapToLong(Long::longValue).sum();
        return 4.0 * inside / samples;
    }

    record Share(long samples, SplittableRandom random) {}

    @Override
    boolean run() {
        long samples = quick ? 200_000 : 10_000_000;
        title("Floe tour: compiled code");
        note("Monte Carlo estimate of pi from " + String.format("%,d", samples) + " random points.");

        heading("One thread: the first call vs warm calls");
        double[] estimate = new double[1];
        double first = Timeit.once(() -> estimate[0] = estimatePi(samples, new SplittableRandom(SEED)));
        double warm = time(() -> estimatePi(samples, new SplittableRandom(SEED)), 1);
        Table table = new Table("call", "time", "per sample");
        table.row("first call (interpreted, then compiled)", seconds(first), seconds(first / samples));
        table.row("warm (compiled)", seconds(warm), seconds(warm / samples));
        out.print(table);
        note("pi ~ " + fixed(estimate[0], 5) + " (error " + fixed(Math.abs(estimate[0] - Math.PI), 5) + ")");
        note("Like Numba's @jit, the JVM compiles hot methods to machine code, with no annotation:");
        note("the first call runs partly in the interpreter while the compiler works.");

        heading("Split over Pool.threads(n): each task with its own random stream");
        int processors = Runtime.getRuntime().availableProcessors();
        TreeSet<Integer> counts = new TreeSet<>(List.of(1, 2, 4, 8));
        counts.add(processors);
        Table scaling = new Table("workers", "time", "speed-up", "pi estimate");
        double single = Double.NaN;
        boolean sane = Math.abs(estimate[0] - Math.PI) < 0.05;
        for (int workers : counts) {
            try (Pool pool = Pool.threads(workers)) {
                double[] piHere = new double[1];
                double seconds = time(() -> piHere[0] = estimatePiInParallel(pool, samples, workers, SEED), 1);
                if (Double.isNaN(single)) {
                    single = seconds;
                }
                sane &= Math.abs(piHere[0] - Math.PI) < 0.05;
                scaling.row(workers, seconds(seconds), ratio(single / seconds), fixed(piHere[0], 5));
            }
        }
        out.print(scaling);
        note("More workers than cores (" + processors + " here) cannot go faster: they take turns.");
        note("The streams come from SplittableRandom.split(): independent and reproducible, never a shared Random.");
        return sane;
    }
}
