package dev.floe.cli;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.sql.Scripts;
import dev.floe.sql.SqlContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL shell of {@code floe sql}: reads entries from a {@link ShellInput}, runs their
 * statements in one {@link SqlContext} (so tables made by one statement are there for the
 * next), prints each query's result, and answers meta-commands ({@code .help} lists them). An
 * error is printed and the shell goes on with the next entry; the statements after it in the
 * same entry are not run.
 *
 * <p>Not thread-safe: one shell reads one input.
 */
final class SqlShell {
    static final List<String> META_COMMANDS = List.of(".help", ".tables", ".schema", ".load", ".read", ".explain",
            ".mode", ".maxrows", ".maxcolumns", ".timer", ".quit", ".exit");

    static final String HELP = """
            Statements end with ';' and may span lines. Tables made with CREATE TABLE / CREATE VIEW stay for the
            session; files are tables too: SELECT * FROM 'data/x.csv'.
              .tables                  the tables of this session
              .schema [TABLE|FILE]     columns and types of a table (or every table), or of a file
              .load FILE [TABLE]       register a file (CSV, TSV, Parquet, Arrow) as a table; the name defaults
                                       to the file's name without its extension
              .read FILE               run the statements of a SQL file
              .explain QUERY           the optimized plan of a query
              .explain physical QUERY  the pipelines the engine runs for it
              .explain analyze QUERY   runs it: the pipelines with the rows each step gave
              .mode table|csv|tsv|json|jsonl   how results are printed
              .maxrows N|all           rows a table shows at most
              .maxcolumns N|all        columns a table shows at most (all: as many as fit the width)
              .timer on|off            print each statement's run time
              .quit, .exit             leave (so does Ctrl-D)
            """;

    /** How deep {@code .read} may nest: a script that reads itself stops here instead of overflowing the stack. */
    static final int MAX_READ_DEPTH = 16;

    private final SqlContext context;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean progress;
    private final boolean debug;
    private ResultWriter writer;
    private boolean timer;
    private boolean quit;
    private int readDepth;

    /**
     * @param writer how results are printed at first ({@code .mode} and {@code .maxrows} change it)
     * @param progress whether long statements draw a progress line on {@code err}
     * @param timer whether each statement's run time is printed at first
     * @param debug whether errors print their stack trace
     */
    SqlShell(SqlContext context, PrintWriter out, PrintWriter err, ResultWriter writer, boolean progress,
            boolean timer, boolean debug) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.writer = writer;
        this.progress = progress;
        this.timer = timer;
        this.debug = debug;
    }

    /** Runs the input's entries until it ends or {@code .quit}; whether every one of them succeeded. */
    boolean run(ShellInput input) throws IOException {
        boolean succeeded = true;
        for (String entry = input.next(); entry != null && !quit; entry = quit ? null : input.next()) {
            succeeded &= ShellInput.isMetaCommand(entry) ? meta(entry) : statements(entry);
            out.flush();
            err.flush();
        }
        return succeeded;
    }

    /** Runs the statements of {@code text} in order, printing each query's result; stops at the first error. */
    boolean statements(String text) {
        for (String statement : Scripts.split(text)) {
            try {
                long start = System.nanoTime();
                DataFrame result;
                try (CtrlC cancels = CtrlC.cancelsQueries(); Ticker ticker = Ticker.start(err, progress)) {
                    result = context.sql(statement);
                }
                long elapsed = System.nanoTime() - start;
                if (printable(result)) {
                    writer.write(result, out);
                }
                if (timer) {
                    out.flush();
                    err.println(RunOptions.elapsed(elapsed));
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                return failed(e);
            }
        }
        return true;
    }

    /** Whether a statement's result is printed: CREATE and DROP give a frame without columns, which is not. */
    static boolean printable(DataFrame result) {
        return result.width() > 0;
    }

    private boolean failed(Throwable error) {
        err.println("floe: " + Errors.message(error));
        if (debug) {
            error.printStackTrace(err);
        }
        err.flush();
        return false;
    }

    /** Answers a meta-command line; whether it succeeded. */
    boolean meta(String line) {
        List<String> words = words(line.strip());
        String command = words.getFirst().toLowerCase(Locale.ROOT);
        List<String> arguments = words.subList(1, words.size());
        try {
            switch (command) {
                case ".help" -> out.print(HELP);
                case ".quit", ".exit" -> quit = true;
                case ".tables" -> tables();
                case ".schema" -> schema(arguments);
                case ".load" -> load(arguments);
                case ".read" -> {
                    return read(arguments);
                }
                case ".explain" -> explain(line);
                case ".mode" -> mode(arguments);
                case ".maxrows" -> maxRows(arguments);
                case ".maxcolumns" -> maxColumns(arguments);
                case ".timer" -> timer(arguments);
                default -> throw new CliException("unknown command " + words.getFirst() + "; .help lists them");
            }
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(e);
        }
    }

    private void tables() {
        List<String> tables = context.tables();
        if (tables.isEmpty()) {
            out.println("(no tables: CREATE TABLE name AS SELECT ..., or .load FILE)");
        }
        tables.forEach(out::println);
    }

    private void schema(List<String> arguments) {
        if (arguments.size() > 1) {
            throw new CliException("usage: .schema [TABLE|FILE]");
        }
        if (arguments.isEmpty()) {
            if (context.tables().isEmpty()) {
                out.println("(no tables: CREATE TABLE name AS SELECT ..., or .load FILE)");
            }
            for (String table : context.tables()) {
                out.println(table + ":");
                out.print(FileCommands.SchemaOf.table(context.schema(table)));
            }
            return;
        }
        String name = arguments.getFirst();
        Schema schema;
        if (context.table(name) != null) {
            schema = context.schema(name);
        } else if (FileKind.fromExtension(name) != null && Files.exists(Path.of(name))) {
            schema = FileKind.reading(name, () -> FileKind.scan(name).schema());
        } else {
            throw new CliException("no table or file named " + name + "; tables: "
                    + (context.tables().isEmpty() ? "(none)" : String.join(", ", context.tables())));
        }
        out.print(FileCommands.SchemaOf.table(schema));
    }

    private void load(List<String> arguments) {
        if (arguments.isEmpty() || arguments.size() > 2) {
            throw new CliException("usage: .load FILE [TABLE]");
        }
        String file = arguments.getFirst();
        String name = arguments.size() == 2 ? arguments.get(1) : tableName(file);
        context.register(name, FileKind.reading(file, () -> FileKind.scan(file)));
        out.println("table " + name + ": " + file);
    }

    /** A table name from a file's name: without folder and extension, other characters than letters, digits and _ as _. */
    static String tableName(String file) {
        Path name = Path.of(file).getFileName();
        String base = name == null ? file : name.toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String cleaned = base.replaceAll("[^A-Za-z0-9_]", "_");
        return cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "t_" + cleaned : cleaned;
    }

    private boolean read(List<String> arguments) {
        if (arguments.size() != 1) {
            throw new CliException("usage: .read FILE");
        }
        Path file = Path.of(arguments.getFirst());
        if (readDepth >= MAX_READ_DEPTH) {
            throw new CliException(".read nests more than " + MAX_READ_DEPTH + " files deep at " + file
                    + "; does a script read itself?");
        }
        readDepth++;
        try (ShellInput lines = new ShellInput.Lines(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return run(lines);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            readDepth--;
        }
    }

    private void explain(String line) {
        String query = line.strip().substring(".explain".length()).strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        boolean physical = startsWithWord(query, "physical");
        boolean analyze = startsWithWord(query, "analyze");
        if (physical || analyze) {
            query = query.substring(physical ? 8 : 7).strip();
        }
        if (query.isEmpty()) {
            throw new CliException("usage: .explain [physical | analyze] QUERY");
        }
        String plan = analyze ? context.explainAnalyze(query)
                : physical ? context.plan(query).explainPhysical() : context.explain(query);
        out.print(plan.endsWith("\n") ? plan : plan + "\n");
    }

    private static boolean startsWithWord(String text, String word) {
        int n = word.length();
        return text.regionMatches(true, 0, word, 0, n) && (text.length() == n || Character.isWhitespace(text.charAt(n)));
    }

    private void mode(List<String> arguments) {
        if (arguments.isEmpty()) {
            out.println(writer.format().label());
            return;
        }
        OutputFormat format = arguments.size() == 1 ? OutputFormat.named(arguments.getFirst()) : null;
        if (format == null || format.binary()) {
            throw new CliException("usage: .mode table|csv|tsv|json|jsonl");
        }
        writer = writer.withFormat(format);
    }

    private void maxRows(List<String> arguments) {
        Integer rows = arguments.size() == 1 ? OutputOptions.rows(arguments.getFirst()) : null;
        if (rows == null) {
            throw new CliException("usage: .maxrows N|all");
        }
        writer = writer.withMaxRows(rows);
    }

    private void maxColumns(List<String> arguments) {
        Integer columns = arguments.size() == 1 ? OutputOptions.rows(arguments.getFirst()) : null;
        if (columns == null) {
            throw new CliException("usage: .maxcolumns N|all");
        }
        writer = writer.withMaxColumns(columns);
    }

    private void timer(List<String> arguments) {
        String setting = arguments.size() == 1 ? arguments.getFirst().toLowerCase(Locale.ROOT) : "";
        switch (setting) {
            case "on" -> timer = true;
            case "off" -> timer = false;
            default -> throw new CliException("usage: .timer on|off");
        }
    }

    /** The words of a meta-command line; quotes ('...' or "...") keep spaces inside one word. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
