package dev.floe.frame;

import dev.floe.frame.io.json.JsonOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JSON array files, each read from its start in batches of the morsel size. */
class JsonFileScanTest extends FileScanContract {
    @Override
    protected String extension() {
        return ".json";
    }

    @Override
    protected void write(DataFrame frame, Path file) {
        frame.writeJson(file);
    }

    @Override
    protected LazyFrame scan(String path, Schema schema) {
        return Floe.scanJson(path, JsonOptions.defaults().withSchema(schema));
    }

    /** JSON has no NaN: the writer writes NaN (which c holds) as null. */
    @Override
    protected DataFrame stored(DataFrame frame) {
        return nanAsNull(frame);
    }

    static DataFrame nanAsNull(DataFrame frame) {
        List<Series> columns = new ArrayList<>();
        for (Series series : frame.series()) {
            if (series.type() == DataType.FLOAT64 || series.type() == DataType.FLOAT32) {
                List<Object> values = new ArrayList<>();
                for (Object value : series.toList()) {
                    values.add(value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN() ? null
                            : value);
                }
                series = Series.of(series.name(), series.type(), values);
            }
            columns.add(series);
        }
        return DataFrame.of(columns);
    }
}
