package dev.floe.frame;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

/** How single values read in a printed frame. */
final class Values {
    private Values() {}

    static String format(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> '"' + s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"';
            case Double d -> formatFloat(d);
            case java.math.BigDecimal d -> d.toPlainString();
            case Float f -> formatFloat(f);
            case LocalDateTime t -> formatDatetime(t);
            case Duration d -> formatDuration(d);
            case java.time.LocalTime t -> dev.floe.frame.column.Temporals.timeText(dev.floe.frame.column.Temporals.micros(t));
            case java.util.List<?> list -> {
                StringBuilder text = new StringBuilder("[");
                for (Object element : list) {
                    text.append(text.length() == 1 ? "" : ", ").append(format(element));
                }
                yield text.append(']').toString();
            }
            default -> value.toString();
        };
    }

    /** Floats as Polars prints them: {@code 1.0}, {@code 0.333333}, {@code 1.2346e-7}. */
    static String formatFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e15)) {
            return String.format(Locale.ROOT, "%.4e", value);
        }
        String text = String.format(Locale.ROOT, "%.6f", value);
        int end = text.length();
        while (text.charAt(end - 1) == '0' && text.charAt(end - 2) != '.') {
            end--;
        }
        return text.substring(0, end);
    }

    static String formatDatetime(LocalDateTime value) {
        String text = value.toLocalDate() + " " + value.toLocalTime();
        return value.getSecond() == 0 && value.getNano() == 0 ? text + ":00" : text;
    }

    /** Durations as {@code 1d 2h 3m 4s 500ms}. */
    static String formatDuration(Duration value) {
        if (value.isZero()) {
            return "0µs";
        }
        StringBuilder text = new StringBuilder(value.isNegative() ? "-" : "");
        Duration left = value.abs();
        long[] amounts = {left.toDays(), left.toHoursPart(), left.toMinutesPart(), left.toSecondsPart(),
                left.toMillisPart(), (left.getNano() / 1000) % 1000};
        String[] units = {"d", "h", "m", "s", "ms", "µs"};
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                text.append(text.length() > 1 || (text.length() == 1 && text.charAt(0) != '-') ? " " : "")
                        .append(amounts[i]).append(units[i]);
            }
        }
        return text.toString();
    }
}
