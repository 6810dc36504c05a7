package dev.floe.cli.demo;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code floe demo}: the guided tour. With no section named, every section runs. */
@Command(name = "demo",
        description = "The guided tour: runs every section, or the one named.",
        mixinStandardHelpOptions = true,
        subcommands = {DemoCommand.PoolSection.class, DemoCommand.JitSection.class, DemoCommand.ProcessSection.class,
                DemoCommand.FrameSection.class, DemoCommand.IoSection.class, DemoCommand.SqlSection.class})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Small sizes and single runs: a quick smoke run of the tour.")
    boolean quick;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean agreed = new PoolTour(out, quick).run();
        out.println();
        agreed &= new JitTour(out, quick).run();
        out.println();
        agreed &= new ProcessTour(out, quick).run();
        out.println();
        agreed &= new FrameTour(out, quick, FrameSection.DEFAULT_ROWS, FrameSection.DEFAULT_COLUMNS, true).run();
        out.println();
        agreed &= new IoTour(out, quick).run();
        out.println();
        agreed &= new SqlTour(out, quick).run();
        out.flush();
        return agreed ? 0 : 1;
    }

    /** A section of the tour run on its own: {@code floe demo pool}. */
    abstract static class Section implements Callable<Integer> {
        @CommandLine.ParentCommand
        DemoCommand parent;

        @Option(names = "--quick", description = "Small sizes and single runs.")
        boolean quick;

        abstract Tour tour(PrintWriter out, boolean quick);

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            boolean agreed = tour(out, quick || parent.quick).run();
            out.flush();
            return agreed ? 0 : 1;
        }
    }

    @Command(name = "pool", mixinStandardHelpOptions = true,
            description = "Task parallelism: threads without a GIL, every Pool method, joblib's Parallel.")
    static final class PoolSection extends Section {
        @Override
        Tour tour(PrintWriter out, boolean quick) {
            return new PoolTour(out, quick);
        }
    }

    @Command(name = "jit", mixinStandardHelpOptions = true,
            description = "Compilation: the JVM's JIT on a Monte Carlo estimate of pi, on one and many threads.")
    static final class JitSection extends Section {
        @Override
        Tour tour(PrintWriter out, boolean quick) {
            return new JitTour(out, quick);
        }
    }

    @Command(name = "processes", mixinStandardHelpOptions = true,
            description = "Processes: FloeProcess, shared counters with and without locks, a worker dying mid-map.")
    static final class ProcessSection extends Section {
        @Override
        Tour tour(PrintWriter out, boolean quick) {
            return new ProcessTour(out, quick);
        }
    }

    @Command(name = "frame", mixinStandardHelpOptions = true,
            description = "DataFrames: per-row, per-column and split work on a pool; a wide frame binned and grouped.")
    static final class FrameSection extends Section {
        static final int DEFAULT_ROWS = 2_000_000;
        static final int DEFAULT_COLUMNS = 200;

        @Option(names = "--rows", description = "Rows of the big example (default: 2,000,000, or fewer when the "
                + "JVM's heap is too small for them; the tour says so).")
        Integer rows;

        @Option(names = "--columns", description = "Columns of the big example (default: ${DEFAULT-VALUE}).")
        int columns = DEFAULT_COLUMNS;

        @Override
        Tour tour(PrintWriter out, boolean quick) {
            if (rows != null && rows < 1 || columns < 3) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(),
                        "--rows must be at least 1 and --columns at least 3");
            }
            return new FrameTour(out, quick, rows == null ? DEFAULT_ROWS : rows, columns, rows == null);
        }
    }

    @Command(name = "io", mixinStandardHelpOptions = true,
            description = "Files: one CSV read ten times, one after another and in parallel; CSV, Parquet, Arrow round trip.")
    static final class IoSection extends Section {
        @Override
        Tour tour(PrintWriter out, boolean quick) {
            return new IoTour(out, quick);
        }
    }

    @Command(name = "sql", mixinStandardHelpOptions = true,
            description = "SQL: frames registered as tables, a query checked by hand, SQL next to the same query in "
                    + "expressions.")
    static final class SqlSection extends Section {
        @Override
        Tour tour(PrintWriter out, boolean quick) {
            return new SqlTour(out, quick);
        }
    }
}
