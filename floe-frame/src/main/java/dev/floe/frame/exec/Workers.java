package dev.floe.frame.exec;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The workers an operator's heavy steps may spread over (merging hash tables, sorting runs,
 * gathering columns): what the kernels need of a query's execution context.
 */
public interface Workers {
    /** How many workers there are (1: the calling thread alone). */
    int threads();

    /** The rows of a morsel. */
    int morselRows();

    /**
     * Runs {@code task(0) .. task(count - 1)}, in parallel where there are workers, and returns
     * their results in order; every task has ended when it returns or throws.
     */
    <R> List<R> runTasks(int count, IntFunction<R> task);

    /** Throws once the query is cancelled. */
    void checkCancelled();
}
