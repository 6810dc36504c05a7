package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.FloeException;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.exec.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects a stream into a frame: each batch a chunk of every column, in stream order whatever
 * worker consumed it; categorical chunks re-encoded over one dictionary. Optionally keeps only
 * rows {@code [offset, offset + length)} of the stream (and then reads no further than those).
 */
final class CollectSink implements Sink<CollectSink.Local, DataFrame> {
    private final Schema schema;
    private final ExecutionContext context;
    private final long offset;
    private final long length;
    private final List<Batch> batches = new ArrayList<>();

    /** Every row, counted as the query's collected rows ({@link ExecutionContext#collects}). */
    CollectSink(Schema schema, ExecutionContext context) {
        this(schema, context, 0, Long.MAX_VALUE);
    }

    /** Rows {@code [offset, offset + length)} of the stream ({@code offset} at least 0). */
    CollectSink(Schema schema, ExecutionContext context, long offset, long length) {
        this.schema = schema;
        this.context = context;
        this.offset = offset;
        this.length = length;
    }

    final class Local implements Sink.Local {
        private final List<Batch> batches = new ArrayList<>();

        @Override
        public void consume(Batch batch) {
            batches.add(batch);
            context.collects(batch.rows(), HashJoinRun.bytes(batch));
        }
    }

    @Override
    public Local newLocal() {
        return new Local();
    }

    @Override
    public void combine(Local local) {
        batches.addAll(local.batches);
    }

    @Override
    public long rowsWanted() {
        return length == Long.MAX_VALUE ? -1 : offset + length;
    }

    @Override
    public DataFrame finish() {
        batches.sort(Comparator.comparingLong(Batch::start));
        List<Batch> kept = batches;
        if (offset > 0 || length != Long.MAX_VALUE) {
            kept = slice(batches, offset, length);
        }
        return assemble(kept, schema);
    }

    /** The rows {@code [offset, offset + length)} of the batches, in order. */
    private static List<Batch> slice(List<Batch> batches, long offset, long length) {
        List<Batch> out = new ArrayList<>();
        long skip = offset;
        long left = length;
        for (Batch batch : batches) {
            if (left <= 0) {
                break;
            }
            int rows = batch.rows();
            if (skip >= rows) {
                skip -= rows;
                continue;
            }
            int from = (int) skip;
            int count = (int) Math.min(rows - from, left);
            skip = 0;
            left -= count;
            out.add(from == 0 && count == rows ? batch : slice(batch, from, count));
        }
        return out;
    }

    private static Batch slice(Batch batch, int from, int count) {
        List<Vector> columns = new ArrayList<>(batch.columns().size());
        for (Vector column : batch.columns()) {
            columns.add(column.slice(from, count));
        }
        return new Batch(columns, count, batch.start() + from);
    }

    /** The batches as a frame: each column's chunks are the batches' vectors, in order. */
    static DataFrame assemble(List<Batch> batches, Schema schema) {
        long total = 0;
        for (Batch batch : batches) {
            total += batch.rows();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new FloeException("the result has " + total + " rows, more than a frame holds (" 
                    + (Integer.MAX_VALUE - 8) + "); aggregate or filter it, or write it to a file with a sink "
                    + "(sinkParquet, sinkCsv; SQL: COPY (query) TO 'file')");
        }
        List<Series> columns = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            List<Vector> chunks = new ArrayList<>(batches.size());
            for (Batch batch : batches) {
                if (batch.rows() > 0 || chunks.isEmpty()) {
                    chunks.add(batch.column(c));
                }
            }
            Schema.Field field = schema.field(c);
            if (chunks.size() > 1 && chunks.get(0) instanceof CategoricalVector) {
                chunks = Vectors.shareDictionary(chunks);
            }
            columns.add(Series.of(field.name(), chunks.isEmpty() ? Column.empty(field.type())
                    : Column.of(field.type(), chunks)));
        }
        return DataFrame.of(columns);
    }
}
