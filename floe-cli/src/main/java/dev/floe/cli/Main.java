package dev.floe.cli;

import dev.floe.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code floe} command. */
@Command(name = "floe",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Parallel, compiled and distributed data processing for the JVM.",
        subcommands = {DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "The launcher script adds: floe test (the whole test suite), floe bench (benchmarks)."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code: 0 ok, 1 failure, 2 usage error. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
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
