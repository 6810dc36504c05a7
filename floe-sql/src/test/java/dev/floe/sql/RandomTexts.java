package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A table {@code p(id BIGINT, s VARCHAR)} of seeded random texts (one in {@code nullOneIn} null),
 * made alike in Floe and in DuckDB: what the differential tests of text read as values run over.
 */
record RandomTexts(List<Object> ids, List<Object> texts) {
    static RandomTexts of(SplittableRandom random, int rows, int nullOneIn, Function<SplittableRandom, String> text) {
        List<Object> ids = new ArrayList<>();
        List<Object> texts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add((long) i);
            texts.add(random.nextInt(nullOneIn) == 0 ? null : text.apply(random));
        }
        return new RandomTexts(ids, texts);
    }

    /** A Floe context that holds the table as {@code p}. */
    SqlContext floe() {
        SqlContext floe = new SqlContext();
        floe.register("p", DataFrame.of(Series.of("id", ids), Series.of("s", texts)));
        return floe;
    }

    /** Makes the table {@code p} in DuckDB. */
    void createIn(Connection duck) throws SQLException {
        try (Statement statement = duck.createStatement()) {
            statement.execute("CREATE TABLE p (id BIGINT, s VARCHAR)");
        }
        try (PreparedStatement insert = duck.prepareStatement("INSERT INTO p VALUES (?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                insert.setLong(1, (Long) ids.get(i));
                insert.setString(2, (String) texts.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
