package dev.soak.monitor;

import dev.soak.scenario.TargetSpec;
import dev.soak.tls.TlsTrust;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the process to watch: by pid, by pid file, by spawning a command, or as the process
 * listening on a TCP port. Each failure is a {@link TargetNotFoundException} whose message says
 * what was looked for and how to fix it.
 *
 * <p>{@link #locate(TargetSpec, Path)} applies the scenario's order ({@code pid}, {@code pid_file},
 * {@code command}, then the endpoint's port). Stateless and thread-safe.
 */
public final class ProcessLocator {

    /** Name of the file, in the output directory, that receives a spawned command's stdout and stderr. */
    public static final String OUTPUT_FILE_NAME = "target-output.log";

    private ProcessLocator() {
    }

    /**
     * Finds the process for a scenario's {@code [target]}: read from its Prometheus text when
     * {@link #watchesByMetrics}; else {@code pid}, else {@code pid_file}, else {@code command} (spawned, output in
     * {@code outputDir}), else the process listening on the endpoint's port (default 80/443 by scheme).
     */
    public static TargetProcess locate(TargetSpec target, Path outputDir) {
        if (watchesByMetrics(target)) {
            return byMetrics(target.metricsUrl(), target.endpoint(), target.tls(), target.metricsHeaderValues(),
                    Duration.ofSeconds(5));
        }
        if (target.pid().isPresent()) {
            return byPid(target.pid().getAsLong());
        }
        if (target.pidFile().isPresent()) {
            return byPidFile(target.pidFile().get());
        }
        if (!target.command().isEmpty()) {
            return spawn(target.command(), outputDir);
        }
        URI endpoint = target.endpoint();
        int port = endpoint.getPort() >= 0 ? endpoint.getPort()
                : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        return listeningOn(port);
    }

    /**
     * Whether {@code target}'s process is read from its Prometheus text ({@link PrometheusProcessProbe}) rather than
     * found on this host: {@code watch = "metrics"}, or {@code auto} with no process named and an endpoint whose host
     * is not this one ({@link #isThisHost}). Resolves the host's name.
     */
    public static boolean watchesByMetrics(TargetSpec target) {
        return switch (target.watch()) {
            case METRICS -> true;
            case PROCESS -> false;
            case AUTO -> target.kind() != TargetSpec.TargetKind.EMBEDDED && target.namesNoProcess()
                    && !isThisHost(target.endpoint().getHost());
        };
    }

    /**
     * Whether {@code host} names this machine: a loopback or wildcard address, or one of its interfaces' addresses,
     * for any address it resolves to. A name that does not resolve is taken for this host (the health check then
     * says what is wrong with it, rather than a scrape of metrics).
     */
    public static boolean isThisHost(String host) {
        if (host == null || host.isEmpty() || host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) { // UnknownHostException, or an interface that cannot be listed
            return true;
        }
    }

    /**
     * The process behind {@code endpoint}, read from its Prometheus text at {@code metricsUrl}: one scrape now must
     * answer with at least one of the process metrics {@link PrometheusProcessProbe} reads. Its description names what
     * is missing.
     */
    public static TargetProcess byMetrics(URI metricsUrl, URI endpoint, TlsTrust tls, Duration timeout) {
        return byMetrics(metricsUrl, endpoint, tls, Map.of(), timeout);
    }

    /** As {@link #byMetrics(URI, URI, TlsTrust, Duration)}, each scrape sending {@code headers}. */
    public static TargetProcess byMetrics(URI metricsUrl, URI endpoint, TlsTrust tls, Map<String, String> headers,
                                          Duration timeout) {
        PrometheusProcessProbe probe = new PrometheusProcessProbe(metricsUrl, timeout, tls, headers);
        PrometheusExposition text;
        try {
            text = probe.readOnce();
        } catch (IOException | RuntimeException e) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "cannot read the target's resources from its Prometheus text at %s (%s). Soak watches a process"
                            + " that is not on this host through the process metrics of its Prometheus endpoint"
                            + " (process_resident_memory_bytes, process_open_fds, …): set [target] metrics_path to the"
                            + " path where the service exposes them (e.g. \"/metrics\", \"/actuator/prometheus\"), or run"
                            + " Soak on the service's host and name its process with [target] pid, pid_file or command"
                            + " (watch = \"process\").", metricsUrl, e.getMessage()), e);
        }
        PrometheusProcessProbe.severalProcesses(text).ifPresent(several -> {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "the target's Prometheus text at %s holds the metrics of more than one process (%s): a run would"
                            + " read whichever came first in each scrape. Soak watches one process: set [target]"
                            + " metrics_path to the whole URL of one process's own metrics (one replica, not a"
                            + " federation or an aggregating exporter), or run Soak on the service's host and name its"
                            + " process with [target] pid, pid_file or command (watch = \"process\").",
                    metricsUrl, several));
        });
        ProcessStats first = PrometheusProcessProbe.stats(0, text);
        List<String> missing = PrometheusProcessProbe.missing(first);
        if (!PrometheusProcessProbe.measuresAnything(first)) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "the target's Prometheus text at %s holds none of the process metrics Soak reads (%s), so nothing"
                            + " of the process could be watched. Enable the process collector of the service's"
                            + " Prometheus client (Micrometer: the process and JVM thread binders), point [target]"
                            + " metrics_path at the endpoint that has them, or run Soak on the service's host and name"
                            + " its process with [target] pid, pid_file or command (watch = \"process\").",
                    metricsUrl, String.join("; ", missing)));
        }
        boolean sameServer = java.util.Objects.equals(endpoint.getAuthority(), metricsUrl.getAuthority());
        String description = (sameServer ? "the process behind " + endpoint.getAuthority() + ", read from its Prometheus text at "
                : "the process serving the Prometheus text at ") + metricsUrl
                + (missing.isEmpty() ? "" : " (not there: " + String.join("; ", missing) + ")");
        return TargetProcess.remote(probe, description);
    }

    /** The running process with this pid. */
    public static TargetProcess byPid(long pid) {
        if (pid <= 0 || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "no process with pid %d: nothing is running under that pid on this host (it may have "
                            + "exited, or the pid belongs to another host or container). Start the service "
                            + "first and give its current pid in [target] pid, or use [target] pid_file or "
                            + "[target] command so that Soak finds or starts the process itself.", pid));
        }
        return new TargetProcess(pid, "pid " + pid, null, null);
    }

    /** The running process whose pid is the first token of {@code pidFile}. */
    public static TargetProcess byPidFile(Path pidFile) {
        String text;
        try {
            text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "cannot read pid file %s (%s): [target] pid_file must name a readable file holding "
                            + "the pid of the running service. Start the service so that it writes the file, "
                            + "or fix the path.", pidFile, e.getClass().getSimpleName()), e);
        }
        String first = text.isEmpty() ? "" : text.split("\\s+")[0];
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "pid file %s holds \"%s\", not a pid: [target] pid_file must hold a positive integer "
                            + "(the pid of the running service). Fix the file or the path.", pidFile,
                    text.length() > 40 ? text.substring(0, 40) + "…" : text), e);
        }
        if (pid <= 0 || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "no process with pid %d (read from pid file %s): the pid file is stale or the service "
                            + "has exited. Start the service, or delete the stale pid file and let the "
                            + "service write a new one.", pid, pidFile));
        }
        return new TargetProcess(pid, "pid " + pid + " from pid file " + pidFile, null, null);
    }

    /**
     * Starts {@code command} (argv) and watches it; its stdout and stderr are appended to
     * {@code outputDir/}{@value #OUTPUT_FILE_NAME}.
     */
    public static TargetProcess spawn(List<String> command, Path outputDir) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty; give [target] command as argv, e.g. [\"./server\", \"--port\", \"7432\"]");
        }
        Path out = outputDir.resolve(OUTPUT_FILE_NAME);
        try {
            Files.createDirectories(outputDir);
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            return new TargetProcess(p.pid(), "pid " + p.pid() + " spawned from command " + command, p, out);
        } catch (IOException e) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "cannot start [target] command %s: %s. The first element must be an executable on "
                            + "PATH or a path to one; fix the command or install the program.",
                    command, e.getMessage()), e);
        }
    }

    /** The process listening on TCP {@code port} (any local address, IPv4 or IPv6). */
    public static TargetProcess listeningOn(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port = " + port + " must be in 1..65535");
        }
        Path proc = Path.of("/proc");
        long pid = Files.isDirectory(proc) ? listeningPid(proc, port) : listeningPidOshi(port);
        if (pid <= 0) {
            throw new TargetNotFoundException(String.format(Locale.ROOT,
                    "no process listening on port %d that this user can see: start the service first, "
                            + "check [target] endpoint, or name the process with [target] pid, pid_file or "
                            + "command (a process of another user can only be found by pid when not running "
                            + "as that user or root).", port));
        }
        return new TargetProcess(pid, "pid " + pid + " listening on port " + port, null, null);
    }

    /**
     * The pid owning a LISTEN socket on {@code port} under a procfs root, or -1. When several
     * processes share the socket (a pre-forking server), the one whose parent is not among them.
     */
    static long listeningPid(Path procRoot, int port) {
        Set<Long> inodes = new TreeSet<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            String text = LinuxProcProbe.readOrNull(procRoot.resolve("net").resolve(table));
            if (text != null) {
                inodes.addAll(ProcParsers.parseListenInodes(text, port));
            }
        }
        if (inodes.isEmpty()) {
            return -1;
        }
        List<Long> owners = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(procRoot, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : pids) {
                if (ownsAny(dir.resolve("fd"), inodes)) {
                    owners.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        for (long pid : owners) {
            String stat = LinuxProcProbe.readOrNull(procRoot.resolve(Long.toString(pid)).resolve("stat"));
            ProcParsers.Stat s = stat == null ? null : ProcParsers.parseStat(stat);
            if (s == null || !owners.contains(s.ppid())) {
                return pid;
            }
        }
        return owners.isEmpty() ? -1 : owners.get(0);
    }

    private static boolean ownsAny(Path fdDir, Set<Long> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(ProcParsers.socketInode(Files.readSymbolicLink(fd).toString()))) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException ignored) {
                    // fd closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // another user's process, or gone
        }
        return false;
    }

    private static long listeningPidOshi(int port) {
        var ip = new oshi.SystemInfo().getOperatingSystem().getInternetProtocolStats();
        for (var c : ip.getConnections()) {
            if (c.getLocalPort() == port && c.getType().startsWith("tcp")
                    && c.getState() == oshi.software.os.InternetProtocolStats.TcpState.LISTEN
                    && c.getowningProcessId() > 0) {
                return c.getowningProcessId();
            }
        }
        return -1;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
