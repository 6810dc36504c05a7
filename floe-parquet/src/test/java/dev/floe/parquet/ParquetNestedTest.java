package dev.floe.parquet;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists, maps and structs nested in each other, read from and written to Parquet, checked against DuckDB. */
class ParquetNestedTest {
    @TempDir
    Path folder;

    /** Columns nesting lists, maps and structs two and three deep, with nulls and empties at every level. */
    private static final String NESTED = """
            SELECT i AS id,
              CASE WHEN i % 5 = 0 THEN NULL ELSE [[i, i + 1], CASE WHEN i % 3 = 0 THEN NULL ELSE [i * 2, NULL] END, []] END AS ll,
              CASE WHEN i % 4 = 0 THEN NULL ELSE [{'a': i, 'b': 'x' || i}, CASE WHEN i % 7 = 0 THEN NULL ELSE {'a': NULL, 'b': 'y'} END] END AS ls,
              CASE WHEN i % 6 = 0 THEN NULL ELSE {'p': CASE WHEN i % 2 = 0 THEN [] ELSE [i, NULL] END, 'q': {'r': i::VARCHAR, 'd': DATE '2024-01-01' + i::INTEGER}} END AS sl,
              MAP {'k' || i: CASE WHEN i % 3 = 0 THEN NULL ELSE [i] END, 'z': [7, NULL]} AS ml,
              [MAP {i: {'t': [i::SMALLINT]}}, NULL, MAP {}] AS lm,
              [[[i]], [[], NULL], NULL] AS lll
            FROM range(300) r(i)""";

    private static List<List<String>> duckText(Path file, List<String> columns) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + String.join(", ",
                        columns.stream().map(c -> c + "::VARCHAR").toList()) + " FROM '" + file + "' ORDER BY id")) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns.size(); c++) {
                    row.add(result.getString(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<String>> floeText(DataFrame frame, List<String> columns) {
        DataFrame text = frame.sort("id").select(columns.stream().map(c -> col(c).cast(DataType.UTF8).alias(c)).toList());
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < text.height(); r++) {
            List<String> row = new ArrayList<>();
            for (String c : columns) {
                row.add((String) text.column(c).get(r));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void nestedColumnsDuckDbWritesReadAsItReadsThem() throws Exception {
        Path file = folder.resolve("nested.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            // small row groups: levels start afresh in each
            statement.execute("COPY (" + NESTED + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 64)");
        }
        DataFrame read = Floe.readParquet(file.toString());
        assertThat(read.schema().type("ll")).isEqualTo(DataType.listOf(DataType.LIST_INT64));
        assertThat(read.schema().type("lll")).isEqualTo(DataType.listOf(DataType.listOf(DataType.LIST_INT64)));
        List<String> columns = List.of("id", "ll", "ls", "sl", "ml", "lm", "lll");
        assertThat(floeText(read, columns)).isEqualTo(duckText(file, columns));

        // and written back by Floe: DuckDB reads the same values, and so does Floe, types and all
        Path again = folder.resolve("again.parquet");
        read.writeParquet(again);
        assertThat(duckText(again, columns)).isEqualTo(duckText(file, columns));
        DataFrame back = Floe.readParquet(again.toString());
        assertThat(back.schema()).isEqualTo(read.schema());
        assertThat(back.toMaps()).isEqualTo(read.toMaps());
    }

    private static final List<DataType> LEAVES = List.of(DataType.INT64, DataType.INT32, DataType.UTF8,
            DataType.FLOAT64, DataType.BOOLEAN, DataType.DATE, DataType.decimal(9, 2));
    private static final List<String> TEXTS = List.of("a", "b c", "", " x", "it's", "a,b", "null", "[1]", "{k}", "é");

    private static DataType randomType(java.util.SplittableRandom random, int depth) {
        int kind = depth >= 3 ? 0 : random.nextInt(4);
        return switch (kind) {
            case 1 -> DataType.listOf(randomType(random, depth + 1));
            case 2 -> DataType.mapOf(random.nextBoolean() ? DataType.UTF8 : DataType.INT64, randomType(random, depth + 1));
            case 3 -> {
                List<dev.floe.frame.Schema.Field> fields = new ArrayList<>();
                for (int f = 0, n = 1 + random.nextInt(3); f < n; f++) {
                    fields.add(new dev.floe.frame.Schema.Field("f" + f, randomType(random, depth + 1)));
                }
                yield DataType.structOf(fields);
            }
            default -> LEAVES.get(random.nextInt(LEAVES.size()));
        };
    }

    private static Object randomValue(java.util.SplittableRandom random, DataType type) {
        if (random.nextInt(6) == 0) {
            return null;
        }
        if (type.isList()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0, n = random.nextInt(4); i < n; i++) {
                list.add(randomValue(random, type.elementType()));
            }
            return list;
        }
        if (type.isMap()) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0, n = random.nextInt(4); i < n; i++) {
                Object key = type.keyType() == DataType.UTF8 ? TEXTS.get(random.nextInt(TEXTS.size()))
                        : (Object) (long) random.nextInt(-5, 5);
                map.put(key, randomValue(random, type.valueType()));
            }
            return map;
        }
        if (type.isStruct()) {
            Map<String, Object> struct = new LinkedHashMap<>();
            for (dev.floe.frame.Schema.Field field : type.fields()) {
                struct.put(field.name(), randomValue(random, field.type()));
            }
            return struct;
        }
        return switch (type.id()) {
            case INT64 -> random.nextLong();
            case INT32 -> random.nextInt();
            case UTF8 -> TEXTS.get(random.nextInt(TEXTS.size()));
            case FLOAT64 -> random.nextInt(-100, 100) / 4.0;
            case BOOLEAN -> random.nextBoolean();
            case DATE -> java.time.LocalDate.ofEpochDay(random.nextInt(-20_000, 30_000));
            default -> java.math.BigDecimal.valueOf(random.nextLong(-9_999_999, 9_999_999), 2);
        };
    }

    @Test
    void randomNestedColumnsWrittenByFloeReadAsDuckDbReadsThemAndBack() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261206);
        for (int round = 0; round < 12; round++) {
            List<Series> columns = new ArrayList<>();
            columns.add(Series.of("id", java.util.stream.LongStream.range(0, 200).toArray()));
            List<String> names = new ArrayList<>(List.of("id"));
            for (int c = 0; c < 3; c++) {
                DataType type = randomType(random, 1);
                List<Object> values = new ArrayList<>();
                for (int r = 0; r < 200; r++) {
                    values.add(randomValue(random, type));
                }
                columns.add(Series.of("c" + c, type, values));
                names.add("c" + c);
            }
            DataFrame frame = DataFrame.of(columns);
            Path file = folder.resolve("random-" + round + ".parquet");
            frame.writeParquet(file);
            assertThat(duckText(file, names)).as("round %d: %s", round, frame.schema()).isEqualTo(floeText(frame, names));
            DataFrame back = Floe.readParquet(file.toString());
            assertThat(back.schema()).isEqualTo(frame.schema());
            assertThat(back.toMaps()).as("round %d", round).isEqualTo(frame.toMaps());
        }
    }

    @Test
    void nestedValuesFromJavaRoundTrip() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("name", "a");
        first.put("scores", List.of(1.5, 2.5));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("name", null);
        second.put("scores", null);
        DataType struct = DataType.structOf(List.of(new dev.floe.frame.Schema.Field("name", DataType.UTF8),
                new dev.floe.frame.Schema.Field("scores", DataType.LIST_FLOAT64)));
        DataFrame df = DataFrame.of(
                Series.of("id", 1L, 2L, 3L),
                Series.of("people", DataType.listOf(struct), Arrays.asList(List.of(first, second), List.of(), null)),
                Series.of("grid", Arrays.asList(List.of(List.of(1, 2), List.of()), Arrays.asList(null, List.of(3)),
                        null)),
                Series.of("tags", DataType.mapOf(DataType.UTF8, DataType.LIST_UTF8),
                        Arrays.asList(Map.of("k", List.of("x", "y")), Map.of(), null)));
        Path path = folder.resolve("java.parquet");
        df.writeParquet(path);
        DataFrame back = Floe.readParquet(path.toString());
        assertThat(back.schema()).isEqualTo(df.schema());
        assertThat(back.toMaps()).isEqualTo(df.toMaps());
    }

    @Test
    void olderListFormsBareRepeatedFieldsAndRequiredGroupsAreRead() throws Exception {
        Path path = folder.resolve("forms.parquet");
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType("""
                message m {
                  required int32 id;
                  repeated int32 bare;
                  optional group two (LIST) { repeated int32 element; }
                  optional group legacy (LIST) { repeated group array { optional int32 x; optional binary y (STRING); } }
                  required group req { required int32 a; required group inner { repeated binary w (STRING); } }
                  optional group keys (MAP) { repeated group key_value { required binary key (STRING); } }
                }""");
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> writer =
                org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(new org.apache.parquet.io.LocalOutputFile(path))
                        .withConf(new org.apache.parquet.conf.PlainParquetConfiguration()).withType(schema).build()) {
            org.apache.parquet.example.data.simple.SimpleGroupFactory rows =
                    new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
            org.apache.parquet.example.data.Group one = rows.newGroup().append("id", 1).append("bare", 5).append("bare", 6);
            one.addGroup("two").append("element", 7);
            org.apache.parquet.example.data.Group legacy = one.addGroup("legacy");
            legacy.addGroup("array").append("x", 8).append("y", "p");
            legacy.addGroup("array").append("y", "q");
            org.apache.parquet.example.data.Group req = one.addGroup("req").append("a", 9);
            req.addGroup("inner").append("w", "u").append("w", "v");
            one.addGroup("keys").addGroup("key_value").append("key", "k");
            writer.write(one);
            org.apache.parquet.example.data.Group two = rows.newGroup().append("id", 2);
            two.addGroup("two");
            two.addGroup("req").append("a", 10).addGroup("inner");
            writer.write(two);
        }
        DataFrame read = Floe.readParquet(path.toString());
        assertThat(read.schema().type("bare")).isEqualTo(DataType.LIST_INT32);
        assertThat(read.schema().type("keys")).isEqualTo(DataType.mapOf(DataType.UTF8, DataType.NULL));
        Map<String, Object> x8 = new LinkedHashMap<>();
        x8.put("x", 8);
        x8.put("y", "p");
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("x", null);
        q.put("y", "q");
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("k", null);
        assertThat(read.toMaps().get(0)).containsEntry("bare", List.of(5, 6)).containsEntry("two", List.of(7))
                .containsEntry("legacy", List.of(x8, q))
                .containsEntry("req", Map.of("a", 9, "inner", Map.of("w", List.of("u", "v"))))
                .containsEntry("keys", key);
        assertThat(read.toMaps().get(1)).containsEntry("bare", List.of()).containsEntry("two", List.of())
                .containsEntry("legacy", null).containsEntry("req", Map.of("a", 10, "inner", Map.of("w", List.of())))
                .containsEntry("keys", null);

        // a row group whose bare repeated lists are all empty holds no null: a filter keeps its rows
        Path empty = folder.resolve("empty-lists.parquet");
        org.apache.parquet.schema.MessageType bare = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message m { required int32 id; repeated int32 bare; }");
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> writer =
                org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(new org.apache.parquet.io.LocalOutputFile(empty))
                        .withConf(new org.apache.parquet.conf.PlainParquetConfiguration()).withType(bare).build()) {
            writer.write(new org.apache.parquet.example.data.simple.SimpleGroupFactory(bare).newGroup().append("id", 7));
        }
        assertThat(Floe.scanParquet(empty.toString()).filter(col("bare").isNotNull()).collect().column("id").toList())
                .containsExactly(7);
    }

    /** A file of one row whose leaves are written level by level, as {@code write} says. */
    private Path levels(String name, String message, java.util.function.BiConsumer<org.apache.parquet.column.ColumnWriter[],
            org.apache.parquet.column.ColumnWriteStore> write) throws Exception {
        Path path = folder.resolve(name);
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(message);
        org.apache.parquet.column.ParquetProperties properties = org.apache.parquet.column.ParquetProperties.builder().build();
        org.apache.parquet.hadoop.ParquetFileWriter file = new org.apache.parquet.hadoop.ParquetFileWriter(
                new org.apache.parquet.io.LocalOutputFile(path), schema, org.apache.parquet.hadoop.ParquetFileWriter.Mode.CREATE,
                1 << 20, 0);
        file.start();
        org.apache.parquet.hadoop.ColumnChunkPageWriteStore pages = new org.apache.parquet.hadoop.ColumnChunkPageWriteStore(
                Codecs.INSTANCE.getCompressor(org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED), schema,
                properties.getAllocator(), properties.getColumnIndexTruncateLength(), false);
        org.apache.parquet.column.ColumnWriteStore store = properties.newColumnWriteStore(schema, pages);
        org.apache.parquet.column.ColumnWriter[] writers = new org.apache.parquet.column.ColumnWriter[schema.getColumns().size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = store.getColumnWriter(schema.getColumns().get(c));
        }
        write.accept(writers, store);
        store.flush();
        file.startBlock(1);
        pages.flushToFileWriter(file);
        file.endBlock();
        file.end(Map.of());
        return path;
    }

    @Test
    void leavesWhoseLevelsDisagreeAreCorrupt() throws Exception {
        String message = "message m { optional group l (LIST) { repeated group list { optional group element { "
                + "optional int32 a; optional int32 b; } } } }";
        // a list of two structs in the leaf of a, of one in the leaf of b
        Path split = levels("split.parquet", message, (w, store) -> {
            w[0].write(1, 0, 4);
            w[0].write(2, 1, 4);
            w[1].write(3, 0, 4);
            store.endRecord();
        });
        assertThatThrownBy(() -> Floe.readParquet(split.toString())).isInstanceOf(dev.floe.FloeException.class)
                .hasMessageContaining("is corrupt").hasMessageContaining("levels disagree");
    }
}
