package dev.soak.scenario;

import java.util.Map;

/**
 * One {@code [[operations.request]]} template for a generic HTTP service.
 *
 * <p>{@code path}, {@code body} and header values may hold placeholders, expanded per request:
 * {@code {{uuid}}}, {@code {{seq}}} (a per-run sequence number), {@code {{randInt:LO:HI}}}
 * (inclusive), {@code {{embedding}}} (a JSON array drawn from {@code [data]}) and {@code {{env:NAME}}} (an
 * environment variable's value); see {@link TemplateText}. Immutable.
 *
 * @param name         operation name in metrics
 * @param weight       relative weight (normalised with the others into {@link Operations#weights()})
 * @param method       HTTP method, upper case
 * @param path         path and query, starting with {@code /}
 * @param body         request body, empty for none
 * @param headers      extra headers
 * @param expectStatus status codes counted as success; empty means any 2xx
 */
public record HttpRequestTemplate(
        String name, double weight, String method, String path, String body,
        Map<String, String> headers, java.util.List<Integer> expectStatus) {
    public HttpRequestTemplate {
        headers = Map.copyOf(headers);
        expectStatus = java.util.List.copyOf(expectStatus);
    }
}
