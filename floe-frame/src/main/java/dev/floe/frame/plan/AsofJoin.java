package dev.floe.frame.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How {@code LazyFrame.joinAsof} matches rows: each left row with the one right row whose
 * {@code on} value is nearest before it ({@link Strategy#BACKWARD}, the largest not after the left
 * row's), after it ({@link Strategy#FORWARD}) or either way ({@link Strategy#NEAREST}), among the
 * right rows whose {@code by} values equal the left row's, as pandas' {@code merge_asof}, Polars'
 * {@code join_asof} and SQL's {@code ASOF JOIN}:
 *
 * <pre>{@code
 * trades.joinAsof(quotes, AsofJoin.on("time").by("ticker"))             // the last quote at or before each trade
 * trades.joinAsof(quotes, AsofJoin.on("t", "quote_t").forward().allowExactMatches(false).inner())
 * }</pre>
 *
 * <p>Null {@code on} or {@code by} values match nothing. Among right rows with the same {@code on}
 * value, the first in the right side's order is the match. {@code NEAREST} takes the backward match
 * where both are as near, and needs numbers, decimals or dates and times.
 *
 * @param how {@link JoinType#LEFT} (the default: every left row, with nulls where nothing matches)
 *     or {@link JoinType#INNER} (the left rows that match)
 * @param suffix added to a right column whose name the left has
 */
public record AsofJoin(String leftOn, String rightOn, List<String> leftBy, List<String> rightBy, Strategy strategy,
        boolean allowExactMatches, JoinType how, String suffix) {

    /** Which right row an as-of join takes for a left row. */
    public enum Strategy {
        /** The right row with the largest {@code on} value at or before the left row's (before, without exact matches). */
        BACKWARD,
        /** The right row with the smallest {@code on} value at or after the left row's. */
        FORWARD,
        /** The nearer of the two; the backward one where they are as near. */
        NEAREST
    }

    public AsofJoin {
        Objects.requireNonNull(leftOn, "leftOn is null");
        Objects.requireNonNull(rightOn, "rightOn is null");
        leftBy = List.copyOf(leftBy);
        rightBy = List.copyOf(rightBy);
        Objects.requireNonNull(strategy, "strategy is null");
        Objects.requireNonNull(suffix, "suffix is null");
        if (leftBy.size() != rightBy.size()) {
            throw new IllegalArgumentException("an as-of join's by columns pair up: " + leftBy.size() + " on the left, "
                    + rightBy.size() + " on the right");
        }
        if (how != JoinType.LEFT && how != JoinType.INNER) {
            throw new IllegalArgumentException("an as-of join is LEFT or INNER, not " + how);
        }
    }

    /** Matched on the column {@code on}, of that name on both sides: backward, exact matches allowed, a left join. */
    public static AsofJoin on(String on) {
        return on(on, on);
    }

    /** Matched on {@code leftOn} of the left side and {@code rightOn} of the right. */
    public static AsofJoin on(String leftOn, String rightOn) {
        return new AsofJoin(leftOn, rightOn, List.of(), List.of(), Strategy.BACKWARD, true, JoinType.LEFT, "_right");
    }

    /** Only among the right rows whose {@code columns} (of these names on both sides) equal the left row's. */
    public AsofJoin by(String... columns) {
        return by(Arrays.asList(columns), Arrays.asList(columns));
    }

    /** Only among the right rows whose {@code rightBy[i]} equal the left row's {@code leftBy[i]}. */
    public AsofJoin by(List<String> leftBy, List<String> rightBy) {
        return new AsofJoin(leftOn, rightOn, leftBy, rightBy, strategy, allowExactMatches, how, suffix);
    }

    public AsofJoin strategy(Strategy strategy) {
        return new AsofJoin(leftOn, rightOn, leftBy, rightBy, strategy, allowExactMatches, how, suffix);
    }

    public AsofJoin backward() {
        return strategy(Strategy.BACKWARD);
    }

    public AsofJoin forward() {
        return strategy(Strategy.FORWARD);
    }

    public AsofJoin nearest() {
        return strategy(Strategy.NEAREST);
    }

    /** With {@code false}, a right row whose {@code on} value equals the left row's does not match. */
    public AsofJoin allowExactMatches(boolean allow) {
        return new AsofJoin(leftOn, rightOn, leftBy, rightBy, strategy, allow, how, suffix);
    }

    /** Only the left rows that match (SQL's {@code ASOF JOIN}); by default every left row is kept. */
    public AsofJoin inner() {
        return new AsofJoin(leftOn, rightOn, leftBy, rightBy, strategy, allowExactMatches, JoinType.INNER, suffix);
    }

    public AsofJoin suffix(String suffix) {
        return new AsofJoin(leftOn, rightOn, leftBy, rightBy, strategy, allowExactMatches, how, suffix);
    }
}
