package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataType;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Call;
import dev.floe.frame.expr.DateUnit;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.JsonExprs;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.ScalarFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;

/**
 * SQL's scalar functions, one registration each: the names a function answers to, how many
 * arguments it takes, and its translation into the engine's expressions, with the SQL-specific
 * behaviour (a null constant argument, DuckDB's errors) in that one place. The translator checks
 * the number of arguments before it asks for a translation, so a translation may read the
 * arguments it was promised; {@code docs/sql.md} lists every name registered here (a test checks).
 *
 * <p>To add a function, add one {@code register(...)} call below.
 */
final class ScalarFunctions {
    /** Any number of arguments from the minimum up. */
    static final int VARIADIC = Integer.MAX_VALUE;

    /** How a call becomes an expression. */
    @FunctionalInterface
    interface Translation {
        Expr translate(Args call);
    }

    /** One function: its names (the first is its own, the others aliases), its arity and translation. */
    record Definition(List<String> names, int minArgs, int maxArgs, Translation translation, boolean takesFunction) {
        String name() {
            return names.get(0);
        }
    }

    /**
     * The aggregates that also have a function of lists, {@code list_<name>(l)}, as in DuckDB
     * (declared before the registrations, which read it).
     */
    private static final List<String> LIST_AGGREGATES = List.of("count", "first", "last", "any_value", "string_agg",
            "median", "mode", "product", "stddev_samp", "stddev_pop", "var_samp", "var_pop", "kurtosis",
            "kurtosis_pop", "skewness", "entropy", "bool_and", "bool_or", "bit_and", "bit_or", "bit_xor",
            "approx_count_distinct", "mad", "sem");

    private static final Map<String, Definition> BY_NAME;

    static {
        Map<String, Definition> by = new LinkedHashMap<>();
        registerMath(by);
        registerText(by);
        registerDates(by);
        registerLists(by);
        registerJson(by);
        registerMaps(by);
        registerStructs(by);
        registerRandom(by);
        registerOther(by);
        BY_NAME = Collections.unmodifiableMap(by);
    }

    private ScalarFunctions() {
    }

    /** The function a (lower-case) name calls, or null. */
    static Definition find(String name) {
        return BY_NAME.get(name);
    }

    /** Every name and alias, sorted. */
    static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet()));
    }

    /** Every function once. */
    static List<Definition> definitions() {
        return BY_NAME.values().stream().distinct().toList();
    }

    private static void register(Map<String, Definition> by, int min, int max, Translation translation,
            String... names) {
        register(by, new Definition(List.of(names), min, max, translation, false));
    }

    private static void register(Map<String, Definition> by, Definition definition) {
        List<String> names = definition.names();
        for (String name : names) {
            if (by.putIfAbsent(name, definition) != null) {
                throw new IllegalStateException("two scalar functions are named " + name);
            }
        }
    }

    /** A function of one argument. */
    private static void unary(Map<String, Definition> by, java.util.function.UnaryOperator<Expr> translation,
            String... names) {
        register(by, 1, 1, call -> translation.apply(call.x(0)), names);
    }

    /**
     * One call being translated: the call as written, its arguments as written and translated,
     * and what of the translator a translation needs.
     */
    static final class Args {
        private final Translator translator;
        private final Function node;
        private final String name;
        private final List<Expression> written;
        private final List<Expr> values;
        private final Scope scope;

        Args(Translator translator, Function node, String name, List<Expression> written, List<Expr> values,
                Scope scope) {
            this.translator = translator;
            this.node = node;
            this.name = name;
            this.written = written;
            this.values = values;
            this.scope = scope;
        }

        /** The translation of expressions, for the functions that build on its operators, casts and lists. */
        ExpressionPlanner expressions() {
            return translator.expressions();
        }

        /** The name the call was written with, in lower case. */
        String name() {
            return name;
        }

        Function node() {
            return node;
        }

        int size() {
            return values.size();
        }

        /** The {@code i}-th argument, translated. */
        Expr x(int i) {
            Expr value = values.get(i);
            // null for an INTERVAL of months (see Translator#function), whose translation refuses it
            return value != null ? value : translator.expr(written.get(i), scope);
        }

        List<Expr> xs() {
            List<Expr> all = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                all.add(x(i));
            }
            return all;
        }

        /** The {@code i}-th argument where it is an INTERVAL written in the query, else null. */
        Interval interval(int i) {
            return Translator.unparenthesized(written.get(i))
                    instanceof net.sf.jsqlparser.expression.IntervalExpression interval
                    ? expressions().interval(interval) : null;
        }

        /** The arguments as written from the {@code i}-th on. */
        List<Expression> writtenFrom(int i) {
            return written.subList(i, written.size());
        }

        /** The {@code i}-th argument as written. */
        Expression written(int i) {
            return written.get(i);
        }

        /** Whether the {@code i}-th argument is the constant {@code NULL}. */
        boolean isNull(int i) {
            return written.get(i) instanceof NullValue;
        }

        /** Whether the {@code i}-th argument is text in quotes. */
        boolean isText(int i) {
            return written.get(i) instanceof StringValue;
        }

        /** The {@code i}-th argument, a whole number written in the query. */
        int intArg(int i) {
            return expressions().intArgument(written.get(i), node);
        }

        /** {@link #intArg}, held to a long's range only. */
        long longArg(int i) {
            return expressions().longArgument(written.get(i), node);
        }

        /** The {@code i}-th argument, text in quotes written in the query. */
        String stringArg(int i) {
            return expressions().stringArgument(written.get(i), node);
        }

        /** The type of a translated value, or null where the scope cannot tell it yet (an aggregate's). */
        DataType typeOf(Expr value) {
            return translator.typeOf(value, scope);
        }

        /** A value as text, as SQL casts it for text functions. */
        Expr text(Expr value) {
            return expressions().text(value, scope, node());
        }

        /** A comparison that orders NaN as DuckDB does. */
        Expr ordered(BinaryOperator operator, Expr left, Expr right) {
            return expressions().ordered(operator, left, right, scope);
        }

        /** {@code value} as a DOUBLE where it is a REAL. */
        Expr widenedReal(Expr value) {
            DataType type = typeOf(value);
            return type == DataType.FLOAT32 || type != null && type.isDecimal() ? value.cast(DataType.FLOAT64) : value;
        }

        /** The statement's one instant. */
        java.time.LocalDateTime now() {
            return translator.now();
        }

        Translator translator() {
            return translator;
        }

        Scope scope() {
            return scope;
        }

        SqlException error(String reason) {
            return translator.error(reason, node);
        }

        SqlException error(String reason, Object at) {
            return translator.error(reason, at);
        }
    }

    /** The first argument, as a DOUBLE where it is a whole number. */
    private static Expr wholeAsDouble(Args call) {
        Expr value = call.x(0);
        DataType type = call.typeOf(value);
        return type != null && type.isInteger() ? value.cast(DataType.FLOAT64) : value;
    }

    /** The sequence a call's first argument names, text written in the query. */
    private static SqlSequence sequenceOf(Args call) {
        if (!call.isText(0)) {
            throw call.error(call.name() + " takes the sequence's name in quotes, not " + call.written(0), call.written(0));
        }
        String name = call.stringArg(0);
        SqlSequence sequence = call.translator().context().sequence(name);
        if (sequence == null) {
            throw call.error("unknown sequence \"" + name + "\" (CREATE SEQUENCE " + name + " first)", call.written(0));
        }
        return sequence;
    }

    /** {@code replace}'s value where its pattern is empty: the text itself ({@code replacement} read, as written). */
    private static Expr textOf(Args call, String replacement) {
        Expr value = call.x(0);
        return call.typeOf(value) == DataType.UTF8 ? value : value.cast(DataType.UTF8);
    }

    // ---- numbers --------------------------------------------------------------------------------

    private static void registerMath(Map<String, Definition> by) {
        register(by, 0, 0, call -> lit(Math.PI), "pi");
        unary(by, Expr::abs, "abs");
        register(by, 1, 1, call -> require(ScalarFunction.REQUIRE_NOT_NEGATIVE, call.widenedReal(call.x(0)),
                "square root").sqrt(), "sqrt");
        register(by, 1, 1, call -> call.widenedReal(call.x(0)).exp(), "exp");
        // as DuckDB: the trigonometric functions fail on infinities (and cot on zero), asin and acos outside [-1, 1]
        register(by, 1, 1, ScalarFunctions::trigonometric, "sin");
        register(by, 1, 1, ScalarFunctions::trigonometric, "cos");
        register(by, 1, 1, ScalarFunctions::trigonometric, "tan");
        register(by, 1, 1, ScalarFunctions::trigonometric, "cot");
        register(by, 1, 1, ScalarFunctions::inverseTrigonometric, "asin");
        register(by, 1, 1, ScalarFunctions::inverseTrigonometric, "acos");
        unary(by, value -> value.cast(DataType.FLOAT64).arctan(), "atan");
        // the angle of the point (x, y), from -pi to pi: atan2(y, x)
        register(by, 2, 2, call -> call.x(0).arctan2(call.x(1)), "atan2");
        // the bits set in an integer's two's complement form, in its type's width (a TINYINT, as DuckDB's)
        unary(by, Expr::bitCount, "bit_count");
        // not negative, a BIGINT (as DuckDB's); 2^63 fails
        register(by, 2, 2, call -> wholeNumbers(call).gcd(call.x(1)), "gcd", "greatest_common_divisor");
        register(by, 2, 2, call -> wholeNumbers(call).lcm(call.x(1)), "lcm", "least_common_multiple");
        // an integer's two's complement bits (of 64, as DuckDB's BIGINT; of 128 for a HUGEINT), or text's bytes
        register(by, 1, 1, call -> digitsOf(call).toHex(), "hex", "to_hex");
        register(by, 1, 1, call -> digitsOf(call).toBinary(), "bin", "to_binary");
        unary(by, value -> value.cast(DataType.FLOAT64).cbrt(), "cbrt");
        unary(by, value -> value.cast(DataType.FLOAT64).mul(lit(180.0 / Math.PI)), "degrees");
        unary(by, value -> value.cast(DataType.FLOAT64).mul(lit(Math.PI / 180.0)), "radians");
        // toward zero; integers keep their type, as in DuckDB
        register(by, 1, 1, call -> {
            Expr value = call.x(0);
            DataType type = call.typeOf(value);
            return type != null && type.isInteger() ? value
                    : Exprs.when(value.lt(lit(0.0))).then(value.ceil()).otherwise(value.floor());
        }, "trunc");
        register(by, 1, 1, call -> logarithm(call.widenedReal(call.x(0))).log(), "ln");
        register(by, 1, 2, call -> call.size() == 2
                ? logarithm(call.widenedReal(call.x(1))).log().div(logarithm(call.widenedReal(call.x(0))).log())
                : logarithm(call.widenedReal(call.x(0))).log10(), "log10", "log");
        register(by, 1, 1, call -> logarithm(call.widenedReal(call.x(0))).log().div(Math.log(2)), "log2");
        // of whole numbers a DOUBLE, as DuckDB's (which has no integer floor or ceil)
        register(by, 1, 1, call -> wholeAsDouble(call).floor(), "floor");
        register(by, 1, 1, call -> wholeAsDouble(call).ceil(), "ceil", "ceiling");
        register(by, 1, 2, call -> call.x(0).round(call.size() == 1 ? 0 : call.intArg(1)), "round");
        // as in SQL, a DOUBLE whatever the inputs
        register(by, 2, 2, call -> call.x(0).cast(DataType.FLOAT64).pow(call.x(1)), "power", "pow");
        register(by, 2, 2, call -> call.x(0).rem(call.x(1)), "mod");
        // as DuckDB: 0 for NaN as for zero, a TINYINT
        unary(by, v -> Exprs.when(v.isNull()).then(lit(null)).when(v.gt(0)).then(1).when(v.lt(0)).then(-1)
                .otherwise(0).cast(DataType.INT8), "sign");
        register(by, 1, VARIADIC, ScalarFunctions::extreme, "greatest");
        register(by, 1, VARIADIC, ScalarFunctions::extreme, "least");
        // as DuckDB: integers are never NaN nor infinite
        unary(by, value -> value.cast(DataType.FLOAT64).isNan(), "isnan");
        unary(by, value -> value.cast(DataType.FLOAT64).abs().eq(lit(Double.POSITIVE_INFINITY)), "isinf");
        unary(by, value -> {
            Expr real = value.cast(DataType.FLOAT64);
            return real.sub(real).eq(lit(0.0)); // NaN for NaN and infinities, null for null
        }, "isfinite");
    }

    /**
     * Whether {@code concat}'s arguments are lists, with nulls among them; text and lists together
     * are refused (DuckDB: "Cannot concatenate types"), as concat would not know which to make.
     */
    private static boolean lists(Args call) {
        int lists = 0;
        int nulls = 0;
        for (Expr part : call.xs()) {
            DataType type = call.typeOf(part);
            lists += type != null && type.isList() ? 1 : 0;
            nulls += type == DataType.NULL ? 1 : 0;
        }
        if (lists > 0 && lists + nulls < call.size()) {
            throw call.error("concat joins texts or lists, not both; CAST the lists to VARCHAR to join them as text");
        }
        return lists > 0;
    }

    private static Expr trigonometric(Args call) {
        Expr value = call.x(0).cast(DataType.FLOAT64);
        Expr finite = value.abs().ne(lit(Double.POSITIVE_INFINITY));
        boolean cot = call.name().equals("cot");
        if (cot) {
            finite = finite.and(value.ne(lit(0.0)));
        }
        Expr computed = switch (call.name()) {
            case "sin" -> value.sin();
            case "cos" -> value.cos();
            case "tan" -> value.tan();
            default -> lit(1.0).div(value.tan());
        };
        return checked(finite, computed, "out of range: " + call.name() + " of an infinity" + (cot ? " or of zero" : "")
                + " (" + call.node() + ")");
    }

    private static Expr inverseTrigonometric(Args call) {
        Expr value = call.x(0).cast(DataType.FLOAT64);
        return checked(value.abs().le(lit(1.0)).or(value.isNan()), call.name().equals("asin") ? value.arcsin()
                : value.arccos(), "out of range: " + call.name() + " is undefined outside [-1, 1] (" + call.node() + ")");
    }

    /** greatest or least: nulls passed over, NaN the largest, as DuckDB. */
    private static Expr extreme(Args call) {
        Expr best = call.x(0);
        BinaryOperator better = call.name().equals("greatest") ? BinaryOperator.GT : BinaryOperator.LT;
        for (int i = 1; i < call.size(); i++) {
            Expr other = call.x(i);
            best = Exprs.when(best.isNull()).then(other).when(other.isNull()).then(best)
                    .when(call.ordered(better, other, best)).then(other).otherwise(best);
        }
        return best;
    }

    /** {@code value} where {@code condition} holds; where it is false the query fails with {@code message}. */
    static Expr checked(Expr condition, Expr value, String message) {
        return Exprs.when(new Call(ScalarFunction.REQUIRE_TRUE, condition, List.of(message))).then(value)
                .otherwise(lit(null, DataType.FLOAT64));
    }

    private static Expr require(ScalarFunction check, Expr value, String what) {
        return new Call(check, value, List.of(what));
    }

    /** gcd's and lcm's arguments: whole numbers of 64 bits at most; the first returned. */
    private static Expr wholeNumbers(Args call) {
        for (Expr value : call.xs()) {
            DataType type = call.typeOf(value);
            if (type != null && type != DataType.NULL && (!type.isInteger() || type == DataType.INT128)) {
                throw call.error(call.name() + " takes whole numbers of 64 bits at most (TINYINT to BIGINT), not "
                        + type);
            }
        }
        return call.x(0);
    }

    /** hex's and bin's argument: a whole number or text. */
    private static Expr digitsOf(Args call) {
        Expr value = call.x(0);
        DataType type = call.typeOf(value);
        if (type != null && type != DataType.NULL && !type.isInteger() && !type.isText()) {
            throw call.error(call.name() + " takes whole numbers or text, not " + type);
        }
        return value;
    }

    /** Two texts compared by {@code measure}. */
    private static Expr distance(Args call, java.util.function.BinaryOperator<Expr> measure) {
        for (Expr value : call.xs()) {
            DataType type = call.typeOf(value);
            if (type != null && type != DataType.NULL && !type.isText()) {
                throw call.error(call.name() + " takes text, not " + type);
            }
        }
        return measure.apply(call.x(0), call.x(1));
    }

    /** A logarithm's argument: above 0, or the query fails, as in DuckDB (not -inf or NaN). */
    static Expr logarithm(Expr value) {
        return require(ScalarFunction.REQUIRE_POSITIVE, value, "logarithm");
    }

    // ---- text -----------------------------------------------------------------------------------

    private static void registerText(Map<String, Definition> by) {
        unary(by, value -> value.str().upper(), "upper", "ucase");
        unary(by, value -> value.str().lower(), "lower", "lcase");
        // characters of text; elements of a list
        register(by, 1, 1, call -> call.typeOf(call.x(0)) instanceof DataType type && type.isList()
                ? call.x(0).lst().len().cast(DataType.INT64) : call.x(0).str().len(),
                "length", "len", "char_length", "character_length");
        // bytes of UTF-8, as DuckDB's strlen and bit_length count them
        unary(by, value -> value.str().lenBytes().cast(DataType.INT64), "strlen");
        unary(by, value -> value.str().lenBytes().cast(DataType.INT64).mul(8), "bit_length");
        register(by, 1, 2, call -> call.expressions().stripped(call.x(0), "both",
                call.size() == 2 ? call.written(1) : null), "trim");
        register(by, 1, 2, call -> call.expressions().stripped(call.x(0), "start",
                call.size() == 2 ? call.written(1) : null), "ltrim");
        register(by, 1, 2, call -> call.expressions().stripped(call.x(0), "end",
                call.size() == 2 ? call.written(1) : null), "rtrim");
        unary(by, value -> value.str().firstCodePoint(), "ascii");
        // the first character's code point, -1 for '' (ascii gives 0 there), as DuckDB's ord and unicode
        unary(by, value -> Exprs.when(value.str().len().eq(lit(0))).then(lit(-1)).otherwise(value.str().firstCodePoint()),
                "ord", "unicode");
        register(by, 3, 3, call -> {
            for (int i = 1; i < 3; i++) {
                if (call.isNull(i)) {
                    return lit(null).cast(DataType.UTF8);
                }
            }
            return call.text(call.x(0)).str().translate(call.stringArg(1), call.stringArg(2));
        }, "translate");
        unary(by, Expr::codePointText, "chr");
        register(by, 1, 1, call -> call.text(call.x(0)).str().md5(), "md5");
        // by characters (code points), where DuckDB counts bytes: the same over ASCII text
        register(by, 2, 2, call -> distance(call, (a, b) -> a.str().levenshtein(b)), "levenshtein", "editdist3");
        register(by, 2, 2, call -> distance(call, (a, b) -> a.str().damerauLevenshtein(b)), "damerau_levenshtein");
        register(by, 2, 2, call -> distance(call, (a, b) -> a.str().hamming(b)), "hamming", "mismatches");
        register(by, 2, 2, call -> distance(call, (a, b) -> a.str().jaccard(b)), "jaccard");
        register(by, 2, 2, call -> distance(call, (a, b) -> a.str().jaroSimilarity(b)), "jaro_similarity");
        register(by, 2, 2, call -> distance(call, (a, b) -> a.str().jaroWinklerSimilarity(b)),
                "jaro_winkler_similarity");
        register(by, 1, 1, call -> call.text(call.x(0)).str().sha256(), "sha256");
        register(by, 1, 1, call -> call.text(call.x(0)).str().sha1(), "sha1");
        register(by, 2, 2, call -> {
            if (call.isNull(1)) {
                return unsplit(call);
            }
            String separator = call.stringArg(1);
            if (separator.isEmpty()) {
                throw call.error(call.name() + " with an empty separator (one element per character) is not supported");
            }
            return call.text(call.x(0)).str().split(separator);
        }, "string_split", "str_split", "string_to_array");
        register(by, 2, 3, call -> {
            long start = call.longArg(1);
            long length = call.size() == 3 ? call.longArg(2) : Long.MAX_VALUE;
            // as DuckDB: positions within 32 bits (past a text's end, whatever their size, is past it)
            if (start > 4_294_967_295L || start < -4_294_967_296L) {
                throw call.error(call.name() + "'s start " + start + " is outside the supported range (-4294967296 to "
                        + "4294967295), as in DuckDB");
            }
            if (call.size() == 3 && (length > 4_294_967_295L || length < -4_294_967_296L)) {
                throw call.error(call.name() + "'s length " + length + " is outside the supported range (-4294967296 to "
                        + "4294967295), as in DuckDB");
            }
            Expr text = call.x(0);
            if (length < 0) {
                // as DuckDB: the characters at positions start + length up to start - 1 (a negative
                // start counting from the end), of those the text has
                int back = clampToInt(-length);
                if (start > 0) {
                    long first = start + length; // 1-based
                    return first >= 1 ? text.str().slice(clampToInt(first - 1), back) : text.str().head(clampToInt(start - 1));
                }
                return text.str().head(clampToInt(start)).str().tail(back);
            }
            if (start < 0 && length != Long.MAX_VALUE && (start < -Integer.MAX_VALUE || length > Integer.MAX_VALUE)) {
                // a window from before the end: the last -start characters where it reaches the end, else
                // the last length of those before its end
                return start + length >= 0 ? text.str().tail(clampToInt(-start))
                        : text.str().head(clampToInt(start + length)).str().tail(clampToInt(length));
            }
            int offset = clampToInt(start > 0 ? start - 1 : start);
            int count = length == Long.MAX_VALUE ? Integer.MAX_VALUE
                    : clampToInt(start == 0 ? Math.max(0, length - 1) : length);
            return text.str().slice(offset, count);
        }, "substring", "substr");
        // a negative count keeps all but that many at the end (left) or start (right), as in DuckDB
        register(by, 2, 2, call -> call.x(0).str().head(call.intArg(1)), "left");
        register(by, 2, 2, call -> call.x(0).str().tail(call.intArg(1)), "right");
        // an empty pattern replaces nothing, as in DuckDB
        register(by, 3, 3, call -> call.stringArg(1).isEmpty() ? textOf(call, call.stringArg(2))
                : call.x(0).str().replace(call.stringArg(1), call.stringArg(2)), "replace");
        register(by, 2, 2, call -> call.x(0).str().startsWith(call.stringArg(1)), "starts_with", "prefix");
        register(by, 2, 2, call -> call.x(0).str().endsWith(call.stringArg(1)), "ends_with", "suffix");
        register(by, 2, 2, call -> call.x(0).str().contains(call.stringArg(1)), "contains");
        register(by, 1, VARIADIC, call -> {
            if (lists(call)) {
                // lists (and nulls) alone are joined as lists, as DuckDB's concat
                return call.expressions().listConcat(call.xs(), "concat", call.node(), call.scope());
            }
            Expr joined = null;
            for (Expr part : call.xs()) {
                Expr piece = call.text(part).fillNull("");
                joined = joined == null ? piece : joined.str().concat(piece);
            }
            return joined;
        }, "concat");
        register(by, 3, 3, ScalarFunctions::pad, "lpad");
        register(by, 3, 3, ScalarFunctions::pad, "rpad");
        register(by, 2, 2, call -> call.isNull(1) ? lit(null).cast(DataType.INT64)
                : call.x(0).str().find(call.stringArg(1)), "strpos", "instr", "position");
        register(by, 3, 3, call -> call.isNull(1) || call.isNull(2) ? lit(null).cast(DataType.UTF8)
                : call.x(0).str().splitPart(call.stringArg(1), call.intArg(2)), "split_part");
        register(by, 2, VARIADIC, call -> {
            if (call.isNull(0)) {
                return lit(null).cast(DataType.UTF8);
            }
            String separator = call.stringArg(0);
            // the values that are not null, as text, joined by the separator; empty text where all are null
            Expr joined = lit("");
            Expr any = lit(false);
            for (Expr part : call.xs().subList(1, call.size())) {
                Expr piece = call.expressions().anyText(part, call.scope());
                Expr withSeparator = Exprs.when(any).then(lit(separator).str().concat(piece)).otherwise(piece);
                joined = Exprs.when(piece.isNull()).then(joined).otherwise(joined.str().concat(withSeparator));
                any = any.or(piece.isNotNull());
            }
            return joined;
        }, "concat_ws");
        unary(by, value -> value.str().reverse(), "reverse");
        register(by, 2, 2, call -> call.isNull(1) ? lit(null).cast(DataType.UTF8)
                : call.x(0).str().repeat(call.intArg(1)), "repeat");
        register(by, 1, VARIADIC, ScalarFunctions::format, "format");
        register(by, 1, VARIADIC, ScalarFunctions::printf, "printf");
        register(by, 2, 3, ScalarFunctions::regex, "regexp_matches");
        register(by, 2, 3, ScalarFunctions::regex, "regexp_full_match");
        register(by, 3, 4, ScalarFunctions::regex, "regexp_replace");
        register(by, 2, 3, ScalarFunctions::regex, "regexp_extract");
        register(by, 2, 3, ScalarFunctions::regex, "regexp_split_to_array", "string_split_regex", "str_split_regex");
        register(by, 2, 4, ScalarFunctions::regexExtractAll, "regexp_extract_all");
    }

    /**
     * {@code regexp_extract_all(s, pattern [, group [, options]])}: every match's group (0, the
     * whole match, by default), as DuckDB; a null pattern or group gives null, null options fail (as
     * in DuckDB). DuckDB gives {@code []} for a negative group, which is refused instead.
     */
    private static Expr regexExtractAll(Args call) {
        if (call.size() > 3 && call.isNull(3)) {
            throw call.error("regexp_extract_all's options must not be NULL", call.written(3));
        }
        for (int i = 1; i < call.size(); i++) {
            if (call.isNull(i)) {
                return lit(null).cast(DataType.LIST_UTF8);
            }
        }
        String pattern = call.stringArg(1);
        int group = call.size() > 2 ? call.intArg(2) : 0;
        if (group < 0) {
            throw call.error("regexp_extract_all's group is 0 (the whole match) or more, not " + group,
                    call.written(2));
        }
        boolean ignoreCase = false;
        if (call.size() > 3) {
            for (char option : call.stringArg(3).toCharArray()) {
                switch (option) {
                    case 'i' -> ignoreCase = true;
                    case 'c' -> ignoreCase = false;
                    default -> throw call.error("the regular expression option '" + option + "' is not supported; "
                            + "'i' and 'c' are", call.written(3));
                }
            }
        }
        try {
            return call.text(call.x(0)).str().regexExtractAll(pattern, group, ignoreCase);
        } catch (IllegalArgumentException e) {
            throw call.error(e.getMessage());
        }
    }

    /**
     * {@code format('{} is {}', a, b)}: DuckDB's (fmt's) placeholders {@code {}} in turn and
     * {@code {n}} by position (from 0), {@code {{} and {@code }}} for braces; the format is written
     * in the query. Any null argument makes the result null, as in DuckDB. Format specifications
     * ({@code {:.2f}}) and floating-point values (whose shortest form fmt writes its own way) are
     * refused by name.
     */
    private static Expr format(Args call) {
        if (call.isNull(0)) {
            return lit(null).cast(DataType.UTF8);
        }
        String format = call.stringArg(0);
        Template template = new Template(call);
        int next = 0;
        boolean automatic = false;
        boolean numbered = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '}') {
                if (i + 1 < format.length() && format.charAt(i + 1) == '}') {
                    template.text('}');
                    i++;
                    continue;
                }
                throw call.error("format: an unmatched '}' in the format; write }} for a brace");
            }
            if (c != '{') {
                template.text(c);
                continue;
            }
            if (i + 1 < format.length() && format.charAt(i + 1) == '{') {
                template.text('{');
                i++;
                continue;
            }
            int close = format.indexOf('}', i);
            if (close < 0) {
                throw call.error("format: an unmatched '{' in the format; write {{ for a brace");
            }
            String inside = format.substring(i + 1, close);
            int colon = inside.indexOf(':');
            String position = colon < 0 ? inside : inside.substring(0, colon);
            int index;
            if (position.isEmpty()) {
                index = next++;
                automatic = true;
            } else if (position.chars().allMatch(Character::isDigit) && position.length() <= 4) {
                index = Integer.parseInt(position);
                numbered = true;
            } else {
                throw call.error("format: the placeholder {" + inside + "} is not supported; {}, {0}, {1}... are, each "
                        + "with a specification such as {:.2f} or {0:>8}");
            }
            if (automatic && numbered) {
                throw call.error("format: a format numbers all its placeholders ({0}, {1}) or none ({}), as in DuckDB");
            }
            if (index + 1 >= call.size()) {
                throw call.error("format: the placeholder " + (index + 1) + " has no argument; " + (call.size() - 1)
                        + " given");
            }
            template.argument(index + 1, colon < 0 ? formatted(call, index + 1)
                    : specified(call, index + 1, inside.substring(colon + 1), inside));
            i = close;
        }
        return template.joined();
    }

    /**
     * {@code printf('%d-%s', n, s)}: C's {@code %s} for text, {@code %d} and {@code %i} for whole
     * numbers, {@code %%} for a percent sign, as DuckDB takes them; widths, precisions, other
     * conversions and a value of another type are refused by name. Any null argument makes the
     * result null.
     */
    private static Expr printf(Args call) {
        if (call.isNull(0)) {
            return lit(null).cast(DataType.UTF8);
        }
        List<Object> pieces;
        try {
            pieces = dev.floe.frame.expr.Printf.parse(call.stringArg(0));
        } catch (IllegalArgumentException e) {
            throw call.error(e.getMessage(), call.written(0));
        }
        long numbered = pieces.stream().filter(p -> p instanceof dev.floe.frame.expr.Printf.Conversion c
                && c.argument() > 0).count();
        long conversions = pieces.stream().filter(p -> p instanceof dev.floe.frame.expr.Printf.Conversion).count();
        if (numbered > 0 && (numbered < conversions || pieces.stream().anyMatch(p -> p instanceof
                dev.floe.frame.expr.Printf.Conversion c && (c.widthArgument() || c.precisionArgument())))) {
            throw call.error("printf: a format numbers the arguments of all its conversions (%1$s) or of none, as in "
                    + "DuckDB", call.written(0));
        }
        Template template = new Template(call);
        int next = 1;
        for (Object piece : pieces) {
            if (piece instanceof String text) {
                for (char c : text.toCharArray()) {
                    template.text(c);
                }
                continue;
            }
            dev.floe.frame.expr.Printf.Conversion conversion = (dev.floe.frame.expr.Printf.Conversion) piece;
            dev.floe.frame.expr.Printf.Spec spec = conversion.spec();
            boolean left = spec.left();
            int width = spec.width();
            int precision = spec.precision();
            if (conversion.widthArgument()) {
                // %*d: the width is the value before (a negative one aligns left), written in the query
                width = printfCount(call, next++);
                left |= width < 0;
                width = Math.abs(width);
            }
            if (conversion.precisionArgument()) {
                int given = printfCount(call, next++);
                precision = Math.max(0, given); // a negative one is 0, as DuckDB takes it
                if (precision == 0 && (spec.conversion() == 'g' || spec.conversion() == 'G')) {
                    throw call.error("printf: a precision of 0 on %g is not supported");
                }
            }
            int at = conversion.argument() > 0 ? conversion.argument() : next++;
            if (at >= call.size()) {
                throw call.error("printf: the format takes more values than the " + (call.size() - 1) + " given");
            }
            DataType type = call.typeOf(call.x(at));
            if (spec.conversion() == 's' && spec.zero() && type != null && type != DataType.NULL && !type.isText()) {
                // DuckDB pads a boolean or date with zeros after it
                throw call.error("printf: the 0 flag on %s of " + Translator.sqlTypeName(type) + " is not supported");
            }
            dev.floe.frame.expr.Printf.Spec resolved = new dev.floe.frame.expr.Printf.Spec(left, spec.plus(), spec.space(),
                    spec.zero(), spec.alternate(), width, precision, spec.conversion());
            template.argument(at, writtenBy(call, at, resolved, "printf: " + spec.text(), true));
        }
        return template.joined();
    }

    /** A width or precision printf takes from argument {@code i} ({@code *}): a whole number written in the query. */
    private static int printfCount(Args call, int i) {
        if (i >= call.size()) {
            throw call.error("printf: the format takes more values than the " + (call.size() - 1) + " given");
        }
        int count = call.intArg(i);
        if (Math.abs((long) count) > 999_999) {
            throw call.error("printf: the width or precision " + count + " is too large (at most 999999)");
        }
        return count;
    }

    /**
     * Argument {@code i} as format writes it: floats and decimals as the doubles nearest them, in the
     * fewest digits that read back as those (as DuckDB's: {@code 1.5::DECIMAL(4, 2)} is {@code 1.5},
     * {@code 2.0} is {@code 2.0}, {@code 1e16} is {@code 1e+16}), the rest as its text; lists refused.
     */
    private static Expr formatted(Args call, int i) {
        DataType type = call.typeOf(call.x(i));
        if (type != null && type.isList()) {
            throw call.error("format does not write " + Translator.sqlTypeName(type) + " values (" + call.written(i)
                    + "); CAST them to VARCHAR first");
        }
        if (type != null && (type.isFloat() || type.isDecimal())) {
            return call.x(i).printf("%r");
        }
        return call.text(call.x(i));
    }

    /** A specification of fmt's that {@link #specified} reads. */
    private static final java.util.regex.Pattern FMT_SPEC = java.util.regex.Pattern.compile(
            "(?:( ?)([<>]))?([-+ ])?(#)?(0)?([0-9]{0,6})(?:\\.([0-9]{1,6}))?([dxXofFeEgGs]?)");

    /**
     * Argument {@code i} as a format specification of fmt's says ({@code {:>8.2f}}): {@code
     * [<|>][+| |-][#][0][width][.precision][type]} with the types {@code d x X o c} (whole numbers),
     * {@code f F e E g G} (floats and decimals) and {@code s} (text), or none (a whole number's
     * digits, a float's fewest, text as it is); text aligned left unless {@code >} says otherwise,
     * numbers right ({@code 0} pads a number with zeros even so, as DuckDB). Other fills, centring,
     * {@code ,}, {@code L} and the types {@code b a p} are refused by name.
     */
    private static Expr specified(Args call, int i, String spec, String placeholder) {
        java.util.regex.Matcher m = FMT_SPEC.matcher(spec);
        if (!m.matches()) {
            throw call.error("format: the specification {" + placeholder + "} is not supported; [<|>][+| ][#][0][width]"
                    + "[.precision][type] with the types d, x, X, o, c, f, F, e, E, g, G and s are (no other fill, no "
                    + "centring ^, no , or L)");
        }
        DataType type = call.typeOf(call.x(i));
        char conversion = m.group(8).isEmpty() ? ' ' : m.group(8).charAt(0);
        boolean text = type == null || type.isText() || !(type.isNumeric() || type.isDecimal());
        boolean floating = type != null && (type.isFloat() || type.isDecimal());
        if (conversion == ' ') {
            if (m.group(7) != null && floating) {
                throw call.error("format: a precision without a type ({" + placeholder + "}) is not supported for "
                        + "floats; write {:.2f}, {:.2e} or {:.2g}");
            }
            conversion = text ? 's' : floating ? 'r' : 'd';
        }
        if (conversion == 's' && (m.group(3) != null && !"-".equals(m.group(3)) || m.group(5) != null || m.group(4) != null)) {
            // as DuckDB: a sign, # or 0 is for numbers
            throw call.error("format: {" + placeholder + "} pads or signs text; a sign, # and 0 take numbers");
        }
        boolean left = "<".equals(m.group(2)) || m.group(2) == null && conversion == 's';
        int width = m.group(6).isEmpty() ? -1 : Integer.parseInt(m.group(6));
        int precision = m.group(7) == null ? -1 : Integer.parseInt(m.group(7));
        dev.floe.frame.expr.Printf.Spec resolved = new dev.floe.frame.expr.Printf.Spec(left, "+".equals(m.group(3)),
                " ".equals(m.group(3)), m.group(5) != null, m.group(4) != null, width, precision,
                conversion, true);
        return writtenBy(call, i, resolved, "format: {" + placeholder + "}", false);
    }

    /**
     * Argument {@code i} written by one conversion, as DuckDB's printf and format take it: whole
     * numbers for {@code d x o...} (and booleans, as 0 and 1, where {@code booleans}), floats and
     * decimals for {@code f e g}, anything but numbers for {@code s} (a list, date or boolean as CAST
     * writes it); another type refused, naming {@code what}.
     */
    private static Expr writtenBy(Args call, int i, dev.floe.frame.expr.Printf.Spec spec, String what, boolean booleans) {
        Expr value = call.x(i);
        DataType type = call.typeOf(value);
        if (type == null || type == DataType.NULL) {
            return lit(null).cast(DataType.UTF8);
        }
        boolean number = type.isNumeric() || type.isDecimal();
        boolean fits = spec.integral() ? type.isInteger() || booleans && type == DataType.BOOLEAN
                : spec.floating() ? number && !type.isInteger() : !number;
        if (!fits) {
            // as DuckDB: an integer is no float nor text to printf, a float no whole number nor text
            throw call.error(what + " takes " + (spec.integral() ? "a whole number" : spec.floating() ? "a float or decimal"
                    : "text or a value written as text") + ", not " + Translator.sqlTypeName(type) + " (" + call.written(i)
                    + ")");
        }
        if (spec.conversion() == 's' && !type.isText()) {
            value = ExpressionPlanner.sqlCast(value, type, DataType.UTF8, false);
        } else if (type == DataType.BOOLEAN) {
            value = value.cast(DataType.INT64);
        }
        return value.printf(spec.text());
    }

    /** A format as it is read: the text written in it, and the arguments placed in it, in order. */
    private static final class Template {
        private final Args call;
        private final List<Expr> pieces = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final boolean[] used;

        Template(Args call) {
            this.call = call;
            this.used = new boolean[call.size()];
        }

        void text(char c) {
            text.append(c);
        }

        /** Argument {@code i}, as {@code value}, after the text read so far. */
        void argument(int i, Expr value) {
            if (!text.isEmpty()) {
                pieces.add(lit(text.toString()));
                text.setLength(0);
            }
            pieces.add(value);
            used[i] = true;
        }

        /** The pieces joined end to end (null where any is), and null too where an argument left out is null. */
        Expr joined() {
            if (!text.isEmpty() || pieces.isEmpty()) {
                pieces.add(lit(text.toString()));
            }
            Expr result = pieces.get(0);
            for (Expr piece : pieces.subList(1, pieces.size())) {
                result = result.str().concat(piece);
            }
            for (int i = 1; i < call.size(); i++) {
                if (!used[i]) {
                    result = Exprs.when(call.x(i).isNull()).then(lit(null).cast(DataType.UTF8)).otherwise(result);
                }
            }
            return result;
        }
    }

    private static Expr pad(Args call) {
        if (call.isNull(1) || call.isNull(2)) {
            return lit(null).cast(DataType.UTF8);
        }
        int length = call.intArg(1);
        String fill = call.stringArg(2);
        return call.name().equals("lpad") ? call.x(0).str().padStart(length, fill) : call.x(0).str().padEnd(length, fill);
    }

    /**
     * {@code regexp_matches(s, pattern [, options])}, {@code regexp_full_match}, {@code
     * regexp_replace(s, pattern, replacement [, options])}, {@code regexp_extract(s, pattern [,
     * group])} and {@code regexp_split_to_array(s, pattern [, options])}: patterns in RE2's
     * syntax, as DuckDB's; options {@code i} (ignore case), {@code c} (heed case) and, for
     * replace, {@code g} (every match). DuckDB's other options
     * (newline-sensitive, literal) are refused by name.
     */
    private static Expr regex(Args call) {
        String name = call.name();
        boolean replace = name.equals("regexp_replace");
        boolean extract = name.equals("regexp_extract");
        boolean matches = name.equals("regexp_matches") || name.equals("regexp_full_match");
        boolean split = find(name).name().equals("regexp_split_to_array");
        if (split && call.isNull(1)) {
            return unsplit(call);
        }
        // a null pattern, replacement or option gives null; regexp_extract's group is a number (DuckDB reads
        // a null one as 0 there, which is refused rather than followed)
        for (int i = 1; i < (extract ? 2 : call.size()); i++) {
            if (call.isNull(i)) {
                return lit(null).cast(matches ? DataType.BOOLEAN : split ? DataType.LIST_UTF8 : DataType.UTF8);
            }
        }
        String pattern = call.stringArg(1);
        if (name.equals("regexp_full_match")) {
            // the whole text, not a match inside it (RE2's $ is its end); the pattern checked alone first
            try {
                pattern = dev.floe.frame.expr.Re2Patterns.whole(pattern);
            } catch (IllegalArgumentException e) {
                throw call.error(e.getMessage(), call.written(1));
            }
        }
        boolean ignoreCase = false;
        boolean global = false;
        int optionsAt = replace ? 3 : 2;
        if (call.size() > optionsAt && !extract) {
            for (char option : call.stringArg(optionsAt).toCharArray()) {
                switch (option) {
                    case 'i' -> ignoreCase = true;
                    case 'c' -> ignoreCase = false;
                    case 'g' -> {
                        if (!replace) {
                            throw call.error("the option 'g' goes with regexp_replace only", call.written(optionsAt));
                        }
                        global = true;
                    }
                    default -> throw call.error("the regular expression option '" + option + "' is not supported; "
                            + "'i', 'c'" + (replace ? " and 'g'" : "") + " are", call.written(optionsAt));
                }
            }
        }
        try {
            if (matches) {
                return call.x(0).str().regexMatches(pattern, ignoreCase);
            }
            if (split) {
                return call.text(call.x(0)).str().regexSplit(pattern, ignoreCase);
            }
            if (replace) {
                return call.x(0).str().regexReplace(pattern, call.stringArg(2), global, ignoreCase);
            }
            int group = call.size() == 3 ? call.intArg(2) : 0;
            if (group > 9) {
                // as DuckDB (RE2 names groups up to 9 in a replacement; DuckDB takes no more here)
                throw call.error("the group must be between 0 and 9, got " + group, call.written(2));
            }
            return call.x(0).str().regexExtract(pattern, group, false);
        } catch (IllegalArgumentException e) {
            throw call.error(e.getMessage());
        }
    }

    /**
     * {@code string_split(s, NULL)} and {@code regexp_split_to_array(s, NULL)}: DuckDB does not
     * split, so the value is a list of itself (null where the value is).
     */
    private static Expr unsplit(Args call) {
        Expr value = call.text(call.x(0));
        if (call.typeOf(value) != DataType.UTF8) {
            value = value.cast(DataType.UTF8); // a categorical column's values: a list of text, as split gives
        }
        return Exprs.when(value.isNull()).then(lit(null).cast(DataType.LIST_UTF8)).otherwise(Exprs.listOf(value));
    }

    // ---- dates and times ------------------------------------------------------------------------

    private static void registerDates(Map<String, Definition> by) {
        register(by, 0, 0, call -> lit(call.now().toLocalDate()), "today");
        // the statement's one instant, as CURRENT_TIMESTAMP
        register(by, 0, 0, call -> lit(call.now()), "now", "get_current_timestamp");
        // milliseconds since 1970 to a TIMESTAMP, and a TIMESTAMP (or DATE) to its milliseconds, as DuckDB's
        register(by, 1, 1, call -> {
            Expr value = call.x(0);
            DataType type = call.typeOf(value);
            if (type == DataType.DATE || type == DataType.DATETIME || type == DataType.TIME
                    || type == DataType.DURATION) {
                // its milliseconds (since 1970, midnight, or in all), toward zero, as DuckDB (-0.5 ms is 0): the
                // remainder's sign is the value's
                Expr micros = (type == DataType.DATE ? value.cast(DataType.DATETIME) : value).cast(DataType.INT64);
                return micros.sub(micros.rem(lit(1000L))).floorDiv(lit(1000L));
            }
            if (type != null && type != DataType.NULL && !type.isInteger()) {
                throw call.error("epoch_ms takes a DATE, TIMESTAMP, TIME or INTERVAL, or whole milliseconds, not "
                        + Translator.sqlTypeName(type));
            }
            return value.cast(DataType.INT64).mul(lit(1000L)).cast(DataType.DATETIME);
        }, "epoch_ms");
        register(by, 1, 1, call -> {
            Expr value = call.x(0);
            DataType type = call.typeOf(value);
            if (type != null && type != DataType.DATE && type != DataType.DATETIME && type != DataType.NULL) {
                throw call.error("epoch_us takes a DATE or TIMESTAMP, not " + type
                        + "; make_timestamp(micros) makes a TIMESTAMP of microseconds");
            }
            return value.cast(DataType.DATETIME).cast(DataType.INT64);
        }, "epoch_us");
        // intervals of a number of units (a duration): to_days(3) is INTERVAL 3 DAY
        for (var unit : List.of(java.util.Map.entry("to_weeks", 7 * 86_400_000_000L),
                java.util.Map.entry("to_days", 86_400_000_000L), java.util.Map.entry("to_hours", 3_600_000_000L),
                java.util.Map.entry("to_minutes", 60_000_000L), java.util.Map.entry("to_seconds", 1_000_000L),
                java.util.Map.entry("to_milliseconds", 1_000L), java.util.Map.entry("to_microseconds", 1L))) {
            register(by, 1, 1, call -> interval(call, unit.getValue()), unit.getKey());
        }
        // English names, as DuckDB's
        unary(by, value -> value.dt().format("%A"), "dayname");
        unary(by, value -> value.dt().format("%B"), "monthname");
        for (String part : List.of("year", "month", "day", "hour", "dayofmonth", "minute", "second", "millisecond",
                "microsecond", "quarter", "dayofweek", "weekday", "isodow", "dayofyear", "week", "weekofyear", "isoyear",
                "decade", "century", "millennium", "epoch")) {
            register(by, 1, 1, call -> call.expressions().datePart(part, call.x(0), call.node()), part);
        }
        register(by, 2, 2, call -> call.expressions().datePart(call.stringArg(0), call.x(1), call.node()),
                "date_part", "datepart");
        register(by, 2, 2, call -> call.isNull(0) ? lit(null).cast(DataType.DATETIME)
                : call.x(1).dt().truncate(dateUnit(call, 0).sqlName()), "date_trunc", "datetrunc");
        register(by, 3, 3, call -> call.isNull(0) ? lit(null).cast(DataType.INT64)
                : call.x(1).dt().diff(dateUnit(call, 0).sqlName(), call.x(2)), "date_diff", "datediff");
        register(by, 3, 3, call -> call.isNull(0) ? lit(null).cast(DataType.INT64)
                : call.x(1).dt().elapsed(dateUnit(call, 0).sqlName(), call.x(2)), "date_sub", "datesub");
        register(by, 2, 2, ScalarFunctions::dateAdd, "date_add");
        register(by, 2, 3, ScalarFunctions::timeBucket, "time_bucket");
        unary(by, value -> value.dt().monthEnd(), "last_day");
        register(by, 3, 3, call -> Exprs.makeDate(call.x(0), call.x(1), call.x(2)), "make_date");
        // seconds as a DOUBLE, as DuckDB's
        register(by, 3, 3, call -> Exprs.makeTime(call.x(0), call.x(1), call.x(2).cast(DataType.FLOAT64)), "make_time");
        register(by, 1, 6, ScalarFunctions::makeTimestamp, "make_timestamp");
        register(by, 2, 2, call -> {
            // DuckDB takes the format first too: strftime('%Y', d)
            boolean formatFirst = call.isText(0) && !call.isText(1);
            int format = formatFirst ? 0 : 1;
            Expr value = call.x(formatFirst ? 1 : 0);
            if (call.isNull(format)) {
                return lit(null).cast(DataType.UTF8);
            }
            try {
                return value.dt().format(call.stringArg(format));
            } catch (IllegalArgumentException e) {
                throw call.error(e.getMessage());
            }
        }, "strftime");
        register(by, 2, 2, ScalarFunctions::strptime, "strptime");
        register(by, 2, 2, ScalarFunctions::strptime, "try_strptime");
        register(by, 1, 2, call -> {
            throw call.error("age is not supported: its answer is an INTERVAL of months, days and microseconds, and "
                    + "Floe's intervals are microseconds only; date_diff and date_sub count whole units");
        }, "age");
    }

    /**
     * {@code to_days(n)} and the other units: {@code n} of them as a duration, failing where the
     * microseconds leave a BIGINT. Whole numbers; seconds and milliseconds also fractions,
     * rounded to microseconds.
     */
    private static Expr interval(Args call, long micros) {
        Expr amount = call.x(0);
        DataType type = call.typeOf(amount);
        Expr unit = lit(java.time.Duration.ofNanos(micros * 1000));
        if (type == null || type == DataType.NULL || type.isInteger() && type != DataType.INT128) {
            return unit.mul(amount.cast(DataType.INT64));
        }
        boolean fractions = micros == 1_000_000 || micros == 1_000; // seconds and milliseconds, as DuckDB
        if (type.isFloat() && fractions) {
            Expr whole = ExpressionPlanner.sqlCast(amount.cast(DataType.FLOAT64).mul(lit((double) micros)), DataType.FLOAT64,
                    DataType.INT64, false);
            return lit(java.time.Duration.ofNanos(1000)).mul(whole);
        }
        throw call.error(call.name() + " takes a whole number" + (fractions ? " or a DOUBLE" : "") + ", not " + type);
    }

    /**
     * {@code date_add(x, y)}: {@code x + y}, as DuckDB's (an INTERVAL on either side, months
     * included, moves a date or timestamp to a TIMESTAMP; a DATE and whole days give a DATE; two
     * numbers their sum). An INTERVAL of months is read here as written: it has no value of its own.
     */
    private static Expr dateAdd(Args call) {
        Interval first = call.interval(0);
        Interval second = call.interval(1);
        if (first != null && second != null) {
            return call.translator().expr(new net.sf.jsqlparser.expression.operators.arithmetic.Addition(call.written(0),
                    call.written(1)), call.scope());
        }
        ExpressionPlanner expressions = call.expressions();
        return second != null ? expressions.moved(call.x(0), second, call.node(), call.scope())
                : first != null ? expressions.moved(call.x(1), first, call.node(), call.scope())
                : expressions.dateArithmetic(call.x(0), call.x(1), true, call.scope());
    }

    /**
     * {@code time_bucket(width, x [, origin | offset])}, as DuckDB's: the start of the bucket of
     * {@code x}, buckets of {@code width} (an INTERVAL written in the query, of months alone or of
     * days and time alone, above 0) laid from an origin: 2000-01-03 (a Monday) for days and time,
     * 2000-01 for months, or the origin given (a date or timestamp; not for months); an offset
     * INTERVAL shifts the buckets by it. A DATE gives a DATE, a TIMESTAMP a TIMESTAMP.
     */
    private static Expr timeBucket(Args call) {
        Interval width = call.interval(0);
        if (width == null) {
            throw call.error("time_bucket needs its width written as an INTERVAL, as time_bucket(INTERVAL 15 MINUTE, ts)",
                    call.written(0));
        }
        Expr point = call.x(1);
        DataType type = call.typeOf(point);
        if (type == DataType.NULL) {
            return lit(null).cast(DataType.DATETIME);
        }
        if (type != DataType.DATE && type != DataType.DATETIME) {
            throw call.error("time_bucket buckets a DATE or TIMESTAMP, not " + Translator.sqlTypeName(type), call.written(1));
        }
        boolean months = width.months() != 0;
        if (months && (width.days() != 0 || width.micros() != 0)) {
            throw call.error("time_bucket's width is months alone or days and time alone, as in DuckDB, not " + width,
                    call.written(0));
        }
        long span = months ? width.months() : Math.addExact(Math.multiplyExact(width.days(), 86_400_000_000L), width.micros());
        if (span <= 0) {
            throw call.error("time_bucket's width must be above 0", call.written(0));
        }
        Interval offset = call.size() == 3 ? call.interval(2) : null;
        Expr origin = call.size() == 3 && offset == null ? call.x(2) : null;
        ExpressionPlanner expressions = call.expressions();
        if (offset != null) {
            point = expressions.moved(point, offset.negated(), call.node(), call.scope());
        }
        Expr bucket;
        if (months) {
            if (origin != null) {
                throw call.error("time_bucket of months takes an offset INTERVAL here, not an origin", call.written(2));
            }
            bucket = point.dt().bucketMonths(Math.toIntExact(span));
        } else if (origin == null) {
            bucket = point.dt().bucket(java.time.Duration.of(span, java.time.temporal.ChronoUnit.MICROS));
        } else {
            DataType originType = call.typeOf(origin);
            if (originType != DataType.DATE && originType != DataType.DATETIME && originType != DataType.NULL) {
                throw call.error("time_bucket's origin is a DATE or TIMESTAMP, not " + Translator.sqlTypeName(originType),
                        call.written(2));
            }
            bucket = point.dt().bucket(java.time.Duration.of(span, java.time.temporal.ChronoUnit.MICROS), origin);
        }
        if (offset != null) {
            bucket = expressions.moved(bucket, offset, call.node(), call.scope());
        }
        return type == DataType.DATE ? bucket.cast(DataType.DATE) : bucket;
    }

    /**
     * {@code make_timestamp(micros)} (microseconds since 1970) and {@code make_timestamp(y, m, d,
     * h, min, s)}, as DuckDB's: seconds a DOUBLE rounded to microseconds; 24:00:00 is the next
     * midnight and a 60th second the next minute; a time of day outside that fails.
     */
    private static Expr makeTimestamp(Args call) {
        if (call.size() == 1) {
            return call.x(0).cast(DataType.INT64).cast(DataType.DATETIME);
        }
        if (call.size() != 6) {
            throw call.error("make_timestamp takes microseconds since 1970, or a year, month, day, hour, minute and "
                    + "second (6 arguments), got " + call.size());
        }
        Expr day = Exprs.makeDate(call.x(0), call.x(1), call.x(2)).cast(DataType.DATETIME).cast(DataType.INT64);
        Expr hour = call.x(3).cast(DataType.INT64);
        Expr minute = call.x(4).cast(DataType.INT64);
        Expr second = call.x(5).cast(DataType.FLOAT64);
        Expr valid = hour.ge(lit(0L)).and(hour.le(lit(24L))).and(minute.ge(lit(0L))).and(minute.le(lit(59L)))
                .and(second.ge(lit(0.0))).and(second.le(lit(60.0)))
                .and(hour.lt(lit(24L)).or(minute.eq(lit(0L)).and(second.eq(lit(0.0)))));
        Expr micros = day.add(hour.mul(lit(3_600_000_000L))).add(minute.mul(lit(60_000_000L)))
                .add(second.mul(lit(1e6)).round(0).cast(DataType.INT64));
        return Exprs.when(new Call(ScalarFunction.REQUIRE_TRUE, valid, List.of("out of range: the hour, minute and "
                + "second of " + call.node() + " are not a time of day (00:00:00 to 24:00:00)")))
                .then(micros.cast(DataType.DATETIME)).otherwise(lit(null).cast(DataType.DATETIME));
    }

    /** A date unit named in a query ({@code 'month'}), or an error naming it. */
    private static DateUnit dateUnit(Args call, int i) {
        String name = call.stringArg(i);
        try {
            return DateUnit.of(name);
        } catch (IllegalArgumentException e) {
            throw call.error(e.getMessage());
        }
    }

    private static Expr strptime(Args call) {
        if (call.isNull(1)) {
            return lit(null).cast(DataType.DATETIME);
        }
        // one format, or a list of them tried in order, as DuckDB's; written in the query
        List<Expression> written = call.written(1) instanceof net.sf.jsqlparser.expression.ArrayConstructor array
                && array.getExpressions() != null ? new ArrayList<>(array.getExpressions()) : List.of(call.written(1));
        List<String> formats = new ArrayList<>();
        for (Expression format : written) {
            if (!(format instanceof StringValue text)) {
                throw call.error(call.name() + " needs its format written in the query as text in quotes, or a list "
                        + "of them ['%d/%m/%Y', '%Y-%m-%d'], not " + format, format);
            }
            formats.add(call.translator().text(text));
        }
        try {
            return call.x(0).str().toDatetime(call.name().equals("strptime"), formats.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw call.error(e.getMessage());
        }
    }

    // ---- lists ----------------------------------------------------------------------------------

    // ---- maps -----------------------------------------------------------------------------------

    private static void registerMaps(Map<String, Definition> by) {
        register(by, 0, 2, call -> {
            if (call.size() == 1) {
                throw call.error("map takes a list of keys and a list of values (or nothing, for an empty map)");
            }
            return call.size() == 0 ? ExpressionPlanner.emptyMap() : Exprs.mapOf(call.x(0), call.x(1));
        }, "map");
        register(by, 1, 1, call -> map(call).map().keys(), "map_keys");
        register(by, 1, 1, call -> map(call).map().values(), "map_values");
        register(by, 1, 1, call -> map(call).map().len(), "cardinality");
        register(by, 2, 2, call -> mapLookup(call, map(call), call.x(1)).map().get(call.x(1)), "map_extract_value");
        register(by, 2, 2, call -> mapLookup(call, map(call), call.x(1)).map().containsKey(call.x(1)), "map_contains");
        register(by, 2, 2, call -> map(call).map().containsValue(call.x(1)), "map_contains_value");
        register(by, 1, 1, call -> map(call).map().entries(), "map_entries");
        register(by, 1, 1, call -> {
            DataType type = call.typeOf(call.x(0));
            if (type != null && type != DataType.NULL && !(type.isList() && (type.elementType() == DataType.NULL
                    || type.elementType().isStruct() && type.elementType().fields().size() == 2))) {
                throw call.error("map_from_entries takes a list of structs of a key and a value, not "
                        + Translator.sqlTypeName(type));
            }
            return call.x(0).lst().toMap();
        }, "map_from_entries");
        register(by, 1, VARIADIC, call -> {
            // the maps cast to their common type, as list_concat casts lists
            DataType common = DataType.NULL;
            for (Expr map : call.xs()) {
                DataType type = call.typeOf(map);
                if (type == null) {
                    throw call.error("map_concat where the query aggregates is not supported; join the maps in an outer "
                            + "query over the aggregated rows");
                }
                if (!type.isMap() && type != DataType.NULL) {
                    throw call.error("map_concat takes maps, not " + Translator.sqlTypeName(type));
                }
                DataType wider = dev.floe.frame.Types.supertype(common, type);
                if (wider == null) {
                    throw call.error("map_concat needs maps of types with a common type, not "
                            + Translator.sqlTypeName(common) + " and " + Translator.sqlTypeName(type));
                }
                common = wider;
            }
            List<Expr> cast = new ArrayList<>();
            for (Expr map : call.xs()) {
                cast.add(common == DataType.NULL || call.typeOf(map) == common ? map : map.cast(common));
            }
            return cast.get(0).map().concat(cast.subList(1, cast.size()).toArray());
        }, "map_concat");
        // a list of the value, empty where the key is missing
        register(by, 2, 2, call -> new dev.floe.frame.expr.MultiCall(dev.floe.frame.expr.ScalarFunction.MAP_EXTRACT,
                List.of(mapLookup(call, map(call), call.x(1)), call.x(1)), List.of()), "map_extract", "element_at");
    }

    // ---- random values ----------------------------------------------------------------------------

    private static void registerRandom(Map<String, Definition> by) {
        // a sequence's next value per row, and the last value it gave (CREATE SEQUENCE)
        register(by, 1, 1, call -> new dev.floe.frame.expr.MultiCall(ScalarFunction.NEXTVAL, List.of(),
                List.of(sequenceOf(call))), "nextval");
        register(by, 1, 1, call -> new dev.floe.frame.expr.MultiCall(ScalarFunction.CURRVAL, List.of(),
                List.of(sequenceOf(call))), "currval");
        register(by, 0, 0, call -> new dev.floe.frame.expr.MultiCall(ScalarFunction.RANDOM, List.of(),
                List.of(call.translator().context().nextSeed())), "random");
        register(by, 0, 0, call -> new dev.floe.frame.expr.MultiCall(ScalarFunction.UUID, List.of(),
                List.of(call.translator().context().nextSeed())), "uuid", "gen_random_uuid");
        // setseed(x), x from -1 to 1 written in the query: the random() and uuid() of the statements after it
        // draw the same values each time (on one thread); its own value is NULL
        register(by, 1, 1, call -> {
            Expression written = Translator.unparenthesized(call.written(0));
            if (written instanceof net.sf.jsqlparser.expression.SignedExpression signed && signed.getSign() != '-'
                    && signed.getSign() != '+') {
                throw call.error("setseed takes a number from -1 to 1 written in the query, not " + written, written);
            }
            boolean negative = written instanceof net.sf.jsqlparser.expression.SignedExpression signed
                    && signed.getSign() == '-';
            Expression number = written instanceof net.sf.jsqlparser.expression.SignedExpression signed
                    ? Translator.unparenthesized(signed.getExpression()) : written;
            double x = switch (number) {
                case net.sf.jsqlparser.expression.DoubleValue d -> d.getValue();
                case net.sf.jsqlparser.expression.LongValue l -> l.getValue();
                default -> throw call.error("setseed takes a number from -1 to 1 written in the query, not " + written,
                        written);
            };
            x = negative ? -x : x;
            if (!(x >= -1 && x <= 1)) {
                throw call.error("setseed takes a number from -1 to 1, not " + x, written);
            }
            call.translator().context().setSeed(x);
            return lit(null, DataType.NULL);
        }, "setseed");
    }

    // ---- structs --------------------------------------------------------------------------------

    private static void registerStructs(Map<String, Definition> by) {
        register(by, 2, 2, call -> {
            Expression field = Translator.unparenthesized(call.written(1));
            if (!(field instanceof net.sf.jsqlparser.expression.StringValue name)) {
                throw call.error("struct_extract takes the field's name written in the query, not " + call.written(1),
                        field);
            }
            return call.expressions().structField(call.x(0), call.translator().text(name), call.node(), call.scope());
        }, "struct_extract");
        register(by, 1, VARIADIC, call -> {
            List<Expr> fields = new ArrayList<>();
            for (int i = 0; i < call.size(); i++) {
                if (!(call.written(i) instanceof net.sf.jsqlparser.expression.PostgresNamedFunctionParameter named)) {
                    throw call.error("struct_pack takes named values: struct_pack(name := value, ...)", call.written(i));
                }
                fields.add(call.x(i).alias(ExpressionPlanner.fieldName(named.getName())));
            }
            return Exprs.struct(fields.toArray(Expr[]::new));
        }, "struct_pack");
        register(by, 2, VARIADIC, call -> {
            // struct_insert(s, name := value, ...): s's fields (NULL where s is), then the new ones, as DuckDB
            DataType type = call.typeOf(call.x(0));
            if (type == null || !type.isStruct()) {
                throw call.error("struct_insert takes a struct first, not " + (type == null ? call.written(0)
                        : Translator.sqlTypeName(type)));
            }
            List<Expr> fields = new ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (dev.floe.frame.Schema.Field field : type.fields()) {
                names.add(field.name().toLowerCase(java.util.Locale.ROOT));
                fields.add(call.x(0).struct().field(field.name()).alias(field.name()));
            }
            for (int i = 1; i < call.size(); i++) {
                if (!(call.written(i) instanceof net.sf.jsqlparser.expression.PostgresNamedFunctionParameter named)) {
                    throw call.error("struct_insert takes named values after the struct: struct_insert(s, name := value)",
                            call.written(i));
                }
                String name = ExpressionPlanner.fieldName(named.getName());
                if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                    throw call.error("struct_insert: the struct already has a field named \"" + name + "\"", call.written(i));
                }
                fields.add(call.x(i).alias(name));
            }
            return Exprs.struct(fields.toArray(Expr[]::new));
        }, "struct_insert");
    }

    private static Expr map(Args call) {
        DataType first = call.typeOf(call.x(0));
        if (first != null && !first.isMap() && first != DataType.NULL) {
            throw call.error(call.name() + " takes a map first, not " + Translator.sqlTypeName(first));
        }
        return call.x(0);
    }

    /** The map, after checking that its keys and {@code key} compare. */
    private static Expr mapLookup(Args call, Expr map, Expr key) {
        DataType type = call.typeOf(map);
        DataType keyType = call.typeOf(key);
        if (type != null && type.isMap() && keyType != null && keyType != DataType.NULL
                && dev.floe.frame.Types.comparisonType(type.keyType(), keyType) == null) {
            throw call.error(call.name() + " looks up a key of " + Translator.sqlTypeName(keyType) + " among keys of "
                    + Translator.sqlTypeName(type.keyType()), call.written(1));
        }
        return map;
    }

    private static void registerLists(Map<String, Definition> by) {
        register(by, 0, VARIADIC, call -> call.expressions().listValue(call.xs(), call.node(), call.scope()),
                "list_value", "list_pack");
        register(by, 0, VARIADIC, call -> call.expressions().listConcat(call.xs(), call.node().getName(), call.node(),
                call.scope()), "list_concat", "list_cat", "array_concat", "array_cat");
        // list_append(l, e) and list_prepend(e, l): l joined with the list of e (a NULL list adds nothing), as DuckDB's
        register(by, 2, 2, call -> call.expressions().listConcat(List.of(call.x(0), call.expressions().listValue(
                List.of(call.x(1)), call.node(), call.scope())), call.node().getName(), call.node(), call.scope()),
                "list_append", "array_append", "array_push_back");
        register(by, 2, 2, call -> call.expressions().listConcat(List.of(call.expressions().listValue(
                List.of(call.x(0)), call.node(), call.scope()), call.x(1)), call.node().getName(), call.node(), call.scope()),
                "list_prepend", "array_prepend");
        // array_push_front(l, e) takes the list first, as DuckDB's
        register(by, 2, 2, call -> call.expressions().listConcat(List.of(call.expressions().listValue(
                List.of(call.x(1)), call.node(), call.scope()), call.x(0)), call.node().getName(), call.node(), call.scope()),
                "array_push_front");
        register(by, 2, 2, call -> {
            List<Expr> lists = call.expressions().listsOfOneType(call.xs(), call.name(), call.node(), call.scope());
            return lists.get(0).lst().intersect(lists.get(1));
        }, "list_intersect", "array_intersect");
        // list_where(l, mask): the elements where the mask is true, as list_select of the mask's true places
        // (a mask longer than the list selects nulls, a null in the mask fails, as in DuckDB)
        register(by, 2, 2, call -> {
            if (call.typeOf(call.x(1)) == DataType.NULL) {
                DataType type = call.typeOf(call.x(0));
                return lit(null).cast(type != null && type.isList() ? type : DataType.LIST_NULL);
            }
            Expr places = call.x(1).lst().transform((keep, place) -> Exprs.when(keep).then(place)
                    .when(keep.isNull()).then(lit(null).cast(DataType.INT64)).otherwise(lit(0L)))
                    .lst().filter(place -> place.isNull().or(place.gt(0L)));
            return (call.typeOf(call.x(0)) == DataType.NULL ? call.x(0) : list(call)).lst().select(places);
        }, "list_where", "array_where");
        register(by, 1, 2, ScalarFunctions::arrayLength, "array_length");
        register(by, 2, 2, ScalarFunctions::listSelect, "list_select", "array_select");
        register(by, 3, 3, call -> call.expressions().listSlice(list(call),
                new ExpressionPlanner.Slice(call.written(1), call.written(2)), call.node(), call.scope()), "list_slice", "array_slice");
        register(by, 2, 3, ScalarFunctions::listResize, "list_resize", "array_resize");
        // all but the last element, all but the first, as DuckDB's (an empty list stays empty)
        register(by, 1, 1, call -> list(call).lst().slice(1, -2), "array_pop_back");
        register(by, 1, 1, call -> list(call).lst().slice(2, -1), "array_pop_front");
        register(by, 2, 2, call -> call.expressions().listElement(list(call), call.written(1), call.node(),
                call.scope()), "list_extract", "list_element", "array_extract");
        register(by, 2, 2, call -> {
            Expr list = list(call);
            Expr value = call.x(1);
            if (!(value instanceof Lit literal) || literal.value() == null) {
                throw call.error(call.name() + " needs a value written in the query (not a column or NULL), not "
                        + call.written(1), Translator.unparenthesized(call.written(1)));
            }
            return list.lst().contains(literal.value());
        }, "list_contains", "list_has", "array_contains", "array_has");
        register(by, 2, 2, call -> {
            Expr list = list(call);
            Expr value = call.x(1);
            if (!(value instanceof Lit literal)) {
                throw call.error(call.name() + " needs a value written in the query (not a column), not "
                        + call.written(1), Translator.unparenthesized(call.written(1)));
            }
            return list.lst().position(literal.value());
        }, "list_position", "list_indexof", "array_position", "array_indexof");
        register(by, 2, 2, call -> hasAnyOrAll(call, false), "list_has_any", "array_has_any");
        register(by, 2, 2, call -> hasAnyOrAll(call, true), "list_has_all", "array_has_all");
        // lists as vectors of numbers (decimals as DOUBLEs), as DuckDB's
        for (String[] names : new String[][] {{"inner_product", "list_inner_product", "list_dot_product"},
                {"negative_inner_product", "list_negative_inner_product", "list_negative_dot_product"},
                {"cosine_similarity", "list_cosine_similarity"}, {"cosine_distance", "list_cosine_distance"},
                {"euclidean_distance", "list_distance"}}) {
            register(by, 2, 2, call -> vectors(call, 0).lst().measure(names[0], vectors(call, 1)),
                    java.util.Arrays.copyOfRange(names, 1, names.length));
        }
        // the function (a lambda, x -> ...) is the second argument, translated by the translator with its parameters in scope
        register(by, new Definition(List.of("list_transform", "array_transform", "list_apply", "array_apply", "apply"), 2, 2,
                call -> lambda(call, dev.floe.frame.expr.ListLambda.Kind.TRANSFORM), true));
        register(by, new Definition(List.of("list_filter", "array_filter", "filter"), 2, 2,
                call -> lambda(call, dev.floe.frame.expr.ListLambda.Kind.FILTER), true));
        register(by, new Definition(List.of("list_reduce", "array_reduce", "reduce"), 2, 3,
                call -> lambda(call, dev.floe.frame.expr.ListLambda.Kind.REDUCE), true));
        register(by, 2, VARIADIC, call -> call.expressions().listAggregate(call.name(), call.stringArg(1), call.x(0),
                call.writtenFrom(2), call.node(), call.scope()),
                "list_aggregate", "list_aggr", "aggregate", "array_aggregate", "array_aggr");
        // list_<aggregate>(l, args...), as DuckDB names them
        for (String aggregate : LIST_AGGREGATES) {
            if (AggregateFunctions.find(aggregate) == null) {
                throw new IllegalStateException("list_" + aggregate + " names no aggregate");
            }
            register(by, 1, VARIADIC, call -> call.expressions().listAggregate(call.name(), aggregate, call.x(0),
                    call.writtenFrom(1), call.node(), call.scope()), "list_" + aggregate);
        }
        // SQL's aggregates of the elements, as DuckDB's (NULL over no values), but a sum of integers is a
        // BIGINT, where DuckDB's is a HUGEINT: lists of HUGEINTs are not Floe's (list_transform(l, x ->
        // list_sum(m)) makes one), and a sum past BIGINT fails rather than wraps
        register(by, 1, 1, call -> {
            Expr list = list(call);
            DataType type = call.typeOf(list);
            if (type != null && type.isList() && type.elementType().isInteger()) {
                return list.lst().agg(x -> Exprs.when(x.count().eq(0)).then(lit(null)).otherwise(x.sum()));
            }
            return call.expressions().listAggregate(call.name(), "sum", list, List.of(), call.node(), call.scope());
        }, "list_sum");
        for (String aggregate : List.of("min", "max", "avg")) {
            register(by, 1, 1, call -> call.expressions().listAggregate(call.name(), aggregate, call.x(0), List.of(),
                    call.node(), call.scope()), aggregate.equals("avg") ? new String[] {"list_avg", "list_mean"}
                    : new String[] {"list_" + aggregate});
        }
        // range(stop), range(start, stop [, step]): the stop left out; generate_series takes it in, as DuckDB
        register(by, 1, 3, call -> series(call, false), "range");
        register(by, 1, 3, call -> series(call, true), "generate_series");
        register(by, 1, 3, call -> sortedList(call, false), "list_sort", "array_sort");
        register(by, 1, 2, call -> sortedList(call, true), "list_reverse_sort", "array_reverse_sort");
        register(by, 1, 1, call -> list(call).lst().reverse(), "list_reverse", "array_reverse");
        register(by, 1, 1, call -> list(call).lst().flatten(), "flatten");
        // in order of first appearance (DuckDB does not fix the order)
        register(by, 1, 1, call -> list(call).lst().distinct(), "list_distinct", "array_distinct");
        register(by, 1, 1, call -> list(call).lst().nUnique(), "list_unique", "array_unique");
        register(by, 2, 2, call -> {
            Expr list = list(call);
            // whole numbers (and the NULLs of an empty list's type) are written as DuckDB writes them
            DataType type = call.typeOf(list);
            DataType element = type == null ? null : type.elementType();
            Expr text = element != null && (element.isInteger() && element != DataType.INT128
                    || element == DataType.NULL) ? list.cast(DataType.LIST_UTF8) : list;
            // as DuckDB: null where every element is null, but '' for an empty list
            return Exprs.when(text.lst().len().gt(0).and(text.lst().max().isNull())).then(lit(null).cast(DataType.UTF8))
                    .otherwise(text.lst().join(call.stringArg(1)));
        }, "array_to_string", "list_to_string");
    }

    /** {@code range} and {@code generate_series} as list functions (in FROM they are tables). */
    /** {@code value} held to an int's range, symmetric about 0 (past any text's length either way). */
    private static int clampToInt(long value) {
        return (int) Math.max(-Integer.MAX_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Expr series(Args call, boolean inclusive) {
        Expr start = call.size() == 1 ? lit(0L) : call.x(0);
        Expr stop = call.size() == 1 ? call.x(0) : call.x(1);
        Expr step = call.size() == 3 ? call.x(2) : lit(1L);
        DataType from = call.typeOf(start);
        DataType to = call.typeOf(stop);
        if (from.isTemporal() || to.isTemporal()) {
            return temporalSeries(call, start, stop, step, inclusive);
        }
        return Exprs.range(start, stop, step, inclusive);
    }

    /**
     * A series of timestamps from dates or timestamps, each row's own, as DuckDB's list of them:
     * a step of days, hours or less (a fixed number of microseconds; [] for a step of 0); a step
     * of months, which needs the calendar, is refused by name.
     */
    private static Expr temporalSeries(Args call, Expr start, Expr stop, Expr step, boolean inclusive) {
        for (Expr end : List.of(start, stop)) {
            DataType type = call.typeOf(end);
            if (type != DataType.NULL && type != DataType.DATE && type != DataType.DATETIME) {
                throw call.error(call.name() + " makes a series of dates or timestamps between two DATEs or TIMESTAMPs "
                        + "with an INTERVAL step, not from " + Translator.sqlTypeName(type));
            }
        }
        Interval written = call.size() == 3 ? call.interval(2) : null;
        DataType stepType = call.size() == 3 ? call.typeOf(step) : DataType.NULL;
        if (call.size() != 3 || written != null && written.months() != 0
                || stepType != DataType.DURATION && stepType != DataType.NULL) {
            throw call.error(call.name() + " of dates or timestamps needs an INTERVAL step of days, hours or less as its "
                    + "third argument (a step of months is not supported here; in FROM with constant bounds it is)");
        }
        Expr list = Exprs.range(epochMicros(start), epochMicros(stop), step.cast(DataType.INT64), inclusive);
        return list.cast(DataType.listOf(DataType.DATETIME));
    }

    /** A date or timestamp as the microseconds since 1970 a timestamp holds. */
    private static Expr epochMicros(Expr value) {
        return value.cast(DataType.DATETIME).cast(DataType.INT64);
    }

    /**
     * {@code list_sort(l [, 'ASC' | 'DESC' [, 'NULLS FIRST' | 'NULLS LAST']])} and {@code
     * list_reverse_sort(l [, nulls])}: ascending (descending) with nulls last by default, as DuckDB's.
     */
    private static Expr sortedList(Args call, boolean reverse) {
        Expr list = list(call);
        boolean descending = reverse;
        boolean nullsLast = true;
        for (int i = 1; i < call.size(); i++) {
            String option = call.stringArg(i).strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean orderAllowed = !reverse && i == 1;
            switch (option) {
                case "ASC" -> {
                    if (!orderAllowed) {
                        throw call.error(call.name() + " takes the order second and the place of nulls last, as "
                                + "list_sort(l, 'DESC', 'NULLS FIRST')", call.written(i));
                    }
                    descending = false;
                }
                case "DESC" -> {
                    if (!orderAllowed) {
                        throw call.error(call.name() + " takes the order second and the place of nulls last, as "
                                + "list_sort(l, 'DESC', 'NULLS FIRST')", call.written(i));
                    }
                    descending = true;
                }
                case "NULLS FIRST" -> nullsLast = false;
                case "NULLS LAST" -> nullsLast = true;
                default -> throw call.error(call.name() + " sorts 'ASC' or 'DESC', with 'NULLS FIRST' or 'NULLS LAST', "
                        + "not '" + option + "'", call.written(i));
            }
        }
        return list.lst().sort(descending, nullsLast);
    }

    /**
     * {@code list_has_any(l, [a, b])} (whether l holds a or b) and {@code list_has_all} (a and b),
     * as DuckDB: null elements on either side are passed over, so an empty (or all-null) list of
     * values gives false for any and true for all; null where l is. The values are written in the
     * query.
     */
    /** The {@code i}-th argument as a list of numbers: a list of decimals as one of DOUBLEs (as DuckDB casts them). */
    private static Expr vectors(Args call, int i) {
        Expr value = call.x(i);
        DataType type = call.typeOf(value);
        return type != null && type.isList() && type.elementType().isDecimal() ? value.cast(DataType.LIST_FLOAT64) : value;
    }

    private static Expr hasAnyOrAll(Args call, boolean all) {
        Expr list = list(call);
        Expr wanted = call.x(1);
        List<Object> values = new ArrayList<>();
        if (wanted instanceof Lit literal && literal.value() == null) {
            return lit(null).cast(DataType.BOOLEAN);
        } else if (wanted instanceof Lit literal && literal.value() instanceof List<?> elements) {
            elements.stream().filter(java.util.Objects::nonNull).forEach(values::add);
        } else if (wanted instanceof dev.floe.frame.expr.MultiCall listed
                && listed.function() == ScalarFunction.LIST_VALUE
                && listed.inputs().stream().allMatch(input -> unwrapped(input) instanceof Lit)) {
            for (Expr input : listed.inputs()) {
                Object value = ((Lit) unwrapped(input)).value();
                if (value != null) {
                    values.add(value);
                }
            }
        } else {
            throw call.error(call.name() + " needs a list of values written in the query ([1, 2]), not "
                    + call.written(1), Translator.unparenthesized(call.written(1)));
        }
        if (values.isEmpty()) {
            return Exprs.when(list.isNull()).then(lit(null).cast(DataType.BOOLEAN)).otherwise(lit(all));
        }
        Expr result = null;
        for (Object value : values) {
            Expr holds = list.lst().contains(value);
            result = result == null ? holds : all ? result.and(holds) : result.or(holds);
        }
        return result;
    }

    /** A value without the casts that give a list's literals their common type. */
    private static Expr unwrapped(Expr value) {
        return value instanceof dev.floe.frame.expr.Cast cast ? unwrapped(cast.input()) : value;
    }

    /** The first argument, which must be a list (its type is unknown, and not checked, where the query aggregates). */
    private static Expr lambda(Args call, dev.floe.frame.expr.ListLambda.Kind kind) {
        return call.expressions().lambda(kind, call.name(), call.x(0), call.written(1), call.size() > 2 ? call.x(2) : null,
                call.node(), call.scope());
    }

    /** {@code array_length(l [, 1])}: the number of elements; a dimension other than 1 is refused, as DuckDB's. */
    private static Expr arrayLength(Args call) {
        if (call.typeOf(call.x(0)) == DataType.NULL) {
            return lit(null, DataType.INT64);
        }
        Expr length = list(call).lst().len().cast(DataType.INT64);
        if (call.size() == 1) {
            return length;
        }
        if (call.isNull(1)) {
            return lit(null, DataType.INT64);
        }
        if (!(Translator.unparenthesized(call.written(1)) instanceof net.sf.jsqlparser.expression.LongValue dimension)
                || dimension.getValue() != 1) {
            throw call.error("array_length of a dimension other than 1 is not supported (as in DuckDB), not "
                    + call.written(1), call.written(1));
        }
        return length;
    }

    /**
     * {@code list_select(l, [i, j, ...])}: the elements at those places (from 1), NULL for a place out
     * of the list, 0 or below; NULL where either list is; a NULL place fails, as DuckDB's.
     */
    private static Expr listSelect(Args call) {
        if (call.typeOf(call.x(0)) == DataType.NULL) {
            return lit(null, DataType.LIST_NULL);
        }
        Expr list = list(call);
        DataType listType = call.typeOf(list);
        Expr places = call.x(1);
        DataType placesType = call.typeOf(places);
        if (placesType != null && placesType != DataType.NULL && (!placesType.isList()
                || !placesType.elementType().isInteger() && placesType.elementType() != DataType.NULL)) {
            throw call.error(call.name() + " takes a list of whole numbers second, not "
                    + Translator.sqlTypeName(placesType));
        }
        if (listType == null || placesType == null) {
            throw call.error(call.name() + " of a list built where the query aggregates ([sum(x)]) is not supported; "
                    + "build the list in an outer query over the aggregated rows");
        }
        if (listType == DataType.NULL || placesType == DataType.NULL) {
            return lit(null, listType == DataType.NULL ? DataType.LIST_NULL : listType);
        }
        if (placesType == DataType.LIST_NULL) {
            places = places.cast(DataType.LIST_INT64); // [] (or [NULL], which fails below)
        }
        return list.lst().select(places);
    }

    /**
     * {@code list_resize(l, n [, v])}, as DuckDB's: the list cut or padded to {@code n} elements with
     * {@code v} (cast to the elements' type, as CAST casts it) or NULL; a fractional size rounded, a
     * NULL size an empty list, a NULL list NULL, a negative size an error naming the row.
     */
    private static Expr listResize(Args call) {
        if (call.typeOf(call.x(0)) == DataType.NULL) {
            return lit(null, DataType.LIST_NULL); // list_resize(NULL, ...): NULL, as DuckDB
        }
        Expr list = list(call);
        DataType listType = call.typeOf(list);
        if (listType == null) {
            throw call.error(call.name() + " of a list built where the query aggregates ([sum(x)]) is not supported; "
                    + "build the list in an outer query over the aggregated rows");
        }
        Expr size = call.x(1);
        DataType sizeType = call.typeOf(size);
        if (sizeType != null && sizeType != DataType.NULL && !sizeType.isNumeric() && !sizeType.isDecimal()
                && !sizeType.isText() && sizeType != DataType.BOOLEAN) {
            throw call.error(call.name() + " takes a number as its size, not " + sizeType);
        }
        if (sizeType != null && sizeType.isFloat()) {
            // as DuckDB: a negative float fails before rounding (-0.4 is no size)
            size = Exprs.when(size.lt(0)).then(size.floor()).otherwise(size);
        }
        if (sizeType != null && sizeType != DataType.INT64) {
            size = ExpressionPlanner.sqlCast(size, sizeType, DataType.INT64, false);
        }
        if (call.size() == 2) {
            return list.lst().resize(size);
        }
        Expr fill = call.x(2);
        DataType fillType = call.typeOf(fill);
        if (listType == DataType.LIST_NULL) {
            if (fillType != null && fillType != DataType.NULL) {
                // DuckDB cannot cast the fill to the empty list's element type either
                throw call.error(call.name() + " of an empty list ([]) with a fill value needs the list cast to a type "
                        + "first, as CAST([] AS INTEGER[])");
            }
            return list.lst().resize(size);
        }
        if (fillType != null && fillType != listType.elementType()) {
            fill = ExpressionPlanner.sqlCast(fill, fillType, listType.elementType(), false);
        }
        return list.lst().resize(size, fill);
    }

    // ---- JSON ------------------------------------------------------------------------------------

    /**
     * DuckDB's JSON functions over text, each path written in the query ({@link
     * ExpressionPlanner#jsonPath}); Floe has no JSON type, so JSON values are VARCHARs.
     */
    private static void registerJson(Map<String, Definition> by) {
        register(by, 2, 2, call -> atPath(call, JsonExprs::extract, DataType.UTF8), "json_extract", "json_extract_path");
        register(by, 2, 2, call -> atPath(call, JsonExprs::extractString, DataType.UTF8), "json_extract_string",
                "json_extract_path_text");
        register(by, 1, 2, call -> atPath(call, JsonExprs::type, DataType.UTF8), "json_type");
        register(by, 1, 2, call -> atPath(call, JsonExprs::arrayLength, DataType.INT64), "json_array_length");
        register(by, 1, 2, call -> atPath(call, JsonExprs::keys, DataType.LIST_UTF8), "json_keys");
        register(by, 2, 2, call -> atPath(call, JsonExprs::exists, DataType.BOOLEAN), "json_exists");
        register(by, 1, 1, call -> json(call).isValid(), "json_valid");
        register(by, 1, 1, call -> json(call).minify(), "json");
    }

    /** {@code function} of the first argument at the path of the second ($ where there is none); NULL for a NULL path. */
    private static Expr atPath(Args call, java.util.function.BiFunction<JsonExprs, String, Expr> function, DataType type) {
        JsonExprs json = json(call);
        if (call.size() < 2) {
            return function.apply(json, "$");
        }
        String path = call.expressions().jsonPath(call.written(1), call.node());
        return path == null ? lit(null, type) : function.apply(json, path);
    }

    /** The JSON functions of the first argument, which must be text. */
    private static JsonExprs json(Args call) {
        DataType type = call.typeOf(call.x(0));
        if (type != null && !type.isText() && type != DataType.NULL) {
            throw call.error(call.name() + " reads JSON text, not " + type);
        }
        return call.x(0).json();
    }

    private static Expr list(Args call) {
        DataType first = call.typeOf(call.x(0));
        if (first != null && !first.isList()) {
            throw call.error(call.name() + " takes a list first, not " + first);
        }
        return call.x(0);
    }

    // ---- nulls and types ------------------------------------------------------------------------

    private static void registerOther(Map<String, Definition> by) {
        register(by, 1, VARIADIC, call -> {
            Expr result = call.x(call.size() - 1);
            for (int i = call.size() - 2; i >= 0; i--) {
                result = call.x(i).fillNull(result);
            }
            return result;
        }, "coalesce");
        register(by, 2, 2, call -> call.x(0).fillNull(call.x(1)), "ifnull", "nvl");
        // if(c, a, b) is CASE WHEN c THEN a ELSE b END, with CASE's types and truth, as DuckDB's
        register(by, 3, 3, call -> {
            net.sf.jsqlparser.expression.CaseExpression written = new net.sf.jsqlparser.expression.CaseExpression(
                    call.written(2), new net.sf.jsqlparser.expression.WhenClause(call.written(0), call.written(1)));
            return call.expressions().expr(written, call.scope());
        }, "if");
        register(by, 2, 2, call -> Exprs.when(call.ordered(BinaryOperator.EQ, call.x(0), call.x(1))).then(lit(null))
                .otherwise(call.x(0)), "nullif");
        register(by, 1, 1, call -> {
            DataType type = call.typeOf(call.x(0));
            if (type == null) {
                throw call.error("typeof cannot tell the type of " + call.written(0) + " here");
            }
            return lit(Translator.sqlTypeName(type));
        }, "typeof");
    }
}
