package dev.floe.frame.exec;

/**
 * When a spilling operator splits a spilled hash partition again, shared by the group-by and the
 * hash join. A partition is read back to be worked on in memory; when the memory it then needs
 * is refused and it holds more than its share of the limit, it is split by further bits of the
 * same key hashes ({@link Kernels#rowsByPartition(long[], int, int, int)}) into
 * {@value #PARTITIONS} sub-partitions written to spill files, and those are worked on in turn, up
 * to {@value #MAX_LEVEL} levels down. Splitting cannot help rows that share one key (all but one
 * sub-partition would be empty) or a partition at the last level: such a partition is worked on
 * in memory if it needs no more than the limit (it was refused only because other state held the
 * memory, as before this splitting), and otherwise the query fails with {@link
 * SpillStore#tooLarge}.
 */
public final class Repartitioning {
    /** Partitions of a spill, and sub-partitions of each split. */
    public static final int PARTITIONS = 64;
    /** The deepest level of splitting: level 0 is the first partitioning. */
    public static final int MAX_LEVEL = 4;

    private Repartitioning() {}

    /**
     * Whether a partition whose memory was refused is worth splitting: it holds more than its
     * share of the limit, half the limit over the {@code workers} working on partitions at once.
     * A smaller one is worked on regardless: splitting it would free little of what others hold.
     */
    public static boolean worthSplitting(long bytes, long limit, int workers) {
        return bytes > limit / (2L * Math.max(1, workers));
    }
}
