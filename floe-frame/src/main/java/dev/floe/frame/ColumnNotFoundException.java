package dev.floe.frame;

import dev.floe.FloeException;
import java.util.List;

/** A column name that does not exist: names it, lists the columns that do, and the closest match. */
public class ColumnNotFoundException extends FloeException {
    private final String column;
    private final List<String> available;

    public ColumnNotFoundException(String column, List<String> available) {
        super(message(column, available));
        this.column = column;
        this.available = List.copyOf(available);
    }

    public String column() {
        return column;
    }

    public List<String> available() {
        return available;
    }

    private static String message(String column, List<String> available) {
        StringBuilder text = new StringBuilder("column '").append(column).append("' not found");
        String closest = Names.closest(column, available);
        text.append(closest == null ? "." : "; did you mean '" + closest + "'?");
        text.append(" Columns: ");
        if (available.isEmpty()) {
            text.append("(none)");
        } else if (available.size() <= 20) {
            text.append(String.join(", ", available));
        } else {
            text.append(String.join(", ", available.subList(0, 20))).append(", … (").append(available.size())
                    .append(" in all)");
        }
        return text.toString();
    }
}
