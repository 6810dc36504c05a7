package dev.floe.frame;

import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.plan.PlanNode;

/**
 * What runs a plan: the seam between Floe's plans and the engines that execute them. Floe's own
 * engine ({@link dev.floe.frame.physical.LocalEngine}) runs plans as pipelines of streaming
 * operators on the session's threads; another engine (Apache Spark in {@code floe-spark}, a GPU
 * engine later) implements the same interface and receives the same optimized logical plans,
 * whose leaves describe their data (frames, or file scans with paths, format and options).
 *
 * <p>An engine that holds resources (a Spark application) releases them on {@link #close()};
 * Floe's own holds none. Engines from other modules are found by name with {@link EngineProvider}.
 *
 * <p>Implementations are thread-safe: a session hands them many queries at once.
 */
public interface Engine extends AutoCloseable {
    /** A short name for messages and {@code explain}: {@code local}, {@code spark}. */
    String name();

    /** Runs an optimized plan and returns its result. */
    DataFrame collect(PlanNode plan, ExecutionContext context);

    /**
     * Runs an optimized plan, writing its rows to a file as they come rather than holding them;
     * the file appears whole when the query succeeds and not at all when it fails.
     *
     * @return the rows written
     */
    long sink(PlanNode plan, FileSink sink, ExecutionContext context);

    /** How this engine would run the plan, for {@code explain}. */
    String explain(PlanNode plan);

    /**
     * Runs the plan and tells how it ran, for {@code explainAnalyze}: the physical plan with the
     * rows each step gave and the time its breakers took. Engines that cannot profile a query
     * refuse.
     */
    default String explainAnalyze(PlanNode plan, ExecutionContext context) {
        throw new UnsupportedOperationException("the " + name() + " engine cannot profile a query (explainAnalyze); "
                + "explain() shows its plan");
    }

    /**
     * Holds an in-memory frame in the engine ahead of the queries that will read it, as a database
     * loads a table (Spark's {@code cache()}, Dask's {@code persist()}): their time is then spent on
     * their own work. The frame stays held while it is reachable. Floe's own engine reads frames
     * where they are, so there is nothing to do.
     */
    default void persist(DataFrame frame) {}

    /** Releases what the engine holds (a Spark application it started); Floe's own engine holds nothing. */
    @Override
    default void close() {}
}
