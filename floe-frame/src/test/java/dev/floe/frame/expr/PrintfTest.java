package dev.floe.frame.expr;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** C's printf conversions, one value at a time, and as an expression over columns. */
class PrintfTest {
    private static String f(String spec, double value) {
        return Printf.Spec.of(spec).format(value);
    }

    private static String f(String spec, long value) {
        return Printf.Spec.of(spec).format(value);
    }

    @Test
    void floatsRoundTheirExactBinaryValueTiesToEven() {
        // 0.125 and 2.5 are ties in binary too: to even; 2.675 is a little under its tie; 1.0005 a little over
        assertThat(f("%.2f", 0.125)).isEqualTo("0.12");
        assertThat(f("%.0f", 2.5)).isEqualTo("2");
        assertThat(f("%.0f", 3.5)).isEqualTo("4");
        assertThat(f("%.2f", 2.675)).isEqualTo("2.67");
        assertThat(f("%.3f", 1.0005)).isEqualTo("1.000");
        assertThat(f("%f", 1e20)).isEqualTo("100000000000000000000.000000");
        assertThat(f("%08.2f", -3.14159)).isEqualTo("-0003.14");
        assertThat(f("%-8.1f", 2.25) + "|").isEqualTo("2.2     |");
        assertThat(f("%+.1f", 0.0)).isEqualTo("+0.0");
        assertThat(f("%.1f", -0.0)).isEqualTo("-0.0");
        assertThat(f("%#.1f", 2.0)).isEqualTo("2.0");
    }

    @Test
    void scientificAndGeneralFormsAsC() {
        assertThat(f("%e", 12345.678)).isEqualTo("1.234568e+04");
        assertThat(f("%.2e", 0.000123)).isEqualTo("1.23e-04");
        assertThat(f("%E", 1.5)).isEqualTo("1.500000E+00");
        assertThat(f("%+.2e", 1e100)).isEqualTo("+1.00e+100");
        assertThat(f("%.2e", 9.999)).isEqualTo("1.00e+01");
        assertThat(f("%e", 0.0)).isEqualTo("0.000000e+00");
        assertThat(f("%g", 0.0001)).isEqualTo("0.0001");
        assertThat(f("%g", 0.00001)).isEqualTo("1e-05");
        assertThat(f("%g", 100000.0)).isEqualTo("100000");
        assertThat(f("%g", 1000000.0)).isEqualTo("1e+06");
        assertThat(f("%.3g", 1234567.0)).isEqualTo("1.23e+06");
        assertThat(f("%G", 1e-10)).isEqualTo("1E-10");
        assertThat(f("%.1g", 15.0)).isEqualTo("2e+01");
        assertThat(f("%.17g", 0.1)).isEqualTo("0.10000000000000001");
        assertThat(f("%f", Double.NaN)).isEqualTo("nan");
        assertThat(f("%5.1F", Double.NEGATIVE_INFINITY)).isEqualTo(" -INF");
        assertThat(f("%5f", Double.POSITIVE_INFINITY)).isEqualTo("  inf");
        assertThat(f("%f", Double.longBitsToDouble(0xfff8000000000000L))).isEqualTo("-nan");
        assertThatThrownBy(() -> f("%05f", Double.POSITIVE_INFINITY)).hasMessageContaining("does not pad inf");
    }

    @Test
    void wholeNumbersWithFlagsWidthsAndBases() {
        assertThat(f("%5d", 42)).isEqualTo("   42");
        assertThat(f("%-5d", 42) + "|").isEqualTo("42   |");
        assertThat(f("%05d", -42)).isEqualTo("-0042");
        assertThat(f("%+d", 42)).isEqualTo("+42");
        assertThat(f("% d", 42)).isEqualTo(" 42");
        assertThat(f("%5.2d", 4)).isEqualTo("   04");
        assertThat(f("%d", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(f("%x", 255)).isEqualTo("ff");
        assertThat(f("%#X", 255)).isEqualTo("0XFF");
        assertThat(f("%#x", 0)).isEqualTo("0");
        assertThat(f("%#o", 8)).isEqualTo("010");
        assertThat(f("%x", -1)).isEqualTo("ffffffffffffffff");
        assertThat(f("%u", -1)).isEqualTo("18446744073709551615");
        assertThat(f("%c", 65)).isEqualTo("A");
        assertThat(f("%03c", 65)).isEqualTo("00A");
        assertThatThrownBy(() -> f("%c", 233)).hasMessageContaining("0 to 127");
        // as DuckDB: + and space on unsigned conversions too, the last of them written counts, and 0 drops
        // a whole number's precision
        assertThat(f("%+u", 7)).isEqualTo("+7");
        assertThat(f("% x", 255)).isEqualTo(" ff");
        assertThat(f("%+ d", 5)).isEqualTo(" 5");
        assertThat(f("% +d", 5)).isEqualTo("+5");
        assertThat(f("%05.3d", 7)).isEqualTo("00007");
        assertThat(f("%+#x", 255)).isEqualTo("+0xff");
        assertThat(f("%-05.3d", 7)).isEqualTo("00007");
        assertThat(Printf.Spec.of("%x").format(BigInteger.ONE.shiftLeft(100), 128)).isEqualTo("10000000000000000000000000");
        assertThat(Printf.Spec.of("%x").format(BigInteger.ONE.negate(), 128)).isEqualTo("f".repeat(32));
    }

    @Test
    void textTakesAPrecisionInCharacters() {
        assertThat(Printf.Spec.of("%.3s").format("héllo")).isEqualTo("hél");
        assertThat(Printf.Spec.of("%-6s").format("ab") + "|").isEqualTo("ab    |");
        assertThat(Printf.Spec.of("%05s").format("ab")).isEqualTo("   ab");
    }

    @Test
    void formatsAreReadIntoTextAndConversions() {
        assertThat(Printf.parse("a%%b%2$-5.1fc")).hasSize(3);
        assertThat(((Printf.Conversion) Printf.parse("%2$-5.1f").get(0)).argument()).isEqualTo(2);
        assertThat(((Printf.Conversion) Printf.parse("%*.*lld").get(0)).widthArgument()).isTrue();
        assertThatThrownBy(() -> Printf.parse("%q")).hasMessageContaining("%q");
        assertThatThrownBy(() -> Printf.parse("abc%5")).hasMessageContaining("ends inside");
        assertThatThrownBy(() -> Printf.parse("%9999999d")).hasMessageContaining("too large");
        // where DuckDB's printf departs from C's in ways of its own: refused
        for (String departs : new String[] {"%.d", "%#g", "%#.0f", "%.0g", "%hd", "%hhd", "%Lu"}) {
            assertThatThrownBy(() -> Printf.parse(departs)).as(departs).hasMessageContaining("not supported");
        }
    }

    @Test
    void anExpressionFormatsEachValueOfAColumn() {
        DataFrame frame = DataFrame.of(Series.of("n", java.util.Arrays.asList(5L, null, -300L)),
                Series.of("x", java.util.Arrays.asList(0.125, 2.5, null)), Series.of("s", "a", "bc", "def"));
        DataFrame out = frame.select(col("n").printf("%+05d").alias("n"), col("x").printf("%.2f").alias("x"),
                col("s").printf("%-3s").alias("s"));
        assertThat(out.column("n").toList()).containsExactly("+0005", null, "-0300");
        assertThat(out.column("x").toList()).containsExactly("0.12", "2.50", null);
        assertThat(out.column("s").toList()).containsExactly("a  ", "bc ", "def");
        assertThatThrownBy(() -> frame.select(col("x").printf("%d"))).hasMessageContaining("takes whole numbers");
        assertThatThrownBy(() -> frame.select(col("n").printf("%d %d"))).hasMessageContaining("not one printf conversion");
    }
}
