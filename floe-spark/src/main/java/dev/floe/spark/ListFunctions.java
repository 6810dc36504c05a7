package dev.floe.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.floe.frame.DataType;
import dev.floe.frame.expr.Call;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The functions of list columns as Spark's functions of arrays, with Floe's answers: a null list
 * gives null; reductions follow the aggregations of the same names (the sum of an empty list is
 * 0, its mean, min and max null; max passes over NaN unless nothing else is there).
 */
final class ListFunctions {
    private ListFunctions() {}

    /** {@code list.*} of one list; {@code type} is the type Floe gives the call. */
    static Column call(Call call, Column list, DataType listType, DataType type) {
        List<Object> parameters = call.parameters();
        DataType element = listType == DataType.NULL ? DataType.NULL : listType.elementType();
        Column present = list.isNotNull();
        return switch (call.function()) {
            case LIST_LEN -> when(present, functions.size(list));
            // from 0, negative from the end; null out of range (Spark's get, unlike element_at, does not fail there)
            case LIST_GET -> {
                int index = ((Number) parameters.get(0)).intValue();
                yield functions.get(list, index >= 0 ? lit(index) : functions.size(list).plus(index));
            }
            case LIST_SUM -> {
                // 0 for an empty list, nulls passed over; integers add in 64 bits and overflow fails (ANSI), as in Floe
                org.apache.spark.sql.types.DataType wide = type.isFloat() ? DataTypes.DoubleType : DataTypes.LongType;
                Column zero = lit(0).cast(wide);
                yield functions.aggregate(list, zero, (sum, e) -> sum.plus(coalesce(e.cast(wide), zero)));
            }
            case LIST_MEAN -> {
                // integers (and booleans) add exactly, in 38 digits, as Floe's in 128 bits; floats in doubles
                org.apache.spark.sql.types.DataType wide = element.isFloat() ? DataTypes.DoubleType : SparkTypes.INT128;
                Column values = functions.filter(list, Column::isNotNull);
                Column count = functions.size(values);
                Column sum = functions.aggregate(values, lit(0).cast(wide), (s, e) -> s.plus(e.cast(wide)).cast(wide));
                yield when(present.and(count.gt(0)), sum.cast(DataTypes.DoubleType).divide(count.cast(DataTypes.DoubleType)));
            }
            // Spark orders NaN above every number, as Floe; min passes over it unless nothing else is there in both
            case LIST_MIN -> functions.array_min(list);
            case LIST_MAX -> element.isFloat()
                    ? coalesce(functions.array_max(functions.filter(list, e -> functions.not(isnan(e)))), functions.array_max(list))
                    : functions.array_max(list);
            case LIST_JOIN -> functions.array_join(list, (String) parameters.get(0)); // nulls left out, in both
            case LIST_REVERSE -> functions.reverse(list);
            // Spark's flatten is null where an inner list is; Floe passes over a null inner list
            case LIST_FLATTEN -> functions.flatten(functions.filter(list, Column::isNotNull));
            // -0.0 is 0.0 and NaN is NaN in both engines' membership, as the scalar is_in; a null element is no match
            case LIST_CONTAINS -> {
                Object[] wanted = ExprTranslator.members(parameters, element);
                yield functions.exists(list, e -> wanted.length == 0 ? lit(false) : coalesce(e.isin(wanted), lit(false)));
            }
            case LIST_SORT, LIST_DISTINCT, LIST_N_UNIQUE -> {
                if (element.isFloat()) {
                    throw new NotTranslatedException("the function " + call.function().displayName() + " in " + call,
                            "Floe takes -0.0 for 0.0 in its order, keeping the list's order between them, which Spark's "
                                    + "array functions are not checked to keep");
                }
                // equal elements are the same value here, so the sort's stability cannot show
                Column values = functions.filter(list, Column::isNotNull);
                if (call.function() == dev.floe.frame.expr.ScalarFunction.LIST_SORT) {
                    boolean descending = (Boolean) parameters.get(0);
                    boolean nullsLast = (Boolean) parameters.get(1);
                    Column sorted = functions.sort_array(values, !descending);
                    Column nulls = functions.filter(list, Column::isNull);
                    yield nullsLast ? functions.concat(sorted, nulls) : functions.concat(nulls, sorted);
                }
                // the distinct elements that are not null, in order of first appearance, in both
                Column distinct = functions.array_distinct(values);
                yield call.function() == dev.floe.frame.expr.ScalarFunction.LIST_N_UNIQUE ? functions.size(distinct)
                        : distinct;
            }
            default -> throw new IllegalArgumentException("not a list function: " + call.function());
        };
    }

    /**
     * {@code list.slice}: elements {@code from} through {@code to}, from 1, both included, negative
     * from the end; a start below 1 is 1, an end past the list its last element, an end before the
     * start an empty list; null where the list or a bound is.
     */
    static Column slice(Column list, Column from, Column to) {
        Column size = functions.size(list).cast(DataTypes.LongType);
        Column start = functions.greatest(when(from.lt(0), size.plus(from).plus(1)).otherwise(from), lit(1L));
        Column end = when(to.lt(0), size.plus(to).plus(1)).otherwise(functions.least(to, size));
        Column empty = functions.slice(list, 1, 0); // of the list's own type
        return when(list.isNotNull().and(from.isNotNull()).and(to.isNotNull()),
                when(end.geq(start), functions.slice(list, start.cast(DataTypes.IntegerType),
                        end.minus(start).plus(1).cast(DataTypes.IntegerType))).otherwise(empty));
    }

    /** {@code list.concat}: each list's elements in turn, a null list adding none; never null. */
    static Column concat(List<Column> lists, org.apache.spark.sql.types.DataType listType) {
        Column empty = functions.array().cast(listType);
        return functions.concat(lists.stream().map(list -> coalesce(list.cast(listType), empty)).toArray(Column[]::new));
    }
}
