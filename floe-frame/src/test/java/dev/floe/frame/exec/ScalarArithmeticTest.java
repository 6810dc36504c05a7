package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code + - *} of a column with a constant, on either side, read the constant once for whole
 * numbers of every width and for decimals held in longs; each gives exactly what the same
 * arithmetic over a column of copies of the constant gives: the same values and nulls, and where
 * a value overflows its type or passes a decimal's digits, the same error naming the same row
 * (a value under a null that overflows is no error).
 */
class ScalarArithmeticTest {
    private static final BinaryOperator[] OPERATORS = {BinaryOperator.ADD, BinaryOperator.SUB, BinaryOperator.MUL};

    private static long whole(SplittableRandom random, long most) {
        return switch (random.nextInt(6)) {
            case 0 -> most - random.nextInt(3);
            case 1 -> -most + random.nextInt(3);
            case 2 -> random.nextLong(-most, most);
            default -> random.nextLong(-Math.min(1_000, most), Math.min(1_000, most) + 1);
        };
    }

    private static Object value(SplittableRandom random, DataType type) {
        return switch (type.id()) {
            case INT8 -> (byte) whole(random, Byte.MAX_VALUE);
            case INT16 -> (short) whole(random, Short.MAX_VALUE);
            case INT32 -> (int) whole(random, Integer.MAX_VALUE);
            case INT64 -> whole(random, Long.MAX_VALUE);
            case DECIMAL -> BigDecimal.valueOf(whole(random, java.math.BigInteger.TEN.pow(type.precision()).longValueExact() - 1), type.scale());
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static Vector column(SplittableRandom random, DataType type, int rows) {
        int skip = random.nextInt(3) == 0 ? random.nextInt(1, 9) : 0;
        ColumnBuilder builder = ColumnBuilder.of(type, "x", rows + skip);
        for (int i = 0; i < rows + skip; i++) {
            if (random.nextInt(6) == 0) {
                builder.appendNull();
            } else {
                builder.append(value(random, type));
            }
        }
        return builder.build().chunk(0).slice(skip, rows);
    }

    /** The type of {@code left op right} as the typer gives it: the wider integer, a decimal as DecimalKernel's rules. */
    private static DataType result(BinaryOperator operator, DataType left, DataType right) {
        if (!left.isDecimal() && !right.isDecimal()) {
            return left.id().ordinal() >= right.id().ordinal() ? left : right;
        }
        DataType a = dev.floe.frame.Types.asDecimal(left);
        DataType b = dev.floe.frame.Types.asDecimal(right);
        if (operator == BinaryOperator.MUL) {
            return DataType.decimal(Math.min(18, a.precision() + b.precision()), a.scale() + b.scale());
        }
        int scale = Math.max(a.scale(), b.scale());
        int whole = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
        return DataType.decimal(Math.min(18, whole + scale + 1), scale);
    }

    private record Outcome(List<Object> values, String error) {}

    private static Outcome outcome(PhysicalExpr expr, Batch batch) {
        try {
            Vector out = expr.evaluate(batch);
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < out.length(); i++) {
                values.add(out.get(i));
            }
            assertThat(out.type()).isEqualTo(expr.type());
            return new Outcome(values, null);
        } catch (dev.floe.frame.OutOfRangeException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    @Test
    void aConstantReadOnceGivesWhatAColumnOfItGives() {
        SplittableRandom random = new SplittableRandom(23);
        DataType[][] pairs = {
                {DataType.INT64, DataType.INT64}, {DataType.INT32, DataType.INT32}, {DataType.INT16, DataType.INT16},
                {DataType.INT8, DataType.INT8}, {DataType.INT32, DataType.INT64}, {DataType.INT8, DataType.INT32},
                {DataType.decimal(15, 2), DataType.decimal(1, 0)}, {DataType.decimal(15, 2), DataType.decimal(3, 2)},
                {DataType.decimal(17, 3), DataType.decimal(4, 1)}, {DataType.decimal(9, 0), DataType.INT32},
                {DataType.decimal(8, 4), DataType.decimal(9, 4)}};
        int errors = 0;
        int answers = 0;
        int fast = 0; // answered by the constant's own kernels, not by the general way after them
        for (int trial = 0; trial < 1_500; trial++) {
            DataType[] pair = pairs[random.nextInt(pairs.length)];
            BinaryOperator operator = OPERATORS[random.nextInt(OPERATORS.length)];
            boolean constantFirst = random.nextBoolean();
            DataType columnType = pair[0];
            DataType constantType = pair[1];
            int rows = random.nextInt(0, 40);
            Vector values = column(random, columnType, rows);
            Object constant = value(random, constantType);
            if (random.nextInt(3) == 0) {
                // TPC-H's 1 - discount, and small factors
                constant = constantType.isDecimal() ? BigDecimal.ONE.setScale(constantType.scale())
                        : castSmall(constantType, random.nextBoolean() ? 2 : -1);
            }
            DataType type = constantFirst ? result(operator, constantType, columnType) : result(operator, columnType, constantType);
            PhysicalExpr ref = new ExprCompiler.ColumnRef(0, columnType);
            ExprCompiler.Constant c = new ExprCompiler.Constant(constantType, constant);
            Vector copies = Kernels.repeat(c.single(), rows);
            String text = "x " + operator + " c";
            PhysicalExpr scalar = constantFirst ? new ExprCompiler.ArithmeticExpr(operator, c, ref, type, text)
                    : new ExprCompiler.ArithmeticExpr(operator, ref, c, type, text);
            PhysicalExpr repeated = constantFirst ? new ExprCompiler.ArithmeticExpr(operator, new ExprCompiler.ColumnRef(1, constantType), ref, type, text)
                    : new ExprCompiler.ArithmeticExpr(operator, ref, new ExprCompiler.ColumnRef(1, constantType), type, text);
            Batch batch = new Batch(List.of(values, copies), rows, 1_000);
            Outcome expected = outcome(repeated, batch);
            Outcome actual = outcome(scalar, batch);
            assertThat(actual).as("%s %s %s (%s first: %s)", columnType, operator, constant, constantFirst, type)
                    .isEqualTo(expected);
            Vector direct = type.isDecimal()
                    ? DecimalKernel.arithmeticScalar(operator, values, c.single(), constantFirst, type, 1_000, text)
                    : ArithmeticKernel.applyWholeScalar(operator, values, c.single(), constantFirst, type);
            fast += direct != null ? 1 : 0;
            if (expected.error() != null) {
                errors++;
            } else {
                answers++;
            }
        }
        assertThat(errors).isGreaterThan(50);
        assertThat(answers).isGreaterThan(500);
        assertThat(fast).isGreaterThan(500);
    }

    private static Object castSmall(DataType type, int value) {
        return switch (type.id()) {
            case INT8 -> (byte) value;
            case INT16 -> (short) value;
            case INT32 -> value;
            default -> (long) value;
        };
    }
}
