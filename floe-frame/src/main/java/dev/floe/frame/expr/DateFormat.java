package dev.floe.frame.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code strftime} format split into its parts: text written as it is, and {@code %} codes,
 * each a character ({@code 'Y'}, {@code 'm'}, ...) with {@link #UNPADDED} added for the {@code %-}
 * forms. The codes are DuckDB's; one it has not, or one not taken here, is refused by name.
 */
public record DateFormat(String text, int[] codes, String[] literals) {
    /** A part that is text, {@code literals[i]}. */
    public static final int LITERAL = 0;
    /** Added to a code written {@code %-x}: the number without its leading zeros. */
    public static final int UNPADDED = 0x10000;

    private static final String CODES = "YymdjHIMSfgpbBaAuwGVcxXzZ%";
    private static final String UNPADDED_CODES = "ymdjHIMS";

    /** The parts of {@code format}; an {@link IllegalArgumentException} for a code that is not taken. */
    public static DateFormat compile(String format) {
        List<Integer> codes = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 == format.length()) {
                throw new IllegalArgumentException("the format \"" + format + "\" ends in a lone %; write %% for a %");
            }
            char code = format.charAt(++i);
            boolean unpadded = false;
            if (code == '-' && i + 1 < format.length()) {
                code = format.charAt(++i);
                unpadded = true;
                if (UNPADDED_CODES.indexOf(code) < 0) {
                    throw new IllegalArgumentException("the format code %-" + code + " in \"" + format
                            + "\" is not supported; %- is taken before y, m, d, j, H, I, M and S");
                }
            } else if (code == 'n') {
                // DuckDB writes 6 digits and leaves the rest of the text wrong where anything follows it
                throw new IllegalArgumentException("the format code %n (nanoseconds) in \"" + format
                        + "\" is not supported; %f gives the microseconds");
            } else if (CODES.indexOf(code) < 0) {
                throw new IllegalArgumentException("the format code %" + code + " in \"" + format
                        + "\" is not supported; the codes are %Y %y %m %d %j %H %I %M %S %f %g %p %b %B %a %A "
                        + "%u %w %G %V %c %x %X %z %Z %% and %-y %-m %-d %-j %-H %-I %-M %-S");
            }
            if (code == '%') {
                literal.append('%');
                continue;
            }
            if (!literal.isEmpty()) {
                codes.add(LITERAL);
                literals.add(literal.toString());
                literal.setLength(0);
            }
            codes.add(unpadded ? code + UNPADDED : (int) code);
            literals.add(null);
        }
        if (!literal.isEmpty()) {
            codes.add(LITERAL);
            literals.add(literal.toString());
        }
        return new DateFormat(format, codes.stream().mapToInt(Integer::intValue).toArray(),
                literals.toArray(String[]::new));
    }
}
