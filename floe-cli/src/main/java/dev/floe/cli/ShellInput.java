package dev.floe.cli;

import dev.floe.sql.Scripts;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Where the SQL shell reads its entries: a meta-command line ({@code .tables}), or text that
 * ends a statement with {@code ;} (one or more statements, over one or more lines).
 */
interface ShellInput extends AutoCloseable {
    /** The next entry, or null when the input has ended. */
    String next() throws IOException;

    @Override
    default void close() throws IOException {}

    /** Whether {@code line} is a meta-command: its first character that is not a space is a dot. */
    static boolean isMetaCommand(String line) {
        return line.stripLeading().startsWith(".");
    }

    /**
     * Entries read from plain lines (a pipe, a file), with no prompt: a meta-command is one line;
     * SQL runs up to a line where a statement ends. Text left without a final {@code ;} when the
     * input ends is an entry of its own, so {@code echo "SELECT 1" | floe sql} runs.
     */
    final class Lines implements ShellInput {
        private final BufferedReader reader;

        Lines(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public String next() throws IOException {
            StringBuilder entry = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (entry.isEmpty() && line.isBlank()) {
                    continue;
                }
                if (entry.isEmpty() && isMetaCommand(line)) {
                    return line.strip();
                }
                entry.append(line).append('\n');
                if (Scripts.complete(entry.toString())) {
                    return entry.toString();
                }
            }
            return entry.isEmpty() || Scripts.split(entry.toString()).isEmpty() ? null : entry.toString();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
