package dev.floe.spark;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential corpus on a Spark standalone cluster (a master and two workers, each executor a
 * JVM of its own): plans over frames, CSV and Parquet files, and SQL, against the local engine.
 * The executors read the files from the same paths, as from a shared file system.
 *
 * <p>A part of the corpus that has each kind of plan (scans, three-valued filters, Floe's division
 * rules, casts and functions, top-k, concatenation, every aggregation, joins, windows, what Floe
 * computes in the executors) runs here;
 * the whole corpus runs on {@code local[2]} in {@link SparkEngineDifferentialTest}: the plans
 * translate alike whatever the master, and the cluster suite keeps to a few minutes.
 */
@OnSparkCluster
class SparkClusterDifferentialTest extends SparkEngineDifferentialTest {
    private static final Set<String> PLANS = Set.of("scan", "filter three-valued", "division and remainders",
            "casts and functions", "top k", "concat", "group by with every translated aggregation",
            "group by an expression", "no keys over no rows", "unique", "left join", "full join on two keys",
            "anti join", "window over partitions", "ranks and running sums", "join then group",
            "first and last of groups", "row numbers, lag and lead", "window frames", "unique by a subset");
    private static final Set<String> FILE_PLANS = Set.of("scan", "filter", "group by with every translated aggregation",
            "left join", "first and last of groups");
    private static final Set<String> FUNCTIONS = Set.of("text", "date parts");
    private static final Set<String> LIST_PLANS = Set.of("lists shipped and given back", "list functions",
            "explode two lists of one length, then filter", "lists of groups in input order",
            "top two by group, exploded (the h2o question)");
    private static final Set<String> AFTER_SHUFFLE_PLANS = Set.of("groups in order of first appearance",
            "left join rows in Floe's order", "full join rows in Floe's order", "window rows in Floe's order",
            "first, last and lists after a join");
    private static final Set<String> COMPUTED_PLANS = Set.of("text Spark folds, matches or reverses otherwise",
            "as group keys and aggregations' inputs", "in windows", "in a filter after a shuffle, then the first rows",
            "windows Spark has no form for, after a shuffle", "bins from the data",
            "group-bys Spark has no form for, after a shuffle", "a group-by Spark has no form for, then the first groups",
            "aggregations Spark has no form for, over no rows");
    private static final Set<String> QUERIES = Set.of("group by", "filter, order, limit", "left join",
            "min, max, count distinct", "union all", "window");

    static Stream<Named<Query>> clusterCorpus() {
        return corpus().filter(query -> PLANS.contains(query.getName()));
    }

    static Stream<Named<Query>> clusterFileCorpus() {
        return fileCorpus().filter(query -> FILE_PLANS.contains(query.getName()));
    }

    static Stream<Named<Query>> clusterFunctionCorpus() {
        return functionCorpus().filter(query -> FUNCTIONS.contains(query.getName()));
    }

    static Stream<Named<Query>> clusterListCorpus() {
        return listCorpus().filter(query -> LIST_PLANS.contains(query.getName()));
    }

    static Stream<Named<Query>> clusterAfterShuffleCorpus() {
        return afterShuffleCorpus().filter(query -> AFTER_SHUFFLE_PLANS.contains(query.getName()));
    }

    static Stream<Named<Query>> clusterComputedCorpus() {
        return computedCorpus().filter(query -> COMPUTED_PLANS.contains(query.getName()));
    }

    static Stream<Named<String>> clusterSqlCorpus() {
        return sqlCorpus().filter(query -> QUERIES.contains(query.getName()));
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterCorpus")
    void inMemoryFramesGiveTheLocalAnswers(Query query) {
        super.inMemoryFramesGiveTheLocalAnswers(query);
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterFileCorpus")
    void csvScansGiveTheLocalAnswers(Query query) {
        super.csvScansGiveTheLocalAnswers(query);
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterFileCorpus")
    void parquetScansGiveTheLocalAnswers(Query query) {
        super.parquetScansGiveTheLocalAnswers(query);
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterFunctionCorpus")
    void functionsGiveTheLocalAnswers(Query query) {
        super.functionsGiveTheLocalAnswers(query);
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterListCorpus")
    void listsGiveTheLocalAnswers(Query query) {
        super.listsGiveTheLocalAnswers(query);
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterAfterShuffleCorpus")
    void orderFollowingStepsAfterShufflesGiveTheLocalAnswers(Query query) {
        super.orderFollowingStepsAfterShufflesGiveTheLocalAnswers(query);
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterComputedCorpus")
    void expressionsFloeComputesInTheExecutorsGiveTheLocalAnswers(Query query) {
        super.expressionsFloeComputesInTheExecutorsGiveTheLocalAnswers(query);
    }

    @Override
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterSqlCorpus")
    void sqlQueriesGiveTheLocalAnswers(String query) {
        super.sqlQueriesGiveTheLocalAnswers(query);
    }
}
