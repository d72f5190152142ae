package dev.soak.load;

import dev.soak.scenario.EngramOperation;
import dev.soak.scenario.HttpRequestTemplate;
import dev.soak.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of one driver, by index: name, HTTP renderer or Java operation, weight, plus
 * the Engram store renderer used for preloading. Built once from the scenario and the builder's
 * Java operations; immutable afterwards and safe to share.
 */
final class OperationSet {
    final String[] names;
    final RequestRenderer[] renderers; // null for Java operations
    final Operation[] javaOps;         // null for HTTP operations
    final double[] weights;
    final RequestRenderer preloadRenderer; // null when the mix is not the Engram one

    OperationSet(Scenario scenario, Map<String, LoadDriverBuilder.JavaOp> javaOperations,
                 boolean includeScenarioOperations, String hostHeader, long seed) {
        List<String> n = new ArrayList<>();
        List<RequestRenderer> r = new ArrayList<>();
        List<Operation> j = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        boolean scenarioOps = includeScenarioOperations || javaOperations.isEmpty();
        RequestRenderer store = null;
        if (scenarioOps) {
            EmbeddingPool pool = new EmbeddingPool(scenario.data().distribution(), scenario.data().embeddingDim(), seed);
            Map<String, HttpRequestTemplate> templates = new LinkedHashMap<>();
            for (HttpRequestTemplate t : scenario.operations().requests()) {
                templates.put(t.name(), t);
            }
            int spaces = Math.max(1, scenario.data().memorySpaces());
            store = EngramRenderers.of(EngramOperation.STORE, hostHeader, spaces, pool);
            for (Map.Entry<String, Double> e : scenario.operations().weights().entrySet()) {
                if (javaOperations.containsKey(e.getKey()) || !(e.getValue() > 0)) {
                    continue;
                }
                HttpRequestTemplate t = templates.get(e.getKey());
                n.add(e.getKey());
                r.add(t != null ? new TemplateRenderer(t, hostHeader, pool)
                        : EngramRenderers.of(engram(e.getKey()), hostHeader, spaces, pool));
                j.add(null);
                w.add(e.getValue());
            }
        }
        this.preloadRenderer = scenarioOps && !scenario.operations().isHttpTemplates() ? store : null;
        for (Map.Entry<String, LoadDriverBuilder.JavaOp> e : javaOperations.entrySet()) {
            double weight = e.getValue().weight();
            if (Double.isNaN(weight)) {
                weight = scenario.operations().weights().getOrDefault(e.getKey(), 1.0);
            }
            n.add(e.getKey());
            r.add(null);
            j.add(e.getValue().operation());
            w.add(weight);
        }
        this.names = n.toArray(new String[0]);
        this.renderers = r.toArray(new RequestRenderer[0]);
        this.javaOps = j.toArray(new Operation[0]);
        this.weights = w.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static EngramOperation engram(String key) {
        for (EngramOperation op : EngramOperation.values()) {
            if (op.key().equals(key)) {
                return op;
            }
        }
        throw new IllegalArgumentException("[operations] names \"" + key + "\", which is neither an Engram "
                + "operation (store, recall, embedding_search, pattern_completion), an [[operations.request]] name, "
                + "nor a Java operation given to LoadDriver.builder(...).operation(...); add it or remove its weight");
    }

    /** Every renderer's {@link RequestRenderer#redactions()}, together. */
    Map<String, String> redactions() {
        Map<String, String> all = new HashMap<>();
        for (RequestRenderer r : renderers) {
            if (r != null) {
                all.putAll(r.redactions());
            }
        }
        return all;
    }

    boolean hasHttp() {
        for (RequestRenderer r : renderers) {
            if (r != null) {
                return true;
            }
        }
        return false;
    }

    boolean hasJava() {
        for (Operation o : javaOps) {
            if (o != null) {
                return true;
            }
        }
        return false;
    }
}
