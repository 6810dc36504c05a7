package dev.floe.frame.plan;

/** The kinds of {@link Join}. */
public enum JoinType {
    /** Pairs of rows whose keys are equal. */
    INNER,
    /** Every left row, with its matching right rows or nulls. */
    LEFT,
    /** Every right row, with its matching left rows or nulls. */
    RIGHT,
    /** Every row of both sides, matched where keys are equal, nulls elsewhere. */
    FULL,
    /** The left rows that have a match (each once), left columns only. */
    SEMI,
    /** The left rows that have no match, left columns only. */
    ANTI,
    /** Every pair of a left row and a right row. */
    CROSS
}
