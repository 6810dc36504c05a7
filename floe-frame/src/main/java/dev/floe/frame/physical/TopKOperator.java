package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.Sorting;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.plan.TopK;
import java.util.ArrayList;
import java.util.List;

/**
 * The first k rows in sort order, holding only candidates: each worker keeps the rows it has
 * seen until they are several times k (or a morsel), then keeps its best k of them; at the end
 * the best k of every worker's candidates. Rows carry their place in the stream as a last sort
 * key, so ties keep input order and the result is that of a stable sort cut to k.
 */
final class TopKOperator implements PhysicalNode.BreakerOperator {
    private static final String PLACE = "__floe_place";

    private final TopK top;
    private final List<SortKey> keys;

    TopKOperator(TopK top) {
        this.top = top;
        List<SortKey> withPlace = new ArrayList<>(top.keys());
        withPlace.add(SortKey.asc(PLACE));
        this.keys = withPlace;
    }

    @Override
    public Schema schema() {
        return top.schema();
    }

    @Override
    public String describe() {
        return top.toString();
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        Pipeline input = inputs.get(0);
        DataFrame whole = HoldingOperator.wholeFrame(input);
        if (whole != null) {
            return Sorting.topK(whole, top.keys(), top.k(), context);
        }
        Schema placed = withPlace(input.schema());
        long k = top.k();
        long keep = Math.max(4 * k, context.morselRows());
        return PipelineRunner.run(input, new Sink<Candidates, DataFrame>() {
            private final List<DataFrame> all = new ArrayList<>();

            @Override
            public Candidates newLocal() {
                return new Candidates(placed, keep, context);
            }

            @Override
            public void combine(Candidates local) {
                all.add(local.best());
            }

            @Override
            public DataFrame finish() {
                DataFrame candidates = all.isEmpty() ? DataFrame.empty(placed) : DataFrame.concat(all);
                DataFrame best = Sorting.topK(candidates, keys, k, context);
                return best.drop(PLACE);
            }
        }, context);
    }

    /** One worker's candidates: its rows so far, cut to its best k whenever they grow past {@code keep}. */
    private final class Candidates implements Sink.Local {
        private final Schema placed;
        private final long keep;
        private final ExecutionContext context;
        private final List<Batch> batches = new ArrayList<>();
        private long rows;

        Candidates(Schema placed, long keep, ExecutionContext context) {
            this.placed = placed;
            this.keep = keep;
            this.context = context;
        }

        @Override
        public void consume(Batch batch) {
            long[] places = new long[batch.rows()];
            for (int i = 0; i < places.length; i++) {
                places[i] = batch.start() + i;
            }
            List<Vector> columns = new ArrayList<>(batch.columns());
            columns.add(new LongVector(DataType.INT64, places, null));
            batches.add(new Batch(columns, batch.rows(), batch.start()));
            rows += batch.rows();
            if (rows >= keep + top.k()) {
                DataFrame best = best();
                batches.clear();
                batches.add(MemorySource.batch(best, 0, best.height()));
                rows = best.height();
            }
        }

        /** The best k of the rows so far. */
        DataFrame best() {
            DataFrame held = CollectSink.assemble(batches, placed);
            return held.height() <= top.k() ? held : Sorting.topK(held, keys, top.k(), context.onOneThread());
        }
    }


    private static Schema withPlace(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>(schema.fields());
        fields.add(new Schema.Field(PLACE, DataType.INT64));
        return Schema.of(fields);
    }
}
