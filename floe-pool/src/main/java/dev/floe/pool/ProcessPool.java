package dev.floe.pool;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Pool} whose workers are separate JVMs: for isolation (a task that crashes, calls
 * {@code System.exit} or exhausts memory takes down only its worker), separate heaps, and hard
 * time-outs that really stop a task.
 *
 * <pre>{@code
 * try (Pool pool = Pool.processes(2)) {
 *     List<Integer> sizes = pool.map(path -> parse(path).size(), paths);
 * }
 * Pool careful = ProcessPool.builder()
 *         .workers(4).heap("512m")
 *         .retries(1)                          // re-run a task whose worker died, once
 *         .timeout(Duration.ofSeconds(30))     // kill a worker stuck on one task
 *         .maxTasksPerChild(1000)              // recycle workers that leak
 *         .initializer(() -> Native.load())    // once per worker
 *         .build();
 * }</pre>
 *
 * <p>Workers start with the caller's class path, are kept warm and reused. Tasks, their inputs
 * and their results cross as serialized objects: lambdas work when what they capture is
 * serializable, and a task that cannot be serialized is rejected when it is submitted, naming the
 * class. A worker that dies fails only the tasks it was running, with
 * {@link WorkerDiedException}, and is replaced; the pool goes on. Each worker's stdout and stderr
 * are forwarded to the caller's, each line prefixed {@code [worker-N]}. Workers exit with the
 * pool, and also when the calling JVM dies.
 *
 * <p>Cancellation cannot interrupt a task in another JVM: when {@code map} fails fast, the tasks
 * already sent to workers run to their end and their results are dropped.
 * {@link Pool#terminate()} kills the workers.
 */
public final class ProcessPool {
    private ProcessPool() {}

    /** Work run once in each new worker before its first task: loading native code, warming caches. */
    @FunctionalInterface
    public interface Initializer extends Serializable {
        void run() throws Exception;
    }

    /** The settings of a process pool; see {@link Builder}. */
    record Options(int workers, List<String> jvmOptions, int retries, Duration timeout, int maxTasksPerChild,
            Initializer initializer) {}

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a process pool. Not thread-safe; each setter returns this builder. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private final List<String> jvmOptions = new ArrayList<>();
        private int retries;
        private Duration timeout;
        private int maxTasksPerChild;
        private Initializer initializer;

        private Builder() {}

        /** Worker JVMs ({@code >= 1}; default: one per processor). */
        public Builder workers(int count) {
            this.workers = Checks.positive(count, "workers");
            return this;
        }

        /** Maximum heap per worker, in the JVM's notation: {@code "512m"}, {@code "2g"}. */
        public Builder heap(String size) {
            Checks.notNull(size, "size");
            if (!size.matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap size must look like 512m or 2g, got '" + size + "'");
            }
            jvmOptions.add("-Xmx" + size);
            return this;
        }

        /** Extra options for the worker JVMs, such as {@code -XX:+UseParallelGC} or {@code -Dkey=value}. */
        public Builder jvmOptions(String... options) {
            for (String option : options) {
                jvmOptions.add(Checks.notNull(option, "option"));
            }
            return this;
        }

        /**
         * How often a task whose worker died is run again ({@code >= 0}; default 0). A task that
         * kills {@code retries + 1} workers fails as a poison task ({@link WorkerDiedException#isPoison()}).
         */
        public Builder retries(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("retries must be at least 0, got " + count);
            }
            this.retries = count;
            return this;
        }

        /**
         * The longest one task may run: a worker still busy after it is killed and replaced, and
         * the task fails with {@link TaskTimeoutException}. With a time-out the default chunk size
         * is 1, so that it applies to each task; with an explicit chunk size it applies to each chunk.
         */
        public Builder timeout(Duration limit) {
            Checks.notNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + limit);
            }
            this.timeout = limit;
            return this;
        }

        /** A worker is replaced by a fresh JVM after this many tasks ({@code >= 1}; default: never). */
        public Builder maxTasksPerChild(int tasks) {
            this.maxTasksPerChild = Checks.positive(tasks, "maxTasksPerChild");
            return this;
        }

        /** Runs in each new worker before its first task. Must be serializable. */
        public Builder initializer(Initializer work) {
            this.initializer = Checks.notNull(work, "initializer");
            return this;
        }

        /**
         * Starts the workers (in the background: the first tasks wait for them) and returns the pool.
         *
         * @throws TaskSerializationException if the initializer cannot be serialized
         */
        public Pool build() {
            Options options = new Options(workers, List.copyOf(jvmOptions), retries, timeout, maxTasksPerChild,
                    initializer);
            return new ExecutorPool(new PoolCore(options));
        }
    }
}
