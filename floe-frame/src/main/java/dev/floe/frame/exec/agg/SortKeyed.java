package dev.floe.frame.exec.agg;

import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.SortKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * An accumulator of text given lists, maps or structs as their sort keys ({@link SortKeys}): equal
 * values, equal keys, so {@code nUnique} counts distinct nested values as it counts text.
 */
final class SortKeyed implements Accumulator {
    private final Accumulator keys;

    SortKeyed(Accumulator keys) {
        this.keys = keys;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        List<Vector> encoded = new ArrayList<>(inputs);
        for (int i = 0; i < encoded.size(); i++) {
            if (encoded.get(i).type().isNested()) {
                encoded.set(i, SortKeys.encode(encoded.get(i)));
            }
        }
        keys.add(groups, rows, groupCount, encoded, firstRow);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        keys.merge(((SortKeyed) other).keys, mapping, groupCount);
    }

    @Override
    public Vector finish(int[] order) {
        return keys.finish(order);
    }

    @Override
    public long sizeInBytes(int groups) {
        return keys.sizeInBytes(groups);
    }
}
