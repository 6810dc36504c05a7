package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a context's SQL may read: all, none, or those inside some directories, wherever a path leads. */
class FileAccessTest {
    @TempDir
    Path root;

    private Path allowed;
    private Path outside;

    @BeforeEach
    void files() throws Exception {
        allowed = Files.createDirectories(root.resolve("allowed"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(allowed.resolve("a.csv"), "k,v\na,1\n");
        Files.writeString(allowed.resolve("b.csv"), "k,v\nb,2\n");
        Files.writeString(outside.resolve("secret.csv"), "k,v\nsecret,42\n");
    }

    private static SqlContext context(FileAccess access) {
        return new SqlContext().withFileAccess(access)
                .register("t", DataFrame.of(Series.of("x", new long[] {1, 2})));
    }

    private SqlContext sandboxed() {
        return context(FileAccess.allowedDirectories(allowed));
    }

    @Test
    void byDefaultAnyFileCanBeRead() {
        SqlContext sql = new SqlContext();
        assertThat(sql.fileAccess().isUnrestricted()).isTrue();
        assertThat(sql.sql("SELECT v FROM '" + outside.resolve("secret.csv") + "'").toMaps())
                .containsExactly(java.util.Map.of("v", 42L));
    }

    @Test
    void disabledAccessRefusesEveryWayOfNamingAFile() {
        SqlContext sql = context(FileAccess.disabled());
        String secret = outside.resolve("secret.csv").toString();
        for (String query : List.of("SELECT * FROM '" + secret + "'", "SELECT * FROM read_csv('" + secret + "')",
                "SELECT * FROM read_csv_auto('" + secret + "', delim => ',')",
                "SELECT * FROM read_parquet('" + root.resolve("x.parquet") + "')",
                "SELECT * FROM read_arrow('" + root.resolve("x.arrow") + "')",
                "SELECT * FROM read_json('" + root.resolve("x.json") + "')",
                "SELECT * FROM read_ndjson_auto('" + root.resolve("x.ndjson") + "')",
                "SELECT * FROM t WHERE x IN (SELECT v FROM '" + secret + "')",
                "CREATE VIEW leak AS SELECT * FROM '" + secret + "'", "SELECT * FROM '/etc/passwd'")) {
            assertThatThrownBy(() -> sql.sql(query)).as(query).isInstanceOf(SqlException.class)
                    .hasMessageContaining("file access is disabled in this SqlContext (FileAccess.disabled()")
                    .hasMessageContaining("enable_external_access");
        }
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + secret + "'")).hasMessageContaining("'" + secret + "'");
        assertThat(sql.sql("SELECT sum(x) AS s FROM t").toMaps()).containsExactly(java.util.Map.of("s", java.math.BigInteger.valueOf(3)));
        assertThat(sql.tables()).containsExactly("t");
    }

    @Test
    void aBareFileNameIsRefusedBeforeItIsLookedFor() {
        assertThatThrownBy(() -> new SqlContext().sql("SELECT * FROM \"data/missing.csv\""))
                .hasMessageContaining("unknown table");
        assertThatThrownBy(() -> context(FileAccess.disabled()).sql("SELECT * FROM \"data/missing.csv\""))
                .isInstanceOf(SqlException.class).hasMessageContaining("cannot read 'data/missing")
                .hasMessageContaining("file access is disabled");
        assertThatThrownBy(() -> sandboxed().sql("SELECT * FROM \"data/missing.csv\""))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
    }

    @Test
    void filesInsideTheAllowedDirectoriesAreRead() {
        SqlContext sql = sandboxed();
        assertThat(sql.sql("SELECT v FROM '" + allowed.resolve("a.csv") + "'").toMaps())
                .containsExactly(java.util.Map.of("v", 1L));
        assertThat(sql.sql("SELECT sum(v) AS v FROM read_csv('" + allowed.resolve("*.csv") + "')").toMaps())
                .containsExactly(java.util.Map.of("v", java.math.BigInteger.valueOf(3)));
        assertThat(allowed.resolve("sub").toFile().mkdir()).isTrue();
        assertThat(sql.sql("SELECT v FROM '" + allowed.resolve("sub/../a.csv") + "'").toMaps()).hasSize(1);
    }

    @Test
    void aFileOutsideIsRefusedNamingThePathAndTheSetting() {
        SqlContext sql = sandboxed();
        Path secret = outside.resolve("secret.csv");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + secret + "'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("cannot read '" + secret + "'")
                .hasMessageContaining("outside the directories this SqlContext may read")
                .hasMessageContaining("FileAccess.allowedDirectories allows " + allowed)
                .hasMessageContaining("allowed_directories");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM read_csv('/etc/passwd', delim => ':')"))
                .isInstanceOf(SqlException.class).hasMessageContaining("cannot read '/etc/passwd'")
                .hasMessageContaining("outside the directories");
    }

    @Test
    void dotDotCannotLeadOut() throws Exception {
        SqlContext sql = sandboxed();
        String escape = allowed + "/../outside/secret.csv";
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + escape + "'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("leads to " + outside.toRealPath().resolve("secret.csv"));
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed + "/missing/../../outside/secret.csv'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
    }

    @Test
    void symbolicLinksCannotLeadOut() throws Exception {
        SqlContext sql = sandboxed();
        Files.createSymbolicLink(allowed.resolve("link.csv"), outside.resolve("secret.csv"));
        Files.createSymbolicLink(allowed.resolve("elsewhere"), outside);
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed.resolve("link.csv") + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed.resolve("elsewhere/secret.csv") + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed.resolve("elsewhere/missing.csv") + "'"))
                .as("a missing file is judged by where its directory leads").isInstanceOf(SqlException.class)
                .hasMessageContaining("outside the directories");
    }

    @Test
    void aGlobCannotLeadOut() throws Exception {
        SqlContext sql = sandboxed();
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed + "/../outside/*.csv'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("the directory it lists leads to");
        Files.createSymbolicLink(allowed.resolve("c.csv"), outside.resolve("secret.csv"));
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed.resolve("*.csv") + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("it matches " + allowed.resolve("c.csv"))
                .hasMessageContaining("outside the directories");
        Files.createSymbolicLink(allowed.resolve("linked"), outside);
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed.resolve("linked/*.csv") + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("the directory it lists leads to");
        // a glob in a middle part, a recursive glob and a whole directory reach the link too
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed + "/*/secret.csv'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed + "/**/*.csv'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + allowed + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("outside the directories");
    }

    @Test
    void aRefusedPathGetsTheSameAnswerWhetherOrNotItExists() {
        SqlContext sql = sandboxed();
        String there = messageOf(sql, outside.resolve("secret.csv"));
        String notThere = messageOf(sql, outside.resolve("nothing.csv"));
        assertThat(notThere.replace("nothing.csv", "secret.csv")).isEqualTo(there);
    }

    private static String messageOf(SqlContext sql, Path file) {
        try {
            sql.sql("SELECT * FROM '" + file + "'");
        } catch (SqlException e) {
            return e.reason();
        }
        throw new AssertionError("no refusal for " + file);
    }

    @Test
    void anAllowedDirectoryGivenThroughALinkAllowsWhatItLeadsTo() throws Exception {
        Path alias = Files.createSymbolicLink(root.resolve("alias"), allowed);
        SqlContext sql = context(FileAccess.allowedDirectories(alias));
        assertThat(sql.sql("SELECT v FROM '" + allowed.resolve("a.csv") + "'").toMaps()).hasSize(1);
        assertThat(sql.sql("SELECT v FROM '" + alias.resolve("b.csv") + "'").toMaps()).hasSize(1);
        assertThatThrownBy(() -> sql.sql("SELECT * FROM '" + outside.resolve("secret.csv") + "'"))
                .isInstanceOf(SqlException.class);
    }

    @Test
    void settingsDescribeThemselves() {
        assertThat(FileAccess.allowedDirectories(List.of())).isSameAs(FileAccess.disabled());
        assertThat(FileAccess.allowedDirectories(allowed).allowedDirectories()).containsExactly(allowed);
        assertThat(FileAccess.disabled().isUnrestricted()).isFalse();
        assertThat(FileAccess.allowedDirectories(allowed)).hasToString("FileAccess.allowedDirectories(" + allowed + ")");
        assertThatThrownBy(() -> new SqlContext().withFileAccess(null)).hasMessage("access is null");
    }
}
