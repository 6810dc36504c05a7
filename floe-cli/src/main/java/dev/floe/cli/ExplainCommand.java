package dev.floe.cli;

import dev.floe.sql.SqlContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code floe explain}: the plan a query runs, without running it (with {@code --analyze}: as it ran). */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the plan of a SQL query as the optimizer leaves it (what runs), as written, or as the "
                + "engine's pipelines; with --analyze, run it and print how it ran. With --engine spark, the plan "
                + "Spark runs.")
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "The query.")
    String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from a file.")
    Path script;

    @Option(names = "--unoptimized", description = "The plan as the query is written, before the optimizer.")
    boolean unoptimized;

    @Option(names = "--physical", description = "The physical plan: the pipelines the engine runs, each a source, "
            + "its streaming operators and the sink it ends in.")
    boolean physical;

    @Option(names = "--analyze", description = "Run the query and print the physical plan with the rows each step "
            + "gave and the time each pipeline breaker took (the result is not printed).")
    boolean analyze;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        if ((sql == null) == (script == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give the query as an argument or with -f");
        }
        String query = (sql != null ? sql : SqlCommand.read(script)).strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (physical && unoptimized) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--physical and --unoptimized do not go "
                    + "together: the physical plan is made from the optimized one");
        }
        if (analyze && (physical || unoptimized)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--analyze goes alone: it prints the physical "
                    + "plan as it ran");
        }
        if (engine.remote() && unoptimized) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--unoptimized and --engine do not go "
                    + "together: the plan as written is Floe's, the same for every engine; --engine prints the one it "
                    + "runs");
        }
        var lazy = new SqlContext().plan(query);
        String plan;
        // another engine's plan is what it runs: its translation of the optimized plan
        EngineOptions.Running running = engine.start(spec, null);
        try {
            plan = analyze ? lazy.explainAnalyze() : physical || engine.remote() ? lazy.explainPhysical()
                    : lazy.explain(!unoptimized);
        } finally {
            running.close();
        }
        out.print(plan.endsWith("\n") ? plan : plan + "\n");
        out.flush();
        return 0;
    }
}
