package dev.soak.scenario;

import java.util.List;
import java.util.Map;

/**
 * The {@code [operations]} section: the operation mix.
 *
 * <p>{@code weights} maps an operation name to its share; shares are normalised to sum to 1.
 * Engram operation names are {@link EngramOperation#key()} ({@code store}, {@code recall},
 * {@code embedding_search}, {@code pattern_completion}); HTTP templates use their own
 * {@code name}. Zero-weight operations are left out. Immutable (copies are taken).
 *
 * @param weights  normalised weights by operation name, in a stable order
 * @param requests {@code [[operations.request]]} templates, empty for the Engram mix
 */
public record Operations(Map<String, Double> weights, List<HttpRequestTemplate> requests) {
    public Operations {
        weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        requests = List.copyOf(requests);
    }

    /** True when the mix is made of HTTP templates rather than Engram operations. */
    public boolean isHttpTemplates() {
        return !requests.isEmpty();
    }
}
