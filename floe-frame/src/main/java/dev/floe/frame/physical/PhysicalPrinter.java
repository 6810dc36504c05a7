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
        return print(root, null);
    }

    /** The pipelines with what each step gave as the query ran ({@code profile}), or as {@link #print(PhysicalNode)}. */
    static String print(PhysicalNode root, Profile profile) {
        List<List<String>> pipelines = new ArrayList<>();
        List<String> last = steps(root, pipelines, profile,
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
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
    private static List<String> steps(PhysicalNode node, List<List<String>> done, Profile profile,
            java.util.Set<PhysicalNode> printed) {
        return switch (node) {
            case PhysicalNode.Scan scan -> new ArrayList<>(List.of(scan.describe() + actual(scan, profile)));
            case PhysicalNode.Stream stream -> {
                List<String> steps = steps(stream.input(), done, profile, printed);
                steps.add(stream.describe() + actual(stream, profile));
                yield steps;
            }
            case PhysicalNode.HashJoinNode join -> {
                List<String> build = steps(join.build(), done, profile, printed);
                build.add("-> build of " + join.describe() + " (collected and hashed)" + took(join, profile));
                done.add(build);
                List<String> steps = steps(join.probe(), done, profile, printed);
                steps.add("probe " + join.describe() + actual(join, profile));
                yield steps;
            }
            case PhysicalNode.Union union -> {
                List<String> steps = new ArrayList<>();
                steps.add(union.describe() + ", one after the other:" + actual(union, profile));
                for (PhysicalNode input : union.inputs()) {
                    for (String step : steps(input, done, profile, printed)) {
                        steps.add("  " + step);
                    }
                }
                yield steps;
            }
            case PhysicalNode.Breaker breaker when breaker.operator() instanceof SharedOperator
                    && !printed.add(breaker) ->
                    new ArrayList<>(List.of("result of " + breaker.describe() + ", as above" + actual(breaker, profile)));
            case PhysicalNode.Breaker breaker -> {
                for (PhysicalNode input : breaker.inputs()) {
                    List<String> steps = steps(input, done, profile, printed);
                    steps.add("-> " + breaker.describe() + " (pipeline breaker)" + took(breaker, profile));
                    done.add(steps);
                }
                yield new ArrayList<>(List.of("result of " + breaker.describe() + actual(breaker, profile)));
            }
        };
    }

    /** The rows a node gave as the query ran, for explainAnalyze; nothing without a profile. */
    private static String actual(PhysicalNode node, Profile profile) {
        if (profile == null) {
            return "";
        }
        long rows = profile.rows(node);
        return rows < 0 ? "  [did not run]"
                : String.format(java.util.Locale.ROOT, "  [%,d %s]", rows, rows == 1 ? "row" : "rows");
    }

    /** How long a breaker or join build took (its inputs included), for explainAnalyze. */
    private static String took(PhysicalNode node, Profile profile) {
        if (profile == null) {
            return "";
        }
        long nanos = profile.nanos(node);
        return nanos < 0 ? "" : String.format(java.util.Locale.ROOT, "  [%.1f ms, inputs included]", nanos / 1e6);
    }
}
