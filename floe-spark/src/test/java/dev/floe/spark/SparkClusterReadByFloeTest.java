package dev.floe.spark;

/**
 * {@link SparkReadByFloeTest} on the standalone cluster: Floe's readers (CSV, Arrow, JSON and
 * Parquet, found by the executors' class loader) run in the executors' JVMs.
 */
@OnSparkCluster
class SparkClusterReadByFloeTest extends SparkReadByFloeTest {}
