package dev.floe.frame.plan;

/** Prints a plan as an indented tree, the root first: what {@code explain()} shows. */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static String print(PlanNode plan) {
        StringBuilder text = new StringBuilder();
        print(plan, 0, text);
        return text.toString();
    }

    private static void print(PlanNode node, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(node).append('\n');
        for (PlanNode input : node.inputs()) {
            print(input, depth + 1, text);
        }
    }
}
