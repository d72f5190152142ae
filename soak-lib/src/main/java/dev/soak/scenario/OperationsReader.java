package dev.soak.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code [operations]} (weights and {@code [[operations.request]]}) and {@code [data]}. Stateless. */
final class OperationsReader {
    private static final List<String> DISTRIBUTIONS = List.of("clustered", "uniform", "hot_spot");

    private OperationsReader() {
    }

    static void read(TomlTable t, ScenarioBuilder b) {
        t.rejectUnknown(KeySchema.SECTIONS.get("operations"), "", List.of());
        for (EngramOperation op : EngramOperation.values()) {
            Double w = t.number(op.weightKey(), "a relative weight >= 0");
            if (w != null) {
                b.weights.put(op, w);
            }
        }
        JsonNode req = t.node.get("request");
        if (req == null) {
            return;
        }
        if (!req.isArray() || req.isEmpty()) {
            t.typeError("request", req, "must be an array of tables",
                    "Fix: write each template as a [[operations.request]] table (two brackets)");
            return;
        }
        for (int i = 0; i < req.size(); i++) {
            JsonNode n = req.get(i);
            String section = "[[operations.request]] #" + (i + 1);
            if (!n.isObject()) {
                t.problems.add("[[operations.request]] #" + (i + 1), TomlTable.render(n), "must be a table",
                        "Fix: write each template as a [[operations.request]] table");
                continue;
            }
            b.requests.add(template(new TomlTable("operations.request", (ObjectNode) n, t.problems, section)));
        }
    }

    private static HttpRequestTemplate template(TomlTable r) {
        r.rejectUnknown(KeySchema.SECTIONS.get("operations.request"), "", List.of());
        String name = r.string("name", "text in double quotes");
        double weight = r.number("weight", "a relative weight >= 0", 1.0);
        String method = r.string("method", "an HTTP method in double quotes");
        String path = r.string("path", "a path starting with / in double quotes");
        String body = r.string("body", "text in double quotes");
        Map<String, String> headers = r.headerTable("headers", "Fix: put the value in double quotes");
        List<Integer> expect = new ArrayList<>();
        JsonNode es = r.node.get("expect_status");
        if (es != null) {
            List<JsonNode> items = new ArrayList<>();
            if (es.isArray()) {
                es.forEach(items::add);
            } else {
                items.add(es);
            }
            for (JsonNode s : items) {
                if (s.isIntegralNumber() && s.canConvertToInt()) {
                    expect.add(s.intValue());
                } else {
                    r.typeError("expect_status", es, "must be an HTTP status code or an array of them",
                            "Fix: e.g. expect_status = [200, 201]");
                    break;
                }
            }
        }
        return new HttpRequestTemplate(name, weight, method == null ? "GET" : method.toUpperCase(Locale.ROOT),
                path == null ? (r.has("path") ? "/" : null) : path, body == null ? "" : body, headers, expect);
    }

    static DataSpec data(TomlTable t, DataSpec d) {
        t.rejectUnknown(KeySchema.SECTIONS.get("data"), "", List.of());
        Long nodes = t.whole("num_nodes", "a whole number >= 0");
        Integer dim = t.wholeInt("embedding_dim", "a whole number from 1 to 65536");
        Integer spaces = t.wholeInt("memory_spaces", "a whole number >= 1");
        EmbeddingDistribution dist = d.distribution();
        TomlTable e = t.table("embedding_distribution");
        if (e != null) {
            EmbeddingDistribution read = distribution(e);
            if (read != null) {
                dist = read;
            }
        }
        return new DataSpec(nodes == null ? d.numNodes() : nodes, dim == null ? d.embeddingDim() : dim,
                spaces == null ? d.memorySpaces() : spaces, dist);
    }

    private static EmbeddingDistribution distribution(TomlTable e) {
        String type = e.string("type", "one of clustered, uniform, hot_spot in double quotes");
        if (type == null) {
            if (!e.has("type")) {
                e.problems.add(e.key("type"), "", "is missing: allowed types are " + String.join(", ", DISTRIBUTIONS),
                        "Fix: add e.g. type = \"clustered\"");
            }
            e.rejectUnknown(KeySchema.SECTIONS.get("data.embedding_distribution"), "", List.of());
            return null;
        }
        List<String> keys = switch (type) {
            case "clustered" -> List.of("num_clusters", "std_dev");
            case "hot_spot" -> List.of("center");
            case "uniform" -> List.of();
            default -> null;
        };
        if (keys == null) {
            e.problems.add(e.key("type"), Problems.quote(type), "is not a known distribution: allowed " + String.join(", ", DISTRIBUTIONS),
                    KeySchema.closest(type, DISTRIBUTIONS).map(c -> "Did you mean \"" + c + "\"?").orElse("Fix: pick one of them"));
            e.rejectUnknown(KeySchema.SECTIONS.get("data.embedding_distribution"), "", List.of());
            return null;
        }
        List<String> allowed = new ArrayList<>(keys);
        allowed.add("type");
        e.rejectUnknown(allowed, "is not a key of type \"" + type + "\""
                + (keys.isEmpty() ? ", which takes no other key" : ", which takes " + String.join(", ", keys)), keys);
        switch (type) {
            case "clustered": {
                Integer n = e.wholeInt("num_clusters", "a whole number >= 1");
                double sd = e.number("std_dev", "a standard deviation >= 0", 0.1);
                return new EmbeddingDistribution.Clustered(n == null ? 10 : n, sd);
            }
            case "hot_spot": {
                JsonNode c = e.node.get("center");
                if (c == null) {
                    return new EmbeddingDistribution.HotSpot(0.8);
                }
                if (c.isNumber()) {
                    return new EmbeddingDistribution.HotSpot(c.doubleValue());
                }
                if (c.isArray() && !c.isEmpty()) {
                    List<Double> v = new ArrayList<>();
                    for (JsonNode x : c) {
                        if (!x.isNumber()) {
                            e.typeError("center", c, "must be a fraction from 0 to 1 or an array of numbers", "Fix: e.g. center = 0.8");
                            return null;
                        }
                        v.add(x.doubleValue());
                    }
                    return new EmbeddingDistribution.HotSpot(1.0, v);
                }
                e.typeError("center", c, "must be a fraction from 0 to 1 or an array of numbers", "Fix: e.g. center = 0.8");
                return null;
            }
            default:
                return new EmbeddingDistribution.Uniform();
        }
    }
}
