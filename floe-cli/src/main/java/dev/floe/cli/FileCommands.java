package dev.floe.cli;

import dev.floe.frame.DataFrame;
import dev.floe.frame.FileSink;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.io.csv.CsvOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that look at one file or turn it into another: {@code head}, {@code schema}, {@code describe}, {@code convert}. */
final class FileCommands {
    private FileCommands() {}

    /** What the file commands share: the parent command, their streams, the file's scan. */
    abstract static class FileCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }

    @Command(name = "head", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Print the first rows of a file (CSV, TSV, JSON, Parquet, Arrow; a directory or a glob such as 'data/*.csv' "
                    + "reads each file it matches). Only those rows are read.")
    static final class Head extends FileCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
        String file;

        @Option(names = {"-n", "--rows"}, paramLabel = "N|all", description = "Rows to print (default: "
                + "${DEFAULT-VALUE}); 'all' prints every row.")
        String rows = "10";

        @Mixin
        OutputOptions output;

        @Mixin
        ReadOptions read;

        @Mixin
        RunOptions run;

        @Override
        public Integer call() {
            Integer count = OutputOptions.rows(rows);
            if (count == null) {
                // named as it was typed: -n or --rows
                String typed = spec.commandLine().getParseResult().originalArgs().stream()
                        .filter(arg -> arg.startsWith("-n") || arg.startsWith("--rows")).findFirst()
                        .map(arg -> arg.startsWith("--") ? "--rows" : "-n").orElse("-n");
                throw new CommandLine.ParameterException(spec.commandLine(), typed + " takes a number of rows (0 or "
                        + "more) or 'all', not '" + rows + "'");
            }
            ResultWriter writer = output.writer(spec, count);
            var config = run.config(spec);
            DataFrame head = run.run(err(), main.progress, () -> FileKind.reading(file, () -> {
                LazyFrame scan = FileKind.scan(file, null, read);
                return (count == ResultWriter.ALL_ROWS ? scan : scan.head(count)).collect(config);
            }));
            writer.write(head, out());
            read.reportSkipped(err());
            run.reportTime(out(), err());
            return 0;
        }
    }

    @Command(name = "schema", mixinStandardHelpOptions = true,
            description = "Print the column names and types of a file (for CSV, as inferred from its first rows).")
    static final class SchemaOf extends FileCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
        String file;

        @Mixin
        ReadOptions read;

        @Override
        public Integer call() {
            Schema schema = FileKind.reading(file, () -> FileKind.scan(file, null, read).schema());
            out().print(table(schema));
            out().flush();
            return 0;
        }

        static String table(Schema schema) {
            Table table = new Table("column", "type");
            for (Schema.Field field : schema) {
                table.row(field.name(), field.type().displayName());
            }
            return table.toString();
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Summary statistics of each column of a file: count, null_count, mean, std, min, "
                    + "quartiles, max.")
    static final class Describe extends FileCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
        String file;

        @Mixin
        OutputOptions output;

        @Mixin
        ReadOptions read;

        @Mixin
        RunOptions run;

        @Override
        public Integer call() {
            ResultWriter writer = output.writer(spec, ResultWriter.ALL_ROWS);
            var config = run.config(spec);
            DataFrame summary = run.run(err(), main.progress,
                    () -> FileKind.reading(file, () -> FileKind.scan(file, null, read).collect(config)).describe());
            writer.write(summary, out());
            read.reportSkipped(err());
            run.reportTime(out(), err());
            return 0;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Convert a file between CSV, TSV, Parquet, Arrow IPC, JSON and JSON lines; the formats "
                    + "come from the extensions (or --to).")
    static final class Convert extends FileCommand {
        @Parameters(index = "0", paramLabel = "IN", description = "The file to read.")
        String input;

        @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
        Path output;

        @Option(names = "--force", description = "Replace OUT if it exists (a directory is never replaced).")
        boolean force;

        @Option(names = "--to", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
                description = "The format to write: csv, tsv, parquet, arrow, json, jsonl (default: from OUT's "
                        + "extension).")
        OutputFormat to;

        @Mixin
        ReadOptions read;

        @Mixin
        RunOptions run;

        @Override
        public Integer call() {
            OutputFormat format = to != null ? to : OutputFormat.fromExtension(output.toString());
            if (format == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell the format of " + output
                        + " from its extension; give --to (csv, tsv, parquet, arrow, json, jsonl)");
            }
            if (format == OutputFormat.TABLE) {
                throw new CommandLine.ParameterException(spec.commandLine(), "convert writes csv, tsv, parquet, "
                        + "arrow, json or jsonl, not a table");
            }
            var config = run.config(spec);
            LazyFrame scan = FileKind.reading(input, () -> FileKind.scan(input, null, read));
            Path source = Path.of(input);
            if (Files.exists(output) && Files.exists(source) && sameFile(source, output)) {
                throw new CliException("cannot convert " + input + " onto itself: give another OUT");
            }
            if (Files.isDirectory(output)) {
                throw new CliException("cannot write " + output + ": it is a directory");
            }
            if (Files.exists(output) && !force) {
                throw new CliException("cannot write " + output + ": the file exists; give --force to replace it");
            }
            long rows = run.run(err(), main.progress, () -> FileKind.reading(input, () -> switch (format) {
                // the rows are written as they are read, never held whole
                // lists, maps and structs as their text, as DuckDB writes them to CSV
                case CSV -> dev.floe.sql.SqlContext.nestedAsText(scan).sink(new FileSink(output, "csv",
                        CsvOptions.defaults().toWriteOptions(), true), config);
                case TSV -> dev.floe.sql.SqlContext.nestedAsText(scan).sink(new FileSink(output, "csv",
                        FileKind.tsv().toWriteOptions(), true), config);
                case PARQUET -> scan.sink(new FileSink(output, "parquet", Map.of(), true), config);
                case ARROW -> scan.sink(new FileSink(output, "arrow", Map.of(), true), config);
                case JSON -> scan.sink(new FileSink(output, "json", Map.of(), true), config);
                case JSONL -> scan.sink(new FileSink(output, "ndjson", Map.of(), true), config);
                case TABLE -> throw new IllegalStateException("refused above");
            }));
            read.reportSkipped(err());
            out().println(String.format(Locale.ROOT, "wrote %s: %s, %s, %s", output, Plural.of(rows, "row"),
                    Plural.of(scan.schema().size(), "column"), FileKind.size(output)));
            run.reportTime(out(), err());
            out().flush();
            return 0;
        }

        private static boolean sameFile(Path a, Path b) {
            try {
                return Files.isSameFile(a, b);
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
