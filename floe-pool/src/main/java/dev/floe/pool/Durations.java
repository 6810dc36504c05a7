package dev.floe.pool;

import java.time.Duration;
import java.util.Locale;

/** Times in the unit a person reads best: {@code 812 ns}, {@code 3.21 ms}, {@code 1.50 s}. */
final class Durations {
    private Durations() {}

    static String format(Duration duration) {
        return formatSeconds(duration.toNanos() / 1e9);
    }

    /** Seconds, with three significant digits in the largest unit that keeps the number >= 1. */
    static String formatSeconds(double seconds) {
        double abs = Math.abs(seconds);
        if (abs == 0) {
            return "0 s";
        }
        if (abs < 1e-6) {
            return significant(seconds * 1e9) + " ns";
        }
        if (abs < 1e-3) {
            return significant(seconds * 1e6) + " µs";
        }
        if (abs < 1) {
            return significant(seconds * 1e3) + " ms";
        }
        if (abs < 60) {
            return significant(seconds) + " s";
        }
        long total = Math.round(seconds);
        return (total / 60) + " min " + (total % 60) + " s";
    }

    private static String significant(double value) {
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
