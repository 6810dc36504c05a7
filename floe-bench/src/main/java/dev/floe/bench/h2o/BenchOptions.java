package dev.floe.bench.h2o;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code floe bench h2o} and {@code floe bench join} share. */
final class BenchOptions {
    @Option(names = "--rows", description = "Rows, such as 1e7 or 1e6 (default: ${DEFAULT-VALUE}).")
    String rows = "1e7";

    @Option(names = "--na", description = "Percent of nulls (default: ${DEFAULT-VALUE}).")
    int na;

    @Option(names = "--sorted", description = "Rows sorted by their keys.")
    boolean sorted;

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @Option(names = "--only", split = ",", description = "Only these questions, such as q1,q3.")
    List<String> only;
}
