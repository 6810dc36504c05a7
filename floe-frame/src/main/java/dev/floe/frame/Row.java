package dev.floe.frame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A view of one row of a {@link DataFrame}: no copy is made until values are read. Immutable. */
public final class Row {
    private final DataFrame frame;
    private final int index;

    Row(DataFrame frame, int index) {
        this.frame = frame;
        this.index = index;
    }

    /** The row's position in its frame. */
    public int index() {
        return index;
    }

    public Object get(String column) {
        return frame.column(column).get(index);
    }

    public Object get(int column) {
        return frame.column(column).get(index);
    }

    public boolean isNull(String column) {
        return frame.column(column).isNull(index);
    }

    public long getLong(String column) {
        return frame.column(column).getLong(index);
    }

    public double getDouble(String column) {
        return frame.column(column).getDouble(index);
    }

    public String getString(String column) {
        return frame.column(column).getString(index);
    }

    public boolean getBoolean(String column) {
        return frame.column(column).getBoolean(index);
    }

    /** The values in column order. */
    public List<Object> toList() {
        List<Object> values = new ArrayList<>(frame.width());
        for (Series series : frame.series()) {
            values.add(series.get(index));
        }
        return values;
    }

    /** Column name to value, in column order. */
    public Map<String, Object> toMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Series series : frame.series()) {
            values.put(series.name(), series.get(index));
        }
        return values;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (Series series : frame.series()) {
            text.append(text.length() > 1 ? ", " : "").append(series.name()).append(": ")
                    .append(Values.format(series.get(index)));
        }
        return text.append('}').toString();
    }
}
