package dev.soak.monitor;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A parsed Prometheus text exposition: its samples in order, and the {@code # TYPE} and
 * {@code # HELP} of each metric family. Immutable.
 *
 * @param samples       every sample line, in order
 * @param typeByFamily  family name to {@code counter}, {@code gauge}, {@code histogram}, {@code summary} or {@code untyped}
 * @param helpByFamily  family name to its help text, unescaped
 * @param skippedLines  malformed lines that were skipped
 */
public record PrometheusExposition(List<PrometheusSample> samples, Map<String, String> typeByFamily,
                                   Map<String, String> helpByFamily, int skippedLines) {
    public PrometheusExposition {
        samples = List.copyOf(samples);
        typeByFamily = Map.copyOf(typeByFamily);
        helpByFamily = Map.copyOf(helpByFamily);
    }

    /**
     * The family a series belongs to: {@code x} for {@code x_bucket}, {@code x_sum},
     * {@code x_count} (and {@code x_created}) when {@code x} is a declared histogram or summary,
     * otherwise the series name itself.
     */
    public String familyOf(String seriesName) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count", "_created"}) {
            if (seriesName.endsWith(suffix)) {
                String base = seriesName.substring(0, seriesName.length() - suffix.length());
                String type = typeByFamily.get(base);
                if ("histogram".equals(type) || "summary".equals(type)) {
                    return base;
                }
            }
        }
        return seriesName;
    }

    /** Every sample with this exact series name. */
    public List<PrometheusSample> series(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the first sample named {@code name} whose labels include all of {@code labels}. */
    public OptionalDouble value(String name, Map<String, String> labels) {
        for (PrometheusSample s : samples) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
                return OptionalDouble.of(s.value());
            }
        }
        return OptionalDouble.empty();
    }
}
