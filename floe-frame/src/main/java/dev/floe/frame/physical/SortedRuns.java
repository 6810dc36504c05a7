package dev.floe.frame.physical;

import dev.floe.frame.exec.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sorted runs on disk merged within a memory reservation: an open run holds a batch and its
 * buffers, so a merge of many runs is first made a merge of fewer, longer ones, pass after pass,
 * until one merge of all that are left fits. Used by the external sort and by a spilled group-by's
 * runs of groups (sorted by first row).
 */
final class SortedRuns {
    private SortedRuns() {}

    /** Most runs merged at once, whatever memory there is. */
    static final int FAN_IN = 64;

    /** A sorted run: read once, deleted once read. */
    interface Run {
        BatchReader read();

        void delete();

        /** What a reader of the run holds at most (see {@link SpillFile#readingBytes}). */
        long readingBytes();
    }

    /** Runs to be merged at once, and the memory reserved for reading them (to be given back when that merge closes). */
    record Merging(List<Run> runs, long reserved) {}

    /** {@code file} as a run. */
    static Run of(SpillFile file) {
        return new Run() {
            @Override
            public BatchReader read() {
                return file.read();
            }

            @Override
            public void delete() {
                file.delete();
            }

            @Override
            public long readingBytes() {
                return file.readingBytes();
            }
        };
    }

    /**
     * The runs merged (by {@code merger}, which keeps the order they are sorted in) into fewer,
     * longer runs on disk, pass after pass, until one merge of all that are left fits: at most
     * {@link #FAN_IN} runs, and no more than {@code memory} grants the room to read at once.
     * Merges running on several workers at once share the memory. A merge of two runs goes ahead
     * even when its memory is refused, since merging fewer makes no progress; it holds two batches.
     */
    static Merging fewer(List<Run> runs, Function<List<BatchReader>, BatchReader> merger, ExecutionContext context,
            MemoryReservation memory, String what) {
        while (true) {
            if (runs.size() <= FAN_IN) {
                long all = readingBytes(runs, 0, runs.size());
                if (memory.tryGrow(all)) {
                    return new Merging(runs, all);
                }
                if (runs.size() <= 2) {
                    return new Merging(runs, 0);
                }
            }
            List<Run> next = new ArrayList<>();
            for (int from = 0; from < runs.size(); ) {
                Merging group = reserve(runs, from, memory);
                from += group.runs().size();
                if (group.runs().size() == 1) {
                    memory.shrink(group.reserved());
                    next.add(group.runs().get(0));
                    continue;
                }
                context.cancellation().check();
                SpillFile file = context.spill().newFile(what);
                List<BatchReader> readers = new ArrayList<>(group.runs().size());
                try {
                    for (Run run : group.runs()) {
                        readers.add(run.read());
                    }
                    try (BatchReader merge = merger.apply(readers)) {
                        Batch batch;
                        while ((batch = merge.next()) != null) {
                            file.write(batch);
                        }
                    }
                    file.finishWriting();
                } finally {
                    memory.shrink(group.reserved());
                }
                for (Run run : group.runs()) {
                    run.delete();
                }
                next.add(of(file));
            }
            runs = next;
        }
    }

    /**
     * The most runs from {@code from} on (up to {@link #FAN_IN}) whose reading {@code memory}
     * grants, halving the count on each refusal; two at least, reserved or not.
     */
    private static Merging reserve(List<Run> runs, int from, MemoryReservation memory) {
        int count = Math.min(FAN_IN, runs.size() - from);
        while (true) {
            long bytes = readingBytes(runs, from, from + count);
            if (memory.tryGrow(bytes)) {
                return new Merging(runs.subList(from, from + count), bytes);
            }
            if (count <= 2) {
                return new Merging(runs.subList(from, from + count), 0);
            }
            count = Math.max(2, count / 2);
        }
    }

    private static long readingBytes(List<Run> runs, int from, int to) {
        long bytes = 0;
        for (int r = from; r < to; r++) {
            bytes += runs.get(r).readingBytes();
        }
        return bytes;
    }
}
