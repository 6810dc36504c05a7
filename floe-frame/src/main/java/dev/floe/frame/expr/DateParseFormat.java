package dev.floe.frame.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code strptime} format split into its parts: text to match (UTF-8 bytes) and {@code %} codes,
 * each a character ({@code 'Y'}, {@code 'm'}, ...). The codes are DuckDB's: {@code %Y %y %m %d
 * %j %H %I %M %S %f %g %p %b %B %a %A %c %x %X %%} and the {@code %-} forms of {@code y m d j H I
 * M S}; {@code %c}, {@code %x} and {@code %X} stand for {@code %Y-%m-%d %H:%M:%S},
 * {@code %Y-%m-%d} and {@code %H:%M:%S}. Any other code is refused by name, among them those for
 * which DuckDB gives another type than a timestamp ({@code %z %Z %n}) and the week codes.
 *
 * @param text the format as written
 * @param codes a code per part, {@link #LITERAL} for text
 * @param literals for a part that is text, its bytes; null for a code
 * @param monthOrDay whether the format reads a month or a day of the month (then {@code %j} is not used)
 */
public record DateParseFormat(String text, int[] codes, byte[][] literals, boolean monthOrDay) {
    /** A part that is text, {@code literals[i]}. */
    public static final int LITERAL = 0;

    private static final String CODES = "YymdjHIMSfgpbBaA";
    private static final String UNPADDED_CODES = "ymdjHIMS";

    /** The parts of {@code format}; an {@link IllegalArgumentException} naming a code that is not taken. */
    public static DateParseFormat compile(String format) {
        if (format.isEmpty()) {
            throw new IllegalArgumentException("the strptime format is empty");
        }
        List<Integer> codes = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean monthOrDay = false;
        String expanded = expand(format);
        for (int i = 0; i < expanded.length(); i++) {
            char c = expanded.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 == expanded.length()) {
                throw new IllegalArgumentException("the strptime format \"" + format + "\" ends in a lone %; write %% "
                        + "for a %");
            }
            char code = expanded.charAt(++i);
            if (code == '-' && i + 1 < expanded.length() && UNPADDED_CODES.indexOf(expanded.charAt(i + 1)) >= 0) {
                code = expanded.charAt(++i); // reading, %-d is %d: both take one digit or two
            } else if (code == '%') {
                literal.append('%');
                continue;
            } else if (CODES.indexOf(code) < 0) {
                throw new IllegalArgumentException("the format code %" + code + " in the strptime format \"" + format
                        + "\" is not supported" + why(code) + "; the codes are %Y %y %m %d %j %H %I %M %S %f %g %p "
                        + "%b %B %a %A %c %x %X %% and %-y %-m %-d %-j %-H %-I %-M %-S");
            }
            monthOrDay |= code == 'm' || code == 'd' || code == 'b' || code == 'B';
            if (!literal.isEmpty()) {
                codes.add(LITERAL);
                literals.add(literal.toString().getBytes(StandardCharsets.UTF_8));
                literal.setLength(0);
            }
            codes.add((int) code);
            literals.add(null);
        }
        if (!literal.isEmpty()) {
            codes.add(LITERAL);
            literals.add(literal.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new DateParseFormat(format, codes.stream().mapToInt(Integer::intValue).toArray(),
                literals.toArray(byte[][]::new), monthOrDay);
    }

    /** The format with {@code %c}, {@code %x} and {@code %X} written out ({@code %%} kept as it is). */
    private static String expand(String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char code = format.charAt(++i);
            out.append(switch (code) {
                case 'c' -> "%Y-%m-%d %H:%M:%S";
                case 'x' -> "%Y-%m-%d";
                case 'X' -> "%H:%M:%S";
                default -> "%" + code;
            });
        }
        return out.toString();
    }

    private static String why(char code) {
        return switch (code) {
            case 'z', 'Z' -> ": with a time zone DuckDB gives a TIMESTAMP WITH TIME ZONE, which Floe has not";
            case 'n' -> ": with nanoseconds DuckDB gives a TIMESTAMP_NS, which Floe has not";
            case 'G', 'V', 'u', 'w', 'U', 'W' -> " in strptime (week numbers and weekdays are not read)";
            default -> "";
        };
    }
}
