package dev.floe.frame.plan;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plan nodes as map keys: a subplan made twice (equal, not the same objects) is one key, with the
 * hash its node's own parts and inputs give; subplans that differ anywhere, in a node's own parts
 * or deep in an input, are different keys.
 */
class PlanKeysTest {
    private static final DataFrame FRAME = DataFrame.of(Series.of("a", 1L, 2L, 3L), Series.of("b", 4L, 5L, 6L));
    private static final DataFrame OTHER = DataFrame.of(Series.of("k", 1L, 2L), Series.of("w", 7L, 8L));

    private static PlanNode plan(long threshold, String alias) {
        LazyFrame left = FRAME.lazy().filter(col("a").gt(threshold)).withColumns(col("b").mul(2).alias(alias));
        return left.join(OTHER.lazy(), List.of("a"), List.of("k"), JoinType.INNER, "_r").select(col("a"), col(alias))
                .plan();
    }

    @Test
    void equalSubplansAreOneKeyAndOthersAreNot() {
        PlanKeys keys = new PlanKeys();
        PlanNode one = plan(1, "b2");
        PlanNode again = plan(1, "b2");
        assertThat(again).isNotSameAs(one).isEqualTo(one);
        assertThat(keys.of(again)).isEqualTo(keys.of(one)).hasSameHashCodeAs(keys.of(one));
        assertThat(keys.of(one)).isSameAs(keys.of(one));
        // a constant deep in the left input, or a name in a node's own parts
        assertThat(keys.of(plan(2, "b2"))).isNotEqualTo(keys.of(one));
        assertThat(keys.of(plan(1, "b3"))).isNotEqualTo(keys.of(one));
        // the hash does not depend on which object of two equal plans came first
        PlanKeys fresh = new PlanKeys();
        assertThat(fresh.of(again).hashCode()).isEqualTo(keys.of(one).hashCode());
        java.util.Map<PlanKeys.Key, Integer> counts = new java.util.HashMap<>();
        for (PlanNode node : List.of(one, again, plan(2, "b2"), one.inputs().get(0), again.inputs().get(0))) {
            counts.merge(keys.of(node), 1, Integer::sum);
        }
        assertThat(counts.get(keys.of(one))).isEqualTo(2);
        assertThat(counts.get(keys.of(one.inputs().get(0)))).isEqualTo(2);
        assertThat(counts).hasSize(3);
    }
}
