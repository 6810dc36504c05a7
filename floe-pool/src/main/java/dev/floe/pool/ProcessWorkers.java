package dev.floe.pool;

import dev.floe.FloeException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker JVMs of a {@link ProcessPool}: starts them (they call back on the pool's
 * {@link WorkerChannel}, proving themselves with a token each receives on its stdin), lends idle
 * ones to dispatcher threads, replaces dead ones and retires those that ran
 * {@code maxTasksPerChild} tasks. Thread-safe.
 */
final class ProcessWorkers {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INITIALIZER_LIMIT = Duration.ofMinutes(10);
    private static final int START_ATTEMPTS = 3;

    private final ProcessPool.Options options;
    private final byte[] initializer;
    private final WorkerChannel channel;
    private final BlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
    private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private final ScheduledExecutorService alarms;
    private volatile boolean closed;
    private volatile FloeException broken;

    ProcessWorkers(ProcessPool.Options options, String poolName) {
        this.options = options;
        try {
            this.initializer = options.initializer() == null ? new byte[0] : Wire.serialize(options.initializer());
        } catch (IOException e) {
            throw new TaskSerializationException(TaskSerializationException.Phase.SERIALIZE_TASK,
                    "the initializer cannot be sent to worker processes: " + Wire.reason(e), e);
        }
        this.alarms = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name(poolName + "-timeouts").factory());
        try {
            this.channel = new WorkerChannel(poolName, alarms);
        } catch (RuntimeException e) {
            alarms.shutdownNow();
            throw e;
        }
        for (int i = 0; i < options.workers(); i++) {
            startReplacement();
        }
    }

    /**
     * Starts a worker in the background and makes it idle once it is ready. A start that fails is
     * tried again; the pool is broken only when the initializer fails or starts keep failing.
     */
    private void startReplacement() {
        Thread.ofVirtual().name("floe-start-worker").start(() -> {
            for (int attempt = 1; !closed; attempt++) {
                try {
                    WorkerProcess worker = start();
                    if (closed) {
                        worker.retire();
                    } else {
                        idle.add(worker);
                    }
                    return;
                } catch (WorkerProcess.InitializerFailedException e) {
                    broken = new FloeException(e.getMessage(), e.getCause());
                    return;
                } catch (IOException | RuntimeException e) {
                    if (attempt >= START_ATTEMPTS) {
                        if (!closed) {
                            broken = new FloeException("cannot start a worker JVM (" + attempt + " attempts): "
                                    + e.getMessage(), e);
                        }
                        return;
                    }
                    try {
                        Thread.sleep(200L * attempt);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    private WorkerProcess start() throws IOException {
        int id = workerNumbers.incrementAndGet();
        WorkerChannel.Expected expected = channel.expect(id);
        CompletableFuture<SocketChannel> connection = expected.connection();
        try {
            WorkerProcess worker = WorkerProcess.launch(id, command(id), expected.token());
            all.add(worker);
            worker.process().onExit().thenRun(() -> connection.completeExceptionally(new IOException(
                    "worker-" + id + " exited with code " + worker.process().exitValue() + " before it was ready")));
            try {
                worker.connect(connection.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), initializer,
                        INITIALIZER_LIMIT, alarms);
                return worker;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw discard(worker, new IOException("interrupted while starting worker-" + id, e));
            } catch (ExecutionException e) {
                throw discard(worker, e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
            } catch (TimeoutException e) {
                throw discard(worker, new IOException("worker-" + id + " did not call back within "
                        + START_TIMEOUT.toSeconds() + " s", e));
            } catch (IOException e) {
                throw discard(worker, e);
            }
        } finally {
            channel.forget(id);
            // a connection that arrives after its start gave up is closed
            connection.cancel(false);
        }
    }

    private IOException discard(WorkerProcess worker, IOException failure) {
        all.remove(worker);
        worker.kill();
        return failure;
    }

    private List<String> command(int id) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        command.add(channel.address().toString()); // no secret: the token goes to the worker's stdin
        command.add(Integer.toString(id));
        command.add(Long.toString(ProcessHandle.current().pid()));
        return command;
    }

    /**
     * An idle worker, waiting for one if all are busy or starting.
     *
     * @throws InterruptedException if the waiting thread is interrupted (the pool is terminating)
     * @throws FloeException if workers cannot be started, or the pool is closed
     */
    WorkerProcess borrow() throws InterruptedException {
        while (true) {
            WorkerProcess worker = idle.poll(100, TimeUnit.MILLISECONDS);
            if (worker != null) {
                return worker;
            }
            if (broken != null) {
                throw broken;
            }
            if (closed) {
                throw new PoolClosedException("the pool's worker processes were shut down");
            }
        }
    }

    /** A worker is done with a chunk and healthy. */
    void giveBack(WorkerProcess worker) {
        if (closed) {
            worker.retire();
            all.remove(worker);
        } else if (options.maxTasksPerChild() > 0 && worker.tasksRun() >= options.maxTasksPerChild()) {
            all.remove(worker);
            Thread.ofVirtual().start(worker::retire);
            startReplacement();
        } else {
            idle.add(worker);
        }
    }

    /** A worker died or was killed: start another in its place. */
    void replace(WorkerProcess worker) {
        all.remove(worker);
        worker.kill();
        if (!closed) {
            startReplacement();
        }
    }

    ScheduledExecutorService alarms() {
        return alarms;
    }

    ProcessPool.Options options() {
        return options;
    }

    /** Process ids of the live workers, for monitoring (and for tests that kill one). */
    List<Long> pids() {
        return all.stream().filter(w -> w.process().isAlive()).map(WorkerProcess::pid).sorted().toList();
    }

    /** Asks every worker to exit and waits for them: after the pool's work is done. */
    void close() {
        closed = true;
        for (WorkerProcess worker : List.copyOf(all)) {
            worker.retire();
        }
        all.clear();
        idle.clear();
        shutdownSockets();
    }

    /** Kills every worker at once: terminate. */
    void kill() {
        closed = true;
        for (WorkerProcess worker : List.copyOf(all)) {
            worker.kill();
        }
        for (WorkerProcess worker : List.copyOf(all)) {
            try {
                worker.process().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        all.clear();
        idle.clear();
        shutdownSockets();
    }

    private void shutdownSockets() {
        alarms.shutdownNow();
        channel.close();
    }

    /** Where the workers call back, for tests. */
    WorkerChannel channel() {
        return channel;
    }
}
