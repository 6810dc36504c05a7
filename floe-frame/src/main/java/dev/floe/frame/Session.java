package dev.floe.frame;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.physical.Cancellation;
import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.physical.LocalEngine;
import dev.floe.frame.physical.ProgressCounter;
import dev.floe.frame.physical.QueryProgress;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.rule.Optimizer;
import dev.floe.pool.Pool;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where queries run and with what: the number of worker threads, the morsel size, the engine.
 * {@link Floe#session()} is the process's default session, configured once from the environment
 * ({@code FLOE_THREADS}, {@code FLOE_MORSEL_ROWS}); {@link #create()} makes another. Settings
 * changed on a session apply to the queries started after; a query may also bring its own
 * ({@code lazyFrame.collect(config)}). Each query gets an {@link ExecutionContext} of its own
 * (its configuration, the session's workers, its cancellation and progress), so the engine
 * keeps no state between queries. Thread-safe.
 *
 * <pre>{@code
 * Floe.session().threads(4);                               // every later query on 4 threads
 * try (Session small = Session.create().threads(1)) {
 *     DataFrame out = small.collect(df.lazy().groupBy("k").agg(col("x").sum()));
 * }
 * }</pre>
 */
public final class Session implements AutoCloseable {
    private volatile ExecutionConfig config;
    private volatile Engine engine = LocalEngine.INSTANCE;
    private final Map<Integer, Pool> pools = new ConcurrentHashMap<>();
    private final dev.floe.frame.physical.MemoryPool memory =
            new dev.floe.frame.physical.MemoryPool(dev.floe.frame.physical.MemoryPool.defaultLimit());
    private volatile java.nio.file.Path tempDirectory = dev.floe.frame.physical.SpillSpace.defaultRoot();
    private final java.util.Set<Cancellation> running = ConcurrentHashMap.newKeySet();
    private volatile QueryProgress listener = QueryProgress.NONE;
    private volatile boolean closed;

    private Session(ExecutionConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    /** A new session configured from the environment. */
    public static Session create() {
        return new Session(ExecutionConfig.fromEnvironment());
    }

    /** A new session with this configuration. */
    public static Session create(ExecutionConfig config) {
        return new Session(config);
    }

    /** Runs later queries on {@code threads} workers. */
    public Session threads(int threads) {
        config = config.withThreads(threads);
        return this;
    }

    /** Cuts later queries' inputs into morsels of {@code rows} rows. */
    public Session morselRows(int rows) {
        config = config.withMorselRows(rows);
        return this;
    }

    /** Runs later queries on {@code engine} (Floe's own, {@link LocalEngine}, by default). */
    public Session engine(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        return this;
    }

    /**
     * Limits the memory the session's queries may hold in their operators' state (hash tables,
     * sorts, join build sides) together; past it they spill to disk. A size such as {@code "4g"},
     * {@code "512MB"}; by default {@code FLOE_MEMORY_LIMIT}, else 70% of the JVM's maximum heap.
     */
    public Session memoryLimit(String size) {
        memory.limit(dev.floe.frame.physical.MemoryPool.parse(size, "the memory limit"));
        return this;
    }

    /** {@link #memoryLimit(String)} in bytes. */
    public Session memoryLimit(long bytes) {
        memory.limit(bytes);
        return this;
    }

    /** The memory limit, in bytes. */
    public long memoryLimitBytes() {
        return memory.limit();
    }

    /** Where queries put their temporary files when they spill ({@code FLOE_TEMP_DIR}, else the JVM's temporary directory). */
    public Session tempDirectory(java.nio.file.Path directory) {
        this.tempDirectory = Objects.requireNonNull(directory, "directory is null");
        return this;
    }

    public java.nio.file.Path tempDirectory() {
        return tempDirectory;
    }

    /** Hears the progress of every later query of this session (rows and bytes read), as well as its own listener. */
    public Session progress(QueryProgress listener) {
        this.listener = Objects.requireNonNull(listener, "listener is null");
        return this;
    }

    /**
     * Cancels every query of this session running now: each stops within a fraction of a second
     * with {@link dev.floe.frame.physical.QueryCancelledException}. What Ctrl-C does in {@code floe sql}.
     *
     * @return how many queries were running
     */
    public int cancelRunning(String why) {
        int count = 0;
        for (Cancellation cancellation : running) {
            cancellation.cancel(why);
            count++;
        }
        return count;
    }

    /** Whether a query of this session is running. */
    public boolean isRunning() {
        return !running.isEmpty();
    }

    public ExecutionConfig config() {
        return config;
    }

    public Engine engine() {
        return engine;
    }

    /** Runs a query with the session's settings. */
    public DataFrame collect(LazyFrame query) {
        return collect(query.plan(), config, engine);
    }

    /** Runs a plan with a configuration of its own. */
    public DataFrame collect(PlanNode plan, ExecutionConfig config) {
        return collect(plan, config, engine);
    }

    /** Runs a plan on an engine, with a configuration of its own. */
    public DataFrame collect(PlanNode plan, ExecutionConfig config, Engine engine) {
        return run(config, QueryProgress.NONE, new Cancellation(),
                context -> engine.collect(Optimizer.optimize(plan), context));
    }

    /** Runs a query on this session's engine and tells how it ran (see {@link LazyFrame#explainAnalyze()}). */
    public String explainAnalyze(PlanNode plan) {
        Engine current = engine;
        return run(config, QueryProgress.NONE, new Cancellation(),
                context -> current.explainAnalyze(Optimizer.optimize(plan), context));
    }

    /** Runs a query and writes its rows to a file as they come; the rows written. */
    public long sink(PlanNode plan, FileSink sink) {
        return sink(plan, sink, config);
    }

    /** Runs a plan with a configuration of its own and writes its rows to a file as they come. */
    public long sink(PlanNode plan, FileSink sink, ExecutionConfig config) {
        Engine current = engine;
        return run(config, QueryProgress.NONE, new Cancellation(),
                context -> current.sink(Optimizer.optimize(plan), sink, context));
    }

    /** Runs a plan on another engine (Apache Spark with {@code floe-spark}) and writes its rows to a file as they come. */
    public long sink(PlanNode plan, FileSink sink, ExecutionConfig config, Engine engine) {
        return run(config, QueryProgress.NONE, new Cancellation(),
                context -> engine.sink(Optimizer.optimize(plan), sink, context));
    }

    /** Starts a query in the background. */
    public QueryHandle<DataFrame> submit(PlanNode plan) {
        Engine current = engine;
        return start(plan, (optimized, context) -> current.collect(optimized, context));
    }

    /** Starts a query that writes a file in the background; its result is the rows written. */
    public QueryHandle<Long> submitSink(PlanNode plan, FileSink sink) {
        Engine current = engine;
        return start(plan, (optimized, context) -> current.sink(optimized, sink, context));
    }

    private <T> QueryHandle<T> start(PlanNode plan, java.util.function.BiFunction<PlanNode, ExecutionContext, T> work) {
        ExecutionConfig settings = config;
        Cancellation cancellation = new Cancellation();
        ProgressCounter progress = new ProgressCounter();
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name("floe-query").start(() -> {
            try {
                result.complete(run(settings, progress, cancellation,
                        context -> work.apply(Optimizer.optimize(plan), context)));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new QueryHandle<>(result, cancellation, progress);
    }

    /**
     * Runs {@code work} with a context of its own: this configuration, the session's workers, the
     * cancellation and the progress listener given.
     */
    public <T> T run(ExecutionConfig settings, QueryProgress progress, Cancellation cancellation,
            Function<ExecutionContext, T> work) {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        Pool pool = settings.threads() == 1 ? null : pools.computeIfAbsent(settings.threads(), Pool::threads);
        QueryProgress session = listener;
        QueryProgress both = session == QueryProgress.NONE ? progress : progress == QueryProgress.NONE ? session
                : new QueryProgress() {
                    @Override
                    public void read(long rows, long bytes) {
                        progress.read(rows, bytes);
                        session.read(rows, bytes);
                    }

                    @Override
                    public void spilled(long bytes) {
                        progress.spilled(bytes);
                        session.spilled(bytes);
                    }

                    @Override
                    public void repartitioned() {
                        progress.repartitioned();
                        session.repartitioned();
                    }
                };
        running.add(cancellation);
        ExecutionContext context = null;
        try (dev.floe.frame.physical.SpillSpace spill = new dev.floe.frame.physical.SpillSpace(tempDirectory, both)) {
            context = new ExecutionContext(settings, pool, cancellation, both, memory, spill);
            return work.apply(context);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(e, context, memory);
        } finally {
            if (context != null) {
                context.releaseMemory();
            }
            running.remove(cancellation);
        }
    }

    /**
     * A query's {@link OutOfMemoryError} as an error a person can act on: how much heap the JVM
     * has, what the query held (the frames it read from memory, the rows it had collected, the
     * operator holding the most) and how to need less or give it more. The query's memory is
     * garbage once it has failed, so the session goes on working.
     */
    private static dev.floe.FloeException outOfMemory(OutOfMemoryError e, ExecutionContext context,
            dev.floe.frame.physical.MemoryPool memory) {
        // which operator held the most of the query's memory when the heap ran out
        dev.floe.frame.physical.MemoryReservation largest = context == null ? null : context.largestReservation();
        return new dev.floe.FloeException(outOfMemoryMessage(Runtime.getRuntime().maxMemory(),
                context == null ? 0 : context.inputBytes(), context == null ? 0 : context.collectedRows(),
                context == null ? 0 : context.collectedBytes(), largest == null ? null : largest.operator(),
                largest == null ? 0 : largest.reserved(), memory.limit()), e);
    }

    /**
     * The message of {@link #outOfMemory}: {@code heap} the JVM's maximum, {@code inputs} the bytes
     * of the frames the query reads from memory, {@code collectedRows} and {@code collectedBytes}
     * what it had collected into frames, {@code operator} (or null) the operator holding the most
     * reserved memory, {@code reserved} what it held and {@code limit} the memory limit. When the
     * collected rows are the most, a sink comes first in the advice: a result that large needs a
     * file.
     */
    static String outOfMemoryMessage(long heap, long inputs, long collectedRows, long collectedBytes, String operator,
            long reserved, long limit) {
        StringBuilder held = new StringBuilder("the query ran out of memory (the JVM's maximum heap is ")
                .append(heap == Long.MAX_VALUE ? "no set limit" : megabytes(heap));
        if (inputs > 0) {
            held.append("; the frames it reads from memory take ").append(megabytes(inputs));
        }
        if (collectedBytes > 0) {
            held.append(String.format(java.util.Locale.ROOT, "; it had collected %,d rows (%s) into a frame", collectedRows,
                    megabytes(collectedBytes))).append(" (its result, or the whole input of an operator that holds it)");
        }
        if (operator != null && reserved > 0) {
            held.append("; the operator holding the most was ").append(operator).append(", with ")
                    .append(megabytes(reserved)).append(" reserved under the memory limit of ").append(megabytes(limit));
        }
        held.append("); ");
        String sink = "write a large result to a file with a sink instead of collecting it (sinkParquet, sinkCsv; "
                + "SQL: COPY (query) TO 'file')";
        if (collectedBytes > 0 && collectedBytes >= reserved) {
            return held + "the collected rows are the most it held: " + sink + ", aggregate or filter it first, "
                    + "or give the JVM more with -Xmx (for the floe command: JAVA_TOOL_OPTIONS=-Xmx8g)";
        }
        return held + "give the JVM more with -Xmx (for the floe command: JAVA_TOOL_OPTIONS=-Xmx8g), set a lower memory "
                + "limit so that sorts, joins, aggregations and windows spill to disk sooner (memoryLimit(\"2g\"), "
                + "FLOE_MEMORY_LIMIT, SQL SET memory_limit), or make the query hold less: filter or select fewer columns "
                + "before a sort, join or aggregation, or " + sink;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MB", bytes / (1 << 20));
    }

    /** Stops the session's workers; queries cannot start afterwards. The default session is never closed. */
    @Override
    public void close() {
        if (this == Floe.session()) {
            return;
        }
        closed = true;
        pools.values().forEach(Pool::shutdown);
        pools.clear();
    }
}
