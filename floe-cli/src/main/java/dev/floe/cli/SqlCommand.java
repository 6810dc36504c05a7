package dev.floe.cli;

import dev.floe.frame.DataFrame;
import dev.floe.sql.SqlContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code floe sql}: runs SQL given as an argument or in a file and prints the last statement's
 * result; with neither, the SQL shell (on a terminal with line editing and history; from a pipe
 * without prompts).
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run SQL over files and print the result: floe sql \"SELECT id1, sum(v1) FROM 'data/x.csv' "
                + "GROUP BY id1\".",
                "Statements are separated by ';' and run in order; the last one's result is printed. With no SQL "
                        + "and no -f, a shell: statements from the terminal (.help lists its commands) or, "
                        + "piped, from standard input. --engine spark runs them on Apache Spark."})
final class SqlCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "The statements to run.")
    String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements of a SQL file.")
    Path script;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        if (sql != null && script != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give the SQL as an argument or with -f, "
                    + "not both");
        }
        SqlContext context = new SqlContext().withConfig(run.config(spec));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sql == null && script == null) {
            return shell(context, out, err);
        }
        ResultWriter writer = output.writer(spec);
        String text = sql != null ? sql : read(script);
        EngineOptions.Running running = engine.start(spec, run.threads);
        try {
            DataFrame result = run.run(err, main.progress, () -> context.sql(text));
            if (SqlShell.printable(result)) {
                writer.write(result, out);
            }
        } finally {
            running.close();
        }
        run.reportTime(out, err);
        return 0;
    }

    private int shell(SqlContext context, PrintWriter out, PrintWriter err) throws IOException {
        if (output.output != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o writes the result of SQL given as an "
                    + "argument or with -f; the shell prints its results");
        }
        ResultWriter writer = output.writer(spec);
        boolean debug = main.debug || spec.commandLine().getParseResult().hasMatchedOption("--debug");
        EngineOptions.Running running = engine.start(spec, run.threads);
        try {
            return runShell(context, out, err, writer, debug);
        } finally {
            running.close();
        }
    }

    private int runShell(SqlContext context, PrintWriter out, PrintWriter err, ResultWriter writer, boolean debug)
            throws IOException {
        if (main.interactive) {
            try (TerminalInput input = TerminalInput.system(context)) {
                PrintWriter screen = input.writer();
                screen.println("floe sql: statements end with ';'; .help lists the commands, .quit leaves.");
                new SqlShell(context, screen, err, writer, main.progress, run.timing, debug).run(input);
            }
            return 0;
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8));
        boolean succeeded = new SqlShell(context, out, err, writer, main.progress, run.timing, debug)
                .run(new ShellInput.Lines(lines));
        return succeeded ? 0 : 1;
    }

    static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        }
    }
}
