package dev.soak.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running {@link ChildProcessMain}, driven line by line. Not thread-safe. */
final class ChildJvm implements AutoCloseable {
    final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private ChildJvm(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = out.readLine();
        while (ready != null && ready.startsWith("ok")) { // answers to initial commands
            ready = out.readLine();
        }
        if (ready == null || !ready.startsWith("ready")) {
            throw new IOException("child did not start: " + ready);
        }
    }

    static ChildJvm start(String... initial) throws IOException {
        return start(ChildProcessMain.command(), initial);
    }

    /** As {@link #start}, the child collecting with G1 (the JDK's default) instead of the serial collector. */
    static ChildJvm startWithG1(String... initial) throws IOException {
        return start(ChildProcessMain.command().stream().map(a -> a.equals("-XX:+UseSerialGC") ? "-XX:+UseG1GC" : a)
            .toList(), initial);
    }

    private static ChildJvm start(List<String> command, String... initial) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of(initial));
        return new ChildJvm(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    long pid() {
        return process.pid();
    }

    /** Sends one command and returns the text after "ok". */
    String send(String command) throws IOException {
        in.println(command);
        String line = out.readLine();
        if (line == null || !line.startsWith("ok")) {
            throw new IOException("command '" + command + "' answered " + line);
        }
        return line.substring(2).trim();
    }

    /** Sends a command after which the process exits (no answer). */
    void sendNoAnswer(String command) {
        in.println(command);
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
