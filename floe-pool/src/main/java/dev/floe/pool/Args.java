package dev.floe.pool;

import java.io.Serializable;

/**
 * The arguments of one call of a several-argument function, for {@link Pool#starmap}: what a
 * tuple is to Python's {@code Pool.starmap}.
 *
 * <pre>{@code
 * List<Args2<int[], Integer>> calls = rows.stream().map(row -> Args.of(row, 4)).toList();
 * List<Integer> counts = pool.starmap(Demo::countOf, calls);   // countOf(int[] row, int value)
 * }</pre>
 *
 * <p>Immutable; serializable when its values are.
 */
public sealed interface Args extends Serializable permits Args2, Args3 {

    /** The arguments {@code (first, second)}. */
    static <A, B> Args2<A, B> of(A first, B second) {
        return new Args2<>(first, second);
    }

    /** The arguments {@code (first, second, third)}. */
    static <A, B, C> Args3<A, B, C> of(A first, B second, C third) {
        return new Args3<>(first, second, third);
    }
}
