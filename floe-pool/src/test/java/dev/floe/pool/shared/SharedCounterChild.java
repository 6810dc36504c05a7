package dev.floe.pool.shared;

/**
 * A child process for the shared-memory tests: {@code MODE NAME TIMES} increments the shared
 * long {@code NAME} {@code TIMES} times, racily ({@code plain}), under a lock ({@code locked}),
 * or atomically ({@code atomic}); {@code fill NAME FROM TO} writes {@code i * 0.5} into a shared
 * double array's range; {@code hold NAME} takes a lock and dies holding it; {@code make NAME}
 * creates a region of 16 bytes and dies without closing it, leaving its file behind.
 */
public final class SharedCounterChild {
    private SharedCounterChild() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String name = args[1];
        switch (mode) {
            case "plain", "locked", "atomic" -> {
                int times = Integer.parseInt(args[2]);
                try (SharedLong counter = SharedLong.open(name);
                        SharedLock lock = SharedLock.open(name + ".lock")) {
                    for (int i = 0; i < times; i++) {
                        switch (mode) {
                            case "plain" -> counter.set(counter.get() + 1);
                            case "locked" -> {
                                try (SharedLock.Held held = lock.acquire()) {
                                    counter.set(counter.get() + 1);
                                }
                            }
                            default -> counter.incrementAndGet();
                        }
                    }
                }
            }
            case "fill" -> {
                try (SharedDoubleArray array = SharedDoubleArray.open(name)) {
                    for (long i = Long.parseLong(args[2]); i < Long.parseLong(args[3]); i++) {
                        array.set(i, i * 0.5);
                    }
                }
            }
            case "hold" -> {
                SharedLock lock = SharedLock.open(name);
                lock.lock();
                Runtime.getRuntime().halt(0); // dies holding the lock, handle not closed
            }
            case "make" -> {
                SharedRegion.create(name, 16);
                Runtime.getRuntime().halt(0); // the file stays for the parent to inspect
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }
}
