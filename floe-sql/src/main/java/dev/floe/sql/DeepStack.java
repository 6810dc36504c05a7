package dev.floe.sql;

import java.util.function.Supplier;

/**
 * Runs the work of one SQL statement (parsing, translating, running the plan) on a thread of its
 * own with a large stack. Parsing and translating recurse over the statement's tree, so a
 * statement nested deeper than {@link Translator#MAX_DEPTH} levels is refused by name before it
 * could exhaust even this stack, and a flat chain ({@code a AND b AND ...},
 * {@code 1 + 1 + ...}) of any length fits. The caller waits; an interrupt of the caller is
 * passed on to the statement's thread.
 */
final class DeepStack {
    /** Address space reserved for the thread's stack; only what the recursion reaches is touched. */
    static final long STACK_BYTES = 1L << 30;

    private DeepStack() {}

    /** {@code work}'s result, computed on a deep-stack thread; its exception rethrown as it is. */
    static <T> T call(String sql, Supplier<T> work) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = work.get();
            } catch (StackOverflowError e) {
                failure[0] = new SqlException("the statement is nested too deeply to read (its parentheses, NOT, CASE "
                        + "or subqueries go thousands of levels down); Floe reads " + Translator.MAX_DEPTH
                        + " levels", sql, 0, 0, e);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "floe-sql", STACK_BYTES);
        thread.setDaemon(true);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt(); // the statement's thread stops where it looks, and this one waits for it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
