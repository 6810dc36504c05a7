package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.HashJoin;
import java.util.function.Consumer;

/**
 * The probe side of a hash join: each batch looked up in the build side's tables (built before
 * the pipeline runs), its joined rows given on; a full join's unmatched build rows follow the
 * whole stream. Thread-safe: the tables are only read (a full join marks matched build rows,
 * every writer writing the same value).
 */
final class HashJoinProbe implements StreamingOperator {
    private final HashJoin join;
    private final HashJoin.Built built;
    private final Schema schema;
    private final String describe;
    private final boolean full;

    HashJoinProbe(HashJoin join, HashJoin.Built built, Schema schema, String describe, boolean full) {
        this.join = join;
        this.built = built;
        this.schema = schema;
        this.describe = describe;
        this.full = full;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public void push(Batch batch, Consumer<Batch> downstream) {
        join.probe(built, batch, downstream);
    }

    @Override
    public boolean hasTail() {
        return full;
    }

    @Override
    public void finish(Consumer<Batch> downstream) {
        join.unmatched(built, downstream);
    }

    @Override
    public String describe() {
        return describe;
    }
}
