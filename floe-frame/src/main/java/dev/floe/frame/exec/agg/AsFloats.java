package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import java.util.ArrayList;
import java.util.List;

/** An accumulator of floats given decimals: each batch's decimal inputs cast to {@code f64} on their way in. */
final class AsFloats implements Accumulator {
    private final Accumulator floats;

    AsFloats(Accumulator floats) {
        this.floats = floats;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        List<Vector> cast = new ArrayList<>(inputs);
        for (int i = 0; i < cast.size(); i++) {
            if (cast.get(i).type().isDecimal()) {
                cast.set(i, CastKernel.cast(cast.get(i), DataType.FLOAT64, true, firstRow, "a decimal as f64"));
            }
        }
        floats.add(groups, rows, groupCount, cast, firstRow);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        floats.merge(((AsFloats) other).floats, mapping, groupCount);
    }

    @Override
    public Vector finish(int[] order) {
        return floats.finish(order);
    }

    @Override
    public long sizeInBytes(int groups) {
        return floats.sizeInBytes(groups);
    }
}
