package dev.floe.cli;

import dev.floe.cli.demo.DemoCommand;
import dev.floe.pool.Terminals;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code floe} command. Exit codes: 0 done, 1 the work failed (the message on standard error,
 * its stack trace too with {@code --debug}), 2 a usage error (picocli's message and usage).
 */
@Command(name = "floe",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Parallel data processing on one machine: SQL and DataFrames over CSV, JSON, Parquet and "
                + "Arrow files, and a tour of the task pool.",
        footer = {"", "Files: .csv, .tsv, .txt, .json, .ndjson, .jsonl, .parquet, .arrow, .feather, .ipc, and .csv.gz ...",
                "(the format from the extension, else the content; --from names it).",
                "Exit codes: 0 done, 1 the work failed, 2 a usage error.",
                "The launcher script adds: floe test (the whole test suite), floe bench (benchmarks)."})
public final class Main implements Runnable {
    /**
     * The subcommands, in the order the usage lists them. They are added to the command line
     * here rather than in the annotation so that a command line naming one builds only that one's
     * model: picocli reads every option's annotations by reflection when a command is added, which
     * for all of them took about 0.18 s of a cold start (more than a {@code SELECT 1}).
     */
    private static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(SqlCommand.class,
            ExplainCommand.class, FileCommands.Head.class, FileCommands.SchemaOf.class, FileCommands.Describe.class,
            FileCommands.Convert.class, DemoCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean debug;

    /** Where {@code floe sql} reads statements when given none. */
    final InputStream in;

    /** Whether standard input is the process's own and a terminal: {@code floe sql} then opens the line editor. */
    final boolean interactive;

    /** Whether long work draws a progress line on standard error. */
    final boolean progress;

    private Main(InputStream in, boolean interactive, boolean progress) {
        this.in = in;
        this.interactive = interactive;
        this.progress = progress;
    }

    public static void main(String[] args) {
        Class<?> named = subcommandNamed(args);
        boolean local = java.util.Arrays.stream(args).noneMatch(arg -> arg.startsWith("--engine"));
        if ((named == SqlCommand.class || named == ExplainCommand.class) && local) {
            // the engine loads on the other core while picocli reads the command line
            Thread.ofPlatform().daemon(true).name("floe-preload").start(dev.floe.sql.SqlContext::preload);
        }
        System.exit(run(args));
    }

    /** Runs the command line on the process's standard streams and returns the exit code: 0 ok, 1 failure, 2 usage error. */
    public static int run(String... args) {
        boolean interactive = Terminals.isTerminal(Terminals.STDIN) && Terminals.isTerminal(Terminals.STDOUT);
        return commandLine(new Main(System.in, interactive, Terminals.progressOnStderr()), args).execute(args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(InputStream.nullInputStream(), out, err, args);
    }

    /** Runs the command line reading {@code in} (what {@code floe sql} reads when given no statement); returns the exit code. */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        Objects.requireNonNull(in, "in is null");
        return commandLine(new Main(in, false, false), args).setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine(Main main, String... commandArgs) {
        CommandLine commandLine = new CommandLine(main);
        Class<?> named = subcommandNamed(commandArgs);
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (named == null || subcommand == named) {
                commandLine.addSubcommand(subcommand);
            }
        }
        // a usage error: the message and where to read more, not the whole usage text
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine failed = error.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("floe: " + usageMessage(error));
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            err.println("floe: " + Errors.message(error));
            if (debugAsked(parseResult)) {
                error.printStackTrace(err);
            } else if (!Errors.expected(error)) {
                err.println("(run again with --debug to see where)");
            }
            err.flush();
            return 1;
        });
        return commandLine;
    }

    /**
     * The subcommand that the command line runs, where that is one of them alone: the first
     * argument that is not one of the command's own options names it. Null where every subcommand
     * is needed: none is named (the usage lists them all), the name is unknown (the error suggests
     * the nearest), or it is {@code help} (which finds the others by name).
     */
    static Class<?> subcommandNamed(String... args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                if (arg.equals("--debug")) {
                    continue; // the only option of the command's own that a subcommand may follow
                }
                return null;
            }
            for (Class<?> subcommand : SUBCOMMANDS) {
                Command command = subcommand.getAnnotation(Command.class);
                if (command != null && subcommand != CommandLine.HelpCommand.class
                        && (command.name().equals(arg) || java.util.Arrays.asList(command.aliases()).contains(arg))) {
                    return subcommand;
                }
            }
            return null;
        }
        return null;
    }

    /**
     * A usage error in words: an unknown option is named alone, with the option meant when one is
     * close (picocli would also list as unknown the arguments after it, such as the query of
     * {@code --formt csv "SELECT 1"}, whose value {@code csv} took the query's place).
     */
    static String usageMessage(CommandLine.ParameterException error) {
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
            java.util.List<String> options = unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-"))
                    .toList();
            if (!options.isEmpty()) {
                java.util.List<String> suggestions = unmatched.getSuggestions();
                return (options.size() == 1 ? "unknown option '" + options.getFirst() + "'"
                        : "unknown options " + String.join(", ", options.stream().map(o -> "'" + o + "'").toList()))
                        + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?");
            }
        }
        return error.getMessage();
    }

    /** Whether {@code --debug} was given to the command or any subcommand on the way. */
    private static boolean debugAsked(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"floe " + (version == null ? "(development build)" : version),
                    "Java " + Runtime.version() + " on " + System.getProperty("os.name") + ", "
                            + Runtime.getRuntime().availableProcessors() + " processors"};
        }
    }
}
