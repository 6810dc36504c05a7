package dev.floe.frame.expr;

import java.util.Objects;

/**
 * Which rows of its partition a window's aggregation covers on each row, as SQL's frame clause
 * ({@code ROWS BETWEEN 2 PRECEDING AND CURRENT ROW}): bounds counted in rows ({@link Unit#ROWS}),
 * in peer groups of equal order values ({@link Unit#GROUPS}) or in distance along the one order
 * key ({@link Unit#RANGE}), and rows taken out again ({@link Exclude}).
 *
 * <p>Without a frame, an ordered window covers the rows up to the current row and its peers
 * ({@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}) and an unordered one the whole
 * partition. Ranking functions and {@code lag}/{@code lead} ignore the frame, as in SQL.
 *
 * @param unit how the offsets count
 * @param start where the frame starts; never {@link Bound#unboundedFollowing()}
 * @param end where it ends (inclusive); never {@link Bound#unboundedPreceding()}
 * @param exclude the rows taken out of every frame
 */
public record WindowFrame(Unit unit, Bound start, Bound end, Exclude exclude) implements java.io.Serializable {
    /** How a frame's offsets count. */
    public enum Unit {
        /** Rows: {@code 2 PRECEDING} is the row two rows before. */
        ROWS,
        /** Distance along the single order key: {@code 2 PRECEDING} reaches order values down to the row's minus 2. */
        RANGE,
        /** Peer groups (rows with equal order values): {@code 1 PRECEDING} starts at the group before the row's. */
        GROUPS
    }

    /** Rows taken out of each frame. */
    public enum Exclude {
        /** None (the default). */
        NO_OTHERS,
        /** The current row. */
        CURRENT_ROW,
        /** The current row and its peers. */
        GROUP,
        /** The current row's peers, the row itself kept. */
        TIES
    }

    /** The kinds of bound. */
    public enum Kind {
        UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING
    }

    /**
     * One end of a frame. {@code offset} is a non-negative number for {@link Kind#PRECEDING} and
     * {@link Kind#FOLLOWING} (a whole number of rows or groups, or a distance along the order key
     * for {@link Unit#RANGE}), and null for the others.
     */
    public record Bound(Kind kind, Number offset) implements java.io.Serializable {
        public Bound {
            Objects.requireNonNull(kind, "kind is null");
            boolean offsetKind = kind == Kind.PRECEDING || kind == Kind.FOLLOWING;
            if (offsetKind != (offset != null)) {
                throw new IllegalArgumentException(offsetKind ? kind + " needs an offset" : kind + " takes no offset");
            }
            if (offset != null && !(offset.doubleValue() >= 0)) {
                throw new IllegalArgumentException("a window frame's offset must be a number of at least 0, got " + offset);
            }
        }

        public static Bound unboundedPreceding() {
            return new Bound(Kind.UNBOUNDED_PRECEDING, null);
        }

        public static Bound preceding(Number offset) {
            return new Bound(Kind.PRECEDING, offset);
        }

        public static Bound currentRow() {
            return new Bound(Kind.CURRENT_ROW, null);
        }

        public static Bound following(Number offset) {
            return new Bound(Kind.FOLLOWING, offset);
        }

        public static Bound unboundedFollowing() {
            return new Bound(Kind.UNBOUNDED_FOLLOWING, null);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
                case PRECEDING -> offset + " PRECEDING";
                case CURRENT_ROW -> "CURRENT ROW";
                case FOLLOWING -> offset + " FOLLOWING";
                case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
            };
        }
    }

    public WindowFrame {
        Objects.requireNonNull(unit, "unit is null");
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(end, "end is null");
        Objects.requireNonNull(exclude, "exclude is null");
        if (start.kind() == Kind.UNBOUNDED_FOLLOWING) {
            throw new IllegalArgumentException("a window frame cannot start at UNBOUNDED FOLLOWING");
        }
        if (end.kind() == Kind.UNBOUNDED_PRECEDING) {
            throw new IllegalArgumentException("a window frame cannot end at UNBOUNDED PRECEDING");
        }
        if (start.kind() == Kind.CURRENT_ROW && end.kind() == Kind.PRECEDING
                || start.kind() == Kind.FOLLOWING && (end.kind() == Kind.PRECEDING || end.kind() == Kind.CURRENT_ROW)) {
            throw new IllegalArgumentException("a window frame cannot start after it ends (" + start + " to " + end + ")");
        }
        if (unit != Unit.RANGE) {
            for (Bound bound : new Bound[] {start, end}) {
                if (bound.offset() != null && !isWhole(bound.offset())) {
                    throw new IllegalArgumentException("a " + unit + " frame's offset must be a whole number, got "
                            + bound.offset());
                }
            }
        }
    }

    /** Rows from {@code start} to {@code end}. */
    public static WindowFrame rows(Bound start, Bound end) {
        return new WindowFrame(Unit.ROWS, start, end, Exclude.NO_OTHERS);
    }

    /** Order values from {@code start} to {@code end} (the window ordered by one key). */
    public static WindowFrame range(Bound start, Bound end) {
        return new WindowFrame(Unit.RANGE, start, end, Exclude.NO_OTHERS);
    }

    /** Peer groups from {@code start} to {@code end}. */
    public static WindowFrame groups(Bound start, Bound end) {
        return new WindowFrame(Unit.GROUPS, start, end, Exclude.NO_OTHERS);
    }

    /** This frame with {@code exclude} taken out of it. */
    public WindowFrame excluding(Exclude exclude) {
        return new WindowFrame(unit, start, end, exclude);
    }

    /** Whether every frame is its whole partition (bounds unbounded, nothing excluded). */
    public boolean wholePartition() {
        return start.kind() == Kind.UNBOUNDED_PRECEDING && end.kind() == Kind.UNBOUNDED_FOLLOWING
                && exclude == Exclude.NO_OTHERS;
    }

    /** Whether this is SQL's default frame for an ordered window: the rows up to the current row's last peer. */
    public boolean runningDefault() {
        return unit == Unit.RANGE && start.kind() == Kind.UNBOUNDED_PRECEDING && end.kind() == Kind.CURRENT_ROW
                && exclude == Exclude.NO_OTHERS;
    }

    /** Whether a bound has an offset (a {@link Unit#RANGE} frame then needs exactly one order key). */
    public boolean hasOffset() {
        return start.offset() != null || end.offset() != null;
    }

    private static boolean isWhole(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof java.math.BigInteger;
    }

    @Override
    public String toString() {
        return unit + " BETWEEN " + start + " AND " + end + (exclude == Exclude.NO_OTHERS ? ""
                : " EXCLUDE " + exclude.name().replace('_', ' '));
    }
}
