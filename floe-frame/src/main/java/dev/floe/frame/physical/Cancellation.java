package dev.floe.frame.physical;

/**
 * The cancellation flag of one query. Anyone may cancel (a {@code QueryHandle}, an interrupted
 * caller, a failing worker); the operators look at the flag between batches and stop. Thread-safe.
 */
public final class Cancellation {
    private volatile String reason;

    /** Asks the query to stop; the first reason given is kept. */
    public void cancel(String why) {
        synchronized (this) {
            if (reason == null) {
                reason = why == null ? "cancelled" : why;
            }
        }
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Why the query was cancelled, or null while it runs. */
    public String reason() {
        return reason;
    }

    /** Throws {@link QueryCancelledException} once the query is cancelled. */
    public void check() {
        String why = reason;
        if (why != null) {
            throw new QueryCancelledException(why);
        }
    }
}
