package dev.floe.pool;

/**
 * Where a pool reports the progress of its {@code map}, {@code starmap} and {@code imap} calls:
 * a progress bar, a log, a dashboard. A pool calls {@link #start} once per operation and reports
 * to the returned {@link Tracker}.
 *
 * <pre>{@code
 * pool.withProgress("rows").map(fn, rows);                        // a bar on stderr, if a terminal
 * pool.withProgress("rows", Progress.bar(true)).map(fn, rows);    // a bar even into a log file
 * }</pre>
 *
 * <p>Implementations must be thread-safe: trackers are advanced from the pool's workers.
 */
@FunctionalInterface
public interface Progress {

    /**
     * Called when an operation of {@code total} tasks starts.
     *
     * @return the tracker that receives the operation's progress
     */
    Tracker start(String label, long total);

    /** The progress of one operation. Thread-safe. */
    interface Tracker extends AutoCloseable {
        /** {@code tasks} more tasks are done. */
        void advance(long tasks);

        /** The operation ended, successfully or not. Called exactly once. */
        @Override
        void close();
    }

    /**
     * A tqdm-like bar on stderr (count, rate, time left), drawn only when stderr is a terminal.
     * The environment variable {@code FLOE_PROGRESS} overrides that: {@code always} or
     * {@code never}.
     */
    static Progress bar() {
        return ProgressBarDisplay.auto();
    }

    /** A bar on stderr; {@code force} draws it even when stderr is not a terminal. */
    static Progress bar(boolean force) {
        return force ? ProgressBarDisplay.forced() : ProgressBarDisplay.auto();
    }

    /** Reports nothing. */
    static Progress none() {
        return (label, total) -> NoTracker.INSTANCE;
    }

    /** The tracker that ignores everything. */
    enum NoTracker implements Tracker {
        INSTANCE;

        @Override
        public void advance(long tasks) {}

        @Override
        public void close() {}
    }
}
