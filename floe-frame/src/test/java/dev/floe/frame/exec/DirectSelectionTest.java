package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The types a filter's comparison is tested straight on selected rows for ({@link
 * ComparisonKernel#selects}, {@link ComparisonKernel#selectsColumns}: what decides whether a key
 * filter makes a filter's test before copying rows) are exactly those the kernels take: for every
 * pair of types, the kernel answers (not -1) if and only if the predicate says it does.
 */
class DirectSelectionTest {
    private static final List<DataType> TYPES = List.of(DataType.BOOLEAN, DataType.INT8, DataType.INT16,
            DataType.INT32, DataType.INT64, DataType.INT128, DataType.FLOAT32, DataType.FLOAT64, DataType.UTF8,
            DataType.CATEGORICAL, DataType.DATE, DataType.DATETIME, DataType.decimal(15, 2), DataType.decimal(30, 2),
            DataType.LIST_INT64);

    private static Object value(DataType type) {
        return switch (type.id()) {
            case BOOLEAN -> true;
            case INT8 -> (byte) 1;
            case INT16 -> (short) 1;
            case INT32 -> 1;
            case INT64 -> 1L;
            case INT128 -> BigInteger.ONE;
            case FLOAT32 -> 1.0f;
            case FLOAT64 -> 1.0;
            case UTF8, CATEGORICAL -> "a";
            case DATE -> LocalDate.of(2024, 1, 1);
            case DATETIME -> LocalDateTime.of(2024, 1, 1, 0, 0);
            case DECIMAL -> BigDecimal.ONE.setScale(type.scale());
            case LIST_INT64 -> List.of(1L);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static Vector vector(DataType type, int rows) {
        ColumnBuilder builder = ColumnBuilder.of(type, "x", rows);
        for (int i = 0; i < rows; i++) {
            builder.append(value(type));
        }
        return builder.build().chunk(0);
    }

    @Test
    void theKernelsTakeExactlyTheTypesThePredicatesName() {
        int direct = 0;
        for (DataType column : TYPES) {
            for (DataType constant : TYPES) {
                int[] positions = {0, 1, 2};
                boolean taken = ComparisonKernel.select(BinaryOperator.EQ, false, vector(column, 3), vector(constant, 1),
                        positions, 3) >= 0;
                assertThat(ComparisonKernel.selects(column, constant)).as("%s against a constant %s", column, constant)
                        .isEqualTo(taken);
                positions = new int[] {0, 1, 2};
                boolean columns = ComparisonKernel.selectColumns(BinaryOperator.EQ, false, vector(column, 3),
                        vector(constant, 3), positions, 3) >= 0;
                assertThat(ComparisonKernel.selectsColumns(column, constant)).as("%s against a column %s", column, constant)
                        .isEqualTo(columns);
                direct += taken ? 1 : 0;
            }
        }
        assertThat(direct).isGreaterThan(10);
    }
}
