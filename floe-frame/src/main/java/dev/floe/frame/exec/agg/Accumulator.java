package dev.floe.frame.exec.agg;

import dev.floe.frame.column.Vector;
import java.util.List;

/**
 * The running state of one aggregate function for every group of a table: updated a batch at a
 * time, merged with another worker's state, finished into a vector.
 *
 * <p>Protocol: {@link #add} for each batch (groups numbered densely from 0, new groups may appear
 * with every batch), then {@link #merge} to fold other workers' states in, then {@link #finish}
 * once. Not thread-safe: each worker owns its accumulators.
 */
public interface Accumulator {
    /**
     * Adds a batch's rows to their groups.
     *
     * @param groups the group of row {@code i} at {@code groups[i]}
     * @param rows the batch's row count
     * @param groupCount the number of groups the table has now
     * @param inputs the function's input columns for this batch
     * @param firstRow the input row number of the batch's first row
     */
    void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow);

    /**
     * Folds {@code other}'s state in: its group {@code g} is this one's group {@code mapping[g]},
     * or is left out where {@code mapping[g]} is -1 (a partitioned merge takes each group in the
     * partition it belongs to). {@code other} is an accumulator of the same kind, and is only read.
     */
    void merge(Accumulator other, int[] mapping, int groupCount);

    /** The result for each group, group {@code order[i]} at row {@code i}. */
    Vector finish(int[] order);

    /**
     * About how many bytes the state holds for {@code groups} groups: what a memory reservation
     * counts. Fixed-size states estimate per group; those that keep values count them.
     */
    default long sizeInBytes(int groups) {
        return 32L * groups;
    }
}
