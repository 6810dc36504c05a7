package dev.floe.frame.io.csv;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.io.FileSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CSV files as a lazy scan's source. The header and the type-inference sample are read when the
 * source is made, so that the scan's schema is known; the data is read by {@link #read}, each
 * time the query runs.
 */
public final class CsvSource implements FileSource {
    private final List<Path> files;
    private final CsvOptions options;
    private final CsvReader.Resolved resolved;

    public CsvSource(List<Path> files, CsvOptions options) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no CSV files to read");
        }
        this.files = List.copyOf(files);
        this.options = Objects.requireNonNull(options, "options is null");
        try (CsvInput first = CsvInput.open(files.get(0))) {
            this.resolved = new CsvReader(options).resolve(first);
        }
    }

    @Override
    public Schema schema() {
        Schema all = resolved.schema();
        if (options.columns() == null) {
            return all;
        }
        return Schema.of(all.fields().stream().filter(field -> options.columns().contains(field.name())).toList());
    }

    @Override
    public DataFrame read(List<String> projection, dev.floe.frame.expr.Expr predicate, long limit,
            ExecutionConfig config) {
        CsvOptions run = options.threads() > 0 ? options : options.withThreads(config.threads());
        List<CsvInput> inputs = new ArrayList<>();
        try {
            for (Path file : files) {
                inputs.add(CsvInput.open(file));
            }
            return new CsvReader(run).read(inputs, resolved, projection, predicate, limit);
        } finally {
            inputs.forEach(CsvInput::close);
        }
    }

    @Override
    public String describe() {
        return "CSV " + (files.size() == 1 ? files.get(0).toString() : files.size() + " files (" + files.get(0) + ", ...)");
    }
}
