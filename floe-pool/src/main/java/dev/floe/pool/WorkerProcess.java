package dev.floe.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The caller's side of one worker JVM: its process, its connection, the tail of its output (to
 * explain a death), and the protocol of one chunk at a time. Used by one dispatcher thread at a
 * time; {@link #kill()} may come from any thread.
 */
final class WorkerProcess {
    private static final int TAIL_LINES = 20;
    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    /** What came back for one chunk. */
    record Reply(Kind kind, Wire.Frame frame, String death, int exitCode) {
        enum Kind { ANSWER, DIED, TIMED_OUT }
    }

    private final int id;
    private final Process process;
    private final Deque<String> outputTail; // last lines of stdout and stderr (the JVM reports OOM on stdout)
    private final List<Thread> forwarders;
    private SocketChannel channel;
    private DataInputStream in;
    private DataOutputStream out;
    private int tasksRun;
    private long callNumber;
    private long callInFlight;
    private boolean timedOut;

    private WorkerProcess(int id, Process process, Deque<String> outputTail, List<Thread> forwarders) {
        this.id = id;
        this.process = process;
        this.outputTail = outputTail;
        this.forwarders = forwarders;
    }

    /**
     * Starts the JVM and hands it {@code token} on its stdin, the one way in that only this process
     * holds; {@link #connect} completes the start once it has called back.
     */
    static WorkerProcess launch(int id, List<String> command, byte[] token) throws IOException {
        Process process = new ProcessBuilder(command).start();
        Deque<String> tail = new ArrayDeque<>();
        String prefix = "[worker-" + id + "] ";
        Thread stdout = forward(process.getInputStream(), () -> System.out, prefix, tail);
        Thread stderr = forward(process.getErrorStream(), () -> System.err, prefix, tail);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(token);
        } catch (IOException e) {
            stop(process, true);
            throw new IOException("worker-" + id + " exited before it could be given its token", e);
        }
        return new WorkerProcess(id, process, tail, List.of(stdout, stderr));
    }

    /**
     * Copies a child's output stream to the caller's, a prefix on each line, on a virtual thread;
     * keeps the last lines in {@code tail} when it is not null.
     */
    /**
     * Kills {@code process} (SIGKILL with {@code force}, else SIGTERM) through its handle, leaving this
     * side's ends of its pipes open: {@code Process.destroy} closes them, and output the process
     * wrote just before (a JVM's complaint about its options, a worker's last lines) would be lost
     * to the forwarders reading it. The pipes close when the process has gone.
     */
    static void stop(Process process, boolean force) {
        if (force) {
            process.toHandle().destroyForcibly();
        } else {
            process.toHandle().destroy();
        }
    }

    static Thread forward(InputStream stream, Supplier<PrintStream> target, String prefix, Deque<String> tail) {
        // a platform thread: virtual threads share a few carriers, and CPU-bound tasks of a
        // virtual-thread pool could keep a forwarder from running until after join gave up on it
        return Thread.ofPlatform().daemon(true).name("floe-forward-" + prefix.trim()).start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    target.get().println(prefix + line);
                    if (tail != null) {
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > TAIL_LINES) {
                                tail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone; its exit is reported where it matters
            }
        });
    }

    /**
     * Takes the worker's connection, runs its initializer and waits (at most
     * {@code initializerLimit}, after which {@code alarms} kills the worker) until it is ready.
     */
    void connect(SocketChannel connection, byte[] initializer, Duration initializerLimit,
            ScheduledExecutorService alarms) throws IOException {
        this.channel = connection;
        in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        Wire.write(out, Wire.INIT, 0, initializer);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = alarms.schedule(() -> {
            expired.set(true);
            kill();
        }, initializerLimit.toNanos(), TimeUnit.NANOSECONDS);
        Wire.Frame answer;
        try {
            answer = Wire.read(in);
        } catch (IOException e) {
            if (expired.get()) {
                throw new IOException("worker-" + id + " was not ready " + Durations.format(initializerLimit)
                        + " after it started: does its initializer hang?", e);
            }
            throw new IOException("worker-" + id + " (pid " + process.pid() + ") " + died().how()
                    + " before it was ready", e);
        } finally {
            alarm.cancel(false);
        }
        if (expired.get()) {
            throw new IOException("worker-" + id + " was killed " + Durations.format(initializerLimit)
                    + " after it started, as it became ready");
        }
        if (answer.type() == Wire.INIT_FAILED) {
            Throwable thrown = Wire.deserializeThrowable(answer.bytes(), 0);
            kill();
            throw new InitializerFailedException("the initializer failed in worker-" + id + ": " + thrown, thrown);
        }
        if (answer.type() != Wire.READY) {
            throw new IOException("worker-" + id + " answered " + answer.type() + " instead of ready");
        }
    }

    /** The initializer of a process pool threw in a new worker. */
    static final class InitializerFailedException extends IOException {
        InitializerFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends one chunk and waits for its answer. A worker that dies gives {@code DIED}; one still
     * busy after {@code timeout} is killed and gives {@code TIMED_OUT}.
     */
    Reply call(long job, byte[] payload, int tasks, Duration timeout, ScheduledExecutorService alarms) {
        long call;
        synchronized (this) {
            call = ++callNumber;
            callInFlight = call;
            timedOut = false;
        }
        ScheduledFuture<?> alarm = timeout == null ? null
                : alarms.schedule(() -> expire(call), timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            Wire.write(out, Wire.CHUNK, job, payload);
            Wire.Frame answer = Wire.read(in);
            synchronized (this) {
                callInFlight = 0;
                if (timedOut) { // the alarm went off as the answer came: the worker is being killed
                    return new Reply(Reply.Kind.TIMED_OUT, null, "worker-" + id + " was killed after the time-out", -1);
                }
            }
            tasksRun += tasks;
            return new Reply(Reply.Kind.ANSWER, answer, null, 0);
        } catch (IOException e) {
            synchronized (this) {
                callInFlight = 0;
                if (timedOut) {
                    return new Reply(Reply.Kind.TIMED_OUT, null, "worker-" + id + " was killed after the time-out", -1);
                }
            }
            Death death = died();
            return new Reply(Reply.Kind.DIED, null, "worker-" + id + " (pid " + process.pid() + ") " + death.how(),
                    death.exitCode());
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    private synchronized void expire(long call) {
        if (callInFlight == call) {
            timedOut = true;
            stop(process, true);
        }
    }

    /** How the worker ended. */
    private record Death(String how, int exitCode) {}

    private Death died() {
        int code;
        try {
            code = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        // let the forwarders catch up with the worker's last words
        try {
            for (Thread forwarder : forwarders) {
                forwarder.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String lastWords;
        synchronized (outputTail) {
            lastWords = String.join("\n", outputTail);
        }
        String how;
        if (lastWords.contains("OutOfMemoryError")) {
            how = "ran out of memory (" + lastWords.lines().filter(l -> l.contains("OutOfMemoryError")).findFirst()
                    .orElse("OutOfMemoryError").trim() + "); give workers more heap with ProcessPool.builder().heap(...)";
        } else if (code > 128 && SIGNALS.containsKey(code - 128)) {
            how = "was killed by signal " + (code - 128) + " (" + SIGNALS.get(code - 128) + ")";
        } else if (code == -1) {
            how = "stopped answering";
        } else {
            how = "exited with code " + code;
        }
        return new Death(how, code);
    }

    int tasksRun() {
        return tasksRun;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Asks the worker to exit, and makes sure it does. */
    void retire() {
        try {
            if (out != null) {
                Wire.write(out, Wire.EXIT, 0, new byte[0]);
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                stop(process, true);
            }
        } catch (InterruptedException e) {
            stop(process, true);
            Thread.currentThread().interrupt();
        }
        closeSocket();
    }

    void kill() {
        stop(process, true);
        closeSocket();
    }

    private void closeSocket() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return "worker-" + id + " (pid " + process.pid() + ")";
    }
}
