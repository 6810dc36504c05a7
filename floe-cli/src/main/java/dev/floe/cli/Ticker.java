package dev.floe.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line on standard error for work that takes more than a second: the time so far, the
 * rows and bytes the query's scans have read (from the default session's progress), and the heap
 * in use, redrawn in place ({@code \r}) a few times a second and erased when the work
 * ends, so nothing of it is left between the lines of the result. It is drawn only where
 * standard error is a terminal (see {@link dev.floe.pool.Terminals#progressOnStderr()}).
 *
 * <pre>{@code
 * try (Ticker ticker = Ticker.start(err, enabled)) {
 *     result = query.collect();
 * }
 * }</pre>
 */
final class Ticker implements AutoCloseable {
    private static final long DELAY_MILLIS = 1000;
    private static final long PERIOD_MILLIS = 250;
    private static final String[] SPINNER = {"|", "/", "-", "\\"};

    private final PrintWriter err;
    private final Thread thread;
    private final dev.floe.frame.physical.ProgressCounter read = new dev.floe.frame.physical.ProgressCounter();
    private final long start = System.nanoTime();
    private int drawnWidth;

    private Ticker(PrintWriter err, boolean enabled) {
        this.err = err;
        if (enabled) {
            dev.floe.frame.Floe.session().progress(read);
        }
        this.thread = enabled ? Thread.ofPlatform().daemon().name("floe-ticker").start(this::tick) : null;
    }

    /** Starts a ticker that draws on {@code err} if {@code enabled}. */
    static Ticker start(PrintWriter err, boolean enabled) {
        return new Ticker(err, enabled);
    }

    private void tick() {
        try {
            Thread.sleep(DELAY_MILLIS);
            for (int step = 0; ; step++) {
                draw(SPINNER[step % SPINNER.length]);
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            // the work ended
        }
    }

    private void draw(String spinner) {
        Runtime runtime = Runtime.getRuntime();
        double heap = (runtime.totalMemory() - runtime.freeMemory()) / 1e6;
        long rows = read.rows();
        long bytes = read.bytes();
        String scanned = rows == 0 && bytes == 0 ? ""
                : "  " + Plural.of(rows, "row") + (bytes == 0 ? ""
                        : String.format(Locale.ROOT, "  %,.0f MB read", bytes / 1e6));
        String line = String.format(Locale.ROOT, "%s running  %.1f s%s  heap %,.0f MB", spinner,
                (System.nanoTime() - start) / 1e9, scanned, heap);
        synchronized (err) {
            err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            err.flush();
            drawnWidth = Math.max(drawnWidth, line.length());
        }
    }

    /** Stops the ticker and erases its line. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        dev.floe.frame.Floe.session().progress(dev.floe.frame.physical.QueryProgress.NONE);
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            if (drawnWidth > 0) {
                err.print("\r" + " ".repeat(drawnWidth) + "\r");
                err.flush();
            }
        }
    }
}
