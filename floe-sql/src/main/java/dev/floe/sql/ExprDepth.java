package dev.floe.sql;

import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import java.util.ArrayDeque;

/**
 * How deep a translated expression's tree goes, counted without recursion. The engine's passes
 * over an expression (typing, optimizing, compiling, evaluating on the workers) recurse once per
 * level on threads of ordinary stack size, so the translator refuses a deeper one by name.
 */
final class ExprDepth {
    /** The deepest expression the translator hands to the engine. */
    static final int MAX = 2_000;

    private ExprDepth() {}

    static int of(Expr root) {
        int deepest = 0;
        ArrayDeque<Expr> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Expr node = nodes.pop();
            int depth = depths.pop();
            deepest = Math.max(deepest, depth);
            for (Expr child : ExprTrees.children(node)) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return deepest;
    }
}
