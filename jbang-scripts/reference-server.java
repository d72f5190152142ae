///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.soak:soak-lib:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7

import dev.soak.reference.ReferenceServer;
import dev.soak.reference.ReferenceServerOptions;
import dev.soak.scenario.FaultSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Starts the Engram-compatible reference server (optionally with injected faults) and blocks. */
@Command(name = "reference-server", mixinStandardHelpOptions = true,
        description = {"Start the in-memory, Engram-compatible reference server and block until stopped.",
                "Prints 'listening on http://HOST:PORT' (https:// with --keystore) when ready. Faults are off unless set."})
class reference_server implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}: loopback only).")
    String host;
    @Option(names = "--port", defaultValue = "7432", description = "TCP port; 0 takes any free port (default ${DEFAULT-VALUE}, Engram's).")
    int port;
    @Option(names = "--embedding-dim", defaultValue = "768", description = "Embedding dimension; 0 adopts the first one received (default ${DEFAULT-VALUE}).")
    int embeddingDim;
    @Option(names = "--capacity-per-space", defaultValue = "10000", description = "Memories kept per space; the oldest is overwritten (default ${DEFAULT-VALUE}).")
    int capacityPerSpace;
    @Option(names = "--max-spaces", defaultValue = "16", description = "Memory spaces accepted (default ${DEFAULT-VALUE}).")
    int maxSpaces;
    @Option(names = "--recall-scan-limit", defaultValue = "4096", description = "Newest memories a recall/search/completion looks at (default ${DEFAULT-VALUE}).")
    int recallScanLimit;
    @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "Largest request body; larger gets 413 (default ${DEFAULT-VALUE}).")
    int maxBodyBytes;
    @Option(names = "--max-content-chars", defaultValue = "8192", description = "Largest stored content (default ${DEFAULT-VALUE}).")
    int maxContentChars;
    @Option(names = "--threads", defaultValue = "8", description = "HTTP worker threads (default ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the error-rate fault (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--full-gc-interval-sec", defaultValue = "60", description = "Seconds between the full collections the server asks its JVM for, so old-generation garbage is reclaimed and heap-after-GC is the live set; 0 = never (default ${DEFAULT-VALUE}).")
    int fullGcIntervalSec;
    @Option(names = "--keystore", description = "Serve HTTPS with the key pair in this PKCS12 file (e.g. from keytool -genkeypair -storetype PKCS12); default: plain HTTP.")
    Path keystore;
    @Option(names = "--keystore-password", defaultValue = "", description = "Password of the --keystore file (and of its key).")
    String keystorePassword;
    @Option(names = "--client-ca", description = "With --keystore: ask every client for a certificate that chains to one in this PEM file, refuse the others (mutual TLS); default: no client certificate.")
    Path clientCa;
    @Option(names = "--leak-mb-per-hour", defaultValue = "0", description = "Fault: retained memory growth, MiB per wall hour.")
    double leakMbPerHour;
    @Option(names = "--leak-bytes-per-store", defaultValue = "0", description = "Fault: bytes retained per store request.")
    double leakBytesPerStore;
    @Option(names = "--latency-drift-pct-per-hour", defaultValue = "0", description = "Fault: added service time grows this many %% per wall hour (compounding).")
    double latencyDriftPctPerHour;
    @Option(names = "--base-latency-ms", defaultValue = "0", description = "Fault: service time added to every API request, ms (1 ms when only a drift is set).")
    double baseLatencyMs;
    @Option(names = "--fd-leak-per-minute", defaultValue = "0", description = "Fault: file descriptors opened and never closed, per minute.")
    double fdLeakPerMinute;
    @Option(names = "--thread-leak-per-minute", defaultValue = "0", description = "Fault: threads started and parked forever, per minute.")
    double threadLeakPerMinute;
    @Option(names = "--warmup-mb", defaultValue = "0", description = "Fault: memory that fills like a cache, MiB x (1 - e^(-t/tau)).")
    double warmupMb;
    @Option(names = "--warmup-tau-sec", defaultValue = "0", description = "Fault: tau of that warm-up, seconds.")
    double warmupTauSec;
    @Option(names = "--error-rate", defaultValue = "0", description = "Fault: fraction of API requests answered 500, in [0, 1].")
    double errorRate;
    @Option(names = "--crash-after-sec", defaultValue = "0", description = "Fault: exit with code 3 after this many seconds; 0 = never.")
    double crashAfterSec;

    public static void main(String... args) {
        System.exit(new CommandLine(new reference_server()).execute(args));
    }

    @Override
    public Integer call() {
        ReferenceServerOptions options;
        try {
            ReferenceServerOptions.Builder b = ReferenceServerOptions.builder();
            if (keystore != null) {
                b.keystore(keystore, keystorePassword);
            }
            if (clientCa != null) {
                b.clientCa(clientCa);
            }
            options = b.host(host).port(port).embeddingDim(embeddingDim)
                    .capacityPerSpace(capacityPerSpace).maxSpaces(maxSpaces).recallScanLimit(recallScanLimit)
                    .maxBodyBytes(maxBodyBytes).maxContentChars(maxContentChars).threads(threads).seed(seed)
                    .fullGcIntervalSec(fullGcIntervalSec)
                    .faults(new FaultSpec(leakMbPerHour, leakBytesPerStore, latencyDriftPctPerHour, baseLatencyMs,
                            fdLeakPerMinute, threadLeakPerMinute, warmupMb, warmupTauSec, errorRate, crashAfterSec))
                    .build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        return ReferenceServer.serve(options, System.out, System.err);
    }
}
