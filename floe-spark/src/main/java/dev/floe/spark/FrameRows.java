package dev.floe.spark;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Floe frames to Spark rows and back, value by value, each in its column's type. */
final class FrameRows {
    private FrameRows() {}

    /** The largest message Spark's RPC sends, in bytes ({@code spark.rpc.message.maxSize}, in MiB). */
    static long maxMessageBytes(SparkSession spark) {
        return spark.sparkContext().getConf().getSizeAsMb("spark.rpc.message.maxSize", "128") << 20;
    }

    /** Row {@code row} of a Floe column as Spark holds it in a column of {@code type}: null for a null. */
    static Object toSpark(Series column, int row, DataType type) {
        return column.isNull(row) ? null : toSpark(column.get(row), type);
    }

    /** A Floe value as Spark holds it in a column of {@code type}. */
    static Object toSpark(Object value, DataType type) {
        return switch (type.id()) {
            case INT8 -> ((Number) value).byteValue();
            case INT16 -> ((Number) value).shortValue();
            case INT32 -> ((Number) value).intValue();
            case INT64 -> ((Number) value).longValue();
            case INT128 -> decimal(value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue()));
            case FLOAT32 -> ((Number) value).floatValue();
            case FLOAT64 -> ((Number) value).doubleValue();
            case UTF8, CATEGORICAL -> value.toString();
            case DURATION -> micros((java.time.Duration) value);
            case DECIMAL -> (BigDecimal) value; // in the column's scale, as Floe holds it
            case MAP -> { // its entries in order, a row of key and value each (SparkTypes)
                List<Object> entries = new ArrayList<>();
                for (java.util.Map.Entry<?, ?> entry : ((java.util.Map<?, ?>) value).entrySet()) {
                    entries.add(org.apache.spark.sql.RowFactory.create(toSpark(entry.getKey(), type.keyType()),
                            entry.getValue() == null ? null : toSpark(entry.getValue(), type.valueType())));
                }
                yield scala.jdk.javaapi.CollectionConverters.asScala(entries);
            }
            case STRUCT -> { // a row of the fields' values
                java.util.Map<?, ?> fields = (java.util.Map<?, ?>) value;
                Object[] out = new Object[type.fields().size()];
                for (int f = 0; f < out.length; f++) {
                    Schema.Field field = type.fields().get(f);
                    Object one = fields.get(field.name());
                    out[f] = one == null ? null : toSpark(one, field.type());
                }
                yield org.apache.spark.sql.RowFactory.create(out);
            }
            default -> {
                if (type.isList()) { // a Scala sequence, which Spark's row encoder takes for an array
                    List<Object> elements = new ArrayList<>();
                    for (Object element : (List<?>) value) {
                        elements.add(element == null ? null : toSpark(element, type.elementType()));
                    }
                    yield scala.jdk.javaapi.CollectionConverters.asScala(elements);
                }
                yield value; // booleans, LocalDate, LocalDateTime as they are
            }
        };
    }

    /** An {@code i128} as Spark's widest decimal; one of more than 38 digits fails rather than change. */
    private static BigDecimal decimal(BigInteger value) {
        BigDecimal decimal = new BigDecimal(value);
        if (decimal.precision() > 38) {
            throw new dev.floe.frame.OutOfRangeException("out of range: the i128 " + value
                    + " has more than the 38 digits of Spark's widest decimal");
        }
        return decimal;
    }

    /** Spark's rows as a Floe frame of {@code schema}. */
    static DataFrame toFloe(List<Row> rows, Schema schema) {
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Object[] out = new Object[schema.size()];
            for (int c = 0; c < out.length; c++) {
                out[c] = toFloe(row.get(c), schema.field(c).type());
            }
            values.add(Arrays.asList(out));
        }
        return DataFrame.ofRows(schema, values);
    }

    /** Row {@code row} of Floe's columns as Spark's values, each in its column's type in {@code schema}. */
    static Object[] toSpark(List<Series> columns, int row, Schema schema) {
        Object[] values = new Object[columns.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = toSpark(columns.get(c), row, schema.field(c).type());
        }
        return values;
    }

    /** A duration's whole microseconds (Floe's unit); one past a {@code long} fails. */
    static long micros(java.time.Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    }

    /** A Spark value as Floe holds it in a column of {@code type}. */
    static Object toFloe(Object value, DataType type) {
        if (value instanceof Long micros && type == DataType.DURATION) {
            return java.time.Duration.of(micros, java.time.temporal.ChronoUnit.MICROS);
        }
        if (type.isMap() && value instanceof scala.collection.Seq<?> entries) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            scala.collection.Iterator<?> each = entries.iterator();
            while (each.hasNext()) {
                Row entry = (Row) each.next();
                out.put(toFloe(entry.get(0), type.keyType()), toFloe(entry.get(1), type.valueType()));
            }
            return out;
        }
        if (type.isStruct() && value instanceof Row row) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (int f = 0; f < type.fields().size(); f++) {
                Schema.Field field = type.fields().get(f);
                out.put(field.name(), toFloe(row.get(f), field.type()));
            }
            return out;
        }
        return switch (value) {
            // a decimal as it is (Spark gives it in its column's scale); an i128 travels as a decimal of no scale
            case BigDecimal decimal when type.isDecimal() -> decimal;
            case BigDecimal decimal -> decimal.toBigIntegerExact();
            case java.sql.Date date -> date.toLocalDate();
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime();
            case scala.collection.Seq<?> array -> { // an array: a list, its elements as Floe's
                List<Object> elements = new ArrayList<>(array.size());
                scala.collection.Iterator<?> each = array.iterator();
                DataType element = type.isList() ? type.elementType() : type;
                while (each.hasNext()) {
                    elements.add(toFloe(each.next(), element));
                }
                yield elements;
            }
            case null, default -> value;
        };
    }
}
