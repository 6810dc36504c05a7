package dev.floe.pool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Standard output and error taken while a test provokes output there (a child's stack trace or
 * last words, an uncaught exception a pool reports), so that the test can check it and the
 * build's output stays quiet. Tests run one at a time in a JVM, so swapping {@code System.out}
 * and {@code System.err} is safe.
 */
final class ProvokedOutput implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream taken = new ByteArrayOutputStream();

    private ProvokedOutput() {
        PrintStream both = new PrintStream(taken, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    /** Takes standard output and error until {@link #close()}. */
    static ProvokedOutput take() {
        return new ProvokedOutput();
    }

    /** What was written so far. */
    synchronized String text() {
        System.err.flush();
        return taken.toString(StandardCharsets.UTF_8);
    }

    /** What was written once it holds {@code expected} (output forwarded from a child comes a little later), or after 10 s. */
    String await(String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!text().contains(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return text();
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
