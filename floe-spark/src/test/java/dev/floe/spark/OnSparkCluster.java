package dev.floe.spark;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class whose Spark is an application on the tests' standalone cluster ({@link SparkCluster},
 * started for it): a suite written for a local Spark runs on the cluster through a subclass so
 * marked, its {@code @BeforeAll} asking
 * {@link SparkCluster#sparkFor(TestInfo, Supplier)} for its engine.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(SparkCluster.Extension.class)
public @interface OnSparkCluster {}
