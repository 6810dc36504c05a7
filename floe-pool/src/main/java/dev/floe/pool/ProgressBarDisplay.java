package dev.floe.pool;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Progress#bar()}: a progress bar on stderr, {@code label  45% [=========>          ]
 * 450/1000 tasks (0:00:03 / 0:00:04) 150.0 tasks/s}. Drawn by Floe itself, in plain text: no
 * terminal library, so no native code and no warnings. On a terminal the line is redrawn in place
 * ten times a second; elsewhere (a file, a pipe) only the final line is written.
 */
final class ProgressBarDisplay implements Progress {
    static final String SWITCH = "FLOE_PROGRESS";

    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final boolean force;

    private ProgressBarDisplay(boolean force) {
        this.force = force;
    }

    static Progress auto() {
        return new ProgressBarDisplay(false);
    }

    static Progress forced() {
        return new ProgressBarDisplay(true);
    }

    @Override
    public Tracker start(String label, long total) {
        boolean terminal = Terminals.isTerminal(Terminals.STDERR);
        if (!shouldDraw(force, System.getenv(SWITCH), terminal)) {
            return NoTracker.INSTANCE;
        }
        return new Bar(label, total, System.err, terminal);
    }

    /** One operation's bar: counts come from the workers; a daemon thread redraws on a terminal. */
    private static final class Bar implements Tracker {
        private final String label;
        private final long total;
        private final PrintStream out;
        private final long start = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private final Thread redraw;
        private volatile boolean closed;
        private int drawnLength;

        Bar(String label, long total, PrintStream out, boolean terminal) {
            this.label = label;
            this.total = total;
            this.out = out;
            this.redraw = terminal ? Thread.ofPlatform().daemon().name("floe-progress").start(this::redrawUntilClosed)
                    : null;
        }

        private void redrawUntilClosed() {
            while (!closed) {
                draw(false);
                try {
                    Thread.sleep(REDRAW_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void advance(long tasks) {
            done.addAndGet(tasks);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (redraw != null) {
                redraw.interrupt();
                try {
                    redraw.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            draw(true);
        }

        private synchronized void draw(boolean last) {
            String line = line(label, done.get(), total, System.nanoTime() - start);
            int padding = Math.max(0, drawnLength - line.length());
            if (redraw != null) {
                out.print("\r" + line + " ".repeat(padding) + (last ? "\n" : ""));
            } else {
                out.println(line);
            }
            out.flush();
            drawnLength = line.length();
        }
    }

    /** The bar's text for {@code done} of {@code total} tasks after {@code elapsedNanos}. */
    static String line(String label, long done, long total, long elapsedNanos) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = done == 0 || done >= total ? "0:00:00" : clock((long) ((total - done) / rate));
        return String.format(Locale.ROOT, "%s %3d%% [%s] %d/%d tasks (%s / %s) %.1f tasks/s", label,
                Math.round(fraction * 100), bar, done, total, clock((long) seconds), left, rate);
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** Whether to draw: {@code FLOE_PROGRESS} wins, then {@code force}, then whether stderr is a terminal. */
    static boolean shouldDraw(boolean force, String setting, boolean terminal) {
        if (setting != null) {
            switch (setting.trim().toLowerCase(Locale.ROOT)) {
                case "always", "1", "true", "on" -> {
                    return true;
                }
                case "never", "0", "false", "off" -> {
                    return false;
                }
                default -> { }
            }
        }
        return force || terminal;
    }
}
