package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.ScalarFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The row-wise functions: math on {@code double[]}, text on UTF-8 bytes (a categorical's function
 * runs once per dictionary value, then the results are gathered by code), date parts computed from
 * day numbers without making date objects.
 */
final class FunctionKernel {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MICROS_PER_HOUR = 3_600_000_000L;

    private FunctionKernel() {}

    /**
     * @param start the row of the whole input where these values begin, for messages
     * @param expression the expression being evaluated, for messages
     */
    static Vector apply(ScalarFunction function, List<Object> parameters, Vector input, DataType type, long start,
            String expression) {
        int rows = input.length();
        if (input.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        return switch (function) {
            case SQRT, EXP, LOG, LOG10, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN, CBRT -> math(function, input, type);
            case FLOOR, CEIL, ROUND -> rounding(function, parameters, input, type, start, expression);
            case REQUIRE_POSITIVE, REQUIRE_NOT_NEGATIVE -> require(function, (String) parameters.get(0),
                    input, start, expression);
            case REQUIRE_TRUE -> requireTrue((String) parameters.get(0), input, start);
            case CLIP -> clip(parameters, input, type);
            case IS_NAN -> isNan(input);
            case CODE_POINT_TEXT -> codePointText(input, start, expression);
            case IS_IN -> isIn(parameters, input);
            case YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, QUARTER, WEEKDAY, ISO_WEEKDAY,
                    DAY_OF_YEAR, ISO_WEEK, ISO_YEAR, DECADE, CENTURY, MILLENNIUM, EPOCH, TRUNCATE, MONTH_END, STRFTIME ->
                    TemporalKernel.apply(function, parameters, input, type, start, expression);
            case STRPTIME -> DateParsing.apply(parameters, input, start, expression);
            case PRINTF -> printf(dev.floe.frame.expr.Printf.Spec.of((String) parameters.get(0)), input, start, expression);
            case TO_BASE -> input.type().isText() ? text(function, parameters, input)
                    : integerDigits(((Number) parameters.get(0)).intValue(), input);
            case MAP_KEYS, MAP_VALUES, MAP_LEN, MAP_ENTRIES -> MapKernel.apply(function, input, type);
            case MAP_FROM_ENTRIES -> MapKernel.fromEntries(input, type, start, expression);
            case JSON_EXTRACT, JSON_EXTRACT_STRING, JSON_TYPE, JSON_ARRAY_LENGTH, JSON_KEYS, JSON_EXISTS, JSON_VALID ->
                    JsonKernel.apply(function, parameters, input, type, start, expression);
            case SORT_KEY -> SortKeys.encode(input);
            case STRUCT_FIELD -> structField(input, (String) parameters.get(0), type);
            case DATE_DIFF, DATE_ELAPSED, MAKE_DATE, MAKE_TIME, LIST_VALUE, LIST_SLICE, LIST_RESIZE, LIST_SELECT, LIST_CONCAT, LIST_INTERSECT, LIST_MEASURE, LIST_RANGE, ARCTAN2, BIT_AND, BIT_OR,
                    BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT, GCD, LCM, TEXT_DISTANCE, MAP_FROM_LISTS, MAP_GET, MAP_EXTRACT,
                    MAP_CONTAINS, MAP_CONTAINS_VALUE, MAP_CONCAT, STRUCT_PACK, RANDOM, UUID, PER_VALUE, NEXTVAL, CURRVAL ->
                    throw new IllegalStateException(function + " takes several inputs");
            case BIT_NOT, BIT_COUNT -> BitsKernel.apply(function, input, type);
            case ADD_MONTHS -> addMonths(((Number) parameters.get(0)).longValue(), input, start, expression);
            case LIST_LEN, LIST_GET, LIST_SUM, LIST_MEAN, LIST_MIN, LIST_MAX, LIST_JOIN, LIST_SORT, LIST_REVERSE, LIST_FLATTEN,
                    LIST_DISTINCT, LIST_N_UNIQUE ->
                    ListKernel.apply(function, parameters, (dev.floe.frame.column.ListVector) input, type);
            case LIST_CONTAINS -> {
                dev.floe.frame.column.ListVector lists = (dev.floe.frame.column.ListVector) input;
                yield ListKernel.anyTrue(lists, isIn(parameters, lists.elements()));
            }
            case LIST_POSITION -> {
                dev.floe.frame.column.ListVector lists = (dev.floe.frame.column.ListVector) input;
                yield parameters.isEmpty() ? ListKernel.firstNull(lists)
                        : ListKernel.firstTrue(lists, isIn(parameters, lists.elements()));
            }
            default -> text(function, parameters, input);
        };
    }

    /**
     * Each value written by one printf conversion: whole numbers (of 64 bits, an {@code i128}'s of
     * 128), floats and decimals (as the doubles nearest them, as DuckDB's printf takes them) or text.
     */
    private static Vector printf(dev.floe.frame.expr.Printf.Spec spec, Vector input, long start, String expression) {
        int rows = input.length();
        Utf8Vector.Builder out = new Utf8Vector.Builder(rows, (int) Math.min(rows * 8L, 1 << 20));
        DataType type = input.type();
        long[] longs = type.isInteger() && type != DataType.INT128 ? Kernels.longs(input) : null;
        double[] doubles = !type.isInteger() && !type.isText() ? Kernels.doubles(input) : null;
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                out.appendNull();
                continue;
            }
            try {
                out.append(longs != null ? spec.format(longs[i])
                        : type == DataType.INT128 ? spec.format((java.math.BigInteger) input.get(i), 128)
                        : doubles != null ? spec.format(doubles[i]) : spec.format((String) input.get(i)));
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw new dev.floe.FloeException("printf's " + spec.text() + " cannot write " + input.get(i) + " (" + e.getMessage()
                        + ") at row " + (start + i) + ", in expression " + expression);
            }
        }
        return out.build();
    }

    /** A struct's field, null where the struct is. */
    private static Vector structField(Vector input, String name, DataType type) {
        if (!(input instanceof dev.floe.frame.column.StructVector struct)) {
            return Kernels.nulls(type, input.length());
        }
        int f = 0;
        while (!struct.type().fields().get(f).name().equals(name)) {
            f++;
        }
        Vector field = struct.field(f);
        if (struct.validity() == null) {
            return field;
        }
        return Kernels.withValidity(field, Kernels.and(struct.validity(), field.validity(), input.length()));
    }

    private static Vector math(ScalarFunction function, Vector input, DataType type) {
        double[] x = Kernels.doubles(input);
        int rows = input.length();
        double[] out = new double[rows];
        switch (function) {
            case SQRT -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.sqrt(x[i]);
                }
            }
            case EXP -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.exp(x[i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.log(x[i]);
                }
            }
            case LOG10 -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.log10(x[i]);
                }
            }
            case SIN -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.sin(x[i]);
                }
            }
            case TAN -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.tan(x[i]);
                }
            }
            case ARCSIN -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.asin(x[i]);
                }
            }
            case ARCCOS -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.acos(x[i]);
                }
            }
            case ARCTAN -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.atan(x[i]);
                }
            }
            case CBRT -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.cbrt(x[i]);
                }
            }
            default -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.cos(x[i]);
                }
            }
        }
        return Kernels.fromDoubles(type, out, rows, input.validity());
    }

    /** The input, once every present value is checked to be true; else the query fails with {@code message}. */
    private static Vector requireTrue(String message, Vector input, long start) {
        dev.floe.frame.column.ByteVector flags = (dev.floe.frame.column.ByteVector) input;
        byte[] values = flags.values();
        int offset = flags.offset();
        Validity validity = input.validity();
        int rows = input.length();
        for (int i = 0; i < rows; i++) {
            if (values[offset + i] == 0 && (validity == null || validity.isValid(i))) {
                throw new dev.floe.FloeException(message + " (row " + (start + i) + ")");
            }
        }
        return input;
    }

    /** The input, once every present value is checked: above 0, or not below 0. */
    private static Vector require(ScalarFunction function, String what, Vector input, long start, String expression) {
        double[] x = Kernels.doubles(input);
        Validity validity = input.validity();
        int rows = input.length();
        for (int i = 0; i < rows; i++) {
            double v = x[i];
            boolean ok = function == ScalarFunction.REQUIRE_POSITIVE ? !(v <= 0) : !(v < 0);
            if (!ok && (validity == null || validity.isValid(i))) {
                String problem = "cannot take " + what + (v == 0 ? " of zero" : " of a negative number");
                throw new dev.floe.frame.OutOfRangeException("out of range: " + problem + " (row " + (start + i)
                        + "), in expression " + expression);
            }
        }
        return input;
    }

    private static Vector rounding(ScalarFunction function, List<Object> parameters, Vector input, DataType type,
            long start, String expression) {
        if (input.type().isDecimal()) {
            int digits = function == ScalarFunction.ROUND ? ((Number) parameters.get(0)).intValue() : 0;
            return DecimalKernel.round(input, function == ScalarFunction.FLOOR ? java.math.RoundingMode.FLOOR
                    : function == ScalarFunction.CEIL ? java.math.RoundingMode.CEILING : java.math.RoundingMode.HALF_UP,
                    digits, type);
        }
        if (!type.isFloat()) {
            int decimals = function == ScalarFunction.ROUND ? ((Number) parameters.get(0)).intValue() : 0;
            return decimals >= 0 ? input : roundIntegers(input, type, -decimals, start, expression);
        }
        double[] x = Kernels.doubles(input);
        int rows = input.length();
        double[] out = new double[rows];
        if (function == ScalarFunction.ROUND) {
            // as DuckDB rounds: half away from zero on the scaled value; where the scale overflows,
            // the value itself (many digits kept) or 0 (many digits dropped)
            int decimals = ((Number) parameters.get(0)).intValue();
            if (decimals < 0) {
                double modifier = Math.pow(10, -(double) decimals);
                for (int i = 0; i < rows; i++) {
                    double rounded = roundHalfAway(x[i] / modifier) * modifier;
                    out[i] = Double.isFinite(rounded) ? rounded : 0;
                }
            } else {
                double modifier = Math.pow(10, decimals);
                for (int i = 0; i < rows; i++) {
                    double rounded = roundHalfAway(x[i] * modifier) / modifier;
                    out[i] = Double.isFinite(rounded) ? rounded : x[i];
                }
            }
        } else {
            boolean floor = function == ScalarFunction.FLOOR;
            for (int i = 0; i < rows; i++) {
                out[i] = floor ? Math.floor(x[i]) : Math.ceil(x[i]);
            }
        }
        return Kernels.fromDoubles(type, out, rows, input.validity());
    }

    /** The nearest whole number, halves away from zero (C's {@code round}); NaN and infinities as they are. */
    static double roundHalfAway(double value) {
        double magnitude = Math.abs(value);
        double whole = Math.floor(magnitude);
        if (magnitude - whole >= 0.5) {
            whole += 1;
        }
        return Math.copySign(whole, value);
    }

    /** Integers rounded to a multiple of {@code 10^digits}, halves away from zero; checked. */
    private static Vector roundIntegers(Vector input, DataType type, int digits, long start, String expression) {
        int rows = input.length();
        Validity validity = input.validity();
        if (type == DataType.INT128) {
            long[][] words = Kernels.int128Words(input);
            long[] high = new long[rows];
            long[] low = new long[rows];
            java.math.BigInteger power = java.math.BigInteger.TEN.pow(Math.min(digits, 40));
            for (int i = 0; i < rows; i++) {
                if (validity != null && !validity.isValid(i)) {
                    continue;
                }
                java.math.BigInteger value = dev.floe.frame.column.Int128.toBigInteger(words[0][i], words[1][i]);
                java.math.BigInteger[] qr = value.divideAndRemainder(power);
                java.math.BigInteger quotient = qr[1].abs().shiftLeft(1).compareTo(power) >= 0
                        ? qr[0].add(java.math.BigInteger.valueOf(value.signum())) : qr[0];
                java.math.BigInteger rounded = quotient.multiply(power);
                if (!dev.floe.frame.column.Int128.fits(rounded)) {
                    throw roundOverflow(value, digits, type, start + i, expression);
                }
                high[i] = dev.floe.frame.column.Int128.high(rounded);
                low[i] = dev.floe.frame.column.Int128.low(rounded);
            }
            return new dev.floe.frame.column.Int128Vector(high, low, 0, rows, validity);
        }
        long[] x = Kernels.longs(input);
        long[] out = new long[rows];
        if (digits >= 19) {
            // 10^19 is beyond a long: every value rounds to 0, or to 10^19 (which no long holds)
            for (int i = 0; i < rows; i++) {
                boolean present = validity == null || validity.isValid(i);
                if (present && digits == 19 && (x[i] >= 5_000_000_000_000_000_000L || x[i] <= -5_000_000_000_000_000_000L)) {
                    throw roundOverflow(java.math.BigInteger.valueOf(x[i]), digits, type, start + i, expression);
                }
            }
            return Kernels.fromLongs(type, out, rows, validity);
        }
        long power = 1;
        for (int d = 0; d < digits; d++) {
            power *= 10;
        }
        long half = power / 2;
        for (int i = 0; i < rows; i++) {
            long value = x[i];
            long quotient = value / power;
            long remainder = value % power;
            if (Math.abs(remainder) >= half) {
                quotient += value < 0 ? -1 : 1;
            }
            long high = Math.multiplyHigh(quotient, power);
            long rounded = quotient * power;
            boolean fits = high == (rounded >> 63) && switch (type.id()) {
                case INT32 -> rounded == (int) rounded;
                case INT16 -> rounded == (short) rounded;
                case INT8 -> rounded == (byte) rounded;
                default -> true;
            };
            if (!fits && (validity == null || validity.isValid(i))) {
                throw roundOverflow(java.math.BigInteger.valueOf(value), digits, type, start + i, expression);
            }
            out[i] = rounded;
        }
        return Kernels.fromLongs(type, out, rows, validity);
    }

    private static dev.floe.frame.OutOfRangeException roundOverflow(java.math.BigInteger value, int digits,
            DataType type, long row, String expression) {
        return new dev.floe.frame.OutOfRangeException("out of range: " + value + " rounded to a multiple of 10^"
                + digits + " does not fit " + type + " (row " + row + "), in expression " + expression);
    }

    private static Vector clip(List<Object> parameters, Vector input, DataType type) {
        Number low = (Number) parameters.get(0);
        Number high = (Number) parameters.get(1);
        int rows = input.length();
        if (type.isFloat()) {
            double min = low == null ? Double.NEGATIVE_INFINITY : low.doubleValue();
            double max = high == null ? Double.POSITIVE_INFINITY : high.doubleValue();
            double[] x = Kernels.doubles(input);
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = Double.isNaN(x[i]) ? x[i] : Math.min(Math.max(x[i], min), max);
            }
            return Kernels.fromDoubles(type, out, rows, input.validity());
        }
        long min = low == null ? Long.MIN_VALUE : low.longValue();
        long max = high == null ? Long.MAX_VALUE : high.longValue();
        long[] x = Kernels.longs(input);
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = Math.min(Math.max(x[i], min), max);
        }
        return Kernels.fromLongs(type, out, rows, input.validity());
    }

    private static Vector isNan(Vector input) {
        int rows = input.length();
        byte[] out = new byte[rows];
        if (input.type().isFloat()) {
            double[] x = Kernels.doubles(input);
            for (int i = 0; i < rows; i++) {
                out[i] = (byte) (Double.isNaN(x[i]) ? 1 : 0);
            }
        }
        return new dev.floe.frame.column.ByteVector(DataType.BOOLEAN, out, input.validity());
    }

    private static Vector isIn(List<Object> values, Vector input) {
        int rows = input.length();
        byte[] out = new byte[rows];
        DataType type = input.type();
        if (type.isText()) {
            List<byte[]> wanted = new ArrayList<>();
            for (Object value : values) {
                if (value != null) {
                    wanted.add(String.valueOf(value instanceof Enum<?> e ? e.name() : value).getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[][] sorted = wanted.toArray(byte[][]::new);
            Arrays.sort(sorted, Arrays::compareUnsigned);
            if (input instanceof CategoricalVector categorical && categorical.dictionary().values().length() <= rows) {
                // once per distinct value, then by code
                Utf8Vector entries = categorical.dictionary().values();
                byte[] found = new byte[entries.length()];
                containedIn(sorted, entries, found, entries.length());
                ComparisonKernel.byCode(categorical, found, out, rows);
            } else {
                containedIn(sorted, utf8(input), out, rows);
            }
        } else if (type.isFloat()) {
            // by value: -0.0 is 0.0, and NaN is among the values where NaN is listed; for a REAL among decimals and
            // whole numbers, each value as the REAL it rounds to, as = compares them (with a DOUBLE among them, the
            // list is of DOUBLEs, and so is the comparison, as DuckDB types the list)
            boolean single = type == DataType.FLOAT32
                    && values.stream().noneMatch(v -> v instanceof Double || v instanceof Float);
            double[] wanted = values.stream().filter(v -> v instanceof Number)
                    .mapToDouble(v -> (single ? (double) ((Number) v).floatValue() : ((Number) v).doubleValue()) + 0.0)
                    .sorted().toArray();
            double[] x = Kernels.doubles(input);
            for (int i = 0; i < rows; i++) {
                out[i] = Arrays.binarySearch(wanted, x[i] + 0.0) >= 0 ? (byte) 1 : 0;
            }
        } else if (type.isDecimal()) {
            List<java.math.BigInteger> wanted = decimalWholes(values, type);
            if (!type.isLongDecimal()) {
                return wordsMembership(wanted).apply(input);
            }
            integerSet(new ArrayList<>(wanted)).contains(Kernels.longs(input), rows, out);
        } else if (type == DataType.INT128) {
            List<java.math.BigInteger> wanted = new ArrayList<>();
            for (Object value : values) {
                java.math.BigInteger whole = value instanceof Number n ? dev.floe.frame.Types.exactInteger(n) : null;
                if (whole != null) {
                    wanted.add(whole);
                }
            }
            return wordsMembership(wanted).apply(input);
        } else {
            integerSet(values).contains(Kernels.longs(input), rows, out);
        }
        return Kernels.booleans(out, rows, input.validity());
    }

    /**
     * The values of an {@code IN} list among decimals of type {@code decimal}, as its whole numbers
     * of {@code 10^-scale}: each value as it is written, where the type holds it exactly (1.505 is
     * no {@code DECIMAL(10,2)} value, and matches none).
     */
    static List<java.math.BigInteger> decimalWholes(List<Object> values, DataType decimal) {
        List<java.math.BigInteger> wholes = new ArrayList<>();
        for (Object value : values) {
            java.math.BigDecimal exact = value == null ? null : dev.floe.frame.Types.exactDecimal(value);
            if (exact == null) {
                continue;
            }
            try {
                java.math.BigInteger whole = exact.setScale(decimal.scale()).unscaledValue();
                if (whole.abs().compareTo(java.math.BigInteger.TEN.pow(decimal.precision())) < 0) {
                    wholes.add(whole);
                }
            } catch (ArithmeticException moreDigits) {
                // matches no value of the type
            }
        }
        return wholes;
    }

    /**
     * For 128-bit values ({@code INT128}, or a wide decimal's whole numbers of {@code 10^-scale}),
     * the test of whether each is among {@code wanted} (values past 128 bits match nothing),
     * compared as words, the list's words made once.
     */
    static java.util.function.UnaryOperator<Vector> wordsMembership(List<java.math.BigInteger> wanted) {
        List<java.math.BigInteger> fitting = wanted.stream().filter(w -> w.bitLength() < 128).toList();
        long[] wantedHigh = new long[fitting.size()];
        long[] wantedLow = new long[fitting.size()];
        for (int w = 0; w < wantedLow.length; w++) {
            wantedHigh[w] = dev.floe.frame.column.Int128.high(fitting.get(w));
            wantedLow[w] = dev.floe.frame.column.Int128.low(fitting.get(w));
        }
        return input -> {
            int rows = input.length();
            byte[] out = new byte[rows];
            long[][] x = Kernels.int128Words(input);
            for (int i = 0; i < rows; i++) {
                for (int w = 0; w < wantedLow.length && out[i] == 0; w++) {
                    out[i] = x[0][i] == wantedHigh[w] && x[1][i] == wantedLow[w] ? (byte) 1 : 0;
                }
            }
            return Kernels.booleans(out, rows, input.validity());
        };
    }

    /**
     * The values of an {@code IN} list over whole numbers, dates, timestamps, durations or
     * booleans: a value with a fraction (2.5 among integers), or past the range (1e30), matches nothing.
     */
    static IntegerSet integerSet(List<Object> values) {
        return IntegerSet.of(values.stream().map(FunctionKernel::asLong).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).sorted().toArray());
    }

    /** Whether {@link #isIn} looks for the values among numbers held as longs ({@link #integerSet}). */
    static boolean integerMembership(DataType type) {
        return !type.isText() && !type.isFloat() && type != DataType.INT128 && type != DataType.NULL && !type.isNested()
                && !type.isDecimal();
    }

    /** {@link #isIn} with the values prepared once ({@link #integerSet}), for an input that {@link #integerMembership} takes. */
    static Vector isIn(IntegerSet set, Vector input) {
        int rows = input.length();
        byte[] out = new byte[rows];
        set.contains(Kernels.longs(input), rows, out);
        return Kernels.booleans(out, rows, input.validity());
    }

    /** A listed value as the 64-bit value of an integer or temporal column, or null where it equals none. */
    private static Long asLong(Object value) {
        return switch (value) {
            case null -> null;
            case Boolean b -> b ? 1L : 0L;
            case java.time.LocalDate d -> d.toEpochDay();
            case java.time.LocalDateTime d -> dev.floe.frame.column.Temporals.micros(d);
            case java.time.Duration d -> dev.floe.frame.column.Temporals.micros(d);
            case Number n -> dev.floe.frame.Types.exactLong(n);
            default -> throw new IllegalArgumentException("cannot look for " + value + " among numbers");
        };
    }

    /**
     * For each of {@code rows} strings, 1 where it is among {@code sorted}. A string whose length
     * no wanted value has is not looked for (most rows, for a short list of codes or names); one of
     * at most {@link #PACKED_BYTES} bytes is looked for as a number (its bytes and its length in
     * one long) among the wanted values of such lengths, a binary search of longs.
     */
    private static void containedIn(byte[][] sorted, Utf8Vector text, byte[] out, int rows) {
        int longest = 0;
        for (byte[] value : sorted) {
            longest = Math.max(longest, value.length);
        }
        boolean[] lengths = new boolean[longest + 1];
        int shortOnes = 0;
        for (byte[] value : sorted) {
            lengths[value.length] = true;
            shortOnes += value.length <= PACKED_BYTES ? 1 : 0;
        }
        long[] packed = new long[shortOnes];
        int at = 0;
        for (byte[] value : sorted) {
            if (value.length <= PACKED_BYTES) {
                packed[at++] = packed(value, 0, value.length);
            }
        }
        Arrays.sort(packed);
        byte[] data = text.data();
        int[] offsets = text.offsets();
        int base = text.offset();
        int wordsEnd = data.length - 8; // a value starting at or before this is read as one word
        for (int i = 0; i < rows; i++) {
            int start = offsets[base + i];
            int length = offsets[base + i + 1] - start;
            boolean found = false;
            if (length <= longest && lengths[length]) {
                if (length <= PACKED_BYTES) {
                    long key = start <= wordsEnd ? packedWord(data, start, length) : packed(data, start, length);
                    found = packed.length <= SCANNED_VALUES ? scan(packed, key) : Arrays.binarySearch(packed, key) >= 0;
                } else {
                    found = contains(sorted, data, start, length);
                }
            }
            out[i] = found ? (byte) 1 : 0;
        }
    }

    /** Up to this many packed values are looked through in turn rather than searched. */
    private static final int SCANNED_VALUES = 8;

    private static boolean scan(long[] values, long key) {
        for (long value : values) {
            if (value == key) {
                return true;
            }
        }
        return false;
    }

    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** {@link #packed} from one read of the eight bytes at {@code start} (which must lie in {@code data}). */
    private static long packedWord(byte[] data, int start, int length) {
        long bytes = (long) LONG.get(data, start) & ((1L << (8 * length)) - 1); // length is below 8
        return bytes | (long) length << 56;
    }

    /** The longest strings {@link #containedIn} compares as numbers. */
    private static final int PACKED_BYTES = 7;

    /** Bytes {@code [start, start + length)} (at most {@link #PACKED_BYTES}) and their count in one long: equal for equal strings only. */
    private static long packed(byte[] data, int start, int length) {
        long key = (long) length << 56;
        for (int b = 0; b < length; b++) {
            key |= (data[start + b] & 0xFFL) << (8 * b);
        }
        return key;
    }

    private static boolean contains(byte[][] sorted, byte[] data, int start, int length) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            byte[] candidate = sorted[middle];
            int order = Arrays.compareUnsigned(candidate, 0, candidate.length, data, start, start + length);
            if (order == 0) {
                return true;
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return false;
    }

    // ---- dates ----------------------------------------------------------------------------------

    /**
     * Dates or datetimes moved by {@code months} calendar months, as microseconds: the day of
     * month kept, or the new month's last day where it has fewer days; the time of day kept.
     */
    private static Vector addMonths(long months, Vector input, long start, String expression) {
        long[] values = Kernels.longs(input);
        boolean datetime = input.type() == DataType.DATETIME;
        int rows = input.length();
        long[] out = new long[rows];
        Validity validity = input.validity();
        for (int i = 0; i < rows; i++) {
            if (validity != null && !validity.isValid(i)) {
                continue;
            }
            long days = datetime ? Math.floorDiv(values[i], MICROS_PER_DAY) : values[i];
            long time = datetime ? Math.floorMod(values[i], MICROS_PER_DAY) : 0;
            long[] civil = civilFromDays(days);
            long month = civil[0] * 12 + (civil[1] - 1) + months;
            long year = Math.floorDiv(month, 12);
            int monthOfYear = (int) Math.floorMod(month, 12) + 1;
            if (year < -290_000 || year > 290_000) {
                throw new dev.floe.frame.OutOfRangeException("out of range: " + months + " months from the value of row "
                        + (start + i) + " leave the datetime range, in expression " + expression);
            }
            long day = Math.min(civil[2], daysInMonth(year, monthOfYear));
            out[i] = daysFromCivil(year, monthOfYear, day) * MICROS_PER_DAY + time;
        }
        return Kernels.fromLongs(DataType.DATETIME, out, rows, validity);
    }

    private static long daysInMonth(long year, int month) {
        return switch (month) {
            case 4, 6, 9, 11 -> 30;
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            default -> 31;
        };
    }

    /** The day number (days since 1970-01-01) of a proleptic Gregorian date. */
    static long daysFromCivil(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Year, month and day of a day number (days since 1970-01-01), proleptic Gregorian. */
    static long[] civilFromDays(long days) {
        long packed = TemporalKernel.civil(days); // year << 9 | month << 5 | day
        return new long[] {packed >> 9, (packed >> 5) & 15, packed & 31};
    }

    // ---- text -----------------------------------------------------------------------------------

    /** Row-wise {@code a || b}: null where either is null. */
    static Vector concat(Vector a, Vector b) {
        int rows = a.length();
        if (a.type() == DataType.NULL || b.type() == DataType.NULL) {
            return Kernels.nulls(DataType.UTF8, rows);
        }
        Utf8Vector left = utf8(a);
        Utf8Vector right = utf8(b);
        Utf8Vector.Builder out = new Utf8Vector.Builder(rows, left.data().length + right.data().length);
        for (int i = 0; i < rows; i++) {
            if (left.isNull(i) || right.isNull(i)) {
                out.appendNull();
            } else {
                out.append(left.data(), left.start(i), left.byteLength(i));
                out.appendMore(right.data(), right.start(i), right.byteLength(i));
            }
        }
        return out.build();
    }

    static Utf8Vector utf8(Vector input) {
        return input instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) input;
    }

    private static Vector text(ScalarFunction function, List<Object> parameters, Vector input) {
        if (input instanceof CategoricalVector categorical && categorical.dictionary().size() > categorical.length()) {
            // a dictionary larger than the chunk (a lineage grown over many chunks): row by row
            return text(function, parameters, CastKernel.categoricalToText(categorical));
        }
        if (input instanceof CategoricalVector categorical) {
            // once per distinct value, then gathered by code
            Vector perValue = text(function, parameters, categorical.dictionary().values());
            int[] codes = new int[categorical.length()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = categorical.isNull(i) ? 0 : categorical.codes()[categorical.offset() + i];
            }
            Vector gathered = perValue.length() == 0 ? Kernels.nulls(perValue.type(), codes.length)
                    : Kernels.gather(perValue, codes, codes.length);
            return Kernels.withValidity(gathered, Kernels.and(gathered.validity(), categorical.validity(), codes.length));
        }
        Utf8Vector text = (Utf8Vector) input;
        if (TextKernel.handles(function)) {
            return TextKernel.apply(function, parameters, text);
        }
        int rows = text.length();
        byte[] data = text.data();
        Validity validity = text.validity();
        switch (function) {
            case STR_DIGEST -> {
                java.security.MessageDigest digest;
                try {
                    digest = java.security.MessageDigest.getInstance((String) parameters.get(0));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalArgumentException("no digest " + parameters.get(0) + " in this JVM", e);
                }
                byte[] hash = new byte[digest.getDigestLength()];
                byte[] hex = new byte[hash.length * 2];
                Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows * hex.length);
                for (int i = 0; i < rows; i++) {
                    if (text.isNull(i)) {
                        out.appendNull();
                        continue;
                    }
                    digest.update(data, text.start(i), text.byteLength(i));
                    try {
                        digest.digest(hash, 0, hash.length);
                    } catch (java.security.DigestException e) {
                        throw new IllegalStateException(e);
                    }
                    for (int b = 0; b < hash.length; b++) {
                        hex[2 * b] = HEX[(hash[b] >> 4) & 0xF];
                        hex[2 * b + 1] = HEX[hash[b] & 0xF];
                    }
                    out.append(hex, 0, hex.length);
                }
                return out.build();
            }
            case TO_BASE -> {
                boolean hex = ((Number) parameters.get(0)).intValue() == 16;
                Utf8Vector.Builder out = new Utf8Vector.Builder(rows, 0);
                byte[] digits = new byte[64];
                for (int i = 0; i < rows; i++) {
                    if (text.isNull(i)) {
                        out.appendNull();
                        continue;
                    }
                    int from = text.start(i);
                    int length = text.byteLength(i);
                    int each = hex ? 2 : 8;
                    if (digits.length < length * each) {
                        digits = new byte[length * each];
                    }
                    for (int k = 0; k < length; k++) {
                        int value = data[from + k] & 0xFF;
                        for (int d = each - 1, shift = 0; d >= 0; d--, shift += hex ? 4 : 1) {
                            digits[k * each + d] = UPPER_HEX[(value >>> shift) & (hex ? 0xF : 1)];
                        }
                    }
                    out.append(digits, 0, length * each);
                }
                return out.build();
            }
            case FIRST_CODE_POINT -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    int length = text.byteLength(i);
                    int at = text.start(i);
                    out[i] = length == 0 ? 0 : codePoint(data, at, Math.min(utf8Length(data[at]), length));
                }
                return Kernels.fromLongs(DataType.INT32, out, rows, validity);
            }
            case STR_LEN_BYTES -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = text.byteLength(i);
                }
                return Kernels.fromLongs(DataType.INT32, out, rows, validity);
            }
            case STR_LEN -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    int start = text.start(i);
                    int end = start + text.byteLength(i);
                    int count = 0;
                    for (int b = start; b < end; b++) {
                        count += (data[b] & 0xC0) != 0x80 ? 1 : 0; // not a continuation byte
                    }
                    out[i] = count;
                }
                return Kernels.fromLongs(DataType.INT32, out, rows, validity);
            }
            case STR_SPLIT -> {
                byte[] separator = ((String) parameters.get(0)).getBytes(StandardCharsets.UTF_8);
                Utf8Vector.Builder parts = new Utf8Vector.Builder(rows * 2, data.length);
                int[] offsets = new int[rows + 1];
                for (int i = 0; i < rows; i++) {
                    if (!text.isNull(i)) {
                        int start = text.start(i);
                        int end = start + text.byteLength(i);
                        int at;
                        while ((at = indexOf(data, start, end, separator)) >= 0) {
                            parts.append(data, start, at - start);
                            start = at + separator.length;
                        }
                        parts.append(data, start, end - start);
                    }
                    offsets[i + 1] = parts.length();
                }
                return new dev.floe.frame.column.ListVector(offsets, parts.build(), 0, rows, validity);
            }
            case LIKE -> {
                LikePattern pattern = LikePattern.compile((String) parameters.get(0),
                        Boolean.TRUE.equals(parameters.get(1)), (String) parameters.get(2));
                byte[] out = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = pattern.matches(data, text.start(i), text.start(i) + text.byteLength(i)) ? (byte) 1 : 0;
                }
                return Kernels.booleans(out, rows, validity);
            }
            case CONTAINS, STARTS_WITH, ENDS_WITH -> {
                byte[] pattern = ((String) parameters.get(0)).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    int start = text.start(i);
                    int length = text.byteLength(i);
                    boolean found = switch (function) {
                        case STARTS_WITH -> length >= pattern.length
                                && Arrays.equals(data, start, start + pattern.length, pattern, 0, pattern.length);
                        case ENDS_WITH -> length >= pattern.length && Arrays.equals(data, start + length - pattern.length,
                                start + length, pattern, 0, pattern.length);
                        default -> indexOf(data, start, start + length, pattern) >= 0;
                    };
                    out[i] = found ? (byte) 1 : 0;
                }
                return Kernels.booleans(out, rows, validity);
            }
            default -> {
                Utf8Vector.Builder builder = new Utf8Vector.Builder(rows, data.length);
                for (int i = 0; i < rows; i++) {
                    if (text.isNull(i)) {
                        builder.appendNull();
                    } else {
                        transform(function, parameters, data, text.start(i), text.byteLength(i), builder);
                    }
                }
                return builder.build();
            }
        }
    }

    /** Appends the function of {@code data[start, start + length)} to {@code out}. */
    private static void transform(ScalarFunction function, List<Object> parameters, byte[] data, int start, int length,
            Utf8Vector.Builder out) {
        int end = start + length;
        switch (function) {
            case UPPER, LOWER -> {
                boolean ascii = true;
                for (int b = start; b < end && ascii; b++) {
                    ascii = data[b] >= 0;
                }
                if (ascii) {
                    byte[] copy = Arrays.copyOfRange(data, start, end);
                    for (int b = 0; b < copy.length; b++) {
                        byte c = copy[b];
                        if (function == ScalarFunction.UPPER && c >= 'a' && c <= 'z') {
                            copy[b] = (byte) (c - 32);
                        } else if (function == ScalarFunction.LOWER && c >= 'A' && c <= 'Z') {
                            copy[b] = (byte) (c + 32);
                        }
                    }
                    out.append(copy, 0, copy.length);
                } else {
                    String value = new String(data, start, length, StandardCharsets.UTF_8);
                    out.append(function == ScalarFunction.UPPER ? CaseMapping.upper(value) : CaseMapping.lower(value));
                }
            }
            case STRIP -> {
                String side = parameters.isEmpty() ? "both" : (String) parameters.get(0);
                String characters = parameters.size() < 2 ? null : (String) parameters.get(1);
                int from = start;
                int to = end;
                boolean front = !side.equals("end");
                boolean back = !side.equals("start");
                if (characters == null) {
                    while (front && from < to && isSpace(data[from])) {
                        from++;
                    }
                    while (back && to > from && isSpace(data[to - 1])) {
                        to--;
                    }
                } else {
                    // the characters are whole code points: step over UTF-8 sequences, not bytes
                    while (front && from < to) {
                        int bytes = Math.min(utf8Length(data[from]), to - from);
                        if (characters.indexOf(codePoint(data, from, bytes)) < 0) {
                            break;
                        }
                        from += bytes;
                    }
                    while (back && to > from) {
                        int last = to - 1;
                        while (last > from && (data[last] & 0xC0) == 0x80) {
                            last--;
                        }
                        if (characters.indexOf(codePoint(data, last, to - last)) < 0) {
                            break;
                        }
                        to = last;
                    }
                }
                out.append(data, from, to - from);
            }
            case SPLIT_FIRST -> {
                byte[] separator = ((String) parameters.get(0)).getBytes(StandardCharsets.UTF_8);
                int at = indexOf(data, start, end, separator);
                out.append(data, start, (at < 0 ? end : at) - start);
            }
            case REPLACE -> {
                byte[] pattern = ((String) parameters.get(0)).getBytes(StandardCharsets.UTF_8);
                byte[] replacement = ((String) parameters.get(1)).getBytes(StandardCharsets.UTF_8);
                java.io.ByteArrayOutputStream result = new java.io.ByteArrayOutputStream(length);
                int from = start;
                int at;
                while ((at = indexOf(data, from, end, pattern)) >= 0) {
                    result.write(data, from, at - from);
                    result.write(replacement, 0, replacement.length);
                    from = at + pattern.length;
                }
                result.write(data, from, end - from);
                byte[] bytes = result.toByteArray();
                out.append(bytes, 0, bytes.length);
            }
            case STR_HEAD, STR_TAIL -> {
                int n = ((Number) parameters.get(0)).intValue();
                int chars = 0;
                for (int b = start; b < end; b++) {
                    chars += (data[b] & 0xC0) != 0x80 ? 1 : 0;
                }
                int kept = n >= 0 ? Math.min(n, chars) : Math.max(0, chars + n);
                int first = function == ScalarFunction.STR_HEAD ? 0 : chars - kept;
                int from = byteOfChar(data, start, end, first);
                int to = byteOfChar(data, start, end, first + kept);
                out.append(data, from, to - from);
            }
            case STR_SLICE -> {
                int offset = ((Number) parameters.get(0)).intValue();
                int count = ((Number) parameters.get(1)).intValue();
                int chars = 0;
                for (int b = start; b < end; b++) {
                    chars += (data[b] & 0xC0) != 0x80 ? 1 : 0;
                }
                // the window [offset, offset + count) from the start, or from the end where offset is negative, cut
                // to the text: one that begins before the text keeps only what of it lies inside, as in DuckDB
                // (substring('ab', -3, 1) is '')
                long begin = offset < 0 ? (long) chars + offset : offset;
                int first = (int) Math.max(0, Math.min(begin, chars));
                int last = (int) Math.max(first, Math.min(begin + count, chars));
                int from = byteOfChar(data, start, end, first);
                int to = byteOfChar(data, start, end, last);
                out.append(data, from, to - from);
            }
            default -> throw new IllegalArgumentException(function + " is not a text transformation");
        }
    }

    /** The byte where character {@code index} of {@code data[start, end)} begins ({@code end} past the last). */
    private static int byteOfChar(byte[] data, int start, int end, int index) {
        int chars = 0;
        for (int b = start; b < end; b++) {
            if ((data[b] & 0xC0) != 0x80) {
                if (chars == index) {
                    return b;
                }
                chars++;
            }
        }
        return end;
    }

    /** Each integer's character; one that is no code point fails, naming it and its row. */
    private static Vector codePointText(Vector input, long start, String expression) {
        int rows = input.length();
        long[] values = Kernels.longs(input);
        Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows);
        StringBuilder one = new StringBuilder(2);
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                out.appendNull();
                continue;
            }
            long code = values[i];
            if (code < 0 || code > Character.MAX_CODE_POINT || code >= Character.MIN_SURROGATE
                    && code <= Character.MAX_SURROGATE) {
                throw new dev.floe.frame.OutOfRangeException("out of range: " + code + " is not a Unicode code point (row "
                        + (start + i) + "), in expression " + expression);
            }
            one.setLength(0);
            out.append(one.appendCodePoint((int) code).toString());
        }
        return out.build();
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * Integers' two's complement bits (64 of them; 128 for an {@code i128}) in base 16 or 2, without
     * leading zeros ("0" for 0).
     */
    private static Vector integerDigits(int radix, Vector input) {
        int rows = input.length();
        int bitsPerDigit = radix == 16 ? 4 : 1;
        long[][] words = input.type() == DataType.INT128 ? Kernels.int128Words(input) : null;
        long[] low = words == null ? Kernels.longs(input) : words[1];
        Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows * 4);
        byte[] digits = new byte[128];
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                out.appendNull();
                continue;
            }
            long high = words == null ? 0 : words[0][i];
            int count = 0;
            // the digits from the last, over the 64 or 128 bits, then the leading zeros dropped
            int width = words == null ? 64 : 128;
            for (int shift = 0; shift < width; shift += bitsPerDigit) {
                long word = shift < 64 ? low[i] >>> shift : high >>> (shift - 64);
                digits[127 - count++] = UPPER_HEX[(int) (word & (radix - 1))];
            }
            int first = 128 - count;
            while (first < 127 && digits[first] == '0') {
                first++;
            }
            out.append(digits, first, 128 - first);
        }
        return out.build();
    }

    /** The code point of the UTF-8 sequence of {@code length} bytes at {@code data[at]}. */
    static int codePoint(byte[] data, int at, int length) {
        int code = data[at] & 0xFF;
        if (length == 1) {
            return code;
        }
        code &= 0x7F >> length;
        for (int k = 1; k < length; k++) {
            code = code << 6 | data[at + k] & 0x3F;
        }
        return code;
    }

    /** The bytes of the UTF-8 sequence that {@code lead} begins. */
    static int utf8Length(byte lead) {
        int b = lead & 0xFF;
        return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f';
    }

    /** The first position of {@code pattern} in {@code data[from, to)}, or -1. */
    static int indexOf(byte[] data, int from, int to, byte[] pattern) {
        if (pattern.length == 0) {
            return from;
        }
        byte first = pattern[0];
        for (int i = from; i <= to - pattern.length; i++) {
            if (data[i] == first && Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
