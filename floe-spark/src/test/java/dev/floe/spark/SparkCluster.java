package dev.floe.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Spark standalone cluster on this machine for the tests: a master and two workers, each a JVM
 * of its own on 127.0.0.1 with ports chosen when it starts, as a Spark installation runs them.
 *
 * <p>The installation is made from the test's class path: its Spark home's {@code jars} folder
 * links every jar but Floe's (the master, the workers and the executors they start run on those),
 * and Floe's classes (the modules' class folders, made into jars) reach the executors the way an
 * application's do, through {@code spark.jars}: the driver serves them and each executor fetches
 * them. Each worker offers two cores and 1 GiB; an application gets an executor on each.
 *
 * <p>One cluster per test JVM: {@link Extension} starts it for the first test class that asks for
 * it and stops it when the test run ends (a shutdown hook too, should the JVM end otherwise):
 * every process it started, the executors the workers started, and its folder go.
 */
public final class SparkCluster implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int WORKERS = 2;
    static final int CORES_PER_WORKER = 2;
    /** The applications' {@code spark.rpc.message.maxSize}, in MiB. */
    static final int MAX_MESSAGE_MIB = 2;
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Path folder;
    private final Path sparkHome;
    private String appJars;
    private final int masterPort;
    private final int masterWebPort;
    private Process master;
    private final List<Process> workers = new ArrayList<>();
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int workersStarted;
    private volatile boolean closed;

    /** The cluster {@link Extension} started; null before. */
    private static volatile SparkCluster running;

    /**
     * Runs the cluster for a test class ({@code @ExtendWith}), before its {@code @BeforeAll}
     * methods: one per test JVM, started for the first class and stopped when the whole test run
     * ends. A cluster that does not start fails the class, with the daemons' last log lines.
     */
    public static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            // the root store: closed (and the cluster with it) when the whole test run ends
            running = context.getRoot().getStore(ExtensionContext.Namespace.create(SparkCluster.class))
                    .computeIfAbsent(SparkCluster.class, key -> SparkCluster.start(), SparkCluster.class);
        }
    }

    /** The cluster of this test JVM: for classes that run with {@link Extension}. */
    public static SparkCluster running() {
        SparkCluster cluster = running;
        if (cluster == null || cluster.closed) {
            throw new IllegalStateException("no Spark cluster runs: the test class needs @ExtendWith(SparkCluster.Extension.class)");
        }
        return cluster;
    }

    private SparkCluster(Path folder) throws IOException {
        this.folder = folder;
        sparkHome = folder.resolve("spark-home");
        masterPort = freePort();
        masterWebPort = freePort();
        shutdownHook = new Thread(this::stopAll, "spark-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void boot() throws IOException, InterruptedException {
        List<Path> floeJars = installation();
        appJars = String.join(",", floeJars.stream().map(path -> path.toUri().toString()).toList());
        master = launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", HOST, "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(masterWebPort)));
        for (int i = 0; i < WORKERS; i++) {
            workers.add(startWorker());
        }
        awaitAliveWorkers(WORKERS);
    }

    /** Starts a master and two workers, and waits until both workers have registered. */
    static SparkCluster start() {
        SparkCluster cluster;
        try {
            cluster = new SparkCluster(Files.createTempDirectory("floe-spark-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.boot();
            return cluster;
        } catch (Exception | Error e) {
            String logs = logTails(cluster.folder);
            cluster.close();
            throw new IllegalStateException("the Spark standalone cluster for the tests did not start: " + e + logs, e);
        }
    }

    /**
     * A test class's Spark: an application on the cluster when the class is marked
     * {@link OnSparkCluster}, else {@code local}'s.
     */
    public static SparkEngine sparkFor(TestInfo test, Supplier<SparkEngine> local) {
        return test.getTestClass().orElseThrow().isAnnotationPresent(OnSparkCluster.class) ? running().connect()
                : local.get();
    }

    /** {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /** The settings an application on this cluster needs: Floe's jars, the driver on 127.0.0.1, small executors. */
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("spark.jars", appJars);
        settings.put("spark.driver.host", HOST);
        settings.put("spark.driver.bindAddress", HOST);
        settings.put("spark.executor.memory", "768m");
        // as the daemons: a JVM that starts on little CPU (the tests' machine may have two cores for all of it)
        settings.put("spark.executor.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        settings.put("spark.sql.shuffle.partitions", Integer.toString(WORKERS * CORES_PER_WORKER));
        // the largest message a task may be, 2 MiB (128 by default), so that shipping a frame of a few
        // megabytes meets the limit that frames of gigabytes meet on a real cluster
        settings.put("spark.rpc.message.maxSize", Integer.toString(MAX_MESSAGE_MIB));
        return settings;
    }

    /**
     * An application on the cluster ({@link SparkEngine#connect(String, Map)}), returned once an
     * executor runs on every worker, so that its parallelism is the cluster's.
     */
    public SparkEngine connect() {
        SparkEngine engine = SparkEngine.connect(masterUrl(), settings());
        try {
            awaitExecutors(engine, WORKERS);
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    /** Waits until the application has {@code count} executors. */
    public void awaitExecutors(SparkEngine engine, int count) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (executors(engine) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the application on " + masterUrl() + " has " + executors(engine)
                        + " executors after " + START_LIMIT.toSeconds() + " s, not " + count + logTails(folder));
            }
            sleep(100);
        }
    }

    /** The application's executors (the driver not counted). */
    static int executors(SparkEngine engine) {
        return engine.session().sparkContext().statusTracker().getExecutorInfos().length - 1;
    }

    /** The worker processes now running, in the order they started. */
    public List<ProcessHandle> workers() {
        return workers.stream().filter(Process::isAlive).map(Process::toHandle).toList();
    }

    /**
     * Kills a worker as a lost machine goes: the executors it started, then the worker itself, at
     * once and without a word to the master or the driver.
     */
    public void killWorker(ProcessHandle worker) {
        List<ProcessHandle> children = worker.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
        awaitExit(worker);
        children.forEach(SparkCluster::awaitExit);
    }

    /** Starts workers until two are alive, and waits until the master has them. */
    public void restoreWorkers() {
        try {
            workers.removeIf(process -> !process.isAlive());
            while (workers.size() < WORKERS) {
                workers.add(startWorker());
            }
            awaitAliveWorkers(WORKERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The workers the master counts as alive, from its web UI's JSON. */
    public int aliveWorkers() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + masterWebPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) { // the UI's server is up before its pages are
            throw new IOException("the master's UI answers " + response.statusCode());
        }
        String json = response.body();
        Matcher alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(json);
        if (alive.find()) {
            return Integer.parseInt(alive.group(1));
        }
        // while the UI starts, /json/ can answer with the HTML page of / before its own handler
        // is in place: not up yet, as for any other status
        throw new IOException("the master's /json/ has no aliveworkers yet: "
                + json.substring(0, Math.min(200, json.length())).replaceAll("\\s+", " "));
    }

    private void awaitAliveWorkers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String last = "";
        while (true) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the master exited with " + master.exitValue());
            }
            try {
                if (aliveWorkers() >= count) {
                    return;
                }
                last = "fewer alive workers";
            } catch (IOException e) {
                last = e.toString(); // the master's UI is not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the master at " + masterUrl() + " has not " + count
                        + " alive workers after " + START_LIMIT.toSeconds() + " s (" + last + ")");
            }
            Thread.sleep(200);
        }
    }

    private Process startWorker() throws IOException {
        int number = ++workersStarted;
        Path work = Files.createDirectories(folder.resolve("work-" + number));
        return launch("worker-" + number, List.of("org.apache.spark.deploy.worker.Worker", "--host", HOST, "--port",
                Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()), "--cores",
                Integer.toString(CORES_PER_WORKER), "--memory", "1g", "--work-dir", work.toString(), masterUrl()));
    }

    /** A daemon of the installation: its own JVM on the JDK running the tests, its output in {@code logs/<name>.log}. */
    private Process launch(String name, List<String> mainAndArguments) throws IOException {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        // small and quick to start: a serial collector and the C1 compiler only (the daemons compute little)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", sparkHome.resolve("jars") + "/*"));
        command.addAll(mainAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", sparkHome.toString()); // where a worker finds the jars of the executors it starts
        environment.put("SPARK_SCALA_VERSION", "2.13"); // as an installation's load-spark-env.sh says
        environment.put("SPARK_LOCAL_IP", HOST);
        environment.put("SPARK_LOCAL_DIRS", Files.createDirectories(folder.resolve("local")).toString());
        environment.remove("SPARK_CONF_DIR");
        return builder.start();
    }

    /**
     * The Spark home: {@code jars/} links every jar of the class path but Floe's; Floe's class
     * folders and jars become the application's jars (returned).
     */
    private List<Path> installation() throws IOException {
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        Path application = Files.createDirectories(folder.resolve("application-jars"));
        List<Path> floe = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                // .../floe-pool/target/test-classes: floe-pool-test-classes.jar
                Path jar = application.resolve(path.getParent().getParent().getFileName() + "-" + path.getFileName() + ".jar");
                jarOf(path, jar);
                floe.add(jar);
            } else if (path.toString().contains("/dev/floe/") || path.getFileName().toString().startsWith("floe-")) {
                // Floe's jars from the local repository, or a module's own jar in a reactor build
                // (floe-pool's test jar in `mvn install`): sent with the application, so that a test
                // class and the superclass of its package meet in one class loader on the executors
                floe.add(path);
            } else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")) {
                Path link = jars.resolve(path.getFileName());
                for (int n = 2; Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
                    link = jars.resolve(n + "-" + path.getFileName());
                }
                Files.createSymbolicLink(link, path);
            }
        }
        return floe;
    }

    private static void jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** Stops the workers, the executors they started and the master, and deletes the cluster's folder. */
    @Override
    public synchronized void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or has run
        }
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> all = new ArrayList<>();
        for (Process worker : workers) {
            all.addAll(worker.toHandle().descendants().toList());
            all.add(worker.toHandle());
        }
        if (master != null) {
            all.addAll(master.toHandle().descendants().toList());
            all.add(master.toHandle());
        }
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(SparkCluster::awaitExit);
        deleteQuietly(folder);
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + process.pid() + " did not exit", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of each daemon's log, for a failure's message. */
    private static String logTails(Path folder) {
        StringBuilder text = new StringBuilder();
        if (!Files.isDirectory(folder)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log") || file.endsWith("stderr"))
                    .sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append("\n--- ").append(folder.relativize(log)).append(" (last lines) ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
        } catch (IOException | UncheckedIOException e) {
            text.append("\n(logs unreadable: ").append(e).append(')');
        }
        return text.toString();
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a file an exiting executor still writes: the temporary folder is the system's to clean
        }
    }
}
