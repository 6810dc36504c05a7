package dev.floe.pool;

/** Two arguments of one call; see {@link Args}. */
public record Args2<A, B>(A first, B second) implements Args {
    @Override
    public String toString() {
        return "(" + Describe.value(first) + ", " + Describe.value(second) + ")";
    }
}
