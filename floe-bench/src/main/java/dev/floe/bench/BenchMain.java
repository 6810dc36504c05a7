package dev.floe.bench;

import dev.floe.bench.pool.PoolBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code floe bench}: benchmarks anyone can rerun, with the peers measured in the same run. */
@Command(name = "floe bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks you can rerun; each prints medians and ratios against peers measured in the same run.",
        subcommands = {PoolBench.class, dev.floe.bench.h2o.CsvReadBench.class,
                dev.floe.bench.h2o.ParquetWriteBench.class, dev.floe.bench.h2o.H2oBench.class,
                dev.floe.bench.h2o.JoinBench.class, dev.floe.bench.tpch.TpchBench.class,
                dev.floe.bench.windows.WindowBench.class, dev.floe.bench.h2o.SortBench.class, dev.floe.bench.h2o.SpillBench.class,
                dev.floe.bench.h2o.GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
