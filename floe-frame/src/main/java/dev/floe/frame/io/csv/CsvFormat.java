package dev.floe.frame.io.csv;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.io.BatchWriter;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * CSV as a {@link FileFormat}: sources over CSV files, and writers whose parts are blocks of
 * lines formatted on the workers and appended in order. Writer options: {@code delimiter},
 * {@code quote}, {@code escape}, {@code header} ({@code true}/{@code false}), {@code null_values}
 * (see {@link CsvOptions#toWriteOptions()}); {@code compression}: {@code gzip} or {@code none}.
 */
public final class CsvFormat implements FileFormat {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public FileSource scan(List<Path> files) {
        return new CsvSource(files, CsvOptions.defaults());
    }

    @Override
    public FileSource openFiles(dev.floe.frame.io.ScanDescriptor descriptor, List<Path> files) {
        return new CsvSource(files, CsvOptions.fromReadOptions(descriptor.options()));
    }

    @Override
    public BatchWriter writer(Path path, Schema schema, Map<String, String> options) {
        Map<String, String> csvOptions = new java.util.HashMap<>(options);
        boolean gzip = FileFormat.gzipOption(csvOptions.remove("compression"), "CSV");
        CsvWriter writer = new CsvWriter(CsvOptions.fromWriteOptions(csvOptions));
        writer.check(schema);
        OutputStream out;
        try {
            out = FileFormat.output(path, gzip);
            out.write(writer.header(schema));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        return new BatchWriter() {
            @Override
            public int partRows() {
                return CsvWriter.PART_ROWS;
            }

            @Override
            public Object encode(DataFrame part) {
                return writer.format(part);
            }

            @Override
            public void append(Object encoded) {
                try {
                    out.write((byte[]) encoded);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void finish() {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void abort() {
                try {
                    out.close();
                } catch (IOException e) {
                    // the file is deleted next
                }
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // nothing more can be done
                }
            }
        };
    }
}
