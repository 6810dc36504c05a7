package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
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
import dev.floe.frame.expr.UnaryOperator;
import dev.floe.frame.expr.When;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link Expr} into a {@link PhysicalExpr} for one schema: columns become positions,
 * literals take the type their context gives them, and operands are cast to the type their
 * operation works in.
 */
public final class ExprCompiler {
    private ExprCompiler() {}

    /** Compiles {@code expr} against {@code schema}; it must type-check there. */
    public static PhysicalExpr compile(Expr expr, Schema schema) {
        DataType type = ExprTyper.typeOf(expr, schema);
        return compile(expr, schema, type);
    }

    /** Compiles {@code expr}, a literal taking type {@code type} (the type its context settled). */
    private static PhysicalExpr compile(Expr expr, Schema schema, DataType type) {
        return switch (expr) {
            case Col col -> new ColumnRef(schema.indexOf(col.name()), type);
            case dev.floe.frame.expr.Columns columns -> throw new IllegalStateException("unexpanded " + columns);
            case Lit lit -> new Constant(type, lit.type() == type ? lit.value() : convert(lit.value(), type));
            case Alias alias -> compile(alias.input(), schema, type);
            case Unary unary -> new UnaryExpr(unary.operator(), compile(unary.input(), schema), type, unary.toString());
            case Binary binary -> binary(binary, schema, type);
            case Cast cast -> new CastExpr(compile(cast.input(), schema), cast.type(), cast.strict(), cast.toString());
            case FillNull fill -> new FillNullExpr(coerce(fill.input(), schema, type),
                    coerce(fill.fill(), schema, type), type);
            case When when -> {
                List<PhysicalExpr> conditions = new ArrayList<>();
                List<PhysicalExpr> values = new ArrayList<>();
                for (When.Branch branch : when.branches()) {
                    conditions.add(compile(branch.condition(), schema));
                    values.add(coerce(branch.value(), schema, type));
                }
                yield new WhenExpr(conditions, values, coerce(when.otherwise(), schema, type), type);
            }
            case dev.floe.frame.expr.Call call when call.function() == dev.floe.frame.expr.ScalarFunction.IS_IN
                    && datesAmongTimestamps(call, schema) -> {
                // dates and timestamps looked for as timestamps (a date at its midnight)
                List<Object> values = new ArrayList<>();
                for (Object value : call.parameters()) {
                    values.add(value instanceof java.time.LocalDate date ? date.atStartOfDay() : value);
                }
                Expr input = ExprTyper.typeOf(call.input(), schema) == DataType.DATE
                        ? call.input().cast(DataType.DATETIME) : call.input();
                yield compile(new dev.floe.frame.expr.Call(call.function(), input, values), schema, type);
            }
            case dev.floe.frame.expr.Call call when call.function() == dev.floe.frame.expr.ScalarFunction.IS_IN
                    && FunctionKernel.integerMembership(ExprTyper.typeOf(call.input(), schema)) -> {
                // the list prepared once, not for every batch
                IntegerSet set = FunctionKernel.integerSet(call.parameters());
                yield new InExpr(compile(call.input(), schema), values -> FunctionKernel.isIn(set, values));
            }
            case dev.floe.frame.expr.Call call when call.function() == dev.floe.frame.expr.ScalarFunction.IS_IN
                    && ExprTyper.typeOf(call.input(), schema).isDecimal() -> {
                // decimals as their whole numbers of 10^-scale: each value as it is written, where the
                // type holds it exactly (1.505 is no DECIMAL(10,2) value); up to 18 digits in 64 bits
                DataType decimal = ExprTyper.typeOf(call.input(), schema);
                List<java.math.BigInteger> wholes = FunctionKernel.decimalWholes(call.parameters(), decimal);
                PhysicalExpr input = compile(call.input(), schema);
                if (decimal.isLongDecimal()) {
                    IntegerSet set = FunctionKernel.integerSet(new ArrayList<>(wholes));
                    yield new InExpr(input, values -> FunctionKernel.isIn(set, values));
                }
                yield new InExpr(input, FunctionKernel.wordsMembership(wholes));
            }
            case dev.floe.frame.expr.Call call -> new CallExpr(call.function(), call.parameters(),
                    compile(call.input(), schema), type, call.toString());
            case dev.floe.frame.expr.MultiCall call when call.function() == dev.floe.frame.expr.ScalarFunction.RANDOM
                    || call.function() == dev.floe.frame.expr.ScalarFunction.UUID ->
                    new RandomExpr(call.function() == dev.floe.frame.expr.ScalarFunction.UUID,
                            ((Number) call.parameters().get(0)).longValue());
            case dev.floe.frame.expr.MultiCall call when call.function() == dev.floe.frame.expr.ScalarFunction.LIST_RESIZE
                    && call.inputs().size() == 3 && type != DataType.LIST_NULL
                    && ExprTyper.typeOf(call.inputs().get(2), schema) != type.elementType()
                    && ExprTyper.typeOf(call.inputs().get(2), schema) != DataType.NULL -> {
                // the fill widened to the elements' type (the typer allows no other)
                List<Expr> inputs = new ArrayList<>(call.inputs());
                inputs.set(2, inputs.get(2).cast(type.elementType()));
                yield compile(new dev.floe.frame.expr.MultiCall(call.function(), inputs, call.parameters()), schema);
            }
            case dev.floe.frame.expr.MultiCall call when call.function() == dev.floe.frame.expr.ScalarFunction.NEXTVAL
                    || call.function() == dev.floe.frame.expr.ScalarFunction.CURRVAL ->
                    new SequenceExpr((dev.floe.frame.expr.ValueSequence) call.parameters().get(0),
                            call.function() == dev.floe.frame.expr.ScalarFunction.NEXTVAL);
            case dev.floe.frame.expr.MultiCall call when call.function() == dev.floe.frame.expr.ScalarFunction.PER_VALUE ->
                    new PerValueExpr((dev.floe.frame.expr.PerValue) call.parameters().get(0),
                            call.inputs().stream().map(input -> compile(input, schema)).toList(), call.toString());
            case dev.floe.frame.expr.MultiCall call -> new MultiCallExpr(call.function(), call.parameters(),
                    call.inputs().stream().map(input -> compile(input, schema)).toList(), type, call.toString());
            case dev.floe.frame.expr.ListLambda lambda -> lambda(lambda, schema, type);
            case dev.floe.frame.expr.Cut cut when !cut.dependsOnData() -> {
                double[] edges = cut.breaks().stream().mapToDouble(Double::doubleValue).toArray();
                PhysicalExpr input = compile(cut.input(), schema);
                yield new PhysicalExpr() {
                    @Override
                    public DataType type() {
                        return DataType.CATEGORICAL;
                    }

                    @Override
                    public Vector evaluate(Batch batch) {
                        return CutKernel.bin(input.evaluate(batch), edges, false, cut.labels());
                    }
                };
            }
            case dev.floe.frame.expr.Cut cut -> throw new IllegalStateException(
                    "bins cut from the data are computed by a window step, not row-wise: " + cut);
            case dev.floe.frame.expr.Over over -> throw new IllegalStateException(
                    "a window is computed by a window step, not row-wise: " + over);
            case dev.floe.frame.expr.Agg agg -> throw new IllegalStateException(
                    "an aggregation is computed by the aggregation operator, not compiled row-wise: " + agg);
        };
    }

    /** A lambda: its inputs over {@code schema}, its body over its own columns, each value cast to what it folds to. */
    private static PhysicalExpr lambda(dev.floe.frame.expr.ListLambda lambda, Schema schema, DataType type) {
        Schema own = ExprTyper.lambdaSchema(lambda, schema);
        if (lambda.kind() == dev.floe.frame.expr.ListLambda.Kind.AGGREGATE) {
            return ListAggregateExpr.of(lambda, schema, own, type);
        }
        boolean folds = lambda.kind() == dev.floe.frame.expr.ListLambda.Kind.REDUCE;
        PhysicalExpr body = folds ? coerce(lambda.body(), own, type) : compile(lambda.body(), own);
        PhysicalExpr initial = lambda.initial() == null ? null : coerce(lambda.initial(), schema, type);
        List<PhysicalExpr> captures = new ArrayList<>();
        for (Expr capture : lambda.captures()) {
            captures.add(compile(capture, schema));
        }
        return new ListLambdaExpr(lambda.kind(), compile(lambda.input(), schema), initial, captures, body,
                lambda.readsIndex(), type, lambda.toString());
    }

    private static PhysicalExpr binary(Binary binary, Schema schema, DataType type) {
        DataType left = ExprTyper.typeOf(binary.left(), schema);
        DataType right = ExprTyper.typeOf(binary.right(), schema);
        DataType leftType = ExprTyper.literalType(binary.left(), right, left);
        DataType rightType = ExprTyper.literalType(binary.right(), left, right);
        PhysicalExpr l = compile(binary.left(), schema, leftType);
        PhysicalExpr r = compile(binary.right(), schema, rightType);
        BinaryOperator operator = binary.operator();
        if (operator.isLogical()) {
            return new LogicExpr(operator, l, r);
        }
        if ((leftType.isDecimal() || rightType.isDecimal()) && leftType != rightType
                && leftType != DataType.NULL && rightType != DataType.NULL
                && (operator.isComparison() || operator.isArithmetic())) {
            // both sides in one type first: decimals of one scale compare and compute as whole numbers
            if (operator.isComparison() || !type.isDecimal() || operator != BinaryOperator.MUL) {
                // a comparison in the type that holds both; a sum or difference in its result's type
                DataType target = operator.isComparison() ? dev.floe.frame.Types.comparisonType(leftType, rightType)
                        : type;
                l = coerced(l, leftType, target, binary.left());
                r = coerced(r, rightType, target, binary.right());
            } else {
                // a product keeps each side's scale: the whole numbers' product has their sum
                l = coerced(l, leftType, dev.floe.frame.Types.asDecimal(leftType), binary.left());
                r = coerced(r, rightType, dev.floe.frame.Types.asDecimal(rightType), binary.right());
            }
        }
        if (operator.isComparison() && ExprTyper.dateWithTimestamp(leftType, rightType)) {
            // the date at its midnight
            l = coerced(l, leftType, DataType.DATETIME, binary.left());
            r = coerced(r, rightType, DataType.DATETIME, binary.right());
        }
        if (operator.isComparison()) {
            return new CompareExpr(operator, l, r);
        }
        if (operator == BinaryOperator.CONCAT) {
            return new ConcatExpr(l, r);
        }
        return new ArithmeticExpr(operator, l, r, type, binary.toString());
    }

    /**
     * Whether {@code call} ({@code IS_IN}) looks for timestamps among dates or for dates among
     * timestamps, which it does as timestamps.
     */
    private static boolean datesAmongTimestamps(dev.floe.frame.expr.Call call, Schema schema) {
        DataType input = ExprTyper.typeOf(call.input(), schema);
        if (input != DataType.DATE && input != DataType.DATETIME) {
            return false;
        }
        for (Object value : call.parameters()) {
            if (input == DataType.DATE ? value instanceof java.time.LocalDateTime : value instanceof java.time.LocalDate) {
                return true;
            }
        }
        return false;
    }

    /** {@code compiled}, of type {@code own}, cast to {@code type} where that differs. */
    private static PhysicalExpr coerced(PhysicalExpr compiled, DataType own, DataType type, Expr expr) {
        if (own == type) {
            return compiled;
        }
        if (compiled instanceof Constant constant) {
            // a literal cast once, here, and kept a constant (so filters compare with it in place)
            Object value = constant.single() == null ? null
                    : CastKernel.cast(constant.single(), type, true, 0, expr + ".cast(" + type + ")").get(0);
            return new Constant(type, value);
        }
        return new CastExpr(compiled, type, true, expr + ".cast(" + type + ")");
    }

    /** {@code expr} compiled and, if its type differs, cast to {@code type}. */
    private static PhysicalExpr coerce(Expr expr, Schema schema, DataType type) {
        DataType own = ExprTyper.typeOf(expr, schema);
        if (expr instanceof Lit lit) {
            return new Constant(type, convert(lit.value(), type));
        }
        PhysicalExpr compiled = compile(expr, schema, own);
        return own == type ? compiled : new CastExpr(compiled, type, true, expr + ".cast(" + type + ")");
    }

    /** A literal's value as a Java value of {@code type}. */
    private static Object convert(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type.isDecimal()) {
            // rounded half away from zero to the type's scale, as a cast rounds (a supertype of two
            // decimals may hold fewer digits after the point); the builder refuses what does not fit
            java.math.BigDecimal exact = dev.floe.frame.Types.exactDecimal(value);
            return exact == null ? value : exact.setScale(type.scale(), java.math.RoundingMode.HALF_UP);
        }
        if (value instanceof Number n) {
            return switch (type.id()) {
                case INT8 -> n.byteValue();
                case INT16 -> n.shortValue();
                case INT32 -> n.intValue();
                case INT64 -> n.longValue();
                case FLOAT32 -> n.floatValue();
                case FLOAT64 -> n.doubleValue();
                default -> value;
            };
        }
        return value;
    }

    // ---- the physical expressions -----------------------------------------------------------

    record ColumnRef(int index, DataType type) implements PhysicalExpr {
        @Override
        public Vector evaluate(Batch batch) {
            return batch.column(index);
        }
    }

    /** A literal; {@code single} is its value as a vector of one row (null for a null literal). */
    record Constant(DataType type, Object value, Vector single) implements PhysicalExpr {
        Constant(DataType type, Object value) {
            this(type, value, value == null ? null
                    : dev.floe.frame.column.ColumnBuilder.of(type, "literal", 1).append(value).build().chunk(0));
        }

        @Override
        public Vector evaluate(Batch batch) {
            return single == null ? Kernels.nulls(type, batch.rows()) : Kernels.repeat(single, batch.rows());
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    }

    record ArithmeticExpr(BinaryOperator operator, PhysicalExpr left, PhysicalExpr right, DataType type, String text)
            implements PhysicalExpr {
        /**
         * Arithmetic with a present constant reads the constant once, not a column of it: floats,
         * and {@code + - *} of whole numbers and of decimals held in longs.
         */
        @Override
        public Vector evaluate(Batch batch) {
            if (type != DataType.TIME) {
                return arithmetic(batch, type);
            }
            // a time of day moved by a duration: the microseconds moved (checked), then on the clock, round past midnight
            Vector moved = arithmetic(batch, DataType.DURATION);
            long[] micros = Kernels.longs(moved);
            int rows = moved.length();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = Math.floorMod(micros[i], MICROS_PER_DAY);
            }
            return Kernels.fromLongs(DataType.TIME, out, rows, moved.validity());
        }

        private static final long MICROS_PER_DAY = 86_400_000_000L;

        private Vector arithmetic(Batch batch, DataType type) {
            boolean constantFirst = left instanceof Constant c && c.single() != null && !(right instanceof Constant);
            boolean constantSecond = right instanceof Constant c && c.single() != null && !(left instanceof Constant);
            if (constantFirst || constantSecond) {
                Constant constant = (Constant) (constantFirst ? left : right);
                Vector column = (constantFirst ? right : left).evaluate(batch);
                Vector out = null;
                if (column.type() != DataType.NULL && !constant.type().isText()) {
                    if (type.isFloat()) {
                        out = ArithmeticKernel.applyScalar(operator, column, Kernels.doubles(constant.single())[0],
                                constantFirst, type);
                    } else if (type.isDecimal()) {
                        out = DecimalKernel.arithmeticScalar(operator, column, constant.single(), constantFirst, type,
                                batch.start(), text);
                    } else {
                        out = ArithmeticKernel.applyWholeScalar(operator, column, constant.single(), constantFirst, type);
                    }
                }
                if (out != null) {
                    return out;
                }
                Vector repeated = Kernels.repeat(constant.single(), batch.rows());
                return ArithmeticKernel.apply(operator, constantFirst ? repeated : column,
                        constantFirst ? column : repeated, type, batch.start(), text);
            }
            return ArithmeticKernel.apply(operator, left.evaluate(batch), right.evaluate(batch), type, batch.start(),
                    text);
        }
    }

    record CompareExpr(BinaryOperator operator, PhysicalExpr left, PhysicalExpr right) implements PhysicalExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        /** A comparison with a present constant reads the constant once, not a column of it. */
        @Override
        public Vector evaluate(Batch batch) {
            if (right instanceof Constant c && c.single() != null && !(left instanceof Constant)) {
                return ComparisonKernel.applyConstant(operator, left.evaluate(batch), c.single());
            }
            if (left instanceof Constant c && c.single() != null && !(right instanceof Constant)) {
                return ComparisonKernel.applyConstant(ComparisonKernel.swapped(operator), right.evaluate(batch),
                        c.single());
            }
            return ComparisonKernel.apply(operator, left.evaluate(batch), right.evaluate(batch));
        }
    }

    record ConcatExpr(PhysicalExpr left, PhysicalExpr right) implements PhysicalExpr {
        @Override
        public DataType type() {
            return DataType.UTF8;
        }

        @Override
        public Vector evaluate(Batch batch) {
            return FunctionKernel.concat(left.evaluate(batch), right.evaluate(batch));
        }
    }

    record LogicExpr(BinaryOperator operator, PhysicalExpr left, PhysicalExpr right) implements PhysicalExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        /** The right side is computed only for rows the left does not decide (false for AND, true for OR), as SQL's filters do. */
        @Override
        public Vector evaluate(Batch batch) {
            Vector first = left.evaluate(batch);
            byte[] truth = LogicKernel.bytes(first);
            Validity validity = first.validity();
            byte deciding = operator == BinaryOperator.AND ? (byte) 0 : (byte) 1;
            int rows = batch.rows();
            int[] needed = new int[rows];
            for (int i = 0; i < rows; i++) {
                needed[i] = truth[i] == deciding && (validity == null || validity.isValid(i)) ? 0 : 1;
            }
            return LogicKernel.apply(operator, first, onRows(right, batch, needed, 1));
        }
    }

    /**
     * {@code IS_IN} with its list prepared once: over integers (or dates, timestamps, decimals of up
     * to 18 digits) a set of longs, over 128-bit values their words.
     */
    record InExpr(PhysicalExpr input, java.util.function.UnaryOperator<Vector> membership) implements PhysicalExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public Vector evaluate(Batch batch) {
            Vector values = input.evaluate(batch);
            return values.type() == DataType.NULL ? Kernels.nulls(DataType.BOOLEAN, batch.rows())
                    : membership.apply(values);
        }
    }

    record CastExpr(PhysicalExpr input, DataType type, boolean strict, String text) implements PhysicalExpr {
        @Override
        public Vector evaluate(Batch batch) {
            return CastKernel.cast(input.evaluate(batch), type, strict, batch.start(), text);
        }
    }

    record CallExpr(dev.floe.frame.expr.ScalarFunction function, List<Object> parameters, PhysicalExpr input,
            DataType type, String text) implements PhysicalExpr {
        @Override
        public Vector evaluate(Batch batch) {
            return FunctionKernel.apply(function, parameters, input.evaluate(batch), type, batch.start(), text);
        }
    }

    /**
     * {@code random()} and {@code uuid()}: each batch draws from a generator split off one seeded by the
     * expression's seed, in the order batches come (so one thread, and one way of cutting the rows into
     * batches, gives the same values for the same seed; several threads give some order of them).
     */
    static final class RandomExpr implements PhysicalExpr {
        private final boolean uuid;
        private final java.util.SplittableRandom root;

        RandomExpr(boolean uuid, long seed) {
            this.uuid = uuid;
            this.root = new java.util.SplittableRandom(seed);
        }

        @Override
        public DataType type() {
            return uuid ? DataType.UTF8 : DataType.FLOAT64;
        }

        @Override
        public Vector evaluate(Batch batch) {
            java.util.SplittableRandom random;
            synchronized (root) {
                random = root.split();
            }
            int rows = batch.rows();
            if (!uuid) {
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = random.nextDouble();
                }
                return new dev.floe.frame.column.DoubleVector(DataType.FLOAT64, out, null);
            }
            dev.floe.frame.column.Utf8Vector.Builder out = new dev.floe.frame.column.Utf8Vector.Builder(rows, rows * 36);
            byte[] text = new byte[36];
            for (int i = 0; i < rows; i++) {
                long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
                long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L; // the IETF variant
                hex(high >>> 32, 8, text, 0);
                text[8] = '-';
                hex(high >>> 16, 4, text, 9);
                text[13] = '-';
                hex(high, 4, text, 14);
                text[18] = '-';
                hex(low >>> 48, 4, text, 19);
                text[23] = '-';
                hex(low, 12, text, 24);
                out.append(text, 0, 36);
            }
            return out.build();
        }

        /** The low {@code digits} hexadecimal digits of {@code value}, lower case, at {@code at}. */
        private static void hex(long value, int digits, byte[] out, int at) {
            for (int d = digits - 1; d >= 0; d--) {
                out[at + d] = (byte) "0123456789abcdef".charAt((int) (value & 0xF));
                value >>>= 4;
            }
        }
    }

    /** {@code nextval}: the sequence's next values, one per row; {@code currval}: its last value, on every row. */
    record SequenceExpr(dev.floe.frame.expr.ValueSequence sequence, boolean next) implements PhysicalExpr {
        @Override
        public DataType type() {
            return DataType.INT64;
        }

        @Override
        public Vector evaluate(Batch batch) {
            int rows = batch.rows();
            long[] values;
            if (next) {
                values = sequence.next(rows);
            } else {
                values = new long[rows];
                java.util.Arrays.fill(values, rows == 0 ? 0 : sequence.current());
            }
            return new dev.floe.frame.column.LongVector(DataType.INT64, values, null);
        }
    }

    record MultiCallExpr(dev.floe.frame.expr.ScalarFunction function, List<Object> parameters,
            List<PhysicalExpr> inputs, DataType type, String text) implements PhysicalExpr {
        @Override
        public Vector evaluate(Batch batch) {
            Vector[] values = new Vector[inputs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = inputs.get(i).evaluate(batch);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_VALUE) {
                return ListKernel.listOf(values, batch.rows());
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_RANGE) {
                return ListKernel.range(values[0], values[1], values[2], Boolean.TRUE.equals(parameters.get(0)), batch.start(),
                        text);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_CONCAT) {
                return ListKernel.concat(values, type, batch.rows());
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_MEASURE) {
                return ListKernel.measure(String.valueOf(parameters.get(0)), values[0], values[1], batch.start(), text);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_SLICE) {
                return ListKernel.slice(values[0], values[1], values[2], type);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_INTERSECT) {
                return ListKernel.intersect(values[0], values[1], type, batch.rows());
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_SELECT) {
                return ListKernel.select(values[0], values[1], type, batch.start(), text);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.LIST_RESIZE) {
                return ListKernel.resize(values[0], values[1], values.length > 2 ? values[2] : null, type, batch.start(), text);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.STRUCT_PACK) {
                return new dev.floe.frame.column.StructVector(type, java.util.Arrays.asList(values), 0, batch.rows(),
                        null);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.MAP_FROM_LISTS) {
                return MapKernel.fromLists(values[0], values[1], type, batch.start(), text);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.MAP_CONCAT) {
                return MapKernel.concat(values, type);
            }
            if (function == dev.floe.frame.expr.ScalarFunction.MAP_GET
                    || function == dev.floe.frame.expr.ScalarFunction.MAP_EXTRACT
                    || function == dev.floe.frame.expr.ScalarFunction.MAP_CONTAINS
                    || function == dev.floe.frame.expr.ScalarFunction.MAP_CONTAINS_VALUE) {
                return MapKernel.lookup(function, values[0], values[1], type);
            }
            return switch (function) {
                case ARCTAN2, BIT_AND, BIT_OR, BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT ->
                        BitsKernel.applyTwo(function, values[0], values[1], type, batch.start(), text);
                case GCD, LCM -> GcdKernel.apply(function == dev.floe.frame.expr.ScalarFunction.LCM, values[0], values[1],
                        batch.start(), text);
                case TEXT_DISTANCE -> TextDistance.apply(String.valueOf(parameters.get(0)), values[0], values[1], type,
                        batch.start(), text);
                default -> TemporalKernel.applyMany(function, parameters, values, type, batch.start(), text);
            };
        }
    }

    record UnaryExpr(UnaryOperator operator, PhysicalExpr input, DataType type, String text) implements PhysicalExpr {
        @Override
        public Vector evaluate(Batch batch) {
            Vector value = input.evaluate(batch);
            int rows = batch.rows();
            return switch (operator) {
                case IS_NULL, IS_NOT_NULL -> {
                    byte[] out = new byte[rows];
                    byte whenNull = operator == UnaryOperator.IS_NULL ? (byte) 1 : 0;
                    for (int i = 0; i < rows; i++) {
                        out[i] = value.isNull(i) ? whenNull : (byte) (1 - whenNull);
                    }
                    yield Kernels.booleans(out, rows, null);
                }
                case NOT -> {
                    byte[] bits = LogicKernel.bytes(value);
                    byte[] out = new byte[rows];
                    for (int i = 0; i < rows; i++) {
                        out[i] = (byte) (1 - bits[i]);
                    }
                    yield Kernels.booleans(out, rows, value.validity());
                }
                case NEG, ABS -> {
                    if (type == DataType.NULL) {
                        yield value;
                    }
                    if (type.isFloat()) {
                        double[] values = Kernels.doubles(value);
                        double[] out = new double[rows];
                        for (int i = 0; i < rows; i++) {
                            out[i] = operator == UnaryOperator.NEG ? -values[i] : Math.abs(values[i]);
                        }
                        yield Kernels.fromDoubles(type, out, rows, value.validity());
                    }
                    yield ArithmeticKernel.negate(value, type, operator == UnaryOperator.ABS, batch.start(), text);
                }
            };
        }
    }

    record FillNullExpr(PhysicalExpr input, PhysicalExpr fill, DataType type) implements PhysicalExpr {
        @Override
        public Vector evaluate(Batch batch) {
            Vector value = input.evaluate(batch);
            if (value.validity() == null) {
                return value;
            }
            int rows = batch.rows();
            int[] choice = new int[rows];
            for (int i = 0; i < rows; i++) {
                choice[i] = value.isNull(i) ? 1 : 0;
            }
            Vector replacement = onRows(fill, batch, choice, 1);
            return Kernels.pick(type, new Vector[] {value, replacement}, choice, rows);
        }
    }

    record WhenExpr(List<PhysicalExpr> conditions, List<PhysicalExpr> values, PhysicalExpr otherwise, DataType type)
            implements PhysicalExpr {
        private static final int UNDECIDED = -1;

        @Override
        public Vector evaluate(Batch batch) {
            int rows = batch.rows();
            int branches = conditions.size();
            int[] choice = new int[rows];
            java.util.Arrays.fill(choice, UNDECIDED);
            for (int b = 0; b < branches; b++) {
                // a condition is asked only of the rows no earlier one took
                Vector condition = onRows(conditions.get(b), batch, choice, UNDECIDED);
                byte[] truth = LogicKernel.bytes(condition);
                Validity validity = condition.validity();
                for (int i = 0; i < rows; i++) {
                    if (choice[i] == UNDECIDED && truth[i] == 1 && (validity == null || validity.isValid(i))) {
                        choice[i] = b;
                    }
                }
            }
            for (int i = 0; i < rows; i++) {
                if (choice[i] == UNDECIDED) {
                    choice[i] = branches; // the otherwise value
                }
            }
            Vector[] sources = new Vector[branches + 1];
            for (int b = 0; b < branches; b++) {
                sources[b] = onRows(values.get(b), batch, choice, b);
            }
            sources[branches] = onRows(otherwise, batch, choice, branches);
            return Kernels.pick(type, sources, choice, rows);
        }
    }

    /**
     * {@code expr}'s values for the rows where {@code choice[i] == wanted} (others unspecified), as
     * SQL's CASE and COALESCE compute a branch only for the rows that take it, so that only those
     * rows can fail. The whole batch is tried first (one pass, the usual case); if that fails (a row
     * the branch does not take overflows, say), the taking rows alone, put back in their places;
     * and if that fails too, those rows one by one, so the error names its row.
     */
    static Vector onRows(PhysicalExpr expr, Batch batch, int[] choice, int wanted) {
        int rows = batch.rows();
        int count = taking(choice, rows, wanted);
        if (count == 0) {
            return Kernels.nulls(expr.type(), rows);
        }
        try {
            return expr.evaluate(batch);
        } catch (dev.floe.FloeException e) {
            if (count == rows) {
                throw e;
            }
            return onTakingRows(expr, batch, choice, wanted, count);
        }
    }

    /** How many of the first {@code rows} choices are {@code wanted}. */
    private static int taking(int[] choice, int rows, int wanted) {
        int count = 0;
        for (int i = 0; i < rows; i++) {
            count += choice[i] == wanted ? 1 : 0;
        }
        return count;
    }

    /**
     * {@link #onRows} once the whole batch failed: the {@code count} taking rows alone, put back in
     * their places; if that fails too, those rows one by one, so the error names its row. A
     * method of its own, which the JIT compiles only if a query gets here.
     */
    private static Vector onTakingRows(PhysicalExpr expr, Batch batch, int[] choice, int wanted, int count) {
        int rows = batch.rows();
        int[] positions = new int[count];
        int[] source = new int[rows];
        for (int i = 0, k = 0; i < rows; i++) {
            source[i] = choice[i] == wanted ? k : -1;
            if (choice[i] == wanted) {
                positions[k++] = i;
            }
        }
        Vector part;
        try {
            part = expr.evaluate(batch.gather(positions, count, batch.start()));
        } catch (dev.floe.FloeException inSubset) {
            for (int position : positions) {
                expr.evaluate(batch.gather(new int[] {position}, 1, batch.start() + position));
            }
            throw inSubset;
        }
        return Kernels.gatherOrNull(part, source, rows);
    }

    /** The rows of {@code predicate} that are true (not false, not null), as positions. */
    static int selected(ByteVector predicate, int[] positions) {
        byte[] values = predicate.values();
        int offset = predicate.offset();
        Validity validity = predicate.validity();
        int count = 0;
        int rows = predicate.length();
        if (validity == null) {
            for (int i = 0; i < rows; i++) {
                if (values[offset + i] != 0) {
                    positions[count++] = i;
                }
            }
        } else {
            for (int i = 0; i < rows; i++) {
                if (values[offset + i] != 0 && validity.isValid(i)) {
                    positions[count++] = i;
                }
            }
        }
        return count;
    }
}
