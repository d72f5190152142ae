package dev.soak.monitor;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A real process for the monitor's tests (and the benchmark), driven by one command per line on
 * stdin; each command answers one line starting with "ok". It exits on "exit CODE" or at EOF.
 *
 * <pre>
 * files N         open N more file descriptors (on a temp file)
 * threads N       start N more parked threads
 * connect N PORT  hold N more TCP connections to 127.0.0.1:PORT
 * udp N           hold N more UDP sockets bound to 127.0.0.1
 * unix N          hold N more Unix-domain listening sockets
 * listen          listen on 127.0.0.1:0, answer "ok PORT"
 * grow MB         allocate MB of direct memory, every page written
 * heap MB         hold MB more of byte arrays on the Java heap
 * gc              System.gc()
 * spin MILLIS     burn MILLIS ms of CPU time (however long that takes on a busy machine)
 * spawn ARGS...   start a child of this process (same main) running ARGS as initial commands, answer "ok PID"
 * exit CODE       exit with CODE
 * </pre>
 * Arguments given on the command line run as initial commands, separated by "--", before stdin is read.
 * Not thread-safe (one command loop).
 */
public final class ChildProcessMain {
    private static final List<Object> HELD = new ArrayList<>();
    private static final List<Process> CHILDREN = new ArrayList<>();

    private ChildProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--")) {
                run(String.join(" ", current), out);
                current.clear();
            } else {
                current.add(a);
            }
        }
        if (!current.isEmpty()) {
            run(String.join(" ", current), out);
        }
        out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isBlank()) {
                run(line.trim(), out);
            }
        }
        for (Process p : CHILDREN) {
            p.destroyForcibly();
        }
        System.exit(0);
    }

    private static void run(String line, PrintStream out) throws Exception {
        String[] c = line.split("\\s+");
        switch (c[0]) {
            case "files" -> {
                // Unlinked once open: the fds stay (and count), and nothing is left in the temp
                // directory when the test kills this process, which deleteOnExit would not survive.
                File f = File.createTempFile("soak-child", ".txt");
                for (int i = 0; i < Integer.parseInt(c[1]); i++) {
                    HELD.add(new FileInputStream(f));
                }
                java.nio.file.Files.delete(f.toPath());
                out.println("ok");
            }
            case "threads" -> {
                int n = Integer.parseInt(c[1]);
                CountDownLatch started = new CountDownLatch(n);
                for (int i = 0; i < n; i++) {
                    Thread t = new Thread(() -> {
                        started.countDown();
                        while (true) {
                            LockSupport.park();
                        }
                    }, "parked-" + i);
                    t.setDaemon(true);
                    t.start();
                    HELD.add(t);
                }
                started.await();
                out.println("ok");
            }
            case "connect" -> {
                int port = Integer.parseInt(c[2]);
                for (int i = 0; i < Integer.parseInt(c[1]); i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                    HELD.add(s);
                }
                out.println("ok");
            }
            case "udp" -> {
                for (int i = 0; i < Integer.parseInt(c[1]); i++) {
                    HELD.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
                }
                out.println("ok");
            }
            case "unix" -> {
                for (int i = 0; i < Integer.parseInt(c[1]); i++) {
                    java.nio.file.Path sock = java.nio.file.Files.createTempFile("soak-child", ".sock");
                    java.nio.file.Files.delete(sock);
                    var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
                    ch.bind(java.net.UnixDomainSocketAddress.of(sock));
                    java.nio.file.Files.delete(sock); // the bound socket stays open, as above
                    HELD.add(ch);
                }
                out.println("ok");
            }
            case "listen" -> {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                HELD.add(s);
                out.println("ok " + s.getLocalPort());
            }
            case "grow" -> {
                int mb = Integer.parseInt(c[1]);
                for (int i = 0; i < mb; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
                    for (int p = 0; p < b.capacity(); p += 4096) {
                        b.put(p, (byte) 1);
                    }
                    HELD.add(b);
                }
                out.println("ok");
            }
            case "heap" -> {
                int mb = Integer.parseInt(c[1]);
                for (int i = 0; i < mb; i++) {
                    byte[] b = new byte[1 << 20];
                    Arrays.fill(b, (byte) 1);
                    HELD.add(b);
                }
                out.println("ok");
            }
            case "gc" -> {
                System.gc();
                out.println("ok");
            }
            case "garbage" -> { // N MB of short-lived 64 KB arrays: young collections, no full one
                long sum = 0;
                for (int i = 0; i < 16 * Integer.parseInt(c[1]); i++) {
                    byte[] b = new byte[1 << 16];
                    b[i % b.length] = 1;
                    sum += b[0];
                }
                out.println("ok " + (sum == -1 ? "!" : ""));
            }
            case "spin" -> {
                var tmx = java.lang.management.ManagementFactory.getThreadMXBean();
                long end = tmx.getCurrentThreadCpuTime() + Long.parseLong(c[1]) * 1_000_000L;
                long x = 0;
                while (tmx.getCurrentThreadCpuTime() < end) {
                    x += x * 31 + 7;
                }
                out.println("ok " + (x == 42 ? "!" : ""));
            }
            case "spawn" -> {
                List<String> cmd = new ArrayList<>(command());
                cmd.addAll(Arrays.asList(c).subList(1, c.length));
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                CHILDREN.add(p);
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String l;
                while ((l = r.readLine()) != null && !l.startsWith("ready")) {
                    // initial commands' "ok" lines
                }
                HELD.add(r);
                out.println("ok " + p.pid());
            }
            case "exit" -> System.exit(Integer.parseInt(c[1]));
            default -> out.println("error unknown command " + c[0]);
        }
    }

    /** The command line that starts this main in a new, small JVM. */
    static List<String> command() {
        return List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"), "-Xmx64m", "-Xss256k",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxDirectMemorySize=1g",
                ChildProcessMain.class.getName());
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
