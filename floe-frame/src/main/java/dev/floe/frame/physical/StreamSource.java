package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import java.util.List;
import java.util.function.Supplier;

/**
 * A source that is one stream (one split), read once: a merge of sorted runs, a spilled join's
 * result. Its reader is made when the split is opened.
 */
final class StreamSource implements Source {
    private final Schema schema;
    private final String describe;
    private final Supplier<BatchReader> reader;

    StreamSource(Schema schema, String describe, Supplier<BatchReader> reader) {
        this.schema = schema;
        this.describe = describe;
        this.reader = reader;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    private record Whole() implements Split {}

    @Override
    public List<Split> splits(ExecutionContext context) {
        return List.of(new Whole());
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public BatchReader open(Split split, ExecutionContext context) {
        return reader.get();
    }
}
