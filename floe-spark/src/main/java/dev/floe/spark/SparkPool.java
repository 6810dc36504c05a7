package dev.floe.spark;

import dev.floe.FloeException;
import dev.floe.pool.Args2;
import dev.floe.pool.Args3;
import dev.floe.pool.AsyncResult;
import dev.floe.pool.Pool;
import dev.floe.pool.TaskFailedException;
import dev.floe.pool.TaskSerializationException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@link Pool}'s task parallelism on Spark's executors: {@code map}, {@code starmap}, {@code imap}
 * and {@code applyAsync} with the pool's contract for results and failures. Results come in input
 * order; a task that throws fails the call with a {@link TaskFailedException} naming its index and
 * input, its exception (a deserialized copy, as in a process pool) as the cause. Spark schedules
 * the chunks as tasks and runs them again on another executor when one is lost.
 *
 * <pre>{@code
 * try (SparkEngine spark = SparkEngine.connect("spark://host:7077")) {
 *     SparkPool pool = SparkPool.of(spark);
 *     List<Integer> lengths = pool.map(String::length, words);
 * }
 * }</pre>
 *
 * <p>Functions and inputs cross to the executors by Java serialization ({@link Pool.Fn} is
 * serializable; a lambda may capture only serializable values); one that cannot is refused with a
 * {@link TaskSerializationException} before anything runs. Differences from the local pools: a
 * chunk stops at its first failure, but chunks already running elsewhere finish; there is no
 * progress view or terminate (cancel Spark's jobs instead). Thread-safe.
 */
public final class SparkPool {
    private final SparkEngine engine;
    private final JavaSparkContext context;

    private SparkPool(SparkEngine engine) {
        this.engine = engine;
        this.context = JavaSparkContext.fromSparkContext(engine.session().sparkContext());
    }

    /** A pool over the engine's Spark application; closing the engine ends it. */
    public static SparkPool of(SparkEngine engine) {
        return new SparkPool(Objects.requireNonNull(engine, "engine is null"));
    }

    /** How many tasks Spark runs at once by default: its default parallelism. */
    public int workers() {
        return context.defaultParallelism();
    }

    /** {@code fn} applied to every item, the results in input order; chunks of multiprocessing's default size. */
    public <T, R> List<R> map(Pool.Fn<? super T, ? extends R> fn, Iterable<? extends T> items) {
        List<T> inputs = copy(items);
        return map(fn, inputs, defaultChunksize(inputs.size()));
    }

    /** {@code fn} applied to every item, in Spark tasks of {@code chunksize} items, the results in input order. */
    public <T, R> List<R> map(Pool.Fn<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
        List<T> inputs = copy(items);
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<Outcome> outcomes = run("map", () -> rdd(fn, inputs, chunksize).collect());
        List<R> results = new ArrayList<>(inputs.size());
        for (Outcome outcome : outcomes) {
            results.add(this.<R>valueOf(outcome, inputs));
        }
        return results;
    }

    /** {@code fn} applied to each pair of arguments, the results in input order. */
    public <A, B, R> List<R> starmap(Pool.Fn2<? super A, ? super B, ? extends R> fn, Iterable<Args2<A, B>> args) {
        Objects.requireNonNull(fn, "fn is null");
        return map((Pool.Fn<Args2<A, B>, R>) pair -> fn.apply(pair.first(), pair.second()), args);
    }

    /** {@code fn} applied to each triple of arguments, the results in input order. */
    public <A, B, C, R> List<R> starmap3(Pool.Fn3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<Args3<A, B, C>> args) {
        Objects.requireNonNull(fn, "fn is null");
        return map((Pool.Fn<Args3<A, B, C>, R>) triple -> fn.apply(triple.first(), triple.second(), triple.third()), args);
    }

    /**
     * {@code fn} applied to every item, lazily: the results in input order as they are read, a
     * Spark job per chunk of {@code chunksize} items when the stream reaches it. A failing task
     * ends the stream with its {@link TaskFailedException} after the results before it.
     */
    public <T, R> Stream<R> imap(Pool.Fn<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
        List<T> inputs = copy(items);
        if (inputs.isEmpty()) {
            return Stream.empty();
        }
        Iterator<Outcome> outcomes = run("imap", () -> rdd(fn, inputs, chunksize).toLocalIterator());
        Iterator<R> results = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return run("imap", outcomes::hasNext);
            }

            @Override
            public R next() {
                return valueOf(run("imap", outcomes::next), inputs);
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(results, inputs.size(),
                Spliterator.ORDERED | Spliterator.SIZED), false);
    }

    /** {@link #imap(Pool.Fn, Iterable, int)} with a job per item. */
    public <T, R> Stream<R> imap(Pool.Fn<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return imap(fn, items, 1);
    }

    /** Runs {@code task} in a Spark task; the result arrives later. */
    public <R> AsyncResult<R> applyAsync(Pool.Task<? extends R> task) {
        Objects.requireNonNull(task, "task is null");
        Pool.Fn<Integer, R> once = ignored -> task.call();
        CompletableFuture<R> future = new CompletableFuture<>();
        Thread.ofVirtual().name("floe-spark-apply").start(() -> {
            try {
                future.complete(map(once, List.of(0), 1).get(0));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return new FutureResult<>(future);
    }

    /** multiprocessing's rule: {@code ceil(n / (4 * workers))}. */
    private int defaultChunksize(int items) {
        long perRound = 4L * Math.max(1, workers());
        return (int) Math.max(1, (items + perRound - 1) / perRound);
    }

    private static <T> List<T> copy(Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items is null");
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    /** A task's outcome: its value, or what it threw. */
    record Outcome(long index, Object value, Throwable failure) implements Serializable {}

    /** An input with its position. */
    record Item(long index, Object value) implements Serializable {}

    private <T> JavaRDD<Outcome> rdd(Pool.Fn<? super T, ?> fn, List<T> inputs, int chunksize) {
        Objects.requireNonNull(fn, "fn is null");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        List<Item> items = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            items.add(new Item(i, inputs.get(i)));
        }
        int chunks = (int) ((inputs.size() + (long) chunksize - 1) / chunksize);
        return context.parallelize(items, chunks).mapPartitions(partition -> runChunk(fn, partition));
    }

    /** Runs a chunk's tasks in order in an executor, stopping at the first that throws. */
    @SuppressWarnings("unchecked")
    private static <T> Iterator<Outcome> runChunk(Pool.Fn<? super T, ?> fn, Iterator<Item> partition) {
        List<Outcome> out = new ArrayList<>();
        while (partition.hasNext()) {
            Item item = partition.next();
            try {
                out.add(new Outcome(item.index(), fn.apply((T) item.value()), null));
            } catch (Throwable e) {
                out.add(new Outcome(item.index(), null, e));
                break;
            }
        }
        return out.iterator();
    }

    @SuppressWarnings("unchecked")
    private <R> R valueOf(Outcome outcome, List<?> inputs) {
        if (outcome.failure() != null) {
            throw new TaskFailedException(outcome.index(), describe(inputs.get((int) outcome.index())), outcome.failure());
        }
        return (R) outcome.value();
    }

    private static String describe(Object input) {
        String text = String.valueOf(input);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Runs Spark work, its errors as the pool's: what cannot be serialized, or a job Spark gave up on. */
    private static <V> V run(String operation, java.util.function.Supplier<V> work) {
        try {
            return work.get();
        } catch (TaskFailedException e) {
            throw e;
        } catch (Exception e) { // SparkException is checked, though Scala throws it anywhere
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.io.NotSerializableException
                        || String.valueOf(cause.getMessage()).contains("Task not serializable")) {
                    throw new TaskSerializationException(TaskSerializationException.Phase.SERIALIZE_TASK,
                            "the function or inputs of " + operation + " cannot be sent to Spark's executors: "
                                    + cause.getMessage() + "; a lambda may capture only serializable values", e);
                }
            }
            throw new FloeException(operation + " failed on Spark: " + e.getMessage(), e);
        }
    }

    /** An {@link AsyncResult} over a future. */
    private record FutureResult<T>(CompletableFuture<T> future) implements AsyncResult<T> {
        @Override
        public T get() {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FloeException("interrupted while waiting for a Spark task", e);
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            }
        }

        @Override
        public T get(Duration timeout) throws TimeoutException {
            try {
                return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FloeException("interrupted while waiting for a Spark task", e);
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            }
        }

        private static RuntimeException rethrown(Throwable failure) {
            return switch (failure) {
                case TaskFailedException task -> task.rethrownHere();
                case RuntimeException runtime -> runtime;
                default -> new CompletionException(failure);
            };
        }

        @Override
        public void await() {
            future.exceptionally(e -> null).join();
        }

        @Override
        public boolean await(Duration timeout) {
            try {
                future.exceptionally(e -> null).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return true;
            }
        }

        @Override
        public boolean ready() {
            return future.isDone();
        }

        @Override
        public boolean successful() {
            if (!future.isDone()) {
                throw new IllegalStateException("the result is not ready");
            }
            return !future.isCompletedExceptionally();
        }

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            return future.copy();
        }
    }
}
