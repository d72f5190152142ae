///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:2.0.17

import dev.soak.Soak;
import dev.soak.SoakResult;
import dev.soak.reference.EmbeddedTarget;
import dev.soak.reference.ReferenceServerOptions;
import dev.soak.monitor.ProcessLocator;
import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.FaultSpec;
import dev.soak.scenario.ScenarioException;
import dev.soak.scenario.Thresholds;
import dev.soak.soak.SoakException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A user's own soak script: soaks an HTTP service with the user's own client calls (here the JDK's
 * HttpClient; put your SDK's calls in the operations), watches the service's process and prints the
 * verdicts. Without --url it starts Soak's reference server (an Engram-compatible service) as a
 * child process on 127.0.0.1 and soaks that; --inject-leak-mb-per-hour makes it leak.
 *
 *   ./jbang examples/soak-my-service.java --duration-sec 30                     # PASS or INCONCLUSIVE, exit 0 or 3
 *   ./jbang examples/soak-my-service.java --duration-sec 30 --inject-leak-mb-per-hour 3000   # FAIL, exit 1
 *   ./jbang examples/soak-my-service.java --url http://127.0.0.1:8080 --pid 12345
 *
 * Exit code: 0 pass, 1 fail, 3 inconclusive, 2 bad input. Only loopback URLs are accepted.
 */
@Command(name = "soak-my-service", mixinStandardHelpOptions = true,
        description = "Soaks an HTTP service on this host with your own Java calls and says whether it leaks or drifts.")
class soak_my_service implements Callable<Integer> {

    @Option(names = "--url", description = "Base URL of the service (loopback only). Default: start the reference server.")
    URI url;

    @Option(names = "--pid", description = "Pid of the service process to watch. Default: the process listening on the URL's port.")
    Long pid;

    @Option(names = "--duration-sec", defaultValue = "30", description = "Wall seconds of load (default ${DEFAULT-VALUE}).")
    long durationSec;

    @Option(names = "--rate", defaultValue = "100", description = "Requests per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--leak-threshold-mb-per-hour", defaultValue = "500",
            description = "Memory growth that counts as a leak, MB per hour (default ${DEFAULT-VALUE}; short runs need large ones).")
    double leakThreshold;

    @Option(names = "--inject-leak-mb-per-hour", defaultValue = "0",
            description = "With the reference server only: make it leak this much (default ${DEFAULT-VALUE}).")
    double injectLeak;

    @Option(names = "--output-dir", description = "Run directory (default: a new temporary directory).")
    Path outputDir;

    public static void main(String... args) {
        System.exit(new CommandLine(new soak_my_service()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        EmbeddedTarget server = null;
        try {
            if (url == null) {
                Path log = Files.createTempDirectory("soak-my-service-").resolve("reference-server.log");
                server = EmbeddedTarget.start(ReferenceServerOptions.builder().host("127.0.0.1").port(0)
                        .faults(new FaultSpec(injectLeak, 0, 0, 0, 0, 0, 0, 0, 0, 0)).build(), log, Duration.ofSeconds(30));
                url = server.endpoint();
                pid = server.pid();
            } else if (!isLoopback(url)) {
                System.err.println("--url " + url + " is not on this host: this script only soaks services on loopback"
                        + " (127.0.0.1, ::1, localhost). Start the service locally, or soak it from its own host.");
                return 2;
            }
            long watched = pid != null ? pid : ProcessLocator.listeningOn(port(url)).pid();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = url;
            SoakResult result = Soak.builder("my-service")
                    .duration(Duration.ofSeconds(durationSec))
                    .arrival(new ArrivalPattern.Poisson(rate))
                    .thresholds(new Thresholds(leakThreshold, 1_000_000))
                    .operation("search", 0.8, () -> get(http, base.resolve("/api/v1/memories/search?limit=5&query=q"
                            + ThreadLocalRandom.current().nextInt(1000))))
                    .operation("health", 0.2, () -> get(http, base.resolve("/health")))
                    .concurrency(8)                // the JDK client blocks: a few threads
                    .monitor(watched)
                    .outputDir(outputDir != null ? outputDir : Files.createTempDirectory("soak-my-service-run-"))
                    .run();
            System.out.println(result);
            System.out.println("memory: " + result.leak().explanation());
            return result.exitCode();
        } catch (ScenarioException | SoakException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** One request; anything but 2xx is an error (thrown, so the driver counts it). */
    static void get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
    }

    /** localhost or a loopback IP literal; other names are not resolved (no DNS query). */
    static boolean isLoopback(URI u) {
        String h = u.getHost();
        if (h == null) {
            return false;
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (IOException e) {
            return false;
        }
    }

    static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
