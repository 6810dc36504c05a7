package dev.floe.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns: numbers right-aligned, text left-aligned.
 *
 * <pre>{@code
 * Table table = new Table("variant", "time", "speed-up");
 * table.row("sequential", "312 ms", "1.00x");
 * System.out.print(table);
 * }</pre>
 */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = header.clone();
    }

    /** Adds a row; it must have one value per column. */
    public Table row(Object... values) {
        if (values.length != header.length) {
            throw new IllegalArgumentException("a row needs " + header.length + " values, got " + values.length);
        }
        rows.add(Arrays.stream(values).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        Arrays.fill(numeric, !rows.isEmpty());
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
                numeric[c] &= looksNumeric(row[c]);
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths, numeric);
        String[] rule = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        line(out, rule, widths, numeric);
        for (String[] row : rows) {
            line(out, row, widths, numeric);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths, boolean[] numeric) {
        StringBuilder text = new StringBuilder("  ");
        for (int c = 0; c < cells.length; c++) {
            String padding = " ".repeat(widths[c] - cells[c].length());
            text.append(numeric[c] ? padding + cells[c] : cells[c] + padding);
            if (c < cells.length - 1) {
                text.append("  ");
            }
        }
        out.append(text.toString().stripTrailing()).append('\n');
    }

    /** A number, optionally followed by a unit: {@code 42}, {@code -1.5}, {@code 3.21 ms}, {@code 1.93x}. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?[0-9][0-9,]*(\\.[0-9]+)?( ?(ns|µs|ms|s|min|x|%|B|KB|MB|GB))?");

    private static boolean looksNumeric(String cell) {
        return NUMBER.matcher(cell).matches();
    }
}
