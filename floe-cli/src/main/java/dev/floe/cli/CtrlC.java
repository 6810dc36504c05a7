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

    /** From now until {@link #close}, Ctrl-C cancels the default session's running queries. */
    static CtrlC cancelsQueries() {
        try {
            return new CtrlC(sun.misc.Signal.handle(new sun.misc.Signal("INT"),
                    signal -> Floe.session().cancelRunning("Ctrl-C")));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return new CtrlC(null); // no such signal here
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }
}
