package dev.floe.parquet;

import dev.floe.frame.DataFrame;
import dev.floe.frame.FileSink;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import java.nio.file.Path;

/**
 * Parquet with options: {@code Floe.readParquet(path)} and {@code df.writeParquet(path)} use the
 * defaults; these take {@link ParquetOptions}.
 *
 * <pre>{@code
 * Parquet.write(df, Path.of("x.parquet"), ParquetOptions.defaults().withCompression(CompressionCodecName.ZSTD));
 * DataFrame some = Parquet.read("data/*.parquet", ParquetOptions.defaults().withColumns("id1", "v1"));
 * }</pre>
 */
public final class Parquet {
    private Parquet() {}

    public static DataFrame read(String path, ParquetOptions options) {
        LazyFrame scan = scan(path, options);
        return options.threads() > 0 ? scan.collect(Floe.session().config().withThreads(options.threads()))
                : scan.collect();
    }

    /** A lazy scan: files' footers are read now; columns, row groups and rows only as the query needs. */
    public static LazyFrame scan(String path, ParquetOptions options) {
        return Floe.scan(Floe.dataset(path, files -> new ParquetSource(files, options)));
    }

    public static void write(DataFrame frame, Path path, ParquetOptions options) {
        frame.lazy().sink(new FileSink(path, "parquet", options.toWriteOptions(), true));
    }
}
