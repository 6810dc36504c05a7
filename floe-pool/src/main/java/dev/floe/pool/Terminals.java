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
     * The width in characters of the terminal standard output is, or 0 when it is not one or the
     * width cannot be told: {@code COLUMNS} when set, else what {@code stty} says of the terminal.
     */
    public static int width() {
        if (!isTerminal(STDOUT)) {
            return 0;
        }
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.strip().matches("[0-9]{1,5}")) {
            return Integer.parseInt(columns.strip());
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .strip();
            if (stty.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) && size.matches("[0-9]+ [0-9]+")) {
                return Integer.parseInt(size.substring(size.indexOf(' ') + 1));
            }
        } catch (IOException e) {
            // no stty, no terminal: the width is unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Whether progress is drawn on standard error: {@code FLOE_PROGRESS} ({@code always} /
     * {@code never}) wins, as for the Pool's progress bars; else only when it is a terminal.
     */
    public static boolean progressOnStderr() {
        return ProgressBarDisplay.shouldDraw(false, System.getenv(ProgressBarDisplay.SWITCH), isTerminal(STDERR));
    }
}
