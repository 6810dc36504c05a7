package dev.floe.pool;

/** Three arguments of one call; see {@link Args}. */
public record Args3<A, B, C>(A first, B second, C third) implements Args {
    @Override
    public String toString() {
        return "(" + Describe.value(first) + ", " + Describe.value(second) + ", "
                + Describe.value(third) + ")";
    }
}
