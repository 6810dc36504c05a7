package dev.floe.bench.h2o;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code floe bench gen}: writes the h2o group-by (or join) data as CSV. */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Write the h2o db-benchmark group-by data (G1_<N>_<K>_<NA>_<sorted>.csv), or with --join "
                + "the join data (J1_<N>_NA_<NA>_<sorted>.csv and the small, medium and big tables).")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--rows", description = "Rows, such as 1e7 (default: ${DEFAULT-VALUE}).")
    String rows = "1e7";

    @Option(names = "--k", description = "Groups of the small id columns (default: ${DEFAULT-VALUE}).")
    int k = 100;

    @Option(names = "--na", description = "Percent of nulls (default: ${DEFAULT-VALUE}).")
    int na;

    @Option(names = "--sorted", description = "Sort the rows by the ids.")
    boolean sorted;

    @Option(names = "--dir", description = "Folder to write to (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @Option(names = "--join", description = "Write the join questions' four tables instead.")
    boolean join;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        List<Path> paths;
        if (join) {
            JoinData.Files files = JoinData.write(dir, rows(rows), na, sorted, seed);
            paths = List.of(files.x(), files.small(), files.medium(), files.big());
        } else {
            paths = List.of(GroupByData.write(dir, rows(rows), k, na, sorted, seed));
        }
        for (Path path : paths) {
            spec.commandLine().getOut().printf("wrote %s (%,d bytes)%n", path, Files.size(path));
        }
        spec.commandLine().getOut().printf("in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** {@code 1e7}, {@code 10000000} or {@code 10_000_000} as a row count. */
    static int rows(String text) {
        double value = Double.parseDouble(text.replace("_", ""));
        if (value < 0 || value > Integer.MAX_VALUE - 8 || value != Math.rint(value)) {
            throw new CommandLine.TypeConversionException("rows must be a whole number up to 2^31, got " + text);
        }
        return (int) value;
    }
}
