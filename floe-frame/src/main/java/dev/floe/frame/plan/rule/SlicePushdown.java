package dev.floe.frame.plan.rule;

import dev.floe.frame.DataFrame;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Scan;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Slice;
import dev.floe.frame.plan.WithColumns;
import java.util.List;

/**
 * Computes only the rows a slice keeps: a slice moves below row-wise {@code select} and
 * {@code withColumns} (they compute each row alone), two slices become one, and a slice of a
 * scan becomes a scan of those rows ({@code head(n)} on a file reads only what it needs).
 */
public final class SlicePushdown implements Rule {
    @Override
    public PlanNode apply(PlanNode plan) {
        return Rule.transformUp(plan, this::push);
    }

    private PlanNode push(PlanNode node) {
        if (!(node instanceof Slice slice)) {
            return node;
        }
        return switch (slice.input()) {
            case Select select -> select.withInputs(List.of(push(new Slice(select.input(), slice.offset(), slice.length()))));
            case WithColumns with -> with.withInputs(List.of(push(new Slice(with.input(), slice.offset(), slice.length()))));
            case Slice inner when inner.offset() >= 0 && slice.offset() >= 0 -> {
                long offset = inner.offset() + slice.offset();
                long length = Math.max(0, Math.min(slice.length(), inner.length() - slice.offset()));
                yield push(new Slice(inner.input(), offset, length));
            }
            case Scan scan -> {
                DataFrame frame = scan.frame();
                long start = slice.offset() < 0 ? Math.max(0, frame.height() + slice.offset())
                        : Math.min(slice.offset(), frame.height());
                long count = Math.min(slice.length(), frame.height() - start);
                yield new Scan(frame.slice((int) start, (int) count), scan.projection());
            }
            case dev.floe.frame.plan.FileScan file when slice.offset() >= 0 -> {
                long rows = slice.offset() + slice.length();
                long limit = file.limit() < 0 ? rows : Math.min(rows, file.limit());
                dev.floe.frame.plan.FileScan limited = new dev.floe.frame.plan.FileScan(file.source(), file.projection(),
                        limit, file.predicate());
                yield slice.offset() == 0 ? limited : new Slice(limited, slice.offset(), slice.length());
            }
            default -> slice;
        };
    }
}
