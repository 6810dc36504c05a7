package dev.floe.cli;

import dev.floe.pool.Terminals;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of commands that print a frame: {@code --format}, {@code -o}, {@code --max-rows}. */
final class OutputOptions {
    static final int DEFAULT_MAX_ROWS = 40;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Names.class,
            description = "table (the default), csv, tsv, json (one array of row objects), jsonl "
                    + "(one object per line), parquet or arrow (these two need -o). With -o and no --format, the "
                    + "file's extension says.")
    OutputFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result to FILE instead of "
            + "standard output.")
    Path output;

    @Option(names = "--max-rows", paramLabel = "N|all", defaultValue = "" + DEFAULT_MAX_ROWS,
            description = "Rows a table shows at most, head and tail (default: ${DEFAULT-VALUE}); 'all' shows every "
                    + "row. Other formats write every row.")
    String maxRows;

    @Option(names = "--max-columns", paramLabel = "N|all",
            description = "Columns a table shows at most, first and last (default: as many as fit the terminal's "
                    + "width, or 8 when the output is not a terminal); 'all' shows every column.")
    String maxColumns;

    /** The writer these options ask for; a usage error when they contradict each other. */
    ResultWriter writer(CommandLine.Model.CommandSpec spec) {
        return writer(spec, DEFAULT_MAX_ROWS);
    }

    /** As {@link #writer(CommandLine.Model.CommandSpec)}, showing {@code defaultRows} when --max-rows is not given. */
    ResultWriter writer(CommandLine.Model.CommandSpec spec, int defaultRows) {
        OutputFormat chosen = format;
        if (chosen == null && output != null) {
            chosen = OutputFormat.fromExtension(output.toString());
            if (chosen == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell the format of " + output
                        + " from its extension; give --format (" + OutputFormat.NAMES + ")");
            }
        }
        if (chosen == null) {
            chosen = OutputFormat.TABLE;
        }
        if (chosen.binary() && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), chosen.label()
                    + " output is binary: give a file to write it to with -o FILE");
        }
        boolean rowsGiven = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--max-rows");
        int rows = rowsGiven ? parseRows(spec, maxRows) : defaultRows;
        int width = output == null ? Terminals.width() : 0;
        int columns = ResultWriter.DEFAULT_COLUMNS;
        if (maxColumns != null) {
            Integer given = rows(maxColumns);
            if (given == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-columns takes a number of columns "
                        + "or 'all', not '" + maxColumns + "'");
            }
            columns = given;
        } else if (width > 0) {
            columns = ResultWriter.ALL_ROWS; // as many as fit
        }
        return new ResultWriter(chosen, output, rows, "--max-rows all shows every row", columns, width);
    }

    /** A row count or {@code all}; a usage error otherwise. */
    static int parseRows(CommandLine.Model.CommandSpec spec, String text) {
        Integer rows = rows(text);
        if (rows == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-rows takes a number of rows or 'all', "
                    + "not '" + text + "'");
        }
        return rows;
    }

    /** A row count ({@code 0} or more) or {@code all} ({@link ResultWriter#ALL_ROWS}); null if it is neither. */
    static Integer rows(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("all")) {
            return ResultWriter.ALL_ROWS;
        }
        try {
            int rows = Integer.parseInt(value.replace("_", "").replace(",", ""));
            return rows < 0 ? null : rows;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
