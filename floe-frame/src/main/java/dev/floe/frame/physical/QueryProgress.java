package dev.floe.frame.physical;

/**
 * Hears how far a running query has got: rows and bytes read by its scans. Called from worker
 * threads, often (once per batch), so implementations are thread-safe and cheap.
 */
@FunctionalInterface
public interface QueryProgress {
    /** Nobody listening. */
    QueryProgress NONE = new QueryProgress() {
        @Override
        public void read(long rows, long bytes) {
            // not reported
        }
    };

    /**
     * A scan produced {@code rows} more rows from {@code bytes} more bytes of its files (0 for data
     * already in memory).
     */
    void read(long rows, long bytes);

    /** An operator wrote {@code bytes} to a spill file (the memory limit was reached). */
    default void spilled(long bytes) {
        // not reported
    }

    /**
     * An operator split a spilled partition that did not fit the memory limit into smaller
     * partitions (themselves spilled).
     */
    default void repartitioned() {
        // not reported
    }
}
