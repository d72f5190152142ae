package dev.soak.reference;

import dev.soak.scenario.FaultSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Everything the reference server is started with: where it listens, how big its store may grow,
 * and which faults it injects. Immutable; build one with {@link #builder()}, from a scenario's
 * faults with {@link #fromFaultSpec(FaultSpec)}, or from a command line with {@link #parse(String[])};
 * {@link #toArgs()} writes the command line back (the round trip is exact), which is how
 * {@link EmbeddedTarget} hands a scenario's faults to its child process.
 *
 * <p>Memory bound (why the server stays flat with no fault): each memory space is a ring of at most
 * {@code capacityPerSpace} memories (the oldest is overwritten), there are at most {@code maxSpaces}
 * spaces, and a stored content is at most {@code maxContentChars} characters. The store therefore
 * never holds more than {@code maxSpaces × capacityPerSpace × (4·embeddingDim + content)} bytes;
 * with the defaults and 768 dimensions a full space is about 31 MB.
 *
 * <p>Example: {@code --port 0 --embedding-dim 768 --leak-mb-per-hour 50} leaks 50 MiB per wall hour;
 * {@code --keystore server.p12 --keystore-password secret} serves HTTPS with the key pair in that
 * PKCS12 file (then the printed endpoint is {@code https://…}); {@code --client-ca ca.pem} as well asks each
 * client for a certificate signed by (or equal to) one in ca.pem.
 *
 * @param host              address to bind; {@code 127.0.0.1} by default (loopback only)
 * @param port              TCP port; 0 takes any free port (the chosen one is printed on start)
 * @param embeddingDim      dimension every embedding must have; 0 = adopt the first stored embedding's
 * @param capacityPerSpace  memories kept per space before the oldest is overwritten
 * @param maxSpaces         memory spaces the server accepts (the default space counts); more → 400
 * @param recallScanLimit   recall, search and completion look at the newest this-many memories of a
 *                          space only (an approximation that keeps a recall O(limit × dim))
 * @param maxBodyBytes      largest request body (and query string) accepted; larger → 413 (414 for a URI)
 * @param maxContentChars   largest {@code content} accepted; longer → 400
 * @param threads           worker threads of the HTTP server (fixed pool, started up front)
 * @param seed              seed of the deterministic error-rate fault
 * @param parentPid         when &gt; 0, the server process exits as soon as this process is gone (so a
 *                          child never outlives its driver, even one killed with SIGKILL); 0 = no watch
 * @param faults            faults to inject; {@link FaultSpec#none()} for a healthy server
 * @param fullGcIntervalSec seconds between the full collections the server asks its JVM for (see
 *                          {@link LiveSetCollector}: old-generation garbage is then reclaimed every
 *                          interval, so the heap after GC is the live set and RSS plateaus); 0 = never
 * @param keystore          a PKCS12 key store holding the server's key pair and certificate: the server
 *                          then speaks HTTPS ({@code com.sun.net.httpserver.HttpsServer}); empty = plain HTTP
 * @param keystorePassword  the key store's password (also its key's, as {@code keytool} makes them); it is
 *                          written by {@link #toArgs()}, so use a test key store
 * @param clientCa          PEM certificates a client certificate must chain to: with it the HTTPS server asks
 *                          every client for a certificate and refuses a connection without one it trusts
 *                          (mutual TLS); empty = no client certificate asked for. Only with {@code keystore}
 */
public record ReferenceServerOptions(String host, int port, int embeddingDim, int capacityPerSpace,
                                     int maxSpaces, int recallScanLimit, int maxBodyBytes,
                                     int maxContentChars, int threads, long seed, long parentPid,
                                     FaultSpec faults, int fullGcIntervalSec, Optional<Path> keystore,
                                     String keystorePassword, Optional<Path> clientCa) {

    /** Default embedding dimension, Engram's. */
    public static final int DEFAULT_EMBEDDING_DIM = 768;
    /** Default seconds between the full collections the server requests ({@link LiveSetCollector}). */
    public static final int DEFAULT_FULL_GC_INTERVAL_SEC = 60;

    public ReferenceServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(clientCa, "clientCa");
        if (clientCa.isPresent() && keystore.isEmpty()) {
            throw new IllegalArgumentException("--client-ca " + clientCa.get() + " needs --keystore: client certificates"
                    + " are asked for over HTTPS only");
        }
        requireRange("port", port, 0, 65535);
        requireRange("embedding-dim", embeddingDim, 0, 65536);
        requireRange("capacity-per-space", capacityPerSpace, 1, 10_000_000);
        requireRange("max-spaces", maxSpaces, 1, 100_000);
        requireRange("recall-scan-limit", recallScanLimit, 1, Integer.MAX_VALUE);
        requireRange("max-body-bytes", maxBodyBytes, 1024, Integer.MAX_VALUE);
        requireRange("max-content-chars", maxContentChars, 1, Integer.MAX_VALUE);
        requireRange("threads", threads, 1, 1024);
        requireRange("parent-pid", parentPid, 0, Long.MAX_VALUE);
        requireRange("full-gc-interval-sec", fullGcIntervalSec, 0, 86_400);
        checkFaults(faults);
    }

    /** A builder with the defaults: 127.0.0.1, port 0, 768 dimensions, no fault. */
    public static Builder builder() {
        return new Builder();
    }

    /** Defaults plus the given faults (what {@code [target] kind = "embedded"} starts). */
    public static ReferenceServerOptions fromFaultSpec(FaultSpec faults) {
        return builder().faults(faults).build();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.embeddingDim = embeddingDim;
        b.capacityPerSpace = capacityPerSpace;
        b.maxSpaces = maxSpaces;
        b.recallScanLimit = recallScanLimit;
        b.maxBodyBytes = maxBodyBytes;
        b.maxContentChars = maxContentChars;
        b.threads = threads;
        b.seed = seed;
        b.parentPid = parentPid;
        b.faults = faults;
        b.fullGcIntervalSec = fullGcIntervalSec;
        b.keystore = keystore.orElse(null);
        b.keystorePassword = keystorePassword;
        b.clientCa = clientCa.orElse(null);
        return b;
    }

    /** Whether the server speaks HTTPS (a key store is given). */
    public boolean https() {
        return keystore.isPresent();
    }

    /**
     * The command line of these options ({@code --flag value} pairs, every flag written but the key
     * store ones of a plain-HTTP server, numbers in {@link Locale#ROOT}); {@code parse(toArgs())}
     * returns equal options.
     */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (var e : flags().entrySet()) {
            if (!https() && e.getKey().startsWith("keystore") || clientCa.isEmpty() && e.getKey().equals("client-ca")) {
                continue;
            }
            args.add("--" + e.getKey());
            args.add(e.getValue().get(this));
        }
        return List.copyOf(args);
    }

    /**
     * Parses {@code --flag value} or {@code --flag=value} arguments (the flags of {@link #toArgs()});
     * a flag not given keeps its default.
     *
     * @throws IllegalArgumentException naming the flag and value when a flag is unknown, lacks a
     *                                  value or the value is not allowed
     */
    public static ReferenceServerOptions parse(String... args) {
        Builder b = builder();
        Map<String, Flag> flags = flags();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("reference server: unexpected argument '" + arg
                        + "'; every argument is a --flag followed by its value, e.g. --port 0");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("reference server: flag --" + name + " needs a value");
            }
            Flag flag = flags.get(name);
            if (flag == null) {
                throw new IllegalArgumentException("reference server: unknown flag --" + name
                        + "; the flags are --" + String.join(", --", flags.keySet()));
            }
            try {
                flag.set(b, value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("reference server: --" + name + " = '" + value
                        + "' is not a number; give a plain number such as 0, 10 or 2.5");
            }
        }
        return b.build();
    }

    private static void requireRange(String flag, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("reference server: --" + flag + " = " + value
                    + " is out of range; allowed is " + min + " to " + max);
        }
    }

    private static void checkFaults(FaultSpec f) {
        double[] values = {f.leakMbPerHour(), f.leakBytesPerStore(), f.latencyDriftPctPerHour(), f.baseLatencyMs(),
                f.fdLeakPerMinute(), f.threadLeakPerMinute(), f.warmupMb(), f.warmupTauSec(), f.errorRate(),
                f.crashAfterSec()};
        String[] names = {"leak-mb-per-hour", "leak-bytes-per-store", "latency-drift-pct-per-hour",
                "base-latency-ms", "fd-leak-per-minute", "thread-leak-per-minute", "warmup-mb",
                "warmup-tau-sec", "error-rate", "crash-after-sec"};
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("reference server: --" + names[i] + " = "
                        + values[i] + " must be a finite number ≥ 0 (0 = no such fault)");
            }
        }
        if (f.errorRate() > 1) {
            throw new IllegalArgumentException("reference server: --error-rate = " + f.errorRate()
                    + " must be a fraction in [0, 1], e.g. 0.01 for 1 %");
        }
        if (f.warmupMb() > 0 && f.warmupTauSec() <= 0) {
            throw new IllegalArgumentException("reference server: --warmup-mb = " + f.warmupMb()
                    + " needs --warmup-tau-sec > 0 (the time constant of the warm-up, e.g. 60)");
        }
    }

    /** One command-line flag: how to write it from options and how to set it on a builder. */
    private interface Flag {
        String get(ReferenceServerOptions o);

        void set(Builder b, String value);
    }

    private static Flag flag(java.util.function.Function<ReferenceServerOptions, Object> get,
                             BiConsumer<Builder, String> set) {
        return new Flag() {
            @Override
            public String get(ReferenceServerOptions o) {
                Object v = get.apply(o);
                return v instanceof Double d ? Double.toString(d) : String.valueOf(v);
            }

            @Override
            public void set(Builder b, String value) {
                set.accept(b, value);
            }
        };
    }

    private static FaultSpec withFault(FaultSpec f, int index, double v) {
        double[] a = {f.leakMbPerHour(), f.leakBytesPerStore(), f.latencyDriftPctPerHour(), f.baseLatencyMs(),
                f.fdLeakPerMinute(), f.threadLeakPerMinute(), f.warmupMb(), f.warmupTauSec(), f.errorRate(),
                f.crashAfterSec()};
        a[index] = v;
        return new FaultSpec(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    }

    private static Flag fault(java.util.function.ToDoubleFunction<FaultSpec> get, int index) {
        return flag(o -> get.applyAsDouble(o.faults()),
                (b, v) -> b.faults = withFault(b.faults, index, Double.parseDouble(v)));
    }

    private static Map<String, Flag> flags() {
        Map<String, Flag> m = new LinkedHashMap<>();
        m.put("host", flag(ReferenceServerOptions::host, (b, v) -> b.host = v));
        m.put("port", flag(ReferenceServerOptions::port, (b, v) -> b.port = Integer.parseInt(v)));
        m.put("embedding-dim", flag(ReferenceServerOptions::embeddingDim, (b, v) -> b.embeddingDim = Integer.parseInt(v)));
        m.put("capacity-per-space", flag(ReferenceServerOptions::capacityPerSpace, (b, v) -> b.capacityPerSpace = Integer.parseInt(v)));
        m.put("max-spaces", flag(ReferenceServerOptions::maxSpaces, (b, v) -> b.maxSpaces = Integer.parseInt(v)));
        m.put("recall-scan-limit", flag(ReferenceServerOptions::recallScanLimit, (b, v) -> b.recallScanLimit = Integer.parseInt(v)));
        m.put("max-body-bytes", flag(ReferenceServerOptions::maxBodyBytes, (b, v) -> b.maxBodyBytes = Integer.parseInt(v)));
        m.put("max-content-chars", flag(ReferenceServerOptions::maxContentChars, (b, v) -> b.maxContentChars = Integer.parseInt(v)));
        m.put("threads", flag(ReferenceServerOptions::threads, (b, v) -> b.threads = Integer.parseInt(v)));
        m.put("seed", flag(ReferenceServerOptions::seed, (b, v) -> b.seed = Long.parseLong(v)));
        m.put("parent-pid", flag(ReferenceServerOptions::parentPid, (b, v) -> b.parentPid = Long.parseLong(v)));
        m.put("full-gc-interval-sec", flag(ReferenceServerOptions::fullGcIntervalSec,
                (b, v) -> b.fullGcIntervalSec = Integer.parseInt(v)));
        m.put("keystore", flag(o -> o.keystore().map(Path::toString).orElse(""),
                (b, v) -> b.keystore = v.isEmpty() ? null : Path.of(v)));
        m.put("keystore-password", flag(ReferenceServerOptions::keystorePassword, (b, v) -> b.keystorePassword = v));
        m.put("client-ca", flag(o -> o.clientCa().map(Path::toString).orElse(""),
                (b, v) -> b.clientCa = v.isEmpty() ? null : Path.of(v)));
        m.put("leak-mb-per-hour", fault(FaultSpec::leakMbPerHour, 0));
        m.put("leak-bytes-per-store", fault(FaultSpec::leakBytesPerStore, 1));
        m.put("latency-drift-pct-per-hour", fault(FaultSpec::latencyDriftPctPerHour, 2));
        m.put("base-latency-ms", fault(FaultSpec::baseLatencyMs, 3));
        m.put("fd-leak-per-minute", fault(FaultSpec::fdLeakPerMinute, 4));
        m.put("thread-leak-per-minute", fault(FaultSpec::threadLeakPerMinute, 5));
        m.put("warmup-mb", fault(FaultSpec::warmupMb, 6));
        m.put("warmup-tau-sec", fault(FaultSpec::warmupTauSec, 7));
        m.put("error-rate", fault(FaultSpec::errorRate, 8));
        m.put("crash-after-sec", fault(FaultSpec::crashAfterSec, 9));
        return m;
    }

    /** Builds {@link ReferenceServerOptions}; not thread-safe (use it from one thread). */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int embeddingDim = DEFAULT_EMBEDDING_DIM;
        private int capacityPerSpace = 10_000;
        private int maxSpaces = 16;
        private int recallScanLimit = 1_024;
        private int maxBodyBytes = 1 << 20;
        private int maxContentChars = 8_192;
        private int threads = 8;
        private long seed = 42;
        private long parentPid = 0;
        private FaultSpec faults = FaultSpec.none();
        private int fullGcIntervalSec = DEFAULT_FULL_GC_INTERVAL_SEC;
        private Path keystore;
        private String keystorePassword = "";
        private Path clientCa;

        private Builder() {
        }

        /** Address to bind, default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** TCP port, default 0 (any free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Embedding dimension, default 768; 0 adopts the first stored embedding's dimension. */
        public Builder embeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /** Memories kept per space (ring), default 10,000. */
        public Builder capacityPerSpace(int capacityPerSpace) {
            this.capacityPerSpace = capacityPerSpace;
            return this;
        }

        /** Memory spaces accepted, default 16. */
        public Builder maxSpaces(int maxSpaces) {
            this.maxSpaces = maxSpaces;
            return this;
        }

        /** Newest memories a recall/search/completion looks at, default 1,024 (≈0.8 M multiply-adds at 768 dimensions). */
        public Builder recallScanLimit(int recallScanLimit) {
            this.recallScanLimit = recallScanLimit;
            return this;
        }

        /** Largest request body in bytes, default 1 MiB. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Largest stored content in characters, default 8,192. */
        public Builder maxContentChars(int maxContentChars) {
            this.maxContentChars = maxContentChars;
            return this;
        }

        /** HTTP worker threads, default 8 (2 cores plus room for injected latency, which sleeps). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Seed of the error-rate fault, default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Exit when this process is gone, default 0 (no watch); {@link EmbeddedTarget} sets it. */
        public Builder parentPid(long parentPid) {
            this.parentPid = parentPid;
            return this;
        }

        /** Faults to inject, default none. */
        public Builder faults(FaultSpec faults) {
            this.faults = faults;
            return this;
        }

        /** Seconds between requested full collections, default 60; 0 = never (see {@link LiveSetCollector}). */
        public Builder fullGcIntervalSec(int fullGcIntervalSec) {
            this.fullGcIntervalSec = fullGcIntervalSec;
            return this;
        }

        /** Serve HTTPS with the key pair of this PKCS12 key store (default: none, plain HTTP). */
        public Builder keystore(Path keystore, String password) {
            this.keystore = Objects.requireNonNull(keystore, "keystore");
            this.keystorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Ask HTTPS clients for a certificate that chains to one in this PEM file (mutual TLS); default: none. */
        public Builder clientCa(Path pem) {
            this.clientCa = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming the flag when a value is out of range
         */
        public ReferenceServerOptions build() {
            return new ReferenceServerOptions(host, port, embeddingDim, capacityPerSpace, maxSpaces,
                    recallScanLimit, maxBodyBytes, maxContentChars, threads, seed, parentPid, faults,
                    fullGcIntervalSec, Optional.ofNullable(keystore), keystorePassword, Optional.ofNullable(clientCa));
        }
    }
}
