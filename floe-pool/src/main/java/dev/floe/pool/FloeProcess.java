package dev.floe.pool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One task run in a child JVM of its own: Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * List<FloeProcess> sleepers = new ArrayList<>();
 * for (int i = 0; i < 3; i++) {
 *     sleepers.add(FloeProcess.start(() -> Thread.sleep(1000)));    // all three sleep at once
 * }
 * for (FloeProcess p : sleepers) {
 *     p.join();
 * }
 * }</pre>
 *
 * <p>The child starts with this JVM's class path; the task crosses serialized. Its exit code is
 * 0 when the task returns, 1 when it throws (the stack trace goes to the child's stderr), or
 * whatever it passes to {@code System.exit}. The child's stdout and stderr are forwarded to this
 * JVM's, each line prefixed {@code [process-N]}. A child exits when this JVM dies. Thread-safe.
 */
public final class FloeProcess {
    /** The work of a process. Serializable, so that lambdas cross to the child. */
    @FunctionalInterface
    public interface Body extends Serializable {
        void run() throws Exception;
    }

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final String name;
    private final Process process;
    private final List<Thread> forwarders;

    private FloeProcess(String name, Process process, List<Thread> forwarders) {
        this.name = name;
        this.process = process;
        this.forwarders = forwarders;
    }

    /**
     * Starts {@code body} in a new JVM and returns at once.
     *
     * @throws TaskSerializationException if the body cannot be serialized (naming the class)
     */
    public static FloeProcess start(Body body) {
        return start(body, List.of());
    }

    /** {@link #start(Body)} with options for the child JVM, such as {@code -Xmx256m}. */
    public static FloeProcess start(Body body, List<String> jvmOptions) {
        Checks.notNull(body, "body");
        byte[] bytes;
        try {
            bytes = Wire.serialize(body);
        } catch (IOException | RuntimeException e) {
            throw new TaskSerializationException(TaskSerializationException.Phase.SERIALIZE_TASK,
                    "the body of a process cannot be sent to it: " + Wire.reason(e), e);
        }
        String name = "process-" + NUMBERS.incrementAndGet();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProcessMain.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new dev.floe.FloeException("cannot start " + name + ": " + e, e);
        }
        // forward first, so the child's own complaints are seen even if it never reads its input
        String prefix = "[" + name + "] ";
        List<Thread> forwarders = List.of(
                WorkerProcess.forward(process.getInputStream(), () -> System.out, prefix, null),
                WorkerProcess.forward(process.getErrorStream(), () -> System.err, prefix, null));
        Thread.ofPlatform().daemon(true).name("floe-" + name + "-stdin").start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(bytes);
            } catch (IOException e) {
                // it could not get its task (it exited, or closed its input): it is stopped, and its output says why
                WorkerProcess.stop(process, true);
            }
        });
        return new FloeProcess(name, process, forwarders);
    }

    /** Waits until the process has exited (and its output is forwarded). */
    public void join() {
        try {
            process.waitFor();
            joinForwarders();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolInterruptedException("interrupted while joining " + name, e);
        }
    }

    /** Waits at most {@code timeout}; returns whether the process has exited. */
    public boolean join(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            joinForwarders();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolInterruptedException("interrupted while joining " + name, e);
        }
    }

    /**
     * Waits for the last output to be forwarded, but not forever: a grandchild that inherited the
     * pipes may keep them open after the process itself exited.
     */
    private void joinForwarders() throws InterruptedException {
        for (Thread forwarder : forwarders) {
            forwarder.join(5000);
        }
    }

    /** The exit code, once the process has exited; empty while it runs (Python's {@code None}). */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL). */
    public void kill() {
        WorkerProcess.stop(process, true);
    }

    /** Asks the process to stop (SIGTERM). */
    public void terminate() {
        WorkerProcess.stop(process, false);
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "FloeProcess[" + name + ", pid " + process.pid() + ", "
                + (process.isAlive() ? "running" : "exit code " + process.exitValue()) + "]";
    }
}
