package dev.floe.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard streams are terminals, which decides prompts and progress drawing. */
public final class Terminals {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private Terminals() {}

    /** Whether file descriptor {@code fd} is a terminal (Linux: a tty or pseudo-terminal device). */
    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            var console = System.console();
            return console != null && console.isTerminal();
        }
    }

    /**
     * Whether progress is drawn on standard error: {@code FLOE_PROGRESS} ({@code always} /
     * {@code never}) wins, as for the Pool's progress bars; else only when it is a terminal.
     */
    public static boolean progressOnStderr() {
        return ProgressBarDisplay.shouldDraw(false, System.getenv(ProgressBarDisplay.SWITCH), isTerminal(STDERR));
    }
}
