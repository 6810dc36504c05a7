package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame in memory as a source: its rows cut into morsels of the query's size, each a split of
 * one batch (views of the columns, nothing copied but where a morsel crosses chunks). A frame of
 * no rows gives one empty split, so the operators above see its columns once.
 */
public final class MemorySource implements Source {
    private final DataFrame frame;
    private final String label;

    public MemorySource(DataFrame frame, String label) {
        this.frame = frame;
        this.label = label;
    }

    @Override
    public dev.floe.frame.exec.ValueBounds valueBounds() {
        return dev.floe.frame.exec.ValueBounds.of(frame);
    }

    public DataFrame frame() {
        return frame;
    }

    /** Rows {@code [start, start + rows)}. */
    record Range(int start, int count) implements Split {
        @Override
        public long rows() {
            return count;
        }

        @Override
        public long bytes() {
            return 0;
        }
    }

    @Override
    public Schema schema() {
        return frame.schema();
    }

    @Override
    public List<Range> splits(ExecutionContext context) {
        context.readsFromMemory(frame);
        int height = frame.height();
        int size = context.morselRows();
        int[] boundaries = chunkBoundaries(frame);
        List<Range> ranges = new ArrayList<>();
        int next = 0; // the first boundary past the current start
        for (int start = 0; start < height;) {
            int end = Math.min(start + size, height);
            while (next < boundaries.length && boundaries[next] <= start) {
                next++;
            }
            // end the morsel at the last chunk boundary inside it, so that it is a view of one chunk,
            // unless that would leave it under half a morsel (a frame of many small chunks)
            int cut = -1;
            for (int b = next; b < boundaries.length && boundaries[b] < end; b++) {
                cut = boundaries[b];
            }
            if (cut > start && cut - start >= size / 2) {
                end = cut;
            }
            ranges.add(new Range(start, end - start));
            start = end;
        }
        if (ranges.isEmpty()) {
            ranges.add(new Range(0, 0));
        }
        return ranges;
    }

    /** The rows where a chunk of some column begins (row 0 and the height left out), ascending. */
    private static int[] chunkBoundaries(DataFrame frame) {
        java.util.TreeSet<Integer> rows = new java.util.TreeSet<>();
        for (Series series : frame.series()) {
            dev.floe.frame.column.Column column = series.column();
            int chunks = column.chunks().size();
            if (chunks > 4 * (frame.height() / 1024 + 1)) {
                continue; // chunks of a few rows each: not worth aligning to
            }
            for (int c = 1; c < chunks; c++) {
                rows.add(column.chunkStart(c));
            }
        }
        rows.remove(0);
        rows.remove(frame.height());
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public BatchReader open(Split split, ExecutionContext context) {
        Range range = (Range) split;
        return BatchReader.of(List.of(batch(frame, range.start(), range.count())));
    }

    /** Rows {@code [start, start + rows)} of {@code frame} as a batch. */
    static Batch batch(DataFrame frame, int start, int rows) {
        List<Vector> columns = new ArrayList<>(frame.width());
        for (Series series : frame.series()) {
            columns.add(series.column().slice(start, rows).toVector());
        }
        return new Batch(columns, rows, start);
    }

    @Override
    public String describe() {
        return label;
    }
}
