package dev.floe.frame.physical;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints a physical plan as its pipelines, in the order they run: each a source, the streaming
 * operators its batches go through, and the sink it ends in (a breaker, a join's build, the
 * result). What {@code explain(physical)} shows.
 */
public final class PhysicalPrinter {
    private PhysicalPrinter() {}

    public static String print(PhysicalNode root) {
        List<List<String>> pipelines = new ArrayList<>();
        List<String> last = steps(root, pipelines);
        last.add("-> result");
        pipelines.add(last);
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < pipelines.size(); p++) {
            text.append("pipeline ").append(p + 1).append('\n');
            for (String step : pipelines.get(p)) {
                text.append("  ").append(step).append('\n');
            }
        }
        return text.toString();
    }

    /** The steps of the pipeline that gives {@code node}'s rows; the pipelines that finish before it go to {@code done}. */
    private static List<String> steps(PhysicalNode node, List<List<String>> done) {
        return switch (node) {
            case PhysicalNode.Scan scan -> new ArrayList<>(List.of(scan.describe()));
            case PhysicalNode.Stream stream -> {
                List<String> steps = steps(stream.input(), done);
                steps.add(stream.describe());
                yield steps;
            }
            case PhysicalNode.HashJoinNode join -> {
                List<String> build = steps(join.build(), done);
                build.add("-> build of " + join.describe() + " (collected and hashed)");
                done.add(build);
                List<String> steps = steps(join.probe(), done);
                steps.add("probe " + join.describe());
                yield steps;
            }
            case PhysicalNode.Union union -> {
                List<String> steps = new ArrayList<>();
                steps.add(union.describe() + ", one after the other:");
                for (PhysicalNode input : union.inputs()) {
                    for (String step : steps(input, done)) {
                        steps.add("  " + step);
                    }
                }
                yield steps;
            }
            case PhysicalNode.Breaker breaker -> {
                for (PhysicalNode input : breaker.inputs()) {
                    List<String> steps = steps(input, done);
                    steps.add("-> " + breaker.describe() + " (pipeline breaker)");
                    done.add(steps);
                }
                yield new ArrayList<>(List.of("result of " + breaker.describe()));
            }
        };
    }
}
