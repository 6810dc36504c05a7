package dev.floe.pool;

/**
 * The child JVM of a {@link FloeProcess}: reads the serialized body from stdin, runs it, and exits
 * with 0, or 1 after printing what the body threw. Argument: the parent's process id. Not for
 * direct use.
 */
public final class ProcessMain {
    private ProcessMain() {}

    public static void main(String[] args) {
        WorkerMain.exitWithParent(Long.parseLong(args[0]));
        int code = 0;
        try {
            FloeProcess.Body body = Wire.deserialize(System.in.readAllBytes(), FloeProcess.Body.class);
            body.run();
        } catch (Throwable thrown) {
            thrown.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
