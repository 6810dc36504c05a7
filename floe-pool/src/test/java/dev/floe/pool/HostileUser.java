package dev.floe.pool;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What another local user would try against a Floe process, run by {@link HostileUserTest} as
 * that user. It uses the JDK only (it runs from a copy of this one class file) and reports each
 * attempt as a line on stdout:
 *
 * <ul>
 *   <li>{@code join PID SECONDS}: reads worker PID's command line, environment, stdin and memory
 *       from {@code /proc}, then tries for SECONDS to take the place of the pool's next worker with what
 *       it found (a loopback port and token, or a socket path), reporting any frame it receives;
 *   <li>{@code read FILE}: reads a shared region's file;
 *   <li>{@code plant FILE}: creates a well-formed region file of its own, open to everyone;
 *   <li>{@code link FILE TARGET}: creates FILE as a symbolic link to TARGET.
 * </ul>
 */
public final class HostileUser {
    private static final String WORKER_MAIN = "dev.floe.pool.WorkerMain";
    private static final int INIT = 1;
    private static final int CHUNK = 2;
    private static final int READY = 10;

    private boolean connectedBefore;

    private HostileUser() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "join" -> new HostileUser().join(Long.parseLong(args[1]), Integer.parseInt(args[2]));
            case "read" -> {
                try {
                    System.out.println("read: " + Files.readAllBytes(Path.of(args[1])).length + " bytes");
                } catch (IOException e) {
                    System.out.println("read: denied: " + e);
                }
            }
            case "plant" -> plant(Path.of(args[1]));
            case "link" -> {
                Files.createSymbolicLink(Path.of(args[1]), Path.of(args[2]));
                System.out.println("linked");
            }
            default -> throw new IllegalArgumentException("unknown attempt " + args[0]);
        }
        System.out.flush();
    }

    private static void plant(Path file) throws IOException {
        ByteBuffer region = ByteBuffer.allocate(64 + 16).order(ByteOrder.nativeOrder());
        region.putLong(0, 0x464c4f4553484d31L); // a finished header: magic, 16 bytes of data, one handle
        region.putLong(8, 16);
        region.putLong(16, 1);
        region.put(64, "planted by other".getBytes());
        Files.write(file, region.array());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        System.out.println("planted");
    }

    private void join(long pid, int seconds) throws Exception {
        Path proc = Path.of("/proc", Long.toString(pid));
        List<String> command = Arrays.asList(new String(Files.readAllBytes(proc.resolve("cmdline"))).split("\0"));
        List<String> arguments = command.subList(command.indexOf(WORKER_MAIN) + 1, command.size());
        System.out.println("arguments: " + String.join(" ", arguments));
        System.out.println("environ: " + attempt(proc.resolve("environ")));
        System.out.println("stdin: " + attempt(proc.resolve("fd").resolve("0")));
        System.out.println("memory: " + attempt(proc.resolve("mem")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        System.out.println("looping");
        System.out.flush();
        boolean loopback = arguments.size() == 4 && arguments.get(0).matches("[0-9]+");
        int lastId = Integer.parseInt(arguments.get(loopback ? 2 : 1));
        while (System.nanoTime() < deadline) {
            for (int id = lastId + 1; id <= lastId + 3; id++) {
                if (loopback ? tryLoopback(Integer.parseInt(arguments.get(0)), Long.parseLong(arguments.get(1)), id)
                        : trySocket(Path.of(arguments.get(0)), id)) {
                    return;
                }
            }
        }
        System.out.println("gave up");
    }

    /** Reads a file of another process within a second: "denied: why" or "read N bytes". */
    private static String attempt(Path file) {
        CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                return "read " + in.readNBytes(1 << 16).length + " bytes";
            } catch (IOException e) {
                return "denied: " + e;
            }
        });
        try {
            return outcome.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "opened, nothing to read yet";
        }
    }

    /** The pool's old channel: a loopback port, the token from the command line. Whether it got a task. */
    private boolean tryLoopback(int port, long token, int id) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            if (!connectedBefore) {
                System.out.println("connect: connected to port " + port);
                connectedBefore = true;
            }
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeLong(token);
            out.writeInt(id);
            out.flush();
            socket.setSoTimeout(100);
            return converse(new DataInputStream(socket.getInputStream()), out);
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** A Unix-domain socket: connecting at all is the attempt; no token is known. */
    private static boolean trySocket(Path address, int id) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(address))) {
            System.out.println("connect: connected to " + address);
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            out.writeInt(id);
            out.write(new byte[32]);
            out.flush();
            return converse(new DataInputStream(Channels.newInputStream(channel)), out);
        } catch (IOException e) {
            System.out.println("connect: refused: " + e);
            System.out.flush();
            System.exit(0); // the socket cannot be reached: no point trying again
            return false;
        }
    }

    /** Answers INIT with READY and reports every frame; true once a task arrived. */
    private static boolean converse(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int type;
            try {
                type = in.readInt();
            } catch (IOException e) {
                return false; // dropped
            }
            in.readLong();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            System.out.println("received frame type " + type + " of " + bytes.length + " bytes");
            if (type == CHUNK) {
                System.out.println("received a task");
                return true;
            }
            if (type == INIT) {
                out.writeInt(READY);
                out.writeLong(0);
                out.writeInt(0);
                out.flush();
            }
        }
    }
}
