package dev.floe.frame.exec.agg;

import java.util.Arrays;

/** Growing per-group arrays to the table's group count. */
final class Growable {
    private Growable() {}

    static int capacity(int current, int needed) {
        int capacity = Math.max(current, 16);
        while (capacity < needed) {
            capacity *= 2;
        }
        return capacity;
    }

    static long[] ensure(long[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }

    static double[] ensure(double[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }

    static boolean[] ensure(boolean[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }

    static int[] ensure(int[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }

    static <T> T[] ensure(T[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }
}
