package dev.floe.frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a frame as Polars does: {@code shape: (rows, columns)}, then a box with each column's
 * name and type over its values; long frames show their head and tail around a {@code …} row,
 * wide ones their first and last columns around a {@code …} column, long values are cut.
 */
final class FramePrinter {
    static final int DEFAULT_ROWS = 10;
    static final int DEFAULT_COLUMNS = 8;
    private static final int MAX_CELL = 32;
    private static final String ELLIPSIS = "…";

    private FramePrinter() {}

    static String print(DataFrame frame, int maxRows) {
        return print(frame, maxRows, DEFAULT_COLUMNS, 0);
    }

    /**
     * @param maxRows the most rows shown (head and tail), or -1 for all
     * @param maxColumns the most columns shown (first and last), or -1 for all
     * @param maxWidth the most characters a line takes (columns are left out from the middle until
     *     the table fits; at least one is shown), or 0 for no limit
     */
    static String print(DataFrame frame, int maxRows, int maxColumns, int maxWidth) {
        int height = frame.height();
        int width = frame.width();
        StringBuilder out = new StringBuilder("shape: (").append(height).append(", ").append(width).append(")\n");
        if (width == 0) {
            return out.append("┌┐\n└┘").toString();
        }
        List<Integer> shownRows = pick(height, maxRows < 0 ? height : maxRows);
        List<Integer> shownColumns = maxWidth > 0 ? fit(frame, shownRows, maxColumns < 0 ? width : maxColumns, maxWidth)
                : pick(width, maxColumns < 0 ? width : maxColumns);

        List<List<String>> cells = new ArrayList<>(); // per shown column (or -1: the … column)
        List<Boolean> rightAligned = new ArrayList<>();
        for (int column : shownColumns) {
            List<String> values = new ArrayList<>();
            if (column < 0) {
                values.add(ELLIPSIS);
                values.add("---");
                values.add("");
                for (int row : shownRows) {
                    values.add(ELLIPSIS);
                }
                rightAligned.add(false);
            } else {
                Series series = frame.column(column);
                values.add(cut(series.name()));
                values.add("---");
                values.add(series.type().displayName());
                for (int row : shownRows) {
                    values.add(row < 0 ? ELLIPSIS : cut(Values.format(series.get(row))));
                }
                rightAligned.add(series.type().isNumeric() || series.type().isDecimal());
            }
            cells.add(values);
        }
        int[] widths = new int[cells.size()];
        for (int c = 0; c < cells.size(); c++) {
            for (String cell : cells.get(c)) {
                widths[c] = Math.max(widths[c], cell.codePointCount(0, cell.length()));
            }
        }
        out.append(rule('┌', '┬', '┐', '─', widths)).append('\n');
        for (int line = 0; line < 3; line++) {
            out.append(line(cells, widths, rightAligned, line, true)).append('\n');
        }
        out.append(rule('╞', '╪', '╡', '═', widths)).append('\n');
        for (int line = 3; line < 3 + shownRows.size(); line++) {
            out.append(line(cells, widths, rightAligned, line, false)).append('\n');
        }
        out.append(rule('└', '┴', '┘', '─', widths));
        return out.toString();
    }

    /**
     * The columns that fit in {@code maxWidth} characters: taken from the left and the right in
     * turn, with a {@code …} column (-1) between when some are left out.
     */
    private static List<Integer> fit(DataFrame frame, List<Integer> rows, int maxColumns, int maxWidth) {
        int count = frame.width();
        int[] widths = new int[count];
        for (int c = 0; c < count; c++) {
            Series series = frame.column(c);
            int w = Math.max(3, Math.max(length(cut(series.name())), length(series.type().displayName())));
            for (int row : rows) {
                w = Math.max(w, length(row < 0 ? ELLIPSIS : cut(Values.format(series.get(row)))));
            }
            widths[c] = w;
        }
        int total = 1;
        for (int w : widths) {
            total += w + 3;
        }
        if (count <= maxColumns && total <= maxWidth) {
            return pick(count, count);
        }
        int used = 1 + 4; // the border and the … column
        int left = 0;
        int right = count - 1;
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        boolean fromLeft = true;
        while (left <= right && head.size() + tail.size() < maxColumns) {
            int c = fromLeft ? left : right;
            if (used + widths[c] + 3 > maxWidth && !(head.isEmpty() && tail.isEmpty())) {
                break;
            }
            used += widths[c] + 3;
            if (fromLeft) {
                head.add(left++);
            } else {
                tail.add(0, right--);
            }
            fromLeft = !fromLeft;
        }
        List<Integer> picked = new ArrayList<>(head);
        if (head.size() + tail.size() < count) {
            picked.add(-1);
        }
        picked.addAll(tail);
        return picked;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Positions to show out of {@code count}: all, or the first and last halves of {@code max} around -1 (…). */
    private static List<Integer> pick(int count, int max) {
        List<Integer> picked = new ArrayList<>();
        if (count <= max) {
            for (int i = 0; i < count; i++) {
                picked.add(i);
            }
            return picked;
        }
        int head = (max + 1) / 2;
        int tail = max / 2;
        for (int i = 0; i < head; i++) {
            picked.add(i);
        }
        picked.add(-1);
        for (int i = count - tail; i < count; i++) {
            picked.add(i);
        }
        return picked;
    }

    private static String cut(String text) {
        return text.codePointCount(0, text.length()) <= MAX_CELL ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_CELL - 1)) + ELLIPSIS;
    }

    private static String rule(char left, char middle, char right, char fill, int[] widths) {
        StringBuilder text = new StringBuilder().append(left);
        for (int c = 0; c < widths.length; c++) {
            text.append(String.valueOf(fill).repeat(widths[c] + 2)).append(c < widths.length - 1 ? middle : right);
        }
        return text.toString();
    }

    private static String line(List<List<String>> cells, int[] widths, List<Boolean> rightAligned, int line,
            boolean header) {
        StringBuilder text = new StringBuilder("│");
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c).get(line);
            String padding = " ".repeat(widths[c] - cell.codePointCount(0, cell.length()));
            boolean right = !header && rightAligned.get(c) && !cell.equals(ELLIPSIS);
            text.append(' ').append(right ? padding + cell : cell + padding).append(' ')
                    .append(c < cells.size() - 1 ? '┆' : '│');
        }
        return text.toString();
    }

    /** Bytes in a readable unit. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
