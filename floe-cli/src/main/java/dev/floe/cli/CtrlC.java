package dev.floe.cli;

import dev.floe.frame.Floe;

/**
 * While a query runs, Ctrl-C cancels it instead of ending the program: the query stops within a
 * fraction of a second and its error says it was cancelled (the shell then takes the next
 * statement). Outside queries Ctrl-C does what it did before. Uses the JDK's signal handler
 * where the platform has one, and does nothing where it does not.
 *
 * <pre>{@code
 * try (CtrlC ignored = CtrlC.cancelsQueries()) {
 *     result = context.sql(statement);
 * }
 * }</pre>
 */
final class CtrlC implements AutoCloseable {
    private final sun.misc.SignalHandler previous;

    private CtrlC(sun.misc.SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * From now until {@link #close}, Ctrl-C cancels the default session's running queries. A
     * process started with SIGINT ignored (in the background, under {@code nohup}) gets no Ctrl-C,
     * so there it stays ignored and nothing is done.
     */
    static CtrlC cancelsQueries() {
        try {
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt,
                    signal -> Floe.session().cancelRunning("Ctrl-C"));
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                sun.misc.Signal.handle(interrupt, previous);
                return new CtrlC(null);
            }
            return new CtrlC(previous);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return new CtrlC(null); // no such signal here
        }
    }

    /** Whether Ctrl-C reaches this process and now cancels queries. */
    boolean active() {
        return previous != null;
    }

    @Override
    public void close() {
        if (previous != null) {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }
}
