package dev.soak.load;

import dev.soak.scenario.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link LoadDriver} from a {@link Scenario}; every setting has a default. Not
 * thread-safe; use from one thread.
 *
 * <p>Defaults: endpoint {@code [target] endpoint}; seed 1; max in-flight 1,024; request timeout
 * 10 s; late tolerance 10 ms; drop after 1 s without a free slot; sample interval
 * {@code [soak] sample_interval_sec}; 1 I/O thread; 2 Java worker threads; the system nano clock.
 */
public final class LoadDriverBuilder {
    record JavaOp(double weight, Operation operation) {
    }

    final Scenario scenario;
    URI endpoint;
    long seed = 1;
    int maxInFlight = 1024;
    Duration timeout = Duration.ofSeconds(10);
    Duration lateTolerance = Duration.ofMillis(10);
    Duration dropAfter = Duration.ofSeconds(1);
    Duration sampleInterval;
    int ioThreads = 1;
    int javaThreads = 2;
    boolean targetInThisJvm;
    NanoClock clock = NanoClock.SYSTEM;
    boolean includeScenarioOperations;
    final Map<String, JavaOp> javaOps = new LinkedHashMap<>();

    LoadDriverBuilder(Scenario scenario) {
        this.scenario = scenario;
        this.sampleInterval = Duration.ofNanos((long) (scenario.soak().sampleIntervalSec() * 1e9));
    }

    /**
     * The target's base URI, {@code http://host:port} or {@code https://host:port} (its path is
     * ignored); an https one trusts what the scenario's {@code [target] tls_ca_file} /
     * {@code tls_insecure} say.
     */
    public LoadDriverBuilder endpoint(URI endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** Fixes the arrival times and the sequence of operations and payloads. */
    public LoadDriverBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Bound on operations in flight (also the number of pooled request buffers and connections). */
    public LoadDriverBuilder maxInFlight(int maxInFlight) {
        this.maxInFlight = positive("maxInFlight", maxInFlight);
        return this;
    }

    /** An HTTP request without a complete response after this long fails as {@code timeout}. */
    public LoadDriverBuilder timeout(Duration timeout) {
        this.timeout = positive("timeout", timeout);
        return this;
    }

    /** An operation sent later than this after its intended time is counted as {@code late}. */
    public LoadDriverBuilder lateTolerance(Duration lateTolerance) {
        this.lateTolerance = Objects.requireNonNull(lateTolerance, "lateTolerance");
        return this;
    }

    /** An operation with no free in-flight slot this long after its intended time is {@code dropped}. */
    public LoadDriverBuilder dropAfter(Duration dropAfter) {
        this.dropAfter = Objects.requireNonNull(dropAfter, "dropAfter");
        return this;
    }

    /** Length of one interval handed to the listener (overrides {@code [soak] sample_interval_sec}). */
    public LoadDriverBuilder sampleInterval(Duration sampleInterval) {
        this.sampleInterval = positive("sampleInterval", sampleInterval);
        return this;
    }

    /** Selector threads of the HTTP client. */
    public LoadDriverBuilder ioThreads(int ioThreads) {
        this.ioThreads = positive("ioThreads", ioThreads);
        return this;
    }

    /** Threads that run Java operations. */
    public LoadDriverBuilder javaThreads(int javaThreads) {
        this.javaThreads = positive("javaThreads", javaThreads);
        return this;
    }

    /**
     * Whether the target runs in this JVM (a watched process that is this one; Java operations always do): its pauses
     * are then the generator's too, and the generator's own are not told apart from them (no
     * {@code driver_pause_ms}), so that a collection of the target is not charged to the generator.
     */
    public LoadDriverBuilder targetInThisJvm(boolean targetInThisJvm) {
        this.targetInThisJvm = targetInThisJvm;
        return this;
    }

    /** The time source (tests). */
    public LoadDriverBuilder clock(NanoClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Adds a Java operation to the mix with its weight from {@code [operations]} when the scenario
     * names it, else weight 1. Once any Java operation is given, the scenario's own operations are
     * left out unless {@link #includeScenarioOperations(boolean)}.
     */
    public LoadDriverBuilder operation(String name, Operation operation) {
        return put(name, Double.NaN, operation);
    }

    /** Adds a Java operation with an explicit relative weight (> 0). */
    public LoadDriverBuilder operation(String name, double weight, Operation operation) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of Java operation \"" + name + "\" is " + weight
                    + "; it must be a finite number > 0");
        }
        return put(name, weight, operation);
    }

    private LoadDriverBuilder put(String name, double weight, Operation operation) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        if (javaOps.containsKey(name)) {
            throw new IllegalArgumentException("Java operation \"" + name + "\" is given twice; give each a distinct name");
        }
        javaOps.put(name, new JavaOp(weight, operation));
        return this;
    }

    /** Whether the scenario's operations stay in the mix next to Java operations (default false). */
    public LoadDriverBuilder includeScenarioOperations(boolean include) {
        this.includeScenarioOperations = include;
        return this;
    }

    /** Builds the driver (renders the embedding pool; opens no connection yet). */
    public LoadDriver build() {
        return new LoadDriver(this);
    }

    private static int positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " = " + v + " must be > 0");
        }
        return v;
    }

    private static Duration positive(String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " = " + d + " must be > 0");
        }
        return d;
    }
}
