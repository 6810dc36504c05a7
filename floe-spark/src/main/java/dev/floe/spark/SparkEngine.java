package dev.floe.spark;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Engine;
import dev.floe.frame.FileSink;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.physical.LocalEngine;
import dev.floe.frame.physical.QueryCancelledException;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Floe's plans on Apache Spark: each optimized plan is translated to Spark's Dataset API and run
 * by Spark (which schedules, shuffles and retries), and its rows come back as a Floe
 * {@link DataFrame} with Floe's types. What has no faithful translation is refused when the plan
 * is submitted, with a {@link NotTranslatedException} naming it, never run differently; see
 * docs/spark.md for what is translated and where the engines' answers may differ (row order where
 * no sort decides it, float sums' last bits).
 *
 * <pre>{@code
 * try (SparkEngine spark = SparkEngine.local(2)) {
 *     DataFrame out = Floe.scanCsv("G1.csv").groupBy("id1").agg(col("v1").sum()).collect(spark);
 * }
 * }</pre>
 *
 * <p>Thread-safe: a Spark session takes many queries at once.
 */
public final class SparkEngine implements Engine, AutoCloseable {
    private static final AtomicLong QUERY_NUMBERS = new AtomicLong();

    private final SparkSession spark;
    private final boolean owned;
    private final ShippedFrames frames;

    private SparkEngine(SparkSession spark, boolean owned) {
        this.spark = spark;
        this.owned = owned;
        this.frames = new ShippedFrames(spark);
        // Floe's answers are the reference: ANSI mode fails on overflow and bad casts as Floe does
        spark.conf().set("spark.sql.ansi.enabled", "true");
        spark.conf().set("spark.sql.caseSensitive", "true"); // Floe's names are case-sensitive
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true"); // LocalDate and Instant values
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        // decimal arithmetic past 38 digits keeps its scale and fails on overflow, as Floe's, instead
        // of rounding away digits after the point
        spark.conf().set("spark.sql.decimalOperations.allowPrecisionLoss", "false");
    }

    /** A Spark of its own in this JVM, on {@code threads} threads ({@code local[threads]}); {@link #close()} stops it. */
    public static SparkEngine local(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return connect("local[" + threads + "]", threads);
    }

    /**
     * A Spark application on the cluster at {@code masterUrl} ({@code spark://host:7077},
     * {@code local[4]}, ...); {@link #close()} stops it. Executors need floe-frame and
     * floe-spark on their class path for {@link SparkPool} (spark-submit with the floe-spark jar, or
     * {@code spark.jars}, given to {@link #connect(String, Map)}).
     *
     * @throws IllegalStateException if a Spark application already runs in this JVM (use {@link #of})
     */
    public static SparkEngine connect(String masterUrl) {
        return connect(masterUrl, Map.of());
    }

    /**
     * A Spark application on the cluster at {@code masterUrl} with Spark settings of the caller's:
     * {@code spark.jars} (the jars executors need: floe-frame, floe-pool, floe-spark and the
     * classes of the pool's functions), {@code spark.executor.memory},
     * {@code spark.sql.shuffle.partitions}, {@code spark.driver.host} (the address executors
     * reach the driver at), ... {@link #close()} stops it.
     *
     * <pre>{@code
     * SparkEngine cluster = SparkEngine.connect("spark://host:7077", Map.of(
     *         "spark.jars", "floe-frame.jar,floe-pool.jar,floe-spark.jar,my-functions.jar",
     *         "spark.sql.shuffle.partitions", "16"));
     * }</pre>
     *
     * @throws IllegalStateException if a Spark application already runs in this JVM (use {@link #of})
     */
    public static SparkEngine connect(String masterUrl, Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings is null");
        return connect(masterUrl, 0, settings);
    }

    /**
     * A Spark application on {@code masterUrl}, as {@link #local} makes one where the master is
     * local ({@code local}, {@code local[N]}, {@code local[*]}: a shuffle partition per thread, the
     * driver on 127.0.0.1), else as {@link #connect(String, Map)}; the settings given win.
     */
    static SparkEngine open(String masterUrl, Map<String, String> settings) {
        java.util.regex.Matcher local = java.util.regex.Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?")
                .matcher(masterUrl);
        if (!local.matches()) {
            return connect(masterUrl, 0, settings);
        }
        String threads = local.group(1);
        int partitions = threads == null ? 1 : threads.equals("*") ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(threads);
        if (partitions < 1) {
            throw new IllegalArgumentException("a local master needs at least one thread, not " + masterUrl);
        }
        return connect(masterUrl, partitions, settings);
    }

    private static SparkEngine connect(String masterUrl, int shufflePartitions) {
        return connect(masterUrl, shufflePartitions, Map.of());
    }

    private static SparkEngine connect(String masterUrl, int shufflePartitions, Map<String, String> settings) {
        Objects.requireNonNull(masterUrl, "masterUrl is null");
        if (SparkSession.getDefaultSession().isDefined()) {
            // getOrCreate would hand back that application, and close() would stop it under its owner
            throw new IllegalStateException("a Spark application is already running in this JVM; run on it with "
                    + "SparkEngine.of(session), or stop it first");
        }
        SparkSession.Builder builder = SparkSession.builder().appName("floe").master(masterUrl)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (shufflePartitions > 0) {
            // on one machine, a shuffle partition per thread rather than Spark's 200
            builder = builder.config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1");
        }
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            builder = builder.config(Objects.requireNonNull(setting.getKey(), "a setting's name is null"),
                    Objects.requireNonNull(setting.getValue(), () -> "setting " + setting.getKey() + " is null"));
        }
        return new SparkEngine(builder.getOrCreate(), true);
    }

    /**
     * Runs on a Spark session the caller made and stops. The engine works on a session of its own
     * over the same Spark context ({@link SparkSession#newSession()}), so the settings it needs
     * (ANSI mode, case-sensitive names) do not change the caller's.
     */
    public static SparkEngine of(SparkSession session) {
        Objects.requireNonNull(session, "session is null");
        return new SparkEngine(session.newSession(), false);
    }

    /** The Spark session the engine's queries run in. */
    public SparkSession session() {
        return spark;
    }

    @Override
    public String name() {
        return "spark";
    }

    /**
     * Ships the frame to Spark now and waits until Spark holds it, both as Floe's columns (for the
     * stages Floe computes in the executors) and as Spark's rows (for Spark's own operators): a
     * job or two over it, which later queries no longer pay.
     */
    @Override
    public void persist(DataFrame frame) {
        Objects.requireNonNull(frame, "frame is null");
        frames.hold(frame);
    }

    /** The in-memory frames this engine has shipped to Spark. */
    ShippedFrames frames() {
        return frames;
    }

    /** The plan translated to a Spark dataset with the plan's columns and Floe's types. */
    public Dataset<Row> dataset(PlanNode plan) {
        Objects.requireNonNull(plan, "plan is null");
        return new PlanTranslator(spark, frames).translate(plan).data();
    }

    @Override
    public DataFrame collect(PlanNode plan, ExecutionContext context) {
        Dataset<Row> data = dataset(plan);
        context.checkCancelled();
        return FrameRows.toFloe(cancellable(plan, context, data::collectAsList), plan.schema());
    }

    /**
     * Runs {@code jobs} (what starts Spark's jobs and takes their rows) in a Spark job group of the
     * query's own, which a watcher cancels when the query is (a {@code QueryHandle}, Ctrl-C in
     * {@code floe sql}): Spark stops its tasks, and the query ends with {@link QueryCancelledException}.
     */
    private <T> T cancellable(PlanNode plan, ExecutionContext context, java.util.function.Supplier<T> jobs) {
        SparkContext sparkContext = spark.sparkContext();
        String group = "floe-query-" + QUERY_NUMBERS.incrementAndGet();
        sparkContext.setJobGroup(group, "Floe: " + plan, true); // thread-local: this thread's jobs
        CountDownLatch done = new CountDownLatch(1);
        Thread watcher = Thread.ofVirtual().name(group + "-watcher").start(() -> {
            try {
                while (!done.await(50, TimeUnit.MILLISECONDS)) {
                    if (context.cancellation().isCancelled()) {
                        sparkContext.cancelJobGroup(group);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            return jobs.get();
        } catch (QueryCancelledException e) {
            throw e;
        } catch (Exception e) { // SparkException is checked, though Scala throws it anywhere
            if (context.cancellation().isCancelled()) {
                throw new QueryCancelledException(context.cancellation().reason());
            }
            throw failure(e, plan);
        } finally {
            done.countDown();
            sparkContext.clearJobGroup();
            try {
                watcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs the plan on Spark and writes its rows with Floe's writer, so the file is as the local
     * engine writes it. The rows come to the driver a partition at a time (Spark's
     * {@code toLocalIterator}), in order, and are written in parts of {@value #SINK_PART_ROWS} rows
     * as they come: the driver holds one partition, not the result.
     */
    @Override
    public long sink(PlanNode plan, FileSink sink, ExecutionContext context) {
        Dataset<Row> data = dataset(plan);
        context.checkCancelled();
        Schema schema = plan.schema();
        return cancellable(plan, context, () -> {
            Iterator<Row> rows = data.toLocalIterator();
            Iterator<DataFrame> parts = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public DataFrame next() {
                    List<Row> part = new ArrayList<>(SINK_PART_ROWS);
                    while (part.size() < SINK_PART_ROWS && rows.hasNext()) {
                        part.add(rows.next());
                    }
                    return FrameRows.toFloe(part, schema);
                }
            };
            return LocalEngine.INSTANCE.sink(schema, "rows from Spark", parts, sink, context);
        });
    }

    /** The rows of a part a sink writes at once. */
    static final int SINK_PART_ROWS = 65_536;

    @Override
    public String explain(PlanNode plan) {
        return "Spark (" + spark.sparkContext().master() + ")\n" + dataset(plan).queryExecution().simpleString();
    }

    /**
     * Stops Spark when the engine started it ({@link #local}, {@link #connect}); leaves a session
     * given to {@link #of} running, releasing the in-memory frames the engine cached there.
     */
    @Override
    public void close() {
        if (owned) {
            spark.stop();
        } else {
            frames.release();
        }
    }

    /**
     * Spark's error as Floe's: an arithmetic or cast error is out of range, as the local engine
     * says; an error the translation raised (a check of Floe's), or Floe's kernels raised in an
     * executor, is Floe's error with its message.
     */
    private static FloeException failure(Exception error, PlanNode plan) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SparkThrowable raised && "USER_RAISED_EXCEPTION".equals(raised.getCondition())) {
                String message = raised.getMessageParameters().getOrDefault("errorMessage", cause.getMessage());
                return message.startsWith("out of range") ? new OutOfRangeException(message + " (on Spark)")
                        : new FloeException(message + " (on Spark)", error);
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            // raised by Floe's kernels in an executor (ComputedByFloe)
            if (cause instanceof OutOfRangeException) {
                return new OutOfRangeException(cause.getMessage() + " (on Spark)");
            }
            if (cause instanceof FloeException && cause != error) {
                return new FloeException(cause.getMessage() + " (on Spark)", error);
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ArithmeticException || cause instanceof SparkThrowable spark
                    && spark.getCondition() != null && (spark.getCondition().startsWith("ARITHMETIC_OVERFLOW")
                            || spark.getCondition().startsWith("CAST_OVERFLOW")
                            || spark.getCondition().startsWith("NUMERIC_VALUE_OUT_OF_RANGE")
                            || spark.getCondition().startsWith("CAST_INVALID_INPUT")
                            || spark.getCondition().startsWith("DATETIME_FIELD_OUT_OF_BOUNDS")
                            || spark.getCondition().startsWith("DIVIDE_BY_ZERO"))) {
                return new OutOfRangeException("out of range (on Spark): " + cause.getMessage());
            }
        }
        if (error instanceof FloeException floe) {
            return floe; // Floe's own (a sink's file that exists): not Spark's
        }
        return new FloeException("the query failed on Spark: " + error.getMessage(), error);
    }
}
