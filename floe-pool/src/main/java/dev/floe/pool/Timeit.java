package dev.floe.pool;

import java.util.Arrays;

/**
 * Times a block of code the way IPython's {@code %timeit} does: a warm-up, then several runs of
 * a number of loops each, reported per loop.
 *
 * <pre>{@code
 * Timing timing = Timeit.of(() -> work()).repeat(7).run();   // work() returns its result
 * System.out.println(timing);   // 3.21 ms ± 45.2 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)
 * }</pre>
 *
 * <p>Return the work's result from the block, as above: Timeit consumes it the way JMH's
 * {@code Blackhole} does, so the JIT compiler cannot remove work whose result nobody reads. A
 * block that returns nothing ({@link Block}) is timed as it is; if its work has no effect, the
 * compiler may drop it, and the timing then shows a time no real work takes: such a timing
 * carries a {@link Timing#warning() warning}, printed with it.
 *
 * <p>Unless told how many loops to run, it picks the smallest of 1, 2, 5, 10, 20, 50, ... loops
 * that takes at least 0.2 s, as {@code %timeit} does. The warm-up runs let the JIT compiler
 * compile the block first; set {@code warmup(0)} to time the first, interpreted calls.
 * Immutable: each setter returns a new {@code Timeit}.
 */
public final class Timeit {
    /** A block of code to time. */
    @FunctionalInterface
    public interface Block {
        void run() throws Exception;
    }

    /** A block of code whose result is consumed, so that its work cannot be optimized away. */
    @FunctionalInterface
    public interface Body<T> {
        T call() throws Exception;
    }

    private static final double AUTO_RANGE_TARGET_SECONDS = 0.2;

    /** Below this per loop, a timing is implausible for work that does anything: a cycle or two. */
    static final double IMPLAUSIBLE_SECONDS = 1e-9;

    private final Block block;
    private final int repeat;
    private final int number;
    private final int warmup;

    private Timeit(Block block, int repeat, int number, int warmup) {
        this.block = block;
        this.repeat = repeat;
        this.number = number;
        this.warmup = warmup;
    }

    /** Times {@code block}: 7 runs, loops per run chosen automatically, one warm-up run. */
    public static Timeit of(Block block) {
        return new Timeit(Checks.notNull(block, "block"), 7, 0, 1);
    }

    /**
     * Times {@code body} and consumes each result it returns (the documented form:
     * {@code Timeit.of(() -> work())}): 7 runs, loops per run chosen automatically, one warm-up run.
     */
    public static <T> Timeit of(Body<T> body) {
        Checks.notNull(body, "body");
        Sink sink = new Sink();
        return new Timeit(() -> sink.consume(body.call()), 7, 0, 1);
    }

    /**
     * Where results go so that the compiler must compute them, as JMH's {@code Blackhole}: each
     * is compared with values read from volatile fields, which it can never equal but the
     * compiler cannot know that; numbers by their bits, so the computation behind a boxed number
     * stays too.
     */
    static final class Sink {
        private volatile long first = 1;
        private volatile long second = 2;
        private volatile Object target = new Object();
        long escapedBits;
        Object escaped;

        void consume(Object value) {
            if (value instanceof Number number) {
                long bits = number instanceof Double || number instanceof Float
                        ? Double.doubleToRawLongBits(number.doubleValue()) : number.longValue();
                if (bits == first & bits == second) {
                    escapedBits = bits;
                }
            } else if (value instanceof Boolean flag) {
                if (flag == (first == second)) {
                    escapedBits++;
                }
            } else if (value == target) {
                escaped = value;
            }
        }
    }

    /** The number of timed runs ({@code >= 1}). */
    public Timeit repeat(int runs) {
        return new Timeit(block, Checks.positive(runs, "runs"), number, warmup);
    }

    /** The number of loops per run ({@code >= 1}); by default chosen so a run takes at least 0.2 s. */
    public Timeit number(int loops) {
        return new Timeit(block, repeat, Checks.positive(loops, "loops"), warmup);
    }

    /** Untimed runs before the timed ones ({@code >= 0}). */
    public Timeit warmup(int runs) {
        if (runs < 0) {
            throw new IllegalArgumentException("runs must be at least 0, got " + runs);
        }
        return new Timeit(block, repeat, number, runs);
    }

    /**
     * Runs the block and returns the timing.
     *
     * @throws TaskFailedException if the block throws (task index: the loop it failed in)
     */
    public Timing run() {
        int loops = number > 0 ? number : autorange();
        for (int i = 0; i < warmup; i++) {
            timeLoops(loops);
        }
        double[] perLoop = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            perLoop[i] = timeLoops(loops) / loops;
        }
        return new Timing(perLoop, loops);
    }

    /** Runs {@code block} once and returns how long it took, in seconds. */
    public static double once(Block block) {
        return new Timeit(Checks.notNull(block, "block"), 1, 1, 0).timeLoops(1);
    }

    /** Runs {@code body} once, consuming its result, and returns how long it took, in seconds. */
    public static <T> double once(Body<T> body) {
        return of(body).number(1).repeat(1).warmup(0).run().best();
    }

    private int autorange() {
        for (long scale = 1; ; scale *= 10) {
            for (int factor : new int[] {1, 2, 5}) {
                long loops = scale * factor;
                if (loops >= Integer.MAX_VALUE / 10 || timeLoops((int) loops) >= AUTO_RANGE_TARGET_SECONDS) {
                    return (int) loops;
                }
            }
        }
    }

    private double timeLoops(int loops) {
        long start = System.nanoTime();
        for (int i = 0; i < loops; i++) {
            try {
                block.run();
            } catch (Exception e) {
                throw new TaskFailedException(i, null, e);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * What {@link Timeit#run()} measured: seconds per loop for each run.
     *
     * @param perLoop seconds per loop, one value per run, in run order
     * @param loops loops per run
     */
    public record Timing(double[] perLoop, int loops) {
        public Timing {
            if (perLoop.length == 0) {
                throw new IllegalArgumentException("perLoop must hold at least one run");
            }
            perLoop = perLoop.clone();
        }

        @Override
        public double[] perLoop() {
            return perLoop.clone();
        }

        public int runs() {
            return perLoop.length;
        }

        /** The fastest run's seconds per loop: the least disturbed by the rest of the machine. */
        public double best() {
            return Arrays.stream(perLoop).min().orElseThrow();
        }

        public double worst() {
            return Arrays.stream(perLoop).max().orElseThrow();
        }

        public double median() {
            double[] sorted = perLoop.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        public double mean() {
            return Arrays.stream(perLoop).average().orElseThrow();
        }

        /** Standard deviation of the runs (population, as {@code %timeit} reports it). */
        public double stdev() {
            double mean = mean();
            double sum = 0;
            for (double value : perLoop) {
                sum += (value - mean) * (value - mean);
            }
            return Math.sqrt(sum / perLoop.length);
        }

        /** Seconds in a readable unit: {@code 812 ns}, {@code 3.21 ms}, {@code 1.50 s}. */
        public static String format(double seconds) {
            return Durations.formatSeconds(seconds);
        }

        /**
         * Why this timing cannot be trusted, or null: a time per loop below a nanosecond, a cycle
         * or two, which means the compiler has removed the work (its result was not used).
         */
        public String warning() {
            if (best() >= IMPLAUSIBLE_SECONDS) {
                return null;
            }
            return "warning: " + format(best()) + " per loop is less than a machine cycle or two: the JIT compiler has "
                    + "likely removed the work because nothing uses its result; return the result from the block, "
                    + "Timeit.of(() -> work()), so that Timeit consumes it";
        }

        /**
         * {@code %timeit}'s line: {@code 3.21 ms ± 45.2 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)},
         * and the {@link #warning()} on a line of its own when there is one.
         */
        @Override
        public String toString() {
            String line = format(mean()) + " ± " + format(stdev()) + " per loop (mean ± std. dev. of " + runs()
                    + (runs() == 1 ? " run, " : " runs, ") + loops + (loops == 1 ? " loop each)" : " loops each)");
            String warning = warning();
            return warning == null ? line : line + "\n" + warning;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Timing that && loops == that.loops && Arrays.equals(perLoop, that.perLoop);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(perLoop) + loops;
        }
    }
}
