package dev.floe.frame;

import dev.floe.frame.expr.Alias;
import dev.floe.frame.expr.Binary;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Cast;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.FillNull;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.Unary;
import dev.floe.frame.expr.When;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The obviously correct way to evaluate an expression: one row at a time, on Java objects. The
 * engine's results are checked against it. Types come from {@link ExprTyper} (the rules under
 * test are the values); everything else is written out plainly here.
 */
final class ReferenceEvaluator {
    private final Schema schema;

    ReferenceEvaluator(Schema schema) {
        this.schema = schema;
    }

    /** The expression's value for every row of {@code frame}. */
    List<Object> evaluate(Expr expr, DataFrame frame) {
        List<Object> values = new ArrayList<>(frame.height());
        for (Row row : frame) {
            values.add(value(expr, row.toMap()));
        }
        return values;
    }

    Object value(Expr expr, Map<String, Object> row) {
        DataType type = ExprTyper.typeOf(expr, schema);
        return switch (expr) {
            case Col col -> row.get(col.name());
            case Lit lit -> convert(lit.value(), type);
            case Alias alias -> value(alias.input(), row);
            case Unary unary -> unary(unary, value(unary.input(), row), type);
            case Binary binary -> binary(binary, row, type);
            case Cast cast -> cast(value(cast.input(), row), cast.type());
            case FillNull fill -> {
                Object value = value(fill.input(), row);
                yield convert(value != null ? value : value(fill.fill(), row), type);
            }
            case When when -> {
                for (When.Branch branch : when.branches()) {
                    if (Boolean.TRUE.equals(value(branch.condition(), row))) {
                        yield convert(value(branch.value(), row), type);
                    }
                }
                yield convert(value(when.otherwise(), row), type);
            }
            case dev.floe.frame.expr.Call call -> call(call, value(call.input(), row), type);
            case dev.floe.frame.expr.Over over -> throw new IllegalArgumentException(
                    "the row-at-a-time reference has no windows; WindowTest checks those: " + over);
            case dev.floe.frame.expr.Cut cut -> throw new IllegalArgumentException(
                    "the row-at-a-time reference has no bins; WindowTest checks those: " + cut);
            case dev.floe.frame.expr.Agg agg -> throw new IllegalArgumentException(
                    "the row-at-a-time reference has no aggregations; GroupByPropertyTest checks those: " + agg);
            case dev.floe.frame.expr.Columns columns -> throw new IllegalArgumentException(
                    "column sets are expanded before evaluation: " + columns);
            case dev.floe.frame.expr.ListLambda lambda -> throw new IllegalArgumentException(
                    "the random expressions hold no lambdas; ListLambdaTest checks them: " + lambda);
            case dev.floe.frame.expr.MultiCall call -> throw new IllegalArgumentException(
                    "the random expressions hold no functions of several inputs; TemporalFunctionsTest checks them: "
                            + call);
        };
    }

    private Object call(dev.floe.frame.expr.Call call, Object value, DataType type) {
        if (value == null) {
            return null;
        }
        List<Object> p = call.parameters();
        return switch (call.function()) {
            case SQRT -> convert(Math.sqrt(((Number) value).doubleValue()), type);
            case EXP -> convert(Math.exp(((Number) value).doubleValue()), type);
            case LOG -> convert(Math.log(((Number) value).doubleValue()), type);
            case LOG10 -> convert(Math.log10(((Number) value).doubleValue()), type);
            case SIN -> convert(Math.sin(((Number) value).doubleValue()), type);
            case COS -> convert(Math.cos(((Number) value).doubleValue()), type);
            case TAN -> convert(Math.tan(((Number) value).doubleValue()), type);
            case ARCSIN -> convert(Math.asin(((Number) value).doubleValue()), type);
            case ARCCOS -> convert(Math.acos(((Number) value).doubleValue()), type);
            case ARCTAN -> convert(Math.atan(((Number) value).doubleValue()), type);
            case CBRT -> convert(Math.cbrt(((Number) value).doubleValue()), type);
            case FLOOR -> type.isFloat() ? convert(Math.floor(((Number) value).doubleValue()), type) : value;
            case CEIL -> type.isFloat() ? convert(Math.ceil(((Number) value).doubleValue()), type) : value;
            case ROUND -> type.isFloat() && Double.isFinite(((Number) value).doubleValue())
                    ? convert(new java.math.BigDecimal(((Number) value).doubleValue())
                            .setScale((Integer) p.get(0), java.math.RoundingMode.HALF_UP).doubleValue(), type)
                    : value;
            case IS_NAN -> value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN();
            case CLIP -> {
                if (type.isFloat()) {
                    double v = ((Number) value).doubleValue();
                    yield Double.isNaN(v) ? value : convert(Math.min(Math.max(v, ((Number) p.get(0)).doubleValue()),
                            ((Number) p.get(1)).doubleValue()), type);
                }
                long v = ((Number) value).longValue();
                yield convert(Math.min(Math.max(v, ((Number) p.get(0)).longValue()), ((Number) p.get(1)).longValue()), type);
            }
            case IS_IN -> p.stream().anyMatch(candidate -> candidate != null && (value instanceof Number a
                    && candidate instanceof Number b ? (isIntegral(a) && isIntegral(b) ? a.longValue() == b.longValue()
                    : a.doubleValue() == b.doubleValue()) : value.equals(candidate)));
            case STR_LEN -> ((String) value).codePointCount(0, ((String) value).length());
            case STR_DIGEST -> {
                try {
                    byte[] hash = java.security.MessageDigest.getInstance((String) p.get(0))
                            .digest(((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    yield java.util.HexFormat.of().formatHex(hash);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            case FIRST_CODE_POINT -> ((String) value).isEmpty() ? 0 : ((String) value).codePointAt(0);
            case CODE_POINT_TEXT -> Character.toString(((Number) value).intValue());
            case STR_LEN_BYTES -> ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            case UPPER -> ((String) value).toUpperCase(java.util.Locale.ROOT);
            case LOWER -> ((String) value).toLowerCase(java.util.Locale.ROOT);
            case CONTAINS -> ((String) value).contains((String) p.get(0));
            case LIKE -> likeRegex((String) p.get(0), Boolean.TRUE.equals(p.get(1)), (String) p.get(2))
                    .matcher((String) value).matches();
            case STARTS_WITH -> ((String) value).startsWith((String) p.get(0));
            case ENDS_WITH -> ((String) value).endsWith((String) p.get(0));
            case STR_SLICE -> {
                int[] points = ((String) value).codePoints().toArray();
                int offset = (Integer) p.get(0);
                // the characters whose positions lie in the window, which begins before the text where a negative
                // offset reaches past its start
                long begin = offset < 0 ? (long) points.length + offset : offset;
                StringBuilder kept = new StringBuilder();
                for (int at = 0; at < points.length; at++) {
                    if (at >= begin && at < begin + (Integer) p.get(1)) {
                        kept.appendCodePoint(points[at]);
                    }
                }
                yield kept.toString();
            }
            case REQUIRE_POSITIVE, REQUIRE_NOT_NEGATIVE, REQUIRE_TRUE -> throw new IllegalArgumentException(
                    "the random expressions hold no checks; the SQL spec tests them: " + call);
            case MINUTE, SECOND, MILLISECOND, MICROSECOND, QUARTER, WEEKDAY, ISO_WEEKDAY, DAY_OF_YEAR, ISO_WEEK, ISO_YEAR,
                    DECADE, CENTURY, MILLENNIUM, EPOCH, TRUNCATE, MONTH_END, STRFTIME, STRPTIME, DATE_DIFF, DATE_ELAPSED,
                    MAKE_DATE, MAKE_TIME, LIST_VALUE, LIST_SLICE, LIST_RESIZE, LIST_SELECT, LIST_CONCAT, LIST_INTERSECT, LIST_MEASURE, LIST_RANGE -> throw new IllegalArgumentException(
                    "the random expressions hold no such date functions; TemporalFunctionsTest checks them: " + call);
            case BIT_NOT -> convert(~((Number) value).longValue(), type);
            case TO_BASE -> {
                int radix = (Integer) p.get(0);
                if (value instanceof String text) {
                    StringBuilder digits = new StringBuilder();
                    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        String one = Integer.toString(b & 0xFF, radix).toUpperCase(java.util.Locale.ROOT);
                        digits.append("0".repeat((radix == 16 ? 2 : 8) - one.length())).append(one);
                    }
                    yield digits.toString();
                }
                java.math.BigInteger whole = value instanceof java.math.BigInteger big ? big
                        : java.math.BigInteger.valueOf(((Number) value).longValue());
                int width = value instanceof java.math.BigInteger ? 128 : 64;
                yield whole.mod(java.math.BigInteger.ONE.shiftLeft(width)).toString(radix).toUpperCase(java.util.Locale.ROOT);
            }
            case LIST_SORT, LIST_REVERSE, LIST_FLATTEN, SORT_KEY, MAP_ENTRIES, MAP_FROM_ENTRIES, MAP_CONCAT, MAP_CONTAINS_VALUE, LIST_DISTINCT, LIST_N_UNIQUE, BIT_COUNT, ARCTAN2, BIT_AND, BIT_OR, BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT, GCD, LCM, TEXT_DISTANCE -> throw new IllegalArgumentException(
                    "the random expressions hold no bit counts or functions of two inputs; the SQL spec tests them: "
                            + call);
            case ADD_MONTHS -> throw new IllegalArgumentException(
                    "the random expressions hold no calendar arithmetic; the SQL spec tests it: " + call);
            case PRINTF -> throw new IllegalArgumentException(
                    "the random expressions hold no printf; PrintfTest and the SQL spec test it: " + call);
            case STR_HEAD, STR_TAIL -> {
                int[] points = ((String) value).codePoints().toArray();
                int n = (Integer) p.get(0);
                int kept = n >= 0 ? Math.min(n, points.length) : Math.max(0, points.length + n);
                yield new String(points, call.function() == dev.floe.frame.expr.ScalarFunction.STR_HEAD ? 0
                        : points.length - kept, kept);
            }
            case REPLACE -> ((String) value).replace((String) p.get(0), (String) p.get(1));
            case STRIP -> {
                // the side ("both", "start", "end") and the characters, white space where none are given
                String side = p.isEmpty() ? "both" : (String) p.get(0);
                int[] points = ((String) value).codePoints().toArray();
                java.util.function.IntPredicate stripped = p.size() < 2
                        ? c -> c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f'
                        : c -> ((String) p.get(1)).codePoints().anyMatch(d -> d == c);
                int from = 0;
                int to = points.length;
                while (!side.equals("end") && from < to && stripped.test(points[from])) {
                    from++;
                }
                while (!side.equals("start") && to > from && stripped.test(points[to - 1])) {
                    to--;
                }
                yield new String(points, from, to - from);
            }
            case SPLIT_FIRST -> {
                int at = ((String) value).indexOf((String) p.get(0));
                yield at < 0 ? value : ((String) value).substring(0, at);
            }
            case YEAR -> ((java.time.temporal.TemporalAccessor) value).get(java.time.temporal.ChronoField.YEAR);
            case MONTH -> ((java.time.temporal.TemporalAccessor) value).get(java.time.temporal.ChronoField.MONTH_OF_YEAR);
            case DAY -> ((java.time.temporal.TemporalAccessor) value).get(java.time.temporal.ChronoField.DAY_OF_MONTH);
            case HOUR -> ((java.time.LocalDateTime) value).getHour();
            case STR_SPLIT -> List.of(((String) value).split(java.util.regex.Pattern.quote((String) p.get(0)), -1));
            case LIST_LEN, LIST_GET, LIST_SUM, LIST_MEAN, LIST_MIN, LIST_MAX, LIST_CONTAINS, LIST_POSITION, LIST_JOIN ->
                    throw new IllegalArgumentException("the random frames have no lists; ListTest checks " + call);
            case MAP_KEYS, MAP_VALUES, MAP_LEN, MAP_FROM_LISTS, MAP_GET, MAP_EXTRACT, MAP_CONTAINS ->
                    throw new IllegalArgumentException("the random frames have no maps; MapTest checks " + call);
            case JSON_EXTRACT, JSON_EXTRACT_STRING, JSON_TYPE, JSON_ARRAY_LENGTH, JSON_KEYS, JSON_EXISTS, JSON_VALID ->
                    throw new IllegalArgumentException("the random frames hold no JSON; JsonFunctionsTest checks " + call);
            case RANDOM, UUID -> throw new IllegalArgumentException("the random expressions are deterministic; "
                    + "RandomFunctionsTest checks " + call);
            case NEXTVAL, CURRVAL -> throw new IllegalArgumentException("the random expressions are deterministic; "
                    + "floe-sql's sequence.test checks " + call);
            case PER_VALUE -> throw new IllegalArgumentException("the random expressions hold no settings per row; "
                    + "PerValueTest checks " + call);
            case STRUCT_FIELD, STRUCT_PACK ->
                    throw new IllegalArgumentException("the random frames have no structs; StructTest checks " + call);
            case STR_PAD, STR_POSITION, SPLIT_PART, STR_REVERSE, STR_REPEAT, STR_TRANSLATE, REGEX_MATCHES, REGEX_REPLACE, REGEX_EXTRACT,
                    REGEX_SPLIT, REGEX_EXTRACT_ALL ->
                    throw new IllegalArgumentException("the random expressions hold no padding, searching or regular "
                            + "expressions; TextAndSelectionFunctionTest and the SQL spec test them: " + call);
        };
    }

    private Object unary(Unary unary, Object value, DataType type) {
        return switch (unary.operator()) {
            case IS_NULL -> value == null;
            case IS_NOT_NULL -> value != null;
            case NOT -> value == null ? null : !(Boolean) value;
            case NEG -> value == null ? null : type.isFloat() ? convert(-((Number) value).doubleValue(), type)
                    : exact(() -> Math.negateExact(((Number) value).longValue()), type);
            case ABS -> value == null ? null : type.isFloat() ? convert(Math.abs(((Number) value).doubleValue()), type)
                    : exact(() -> Math.absExact(((Number) value).longValue()), type);
        };
    }

    private Object binary(Binary binary, Map<String, Object> row, DataType type) {
        Object left = value(binary.left(), row);
        BinaryOperator operator = binary.operator();
        // a side that decides AND (false) or OR (true) leaves the other uncomputed, as SQL's filters do
        if (operator == BinaryOperator.AND && Boolean.FALSE.equals(left)) {
            return false;
        }
        if (operator == BinaryOperator.OR && Boolean.TRUE.equals(left)) {
            return true;
        }
        Object right = value(binary.right(), row);
        if (operator == BinaryOperator.AND) {
            if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
                return false;
            }
            return left == null || right == null ? null : true;
        }
        if (operator == BinaryOperator.OR) {
            if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
                return true;
            }
            return left == null || right == null ? null : false;
        }
        if (left == null || right == null) {
            return null;
        }
        if (operator.isComparison()) {
            int order;
            boolean integral = isIntegral(left) && isIntegral(right);
            if (isTemporal(left) && left.getClass() == right.getClass()) {
                @SuppressWarnings("unchecked")
                int compared = ((Comparable<Object>) left).compareTo(right);
                order = compared;
            } else if (left instanceof String a && right instanceof String b) {
                order = compareCodePoints(a, b);
            } else if (left instanceof Boolean a && right instanceof Boolean b) {
                order = Boolean.compare(a, b);
            } else if (integral) {
                order = Long.compare(((Number) left).longValue(), ((Number) right).longValue());
            } else {
                double a = ((Number) left).doubleValue();
                double b = ((Number) right).doubleValue();
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    return operator == BinaryOperator.NE;
                }
                order = a < b ? -1 : a > b ? 1 : 0;
            }
            return switch (operator) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                default -> order >= 0;
            };
        }
        if (type.isFloat()) {
            double a = ((Number) left).doubleValue();
            double b = ((Number) right).doubleValue();
            double result = switch (operator) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case FLOOR_DIV -> Math.floor(a / b);
                case MOD -> {
                    double r = a % b;
                    yield r != 0 && (r < 0) != (b < 0) ? r + b : r;
                }
                case REM -> a % b;
                case POW -> Math.pow(a, b);
                default -> throw new IllegalStateException();
            };
            return convert(result, type);
        }
        long a = micros(left); // integers as they are, temporal values in microseconds
        long b = micros(right);
        if ((operator == BinaryOperator.FLOOR_DIV || operator == BinaryOperator.MOD || operator == BinaryOperator.REM)
                && b == 0) {
            return null;
        }
        long result = (Long) exact(() -> switch (operator) {
            case ADD -> Math.addExact(a, b);
            case SUB -> Math.subtractExact(a, b);
            case MUL -> Math.multiplyExact(a, b);
            case FLOOR_DIV -> Math.floorDivExact(a, b);
            case MOD -> Math.floorMod(a, b);
            case REM -> a % b;
            case POW -> {
                long r = 1;
                for (long i = 0; i < b; i++) {
                    r = Math.multiplyExact(r, a);
                }
                yield r;
            }
            default -> throw new IllegalStateException();
        }, DataType.INT64);
        if (type.isInteger() && !fits(result, type)) {
            throw new Overflow(a + " " + operator.symbol() + " " + b + " does not fit " + type);
        }
        if (type == DataType.DURATION) {
            return java.time.Duration.of(result, java.time.temporal.ChronoUnit.MICROS);
        }
        if (type == DataType.DATETIME) {
            return java.time.LocalDateTime.of(1970, 1, 1, 0, 0).plus(result, java.time.temporal.ChronoUnit.MICROS);
        }
        return convert(result, type);
    }

    /** Integer arithmetic whose result does not fit its type: the engine must fail, never wrap. */
    static final class Overflow extends RuntimeException {
        Overflow(String message) {
            super(message);
        }
    }

    /** {@code value}, computed exactly, as a value of integer type {@code type}; {@link Overflow} where it does not fit. */
    private static Object exact(java.util.function.LongSupplier value, DataType type) {
        long result;
        try {
            result = value.getAsLong();
        } catch (ArithmeticException e) {
            throw new Overflow(e.getMessage());
        }
        if (!fits(result, type)) {
            throw new Overflow(result + " does not fit " + type);
        }
        return type == DataType.INT64 ? (Object) result : convert(result, type);
    }

    private static boolean isTemporal(Object value) {
        return value instanceof java.time.LocalDate || value instanceof java.time.LocalDateTime
                || value instanceof java.time.Duration;
    }

    /** A temporal value in microseconds (a date at midnight; from 1970-01-01), an integer as itself. */
    private static long micros(Object value) {
        return switch (value) {
            case java.time.LocalDate d -> d.toEpochDay() * 86_400_000_000L;
            case java.time.LocalDateTime t -> java.time.temporal.ChronoUnit.MICROS.between(
                    java.time.LocalDateTime.of(1970, 1, 1, 0, 0), t);
            case java.time.Duration d -> d.toSeconds() * 1_000_000L + d.toNanosPart() / 1_000;
            default -> ((Number) value).longValue();
        };
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    }

    private Object cast(Object value, DataType to) {
        if (value == null) {
            return null;
        }
        if (to == DataType.UTF8) {
            return value.toString();
        }
        switch (value) {
            case java.time.LocalDate d -> {
                return to == DataType.DATETIME ? d.atStartOfDay() : to == DataType.INT64 ? d.toEpochDay() : d;
            }
            case java.time.LocalDateTime t -> {
                return to == DataType.DATE ? t.toLocalDate() : to == DataType.INT64 ? micros(t) : t;
            }
            case java.time.Duration d -> {
                return to == DataType.INT64 ? micros(d) : d;
            }
            default -> { }
        }
        if (to.isFloat()) {
            return convert(((Number) value).doubleValue(), to);
        }
        if (value instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d) || d < Long.MIN_VALUE || d >= 9.223372036854775807E18) {
                return null;
            }
            long truncated = (long) (double) d;
            return fits(truncated, to) ? convert(truncated, to) : null;
        }
        long number = ((Number) value).longValue();
        return fits(number, to) ? convert(number, to) : null;
    }

    private static boolean fits(long value, DataType type) {
        return switch (type.id()) {
            case INT8 -> value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
            case INT16 -> value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
            case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            default -> true;
        };
    }

    /** A value as the Java type the engine's {@code type} reads as (wrapping integers, rounding f32). */
    static Object convert(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            return value;
        }
        return switch (type.id()) {
            case INT8 -> (byte) number.longValue();
            case INT16 -> (short) number.longValue();
            case INT32 -> (int) number.longValue();
            case INT64 -> number.longValue();
            case FLOAT32 -> (float) number.doubleValue();
            case FLOAT64 -> number.doubleValue();
            default -> value;
        };
    }

    /** LIKE as a regular expression: the reference the byte-level matcher is checked against. */
    static java.util.regex.Pattern likeRegex(String pattern, boolean ignoreCase, String escape) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape.charAt(0) && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = java.util.regex.Pattern.DOTALL
                | (ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0);
        return java.util.regex.Pattern.compile(regex.toString(), flags);
    }
}
