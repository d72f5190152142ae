package dev.soak.load;

import dev.soak.scenario.AbortConditions;
import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.DataSpec;
import dev.soak.scenario.EmbeddingDistribution;
import dev.soak.scenario.FaultSpec;
import dev.soak.scenario.HttpRequestTemplate;
import dev.soak.scenario.Operations;
import dev.soak.scenario.Scenario;
import dev.soak.scenario.SoakSettings;
import dev.soak.scenario.TargetSpec;
import dev.soak.scenario.Thresholds;
import dev.soak.scenario.ValidationSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Scenario records for tests, built directly (no TOML). */
final class TestScenarios {
    private TestScenarios() {
    }

    static Scenario of(ArrivalPattern arrival, Operations ops, DataSpec data, int port, double timeScale) {
        TargetSpec target = new TargetSpec(TargetSpec.TargetKind.HTTP, URI.create("http://127.0.0.1:" + port),
                OptionalLong.empty(), Optional.empty(), List.of(), "/health", 30, FaultSpec.none());
        SoakSettings soak = new SoakSettings(3600, 60, 1, OptionalDouble.empty(), timeScale, AbortConditions.none(),
                Thresholds.defaults());
        return new Scenario("test", "", 60, OptionalDouble.empty(), arrival, ops, data, ValidationSpec.none(), false, target, soak);
    }

    /** {@code s} with its target at {@code endpoint}, trusting as {@code tls} says. */
    static Scenario at(Scenario s, URI endpoint, dev.soak.tls.TlsTrust tls) {
        TargetSpec t = s.target();
        TargetSpec target = new TargetSpec(t.kind(), endpoint, t.pid(), t.pidFile(), t.command(), t.healthPath(),
                t.readyTimeoutSec(), t.faults(), tls);
        return new Scenario(s.name(), s.description(), s.totalSeconds(), s.maxTotalSeconds(), s.arrival(), s.operations(),
                s.data(), s.validation(), s.chaosEnabled(), target, s.soak());
    }

    static DataSpec data(long numNodes, int dim) {
        return new DataSpec(numNodes, dim, 1, new EmbeddingDistribution.Uniform());
    }

    /** One GET template at {@code path}, any 2xx or the given statuses. */
    static Scenario template(ArrivalPattern arrival, int port, String name, String method, String path, String body,
                             List<Integer> expect) {
        HttpRequestTemplate t = new HttpRequestTemplate(name, 1, method, path, body, Map.of(), expect);
        return of(arrival, new Operations(Map.of(name, 1.0), List.of(t)), data(0, 8), port, 1);
    }

    static Scenario engram(ArrivalPattern arrival, int port, Map<String, Double> weights, long numNodes, int dim) {
        return of(arrival, new Operations(weights, List.of()), data(numNodes, dim), port, 1);
    }
}
