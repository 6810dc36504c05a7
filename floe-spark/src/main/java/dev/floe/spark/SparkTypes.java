package dev.floe.spark;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Floe's types as Spark's: the ones both engines hold with the same values (lists as arrays,
 * durations as microseconds, {@code DECIMAL(p, s)} as Spark's decimal of the same digits).
 */
final class SparkTypes {
    /** {@code i128} travels as Spark's widest decimal; values past 38 digits fail rather than change. */
    static final org.apache.spark.sql.types.DataType INT128 = DataTypes.createDecimalType(38, 0);

    private SparkTypes() {}

    static org.apache.spark.sql.types.DataType of(DataType type, String where) {
        return switch (type.id()) {
            case BOOLEAN -> DataTypes.BooleanType;
            case INT8 -> DataTypes.ByteType;
            case INT16 -> DataTypes.ShortType;
            case INT32 -> DataTypes.IntegerType;
            case INT64 -> DataTypes.LongType;
            case INT128 -> INT128;
            case FLOAT32 -> DataTypes.FloatType;
            case FLOAT64 -> DataTypes.DoubleType;
            case UTF8, CATEGORICAL -> DataTypes.StringType; // categorical values come back categorical
            case DATE -> DataTypes.DateType;
            case DATETIME -> DataTypes.TimestampNTZType; // Floe's datetimes have no zone
            case NULL -> DataTypes.NullType;
            // microseconds, as Floe holds them: duration arithmetic is integer arithmetic, checked (ANSI) as Floe's
            case DURATION -> DataTypes.LongType;
            case TIME -> throw new NotTranslatedException("a time of day (" + where + ")",
                    "its Spark type is not mapped yet; cast it to text, or to i64 (microseconds after midnight)");
            // a map as an array of its entries, a struct of key and value each: Spark's own MapType comes back
            // to the driver as a Scala map, which keeps no order past four entries, and a Floe map's keys
            // keep theirs (its functions are Floe's, computed in the executors, so Spark need not know it for one)
            case MAP -> DataTypes.createArrayType(DataTypes.createStructType(List.of(
                    DataTypes.createStructField("key", of(type.keyType(), where), false),
                    DataTypes.createStructField("value", of(type.valueType(), where), true))), false);
            case STRUCT -> {
                List<StructField> fields = new ArrayList<>();
                for (Schema.Field field : type.fields()) {
                    fields.add(DataTypes.createStructField(field.name(), of(field.type(), where), true));
                }
                yield DataTypes.createStructType(fields);
            }
            // at most 38 digits in both; the translator computes them exactly or refuses (ExprTranslator)
            case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
            // a list is an array whose elements may be null; a null list is a null array
            default -> DataTypes.createArrayType(of(type.elementType(), where), true);
        };
    }

    static StructType of(Schema schema, String where) {
        List<StructField> fields = new ArrayList<>();
        for (Schema.Field field : schema) {
            fields.add(DataTypes.createStructField(field.name(), of(field.type(), where + " column '" + field.name() + "'"),
                    true));
        }
        return DataTypes.createStructType(fields);
    }
}
