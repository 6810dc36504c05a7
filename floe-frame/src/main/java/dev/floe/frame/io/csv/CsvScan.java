package dev.floe.frame.io.csv;

import dev.floe.frame.Schema;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.Kernels;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.io.ScanColumns;
import dev.floe.frame.physical.BatchReader;
import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.physical.Source;
import dev.floe.frame.physical.Split;
import java.util.ArrayList;
import java.util.List;

/**
 * A scan of CSV files: each file cut into byte ranges ({@link CsvOptions#chunkBytes()}), each
 * range a split that a worker parses on its own ({@link CsvReader#parse}) into one batch.
 *
 * <p>A range's first row is a guess (the first line after a line break), since a line break may
 * sit inside a quoted field. The ranges are therefore confirmed in order: a worker parses its
 * range at once, then waits until the range before it is confirmed, and checks that its own
 * first row starts exactly where that one's rows ended; if not, it parses again from there.
 * Parsing runs in parallel; only the cheap check is sequential. Because a range gives its rows
 * only once everything before it is confirmed, the first bad row in the files is the one
 * reported (with {@link CsvOptions.OnBadRow#FAIL}), skipped rows are reported in file order,
 * each batch knows its exact first row, and a row limit stops the reading as soon as it is met.
 * A small limit without a filter reads each file from its top instead, in stretches sized to
 * the rows still wanted.
 */
final class CsvScan implements Source {
    private final CsvSource source;
    private final CsvReader reader;
    private final ScanColumns columns;
    private final Expr predicate;
    private final int[] selected;
    private final long limit;

    CsvScan(CsvSource source, List<String> projection, Expr predicate, long limit) {
        this.source = source;
        CsvOptions options = source.options();
        this.reader = new CsvReader(options);
        CsvReader.Resolved resolved = source.resolved();
        this.columns = ScanColumns.of(projection, predicate, resolved.schema());
        this.predicate = predicate;
        java.util.Map<String, Integer> positions = new java.util.HashMap<>();
        for (int c = 0; c < resolved.names().size(); c++) {
            positions.putIfAbsent(resolved.names().get(c), c);
        }
        this.selected = columns.decoded().names().stream().mapToInt(positions::get).toArray();
        this.limit = limit >= 0 && options.limit() >= 0 ? Math.min(limit, options.limit())
                : Math.max(limit, options.limit());
    }

    @Override
    public Schema schema() {
        return columns.output();
    }

    @Override
    public String describe() {
        return source.describe() + " " + columns.projection() + (predicate != null ? "; filter " + predicate : "")
                + (limit >= 0 ? "; first " + limit + " rows" : "");
    }

    /** One range of one file; {@code index} is its place among the run's splits. */
    record Range(Run run, int index, int file, long start, long end, boolean first) implements Split {
        @Override
        public long rows() {
            return -1;
        }

        @Override
        public long bytes() {
            return end - start;
        }
    }

    /** A file read from its top, for a small limit. */
    record Top(Run run, int index, int file, long start) implements Split {}

    @Override
    public List<Split> splits(ExecutionContext context) {
        int inputs = source.inputs();
        CsvOptions options = source.options();
        List<CsvInput> shared = new ArrayList<>();
        List<CsvReader.Layout> layouts = new ArrayList<>();
        List<String> names = source.resolved().names();
        for (int f = 0; f < inputs; f++) {
            CsvInput input = source.open(f);
            CsvReader.Layout layout;
            try {
                layout = reader.layout(input);
            } catch (RuntimeException e) {
                input.close();
                throw e;
            }
            if (options.header() && options.schema() == null && layout.header() != null && !layout.header().isEmpty()
                    && !layout.header().equals(names)) {
                input.close();
                throw new CsvParseException(input.name(), 1, null, String.join(",", layout.header()),
                        "the columns of " + source.name(0) + ": " + String.join(",", names),
                        "files read together must have the same header");
            }
            layouts.add(layout);
            // a file stays open for the run only when its bytes are in memory (no descriptor held)
            shared.add(input instanceof CsvInput.MemoryInput ? input : null);
            input.close();
        }
        List<Split> splits = new ArrayList<>();
        Run run = new Run(this, context, shared, layouts);
        boolean small = limit >= 0 && columns.filter() == null
                && limit * source.resolved().bytesPerRow() * 1.5 <= 2.0 * options.chunkBytes();
        for (int f = 0; f < inputs; f++) {
            long start = layouts.get(f).dataStart();
            if (small) {
                splits.add(new Top(run, splits.size(), f, start));
                continue;
            }
            long size = run.size(f);
            for (long at = start; at < size || at == start; at += options.chunkBytes()) {
                splits.add(new Range(run, splits.size(), f, at, Math.min(size, at + options.chunkBytes()), at == start));
                if (at >= size) {
                    break;
                }
            }
        }
        run.expect(splits.size());
        return splits;
    }

    @Override
    public BatchReader open(Split split, ExecutionContext context) {
        return new RangeReader(split);
    }

    /** Reads one split: parse, wait for the one before, confirm (or parse again), give the batch. */
    private final class RangeReader implements BatchReader {
        private final Split split;
        private boolean done;

        RangeReader(Split split) {
            this.split = split;
        }

        @Override
        public Batch next() {
            if (done) {
                return null;
            }
            done = true;
            return switch (split) {
                case Range range -> range.run().read(range);
                case Top top -> top.run().readTop(top);
                default -> throw new IllegalArgumentException("not a CSV split: " + split);
            };
        }

        @Override
        public void close() {
            switch (split) {
                case Range range -> range.run().closed(range.index());
                case Top top -> top.run().closed(top.index());
                default -> { }
            }
        }
    }

    /** The state of one run of the scan: which splits are confirmed, where their rows ended, how many rows came before. */
    static final class Run {
        private final CsvScan scan;
        private final ExecutionContext context;
        private final List<CsvInput> shared;
        private final List<CsvReader.Layout> layouts;
        private final List<Long> sizes = new ArrayList<>();
        private long[] ends;
        private long[] rowsBefore;
        /** 1: confirmed, -1: given up (the reading stopped before it), 0: not yet. */
        private byte[] state;
        private final List<CsvParseException> skipped = new ArrayList<>();
        private long droppedRows;

        Run(CsvScan scan, ExecutionContext context, List<CsvInput> shared, List<CsvReader.Layout> layouts) {
            this.scan = scan;
            this.context = context;
            this.shared = shared;
            this.layouts = layouts;
            for (int f = 0; f < layouts.size(); f++) {
                try (CsvInput input = input(f)) {
                    sizes.add(input.size());
                }
            }
        }

        void expect(int splits) {
            ends = new long[splits + 1];
            rowsBefore = new long[splits + 1];
            state = new byte[splits];
        }

        long size(int file) {
            return sizes.get(file);
        }

        /** File {@code f}'s bytes: shared when in memory, else a channel of the caller's own to close. */
        private CsvInput input(int file) {
            CsvInput memory = shared.get(file);
            return memory != null ? memory : scan.source.open(file);
        }

        /**
         * Waits until split {@code index - 1} is confirmed; false when it was given up (so this one
         * is not needed either).
         */
        private synchronized boolean awaitPrevious(int index) {
            if (index == 0) {
                return true;
            }
            while (state[index - 1] == 0) {
                context.checkCancelled();
                try {
                    wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    context.cancellation().cancel("a CSV reader was interrupted");
                }
            }
            return state[index - 1] > 0;
        }

        private synchronized void confirm(int index, long end, long rows) {
            ends[index] = end;
            rowsBefore[index + 1] = rowsBefore[index] + rows;
            state[index] = 1;
            notifyAll();
        }

        /** A split closed before it was confirmed is given up, and so are the ones after it. */
        synchronized void closed(int index) {
            if (state[index] == 0) {
                state[index] = -1;
                notifyAll();
            }
        }

        private boolean limitMet(int index) {
            return scan.limit >= 0 && rowsBefore[index] >= scan.limit;
        }

        Batch read(Range range) {
            CsvReader reader = scan.reader;
            CsvReader.Resolved resolved = scan.source.resolved();
            try (CsvInput input = input(range.file())) {
                long first = range.first() ? layouts.get(range.file()).dataStart() : CsvReader.GUESS;
                CsvReader.Parsed parsed = reader.parse(input, resolved, scan.selected,
                        new CsvReader.Range(range.start(), range.end(), first), Long.MAX_VALUE);
                if (!awaitPrevious(range.index())) {
                    closed(range.index());
                    return null;
                }
                if (limitMet(range.index())) {
                    confirm(range.index(), range.end(), 0);
                    return null;
                }
                long expected = range.first() ? first : ends[range.index() - 1];
                if (parsed.firstRow() != expected && !(parsed.firstRow() < 0 && expected >= range.end())) {
                    // the guess was wrong (a quoted line break): parse again from where the rows before ended
                    parsed = reader.parse(input, resolved, scan.selected, new CsvReader.Range(range.start(),
                            range.end(), expected >= range.end() ? CsvReader.NO_ROW : expected), Long.MAX_VALUE);
                }
                long end = parsed.firstRow() < 0 ? Math.max(expected, range.start()) : parsed.end();
                return give(range.index(), input, parsed, end);
            }
        }

        Batch readTop(Top top) {
            if (!awaitPrevious(top.index())) {
                closed(top.index());
                return null;
            }
            CsvReader reader = scan.reader;
            CsvReader.Resolved resolved = scan.source.resolved();
            long remaining = scan.limit - rowsBefore[top.index()];
            List<List<Vector>> parts = new ArrayList<>();
            List<CsvReader.Found> problems = new ArrayList<>();
            int rows = 0;
            int dropped = 0;
            try (CsvInput input = input(top.file())) {
                long size = input.size();
                long at = top.start();
                while (remaining - rows > 0 && at < size) {
                    long wanted = remaining - rows;
                    long end = Math.min(size, at + Math.max(65_536, (long) (wanted * resolved.bytesPerRow() * 1.5)));
                    CsvReader.Parsed part = reader.parse(input, resolved, scan.selected, new CsvReader.Range(at, end, at),
                            wanted);
                    parts.add(part.columns());
                    problems.addAll(part.problems());
                    rows += part.rows();
                    dropped += part.dropped();
                    if (part.end() <= at) {
                        break;
                    }
                    at = part.end();
                }
                List<Vector> columns = new ArrayList<>();
                for (int c = 0; c < scan.selected.length; c++) {
                    List<Vector> chunks = new ArrayList<>();
                    for (List<Vector> part : parts) {
                        chunks.add(part.get(c));
                    }
                    columns.add(chunks.isEmpty() ? Kernels.nulls(resolved.types().get(scan.selected[c]), 0)
                            : chunks.size() == 1 ? chunks.get(0) : concat(chunks));
                }
                return give(top.index(), input, new CsvReader.Parsed(top.start(), at, rows, columns, problems, dropped),
                        at);
            }
        }

        private static Vector concat(List<Vector> chunks) {
            dev.floe.frame.DataType type = chunks.get(0).type();
            List<Vector> parts = type == dev.floe.frame.DataType.CATEGORICAL
                    ? dev.floe.frame.column.Vectors.shareDictionary(chunks) : chunks;
            return dev.floe.frame.column.Vectors.concat(type, parts);
        }

        /**
         * A confirmed split's rows: its problems reported (the first one thrown when bad rows fail
         * the read), the predicate applied, the rows cut to the limit; then the split is confirmed.
         */
        private Batch give(int index, CsvInput input, CsvReader.Parsed parsed, long end) {
            CsvOptions options = scan.source.options();
            if (!parsed.problems().isEmpty()) {
                report(index, input, parsed);
            }
            Batch batch = scan.columns.filter(parsed.columns(), parsed.rows());
            int rows = batch.rows();
            if (scan.limit >= 0) {
                rows = (int) Math.min(rows, scan.limit - rowsBefore[index]);
            }
            List<Vector> output = new ArrayList<>(scan.columns.projection().size());
            for (int c = 0; c < scan.columns.projection().size(); c++) {
                Vector column = batch.column(c);
                output.add(rows == batch.rows() ? column : column.slice(0, rows));
            }
            long before = rowsBefore[index];
            confirm(index, end, rows);
            if (index == state.length - 1 && options.onBadRow() != CsvOptions.OnBadRow.FAIL) {
                summarize();
            }
            return new Batch(output, rows, before);
        }

        /** Throws the first problem (FAIL), or passes them on (SKIP, NULL), with their lines. */
        private void report(int index, CsvInput input, CsvReader.Parsed parsed) {
            CsvOptions options = scan.source.options();
            List<CsvReader.Found> found = parsed.problems();
            if (options.onBadRow() == CsvOptions.OnBadRow.FAIL) {
                CsvReader.Found first = found.get(0);
                String hint = first.hint();
                if (first.column() != null && hint == null) {
                    hint = "the type was inferred from the first " + options.inferSchemaLength() + " rows; give the "
                            + "column a type with withType(...), raise withInferSchemaLength(...), or pass over bad "
                            + "rows with withOnBadRow(SKIP or NULL)";
                }
                throw new CsvParseException(input.name(), CsvReader.lineOf(input, first.rowStart()), first.column(),
                        first.found(), first.expected(), hint);
            }
            long[] positions = new long[found.size()];
            for (int k = 0; k < positions.length; k++) {
                positions[k] = found.get(k).rowStart();
            }
            long[] lines = CsvReader.linesOf(input, positions);
            synchronized (this) {
                for (int k = 0; k < found.size(); k++) {
                    CsvReader.Found f = found.get(k);
                    CsvParseException error = new CsvParseException(input.name(), lines[k], f.column(), f.found(),
                            f.expected(), f.hint());
                    if (options.rejects() != null) {
                        options.rejects().accept(error);
                    } else {
                        skipped.add(error);
                    }
                }
                droppedRows += parsed.dropped();
            }
        }

        /**
         * After the last split: one line on standard error summing up the rows passed over, when
         * nobody took them one by one ({@link CsvOptions#withRejects}).
         */
        private synchronized void summarize() {
            if (!skipped.isEmpty()) {
                System.err.println("floe: " + skipped.size() + (skipped.size() == 1 ? " problem" : " problems")
                        + " reading CSV, " + droppedRows + (droppedRows == 1 ? " row" : " rows") + " skipped; the first: "
                        + skipped.get(0).getMessage());
            }
        }
    }
}
