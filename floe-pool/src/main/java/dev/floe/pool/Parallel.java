package dev.floe.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * joblib's {@code Parallel}: run a batch of calls on a fresh pool and get the results in order.
 *
 * <pre>{@code
 * // Python: Parallel(n_jobs=-1)(delayed(np.cos)(i) for i in np.arange(0, 1, 0.001))
 * List<Double> cosines = Parallel.jobs(-1).map(Math::cos, xs);
 * List<Integer> sizes = Parallel.jobs(4).run(List.of(() -> fetch(a), () -> fetch(b)));
 * List<Double> same = Parallel.jobs(-1).run(xs.stream().map(x -> Parallel.delayed(Math::cos, x)).toList());
 * }</pre>
 *
 * <p>Each call starts a pool, runs the work, and shuts the pool down, so a {@code Parallel} holds
 * no threads between calls. Immutable and thread-safe.
 */
public final class Parallel {
    private final int requestedJobs;
    private final boolean virtualThreads;
    private final String progressLabel;

    private Parallel(int requestedJobs, boolean virtualThreads, String progressLabel) {
        this.requestedJobs = requestedJobs;
        this.virtualThreads = virtualThreads;
        this.progressLabel = progressLabel;
    }

    /**
     * Work on {@code nJobs} workers, with joblib's rule for negative counts: {@code -1} is every
     * processor, {@code -2} all but one, and in general {@code processors + 1 + nJobs} (at least 1).
     *
     * @throws IllegalArgumentException if {@code nJobs} is 0
     */
    public static Parallel jobs(int nJobs) {
        if (nJobs == 0) {
            throw new IllegalArgumentException("nJobs must not be 0: use a positive count, or -1 for every "
                    + "processor, -2 for all but one (joblib's rule)");
        }
        return new Parallel(nJobs, false, null);
    }

    /** The number of workers {@code nJobs} means on a machine with {@code processors} processors. */
    public static int effectiveJobs(int nJobs, int processors) {
        if (nJobs == 0) {
            throw new IllegalArgumentException("nJobs must not be 0");
        }
        return nJobs > 0 ? nJobs : Math.max(1, processors + 1 + nJobs);
    }

    /** The number of workers this runs on, here. */
    public int jobs() {
        return effectiveJobs(requestedJobs, Runtime.getRuntime().availableProcessors());
    }

    /** Runs on virtual threads (joblib's {@code prefer="threads"} for I/O-bound calls): at most {@link #jobs()} at once. */
    public Parallel preferVirtualThreads() {
        return new Parallel(requestedJobs, true, progressLabel);
    }

    /** Shows a progress bar labelled {@code label} (see {@link Pool#withProgress(String)}). */
    public Parallel withProgress(String label) {
        return new Parallel(requestedJobs, virtualThreads, Checks.notNull(label, "label"));
    }

    /** A call of {@code fn} on {@code argument}, to be run later: joblib's {@code delayed(fn)(argument)}. */
    public static <T, R> Pool.Task<R> delayed(Pool.Fn<? super T, ? extends R> fn, T argument) {
        Checks.notNull(fn, "fn");
        return () -> fn.apply(argument);
    }

    /**
     * Applies {@code fn} to every item in parallel; results in the items' order. Small tasks are
     * batched into chunks so the overhead per task stays small.
     *
     * @throws TaskFailedException for the first task that throws
     */
    public <T, R> List<R> map(Pool.Fn<? super T, ? extends R> fn, Iterable<? extends T> items) {
        Checks.notNull(fn, "fn");
        Checks.notNull(items, "items");
        try (Pool pool = pool()) {
            return pool.map(fn, items);
        }
    }

    /**
     * Runs every call in parallel; results in the calls' order.
     *
     * @throws TaskFailedException for the first call that throws, naming its position
     */
    public <T> List<T> run(List<? extends Callable<? extends T>> calls) {
        Checks.notNull(calls, "calls");
        List<Callable<? extends T>> copy = new ArrayList<>(calls);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) == null) {
                throw new IllegalArgumentException("calls[" + i + "] is null");
            }
        }
        try (Pool pool = pool()) {
            return pool.map(Callable::call, copy);
        }
    }

    private Pool pool() {
        Pool pool = virtualThreads ? Pool.virtualThreads(jobs()) : Pool.threads(jobs());
        return progressLabel == null ? pool : pool.withProgress(progressLabel);
    }

    @Override
    public String toString() {
        return "Parallel[jobs=" + jobs() + (virtualThreads ? ", virtual threads" : "") + "]";
    }
}
