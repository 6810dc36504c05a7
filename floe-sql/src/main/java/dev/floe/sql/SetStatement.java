package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Schema;
import dev.floe.frame.physical.MemoryPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SET name = value} (or {@code TO}) and {@code RESET name} for the settings of the
 * session queries run on, as in DuckDB: {@code memory_limit} (a size such as {@code '4GB'}: past
 * it, operators spill to disk), {@code threads}, {@code temp_directory} (where they spill). Other
 * names are refused by name.
 */
final class SetStatement {
    private static final Pattern SET = Pattern.compile(
            "(?is)\\s*SET\\s+(?:SESSION\\s+|GLOBAL\\s+)?([A-Za-z_]+)\\s*(?:=|\\s+TO\\s+)\\s*(.+?)\\s*");
    private static final Pattern RESET = Pattern.compile("(?is)\\s*RESET\\s+([A-Za-z_]+)\\s*");
    private static final List<String> NAMES = List.of("memory_limit", "max_memory", "threads", "worker_threads",
            "temp_directory");

    private SetStatement() {}

    /** Whether the statement is a SET or RESET (its first word). */
    static boolean matches(String statement) {
        String text = statement.stripLeading().toUpperCase(Locale.ROOT);
        return text.matches("(?s)(SET|RESET)\\s.*");
    }

    static DataFrame run(SqlContext context, String statement) {
        Matcher reset = RESET.matcher(statement);
        if (reset.matches()) {
            return apply(context, statement, reset.group(1).toLowerCase(Locale.ROOT), null);
        }
        Matcher set = SET.matcher(statement);
        if (!set.matches()) {
            throw new SqlException("expected SET name = value or RESET name", statement, 1, 1);
        }
        return apply(context, statement, set.group(1).toLowerCase(Locale.ROOT), unquote(set.group(2)));
    }

    private static DataFrame apply(SqlContext context, String statement, String name, String value) {
        if (!NAMES.contains(name)) {
            throw new SqlException("unknown setting " + name + "; the settings are memory_limit, threads and "
                    + "temp_directory", statement, 1, 1);
        }
        try {
            switch (name) {
                case "memory_limit", "max_memory" -> Floe.session().memoryLimit(value == null ? MemoryPool.defaultLimit()
                        : MemoryPool.parse(value, name));
                case "threads", "worker_threads" -> {
                    int threads = value == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(value);
                    if (threads < 1) {
                        throw new IllegalArgumentException(name + " is at least 1, not " + threads);
                    }
                    context.withConfig(context.config().withThreads(threads));
                }
                default -> Floe.session().tempDirectory(value == null ? dev.floe.frame.physical.SpillSpace.defaultRoot()
                        : Path.of(value));
            }
        } catch (NumberFormatException e) {
            throw new SqlException(name + " is a whole number, not '" + value + "'", statement, 1, 1);
        } catch (IllegalArgumentException e) {
            throw new SqlException(e.getMessage(), statement, 1, 1);
        }
        return DataFrame.empty(Schema.of(List.of()));
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }
}
