package dev.floe.bench.h2o;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code floe bench gen}: writes the h2o group-by data as CSV. */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Write the h2o db-benchmark group-by data (G1_<N>_<K>_<NA>_<sorted>.csv).")
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

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        Path path = GroupByData.write(dir, rows(rows), k, na, sorted, seed);
        spec.commandLine().getOut().printf("wrote %s (%,d bytes) in %.1f s%n", path, Files.size(path),
                (System.nanoTime() - start) / 1e9);
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
