package dev.floe.cli.demo;

import dev.floe.pool.Timeit;
import java.io.PrintWriter;
import java.util.Locale;

/** What every section of the tour shares: headings, notes, and how it times things. */
abstract class Tour {
    final PrintWriter out;
    final boolean quick;

    Tour(PrintWriter out, boolean quick) {
        this.out = out;
        this.quick = quick;
    }

    /** Runs the section; returns whether every check it makes held. */
    abstract boolean run();

    void title(String text) {
        out.println(text);
        out.println("=".repeat(text.length()));
    }

    void heading(String text) {
        out.println();
        out.println("## " + text);
        out.println();
    }

    void note(String text) {
        out.println(text);
    }

    /** The median seconds of several timed runs after a warm-up (a single run when quick). */
    double time(Timeit.Block block, int loops) {
        Timeit timeit = Timeit.of(block).number(quick ? 1 : loops);
        return (quick ? timeit.repeat(1).warmup(0) : timeit.repeat(5).warmup(1)).run().median();
    }

    /**
     * How long one variant took: the median of its rounds, and its noise, half the spread of the
     * rounds around the median as a fraction of it (at least 5%: two runs on a busy machine rarely
     * agree closer).
     */
    record Timing(double median, double noise) {
        /** Whether this is faster than {@code other} by more than the noise of either. */
        boolean clearlyFaster(Timing other) {
            return median * (1 + Math.max(noise, other.noise)) < other.median;
        }
    }

    /**
     * Times the variants in rounds, each round running every variant once in a turning order, so
     * that a change in the machine's load (another program, the JIT, the garbage collector) falls
     * on all of them alike; a warm-up round first. One round, no warm-up, when quick.
     */
    java.util.Map<String, Timing> interleaved(java.util.Map<String, Timeit.Body<?>> variants, int loops) {
        java.util.List<String> names = new java.util.ArrayList<>(variants.keySet());
        int rounds = quick ? 1 : 7;
        java.util.Map<String, double[]> times = new java.util.LinkedHashMap<>();
        names.forEach(name -> times.put(name, new double[rounds]));
        for (int round = quick ? 0 : -1; round < rounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(Math.floorMod(k + round, names.size()));
                double seconds = Timeit.of(variants.get(name)).number(quick ? 1 : loops).repeat(1).warmup(0).run()
                        .best();
                if (round >= 0) {
                    times.get(name)[round] = seconds;
                }
            }
        }
        java.util.Map<String, Timing> out = new java.util.LinkedHashMap<>();
        for (String name : names) {
            double[] sorted = times.get(name).clone();
            java.util.Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            // the middle half of the rounds: quartiles, robust to one disturbed round
            double spread = sorted[sorted.length * 3 / 4] - sorted[sorted.length / 4];
            out.put(name, new Timing(median, Math.max(0.05, median > 0 ? spread / 2 / median : 0)));
        }
        return out;
    }

    /** {@code a}'s speed-up over {@code b}, or "about the same" when it is within their noise. */
    static String speedUp(Timing baseline, Timing variant) {
        if (!baseline.clearlyFaster(variant) && !variant.clearlyFaster(baseline)) {
            return ratio(baseline.median() / variant.median()) + " (within the noise)";
        }
        return ratio(baseline.median() / variant.median());
    }

    static String seconds(double seconds) {
        return Timeit.Timing.format(seconds);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
