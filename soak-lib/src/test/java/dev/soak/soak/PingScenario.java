package dev.soak.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The short scenario the loopback tests soak with: constant load of {@code GET /ping} against an http target on
 * 127.0.0.1, samples each second, the process checked each half second; the lines a test varies go into
 * {@code [target]} and {@code [soak]}.
 */
final class PingScenario {
    private PingScenario() {
    }

    /**
     * Writes {@code NAME.toml} in {@code dir}.
     *
     * @param targetLines lines added to {@code [target]} (a pid, {@code watch}, {@code metrics_path}), or ""
     * @param soakLines   lines added to {@code [soak]}, or ""
     */
    static Path write(Path dir, String name, double seconds, double rate, int port, String targetLines, String soakLines)
            throws IOException {
        return Files.writeString(dir.resolve(name + ".toml"), """
                name = "%s"
                [duration]
                total_seconds = %s
                [arrival]
                pattern = "constant"
                rate = %s
                [target]
                kind = "http"
                endpoint = "http://127.0.0.1:%d"
                %s
                [[operations.request]]
                name = "ping"
                path = "/ping"
                [soak]
                sample_interval_sec = 1
                resource_check_interval_sec = 0.5
                %s
                """.formatted(name, seconds, rate, port, targetLines, soakLines));
    }

    /** The line that names this JVM as the target's process. */
    static String thisProcess() {
        return "pid = " + ProcessHandle.current().pid();
    }
}
