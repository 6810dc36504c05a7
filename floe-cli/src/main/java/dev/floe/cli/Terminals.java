package dev.floe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Whether the process's standard streams are terminals, which decides prompts and progress. */
final class Terminals {
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;

    private Terminals() {}

    /** Whether file descriptor {@code fd} is a terminal (Linux: a tty or pseudo-terminal device). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            var console = System.console();
            return console != null && console.isTerminal();
        }
    }

    /**
     * Whether to draw progress on standard error: {@code FLOE_PROGRESS} ({@code always} /
     * {@code never}) wins, as for the Pool's progress bars; else only when it is a terminal.
     */
    static boolean progressOnStderr() {
        String setting = System.getenv("FLOE_PROGRESS");
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
        return isTerminal(STDERR);
    }
}
