package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.HashJoin;
import java.util.function.Consumer;

/**
 * The probe side of a hash join: each batch looked up in the build side's tables (built before
 * the pipeline runs), its joined rows given on; a full join's unmatched build rows, or the rows
 * of a semi or anti join that marks its left side, follow the whole stream ({@link #hasTail}).
 * Thread-safe: the tables are only read (a full join marks matched build rows, a marking join
 * the groups found, every writer writing the same value).
 */
final class HashJoinProbe implements StreamingOperator {
    private final HashJoin join;
    private final HashJoin.Built built;
    private final Schema schema;
    private final String describe;
    private final boolean tail;

    HashJoinProbe(HashJoin join, HashJoin.Built built, Schema schema, String describe, boolean tail) {
        this.join = join;
        this.built = built;
        this.schema = schema;
        this.describe = describe;
        this.tail = tail;
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
        return tail;
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
