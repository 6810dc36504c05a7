package dev.floe.cli;

import dev.floe.sql.Scripts;
import dev.floe.sql.SqlContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The shell's entries read on a terminal with JLine: line editing, history kept in
 * {@code ~/.floe_history}, a statement over several lines (Enter on a line that does not end
 * the statement gives a continuation prompt), Tab completion of meta-commands, table names and
 * SQL keywords. Ctrl-C drops the entry being typed; Ctrl-D on an empty line ends the shell.
 */
final class TerminalInput implements ShellInput {
    static final String PROMPT = "floe> ";
    static final String CONTINUATION = "  ..> ";
    private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING",
            "LIMIT", "JOIN", "LEFT JOIN", "ON", "USING", "AS", "AND", "OR", "NOT", "DISTINCT", "COUNT", "SUM", "AVG",
            "MIN", "MAX", "CASE", "WHEN", "THEN", "ELSE", "END", "WITH", "UNION ALL", "CREATE TABLE", "CREATE VIEW",
            "DROP TABLE", "DESC", "ASC", "NULL", "IS NULL", "IS NOT NULL", "IN", "BETWEEN", "LIKE", "CAST", "read_csv");

    private final Terminal terminal;
    private final LineReader reader;

    TerminalInput(Terminal terminal, SqlContext context, Path historyFile) {
        this.terminal = terminal;
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("floe")
                .parser(new StatementParser())
                .completer(new StringsCompleter(() -> words(context)))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // '!' in SQL is not a history reference
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
    }

    /** The shell on the process's own terminal, its history in {@code ~/.floe_history}. */
    static TerminalInput system(SqlContext context) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).name("floe").build();
        return new TerminalInput(terminal, context, Path.of(System.getProperty("user.home"), ".floe_history"));
    }

    /** Where results are printed: the terminal's writer. */
    java.io.PrintWriter writer() {
        return terminal.writer();
    }

    @Override
    public String next() {
        while (true) {
            try {
                String entry = reader.readLine(PROMPT);
                if (!entry.isBlank()) {
                    return ShellInput.isMetaCommand(entry) ? entry.strip() : entry;
                }
            } catch (UserInterruptException e) {
                // Ctrl-C: the entry is dropped and a fresh prompt given
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.getHistory().save();
        terminal.close();
    }

    private static Collection<String> words(SqlContext context) {
        List<String> words = new ArrayList<>(SqlShell.META_COMMANDS);
        words.addAll(context.tables());
        words.addAll(KEYWORDS);
        return words;
    }

    /**
     * JLine's parser, told that SQL ends at a {@code ;}: Enter on text that does not end a
     * statement asks for more lines instead of accepting it. Backslashes are plain characters, as
     * in SQL.
     */
    static final class StatementParser extends DefaultParser {
        StatementParser() {
            setEscapeChars(new char[0]);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !ShellInput.isMetaCommand(line)
                    && !Scripts.complete(line)) {
                throw new EOFError(-1, -1, "the statement has not ended", ";");
            }
            return super.parse(line, cursor, context);
        }
    }
}
