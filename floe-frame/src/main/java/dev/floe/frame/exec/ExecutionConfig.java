package dev.floe.frame.exec;

/**
 * How a query runs: on how many worker threads, in morsels of how many rows. The default comes
 * from the environment ({@code FLOE_THREADS}, else every processor; {@code FLOE_MORSEL_ROWS},
 * else 65,536). Results do not depend on either.
 */
public record ExecutionConfig(int threads, int morselRows) {
    public static final int DEFAULT_MORSEL_ROWS = 1 << 16;

    public ExecutionConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (morselRows < 1) {
            throw new IllegalArgumentException("morselRows must be at least 1, got " + morselRows);
        }
    }

    /** The configuration from the environment. */
    public static ExecutionConfig fromEnvironment() {
        return new ExecutionConfig(positive("FLOE_THREADS", Runtime.getRuntime().availableProcessors()),
                positive("FLOE_MORSEL_ROWS", DEFAULT_MORSEL_ROWS));
    }

    public ExecutionConfig withThreads(int count) {
        return new ExecutionConfig(count, morselRows);
    }

    public ExecutionConfig withMorselRows(int rows) {
        return new ExecutionConfig(threads, rows);
    }

    private static int positive(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(variable + " must be a whole number of at least 1, got '" + value + "'");
    }
}
