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
        int height = frame.height();
        int size = context.morselRows();
        List<Range> ranges = new ArrayList<>();
        for (int start = 0; start < height; start += size) {
            ranges.add(new Range(start, Math.min(size, height - start)));
        }
        if (ranges.isEmpty()) {
            ranges.add(new Range(0, 0));
        }
        return ranges;
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
