package dev.floe.frame.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * C's {@code printf} formats, as DuckDB's {@code printf} reads them: {@code %[n$][flags][width][.precision][length]conversion}
 * with the flags {@code - + space 0 #}, a width or precision written or taken from an argument
 * ({@code *}), length modifiers read and ignored, and the conversions {@code d i u x X o c} (whole
 * numbers), {@code f F e E g G} (floats, rounded from their exact binary value, ties to even, as
 * C rounds), {@code s} (text) and {@code %%}; and, for a spec alone, {@code %r}: a double in the
 * fewest digits that read back as it, as fmt's {@code {}} writes it. Thread-safe: immutable.
 */
public final class Printf {
    private Printf() {}

    /**
     * One conversion of a format, its width and precision known ({@code -1}: none), as the engine
     * applies it to one value ({@link Expr#printf}).
     */
    public record Spec(boolean left, boolean plus, boolean space, boolean zero, boolean alternate, int width,
            int precision, char conversion, boolean fmt) {
        /** A conversion of C's printf (see {@link #fmt} for fmt's way with bases). */
        public Spec(boolean left, boolean plus, boolean space, boolean zero, boolean alternate, int width, int precision,
                char conversion) {
            this(left, plus, space, zero, alternate, width, precision, conversion, false);
        }

        public Spec {
            if ("diuxXocfFeEgGsr".indexOf(conversion) < 0) {
                throw new IllegalArgumentException("printf has no conversion %" + conversion);
            }
        }

        /** Whether this conversion takes a whole number. */
        public boolean integral() {
            return "diuxXoc".indexOf(conversion) >= 0;
        }

        /** Whether this conversion takes a float. */
        public boolean floating() {
            return "fFeEgGr".indexOf(conversion) >= 0;
        }

        /**
         * This conversion as a format writes it: {@code %-08.3f} ({@code ~} among the flags for {@link
         * #fmt}, which only {@link #of} reads).
         */
        public String text() {
            return "%" + (fmt ? "~" : "") + (left ? "-" : "") + (plus ? "+" : "") + (space ? " " : "") + (zero ? "0" : "")
                    + (alternate ? "#" : "") + (width >= 0 ? String.valueOf(width) : "")
                    + (precision >= 0 ? "." + precision : "") + conversion;
        }

        /** {@link #text()} read back: one conversion, without argument numbers or {@code *}. */
        public static Spec of(String text) {
            List<Object> pieces = parse(text, true);
            if (pieces.size() != 1 || !(pieces.get(0) instanceof Conversion c) || c.widthArgument() || c.precisionArgument()
                    || c.argument() >= 0) {
                throw new IllegalArgumentException("not one printf conversion: " + text);
            }
            return c.spec();
        }

        /** A whole number as this conversion writes it (for {@code u x X o}: a negative one as 64 bits, unsigned). */
        public String format(long value) {
            return format(BigInteger.valueOf(value), 64);
        }

        /** A whole number of {@code bits} bits as this conversion writes it. */
        public String format(BigInteger value, int bits) {
            if (conversion == 'c') {
                if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(127)) > 0) {
                    // DuckDB writes the value's low byte, not UTF-8, past ASCII
                    throw new IllegalArgumentException("%c writes the characters 0 to 127, not " + value);
                }
                String character = String.valueOf((char) value.intValue());
                return zero ? padNumber("", character, true) : pad(character, false);
            }
            BigInteger magnitude = value;
            String sign = "";
            if ((conversion == 'd' || conversion == 'i' || fmt && conversion != 'u') && value.signum() < 0) {
                // fmt writes a negative number in base 16 or 8 with its sign, not as its two's complement
                sign = "-";
                magnitude = value.abs();
            } else {
                if (value.signum() < 0) {
                    magnitude = value.add(BigInteger.ONE.shiftLeft(bits)); // its two's complement, unsigned
                }
                sign = plus ? "+" : space ? " " : ""; // on u, x and o too, as DuckDB
            }
            String digits = switch (conversion) {
                case 'x' -> magnitude.toString(16);
                case 'X' -> magnitude.toString(16).toUpperCase(java.util.Locale.ROOT);
                case 'o' -> magnitude.toString(8);
                default -> magnitude.toString();
            };
            if (precision >= 0 && !zero && digits.length() < precision) {
                // with 0, DuckDB pads to the width with zeros and leaves the precision out
                digits = "0".repeat(precision - digits.length()) + digits;
            }
            String prefix = sign;
            if (alternate && (magnitude.signum() != 0 || fmt && conversion != 'o')) { // fmt writes 0x0
                if (conversion == 'x') {
                    prefix = sign + "0x";
                } else if (conversion == 'X') {
                    prefix = sign + "0X";
                } else if (conversion == 'o' && !digits.startsWith("0")) {
                    digits = "0" + digits;
                }
            }
            return padNumber(prefix, digits, true);
        }

        /** A float as this conversion writes it. */
        public String format(double value) {
            boolean upper = Character.isUpperCase(conversion);
            boolean negative = Double.doubleToRawLongBits(value) < 0; // -0.0 and a negative NaN too
            String sign = negative ? "-" : plus ? "+" : space ? " " : "";
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                String word = Double.isNaN(value) ? "nan" : "inf";
                if (zero && width > sign.length() + 3) {
                    // DuckDB pads these with zeros after them (inf0000000)
                    throw new IllegalArgumentException("the 0 flag does not pad " + word + " with zeros");
                }
                return padNumber(sign, upper ? word.toUpperCase(java.util.Locale.ROOT) : word, false);
            }
            BigDecimal exact = new BigDecimal(value).abs();
            int p = precision < 0 ? 6 : precision;
            String digits = switch (Character.toLowerCase(conversion)) {
                case 'f' -> fixed(exact, p);
                case 'e' -> scientific(exact, p, upper);
                case 'r' -> shortest(Math.abs(value));
                default -> general(exact, p == 0 ? 1 : p, upper);
            };
            return padNumber(sign, digits, true);
        }

        /** A text as {@code %s} writes it: at most {@code precision} characters, padded to the width. */
        public String format(String value) {
            String text = value;
            if (precision >= 0 && text.codePointCount(0, text.length()) > precision) {
                text = text.substring(0, text.offsetByCodePoints(0, precision));
            }
            return pad(text, true);
        }

        /**
         * The fewest digits that read back as {@code value} (as fmt's {@code {}} writes a double):
         * plainly, with at least one digit after the point, from 10^-4 to under 10^16; else as
         * {@code 1.5e+16}.
         */
        private static String shortest(double value) {
            if (value == 0) {
                return "0.0";
            }
            BigDecimal digits = new BigDecimal(Double.toString(value)).stripTrailingZeros();
            BigDecimal one = digits.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (digits.precision() == 2 && Double.parseDouble(one.toString()) == value) {
                digits = one; // Double.toString writes two digits at least, where one can read back (5e-324)
            }
            String unscaled = digits.unscaledValue().toString();
            int exponent = unscaled.length() - 1 - digits.scale();
            if (exponent >= -4 && exponent < 16) {
                String plain = digits.toPlainString();
                return plain.indexOf('.') < 0 ? plain + ".0" : plain;
            }
            String power = String.valueOf(Math.abs(exponent));
            return unscaled.charAt(0) + (unscaled.length() > 1 ? "." + unscaled.substring(1) : "") + "e"
                    + (exponent < 0 ? "-" : "+") + (power.length() < 2 ? "0" : "") + power;
        }

        private String fixed(BigDecimal exact, int p) {
            String digits = exact.setScale(p, RoundingMode.HALF_EVEN).toPlainString();
            return alternate && p == 0 ? digits + "." : digits;
        }

        private String scientific(BigDecimal exact, int p, boolean upper) {
            if (exact.signum() == 0) {
                return (p == 0 ? "0" : "0." + "0".repeat(p)) + (upper ? "E+00" : "e+00");
            }
            BigDecimal rounded = exact.round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
            String unscaled = rounded.unscaledValue().toString();
            int exponent = unscaled.length() - 1 - rounded.scale();
            unscaled = (unscaled + "0".repeat(Math.max(0, p + 1 - unscaled.length()))).substring(0, p + 1);
            // DuckDB's printf writes no point after a lone digit, even with #
            String mantissa = p == 0 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
            String power = String.valueOf(Math.abs(exponent));
            return mantissa + (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + (power.length() < 2 ? "0" : "") + power;
        }

        private String general(BigDecimal exact, int p, boolean upper) {
            int exponent;
            if (exact.signum() == 0) {
                exponent = 0;
            } else {
                BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                exponent = rounded.precision() - 1 - rounded.scale();
            }
            String digits = p > exponent && exponent >= -4 ? fixed(exact, p - 1 - exponent)
                    : scientific(exact, p - 1, upper);
            if (alternate) {
                return digits;
            }
            // without #, no zeros at the end of the fraction, and no point where none is left
            int e = digits.indexOf(upper ? 'E' : 'e');
            String mantissa = e < 0 ? digits : digits.substring(0, e);
            if (mantissa.indexOf('.') >= 0) {
                mantissa = mantissa.replaceAll("0+$", "");
                if (mantissa.endsWith(".")) {
                    mantissa = mantissa.substring(0, mantissa.length() - 1);
                }
            }
            return e < 0 ? mantissa : mantissa + digits.substring(e);
        }

        /** Sign or prefix, then digits, padded to the width: zeros between them with {@code 0}, as DuckDB pads. */
        private String padNumber(String prefix, String digits, boolean zeroAllowed) {
            int length = prefix.length() + digits.length();
            if (width <= length) {
                return prefix + digits;
            }
            if (zero && zeroAllowed) {
                return prefix + "0".repeat(width - length) + digits;
            }
            String spaces = " ".repeat(width - length);
            return left ? prefix + digits + spaces : spaces + prefix + digits;
        }

        private String pad(String text, boolean leftAllowed) {
            int length = text.codePointCount(0, text.length());
            if (width <= length) {
                return text;
            }
            String spaces = " ".repeat(width - length);
            return left && leftAllowed ? text + spaces : spaces + text;
        }
    }

    /**
     * A conversion of a format as written: its spec, which argument it formats ({@code -1}: the
     * next), and whether its width or precision is the argument before it ({@code *}).
     */
    public record Conversion(Spec spec, int argument, boolean widthArgument, boolean precisionArgument) {}

    /**
     * A format read into its pieces: text ({@code String}, {@code %%} as {@code %}) and {@link
     * Conversion}s, in order.
     *
     * @throws IllegalArgumentException naming what is wrong, and where
     */
    public static List<Object> parse(String format) {
        return parse(format, false);
    }

    /** {@link #parse}; with {@code shortest}, the conversion {@code %r} too (fmt's {@code {}} of a double). */
    private static List<Object> parse(String format, boolean shortest) {
        List<Object> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int n = format.length();
        int i = 0;
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            int start = i++;
            if (i < n && format.charAt(i) == '%') {
                text.append('%');
                i++;
                continue;
            }
            int argument = -1;
            int digitsEnd = i;
            while (digitsEnd < n && Character.isDigit(format.charAt(digitsEnd))) {
                digitsEnd++;
            }
            if (digitsEnd > i && digitsEnd < n && format.charAt(digitsEnd) == '$') {
                argument = Integer.parseInt(format.substring(i, digitsEnd));
                if (argument < 1) {
                    throw new IllegalArgumentException("printf: the argument number in " + format.substring(start,
                            digitsEnd + 1) + " counts from 1");
                }
                i = digitsEnd + 1;
            }
            boolean left = false;
            boolean plus = false;
            boolean space = false;
            boolean zero = false;
            boolean alternate = false;
            boolean fmt = false;
            for (; i < n && ("-+ 0#".indexOf(format.charAt(i)) >= 0 || shortest && format.charAt(i) == '~'); i++) {
                switch (format.charAt(i)) {
                    case '~' -> fmt = true;
                    case '-' -> left = true;
                    case '+' -> { // of + and space, the last written counts, as in DuckDB
                        plus = true;
                        space = false;
                    }
                    case ' ' -> {
                        space = true;
                        plus = false;
                    }
                    case '0' -> zero = true;
                    default -> alternate = true;
                }
            }
            int width = -1;
            boolean widthArgument = false;
            if (i < n && format.charAt(i) == '*') {
                widthArgument = true;
                i++;
            } else {
                int from = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                width = from == i ? -1 : number(format, from, i);
            }
            int precision = -1;
            boolean precisionArgument = false;
            boolean bareDot = false;
            if (i < n && format.charAt(i) == '.') {
                i++;
                if (i < n && format.charAt(i) == '*') {
                    precisionArgument = true;
                    i++;
                } else {
                    int from = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    bareDot = from == i;
                    precision = bareDot ? 0 : number(format, from, i);
                }
            }
            int modifiers = i;
            while (i < n && "hlLjzt".indexOf(format.charAt(i)) >= 0) {
                i++; // length modifiers: the value's own type says how wide it is
            }
            String modifier = format.substring(modifiers, i);
            if (modifier.contains("h") || modifier.contains("L")) {
                // h and hh cut the value to 16 or 8 bits, L makes u, x and o signed in DuckDB
                throw new IllegalArgumentException("printf: the length modifier " + modifier + " in " + format.substring(start,
                        Math.min(n, i + 1)) + " is not supported; l, ll, j, z and t are (and change nothing)");
            }
            if (i >= n) {
                throw new IllegalArgumentException("printf: the format ends inside the conversion "
                        + format.substring(start));
            }
            char conversion = format.charAt(i++);
            if ("diuxXocfFeEgGs".indexOf(conversion) < 0 && !(shortest && conversion == 'r')) {
                throw new IllegalArgumentException("printf: %" + conversion + " in " + format.substring(start, i)
                        + " is not a conversion; d, i, u, x, X, o, c (whole numbers), f, F, e, E, g, G (floats), s "
                        + "(text) and %% are");
            }
            String why = bareDot && "diu".indexOf(conversion) >= 0 ? "a precision of '.' alone (DuckDB groups thousands)"
                    : alternate && (conversion == 'g' || conversion == 'G') ? "the # flag on %g"
                    : alternate && (conversion == 'f' || conversion == 'F') && precision == 0 ? "the # flag with no digits after the point"
                    : (conversion == 'g' || conversion == 'G') && precision == 0 && !precisionArgument ? "a precision of 0 on %g"
                    : null;
            if (why != null) {
                // where DuckDB's printf departs from C's in ways of its own
                throw new IllegalArgumentException("printf: " + why + " in " + format.substring(start, i)
                        + " is not supported");
            }
            if (!text.isEmpty()) {
                pieces.add(text.toString());
                text.setLength(0);
            }
            pieces.add(new Conversion(new Spec(left, plus, space, zero, alternate, width, precision, conversion, fmt), argument,
                    widthArgument, precisionArgument));
        }
        if (!text.isEmpty()) {
            pieces.add(text.toString());
        }
        return pieces;
    }

    private static int number(String format, int from, int to) {
        if (to - from > 6) {
            throw new IllegalArgumentException("printf: the width or precision " + format.substring(from, to)
                    + " is too large (at most 999999)");
        }
        return Integer.parseInt(format.substring(from, to));
    }
}
