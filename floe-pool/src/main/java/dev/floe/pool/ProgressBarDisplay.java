package dev.floe.pool;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** {@link Progress#bar()}: a progress bar on stderr, drawn by the progressbar library. */
final class ProgressBarDisplay implements Progress {
    static final String SWITCH = "FLOE_PROGRESS";

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
        if (!shouldDraw(force, System.getenv(SWITCH), Terminals.isTerminal(Terminals.STDERR))) {
            return NoTracker.INSTANCE;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .showSpeed()
                .setUnit(" tasks", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate()
                .build();
        return new Tracker() {
            @Override
            public void advance(long tasks) {
                bar.stepBy(tasks);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
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
