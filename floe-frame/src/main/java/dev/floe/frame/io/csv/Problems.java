package dev.floe.frame.io.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * The malformed rows and values of one chunk, kept as raw facts (row, column, text) until the
 * chunk's place in the file, and so its line numbers, is known. With {@code FAIL} only the
 * first (lowest row) problem is kept; with {@code SKIP} a row with a problem is dropped; with
 * {@code NULL} the value is null (a row-level problem still drops the row).
 */
final class Problems {
    /** One problem: row within the chunk, column (null for the row), what was found and expected. */
    record Problem(int row, String column, String found, String expected, String hint) {}

    private final CsvOptions.OnBadRow mode;
    private Problem first;
    private final List<Problem> all = new ArrayList<>();
    private boolean[] dropped;
    private int droppedCount;

    Problems(CsvOptions.OnBadRow mode) {
        this.mode = mode;
    }

    /** A value that does not read, or (column null) a row that does not. */
    void report(int row, String column, String found, String expected, String hint) {
        Problem problem = new Problem(row, column, found, expected, hint);
        if (first == null || row < first.row()) {
            first = problem;
        }
        if (mode == CsvOptions.OnBadRow.FAIL) {
            return;
        }
        all.add(problem);
        if (mode == CsvOptions.OnBadRow.SKIP) {
            drop(row);
        }
    }

    /** A row-level problem: the row is dropped unless reading fails anyway. */
    void reportRow(int row, String found, String expected, String hint) {
        report(row, null, found, expected, hint);
        if (mode != CsvOptions.OnBadRow.FAIL) {
            drop(row);
        }
    }

    private void drop(int row) {
        if (dropped == null || dropped.length <= row) {
            boolean[] grown = new boolean[Math.max(row + 1, dropped == null ? 1024 : dropped.length * 2)];
            if (dropped != null) {
                System.arraycopy(dropped, 0, grown, 0, dropped.length);
            }
            dropped = grown;
        }
        if (!dropped[row]) {
            dropped[row] = true;
            droppedCount++;
        }
    }

    boolean isDropped(int row) {
        return dropped != null && row < dropped.length && dropped[row];
    }

    int droppedCount() {
        return droppedCount;
    }

    /** The first problem (lowest row), or null. */
    Problem first() {
        return first;
    }

    /** Every problem, for SKIP and NULL. */
    List<Problem> all() {
        return all;
    }
}
