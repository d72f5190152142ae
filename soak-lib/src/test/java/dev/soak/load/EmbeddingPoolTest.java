package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soak.scenario.EmbeddingDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingPoolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static double[] vector(EmbeddingPool p, int i) throws Exception {
        JsonNode n = JSON.readTree(p.jsonString(i));
        double[] v = new double[n.size()];
        for (int d = 0; d < v.length; d++) {
            v[d] = n.get(d).asDouble();
        }
        return v;
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void uniform_unitLength_andSeedFixesThePool() throws Exception {
        EmbeddingPool a = new EmbeddingPool(new EmbeddingDistribution.Uniform(), 32, 7, 16);
        EmbeddingPool b = new EmbeddingPool(new EmbeddingDistribution.Uniform(), 32, 7, 16);
        EmbeddingPool c = new EmbeddingPool(new EmbeddingDistribution.Uniform(), 32, 8, 16);
        for (int i = 0; i < 16; i++) {
            double[] v = vector(a, i);
            assertThat(v).hasSize(32);
            assertThat(Math.sqrt(java.util.Arrays.stream(v).map(x -> x * x).sum()))
                    .isCloseTo(1.0, within(0.01));
            assertThat(b.jsonString(i)).isEqualTo(a.jsonString(i));
            assertThat(c.jsonString(i)).isNotEqualTo(a.jsonString(i));
        }
    }

    @Test
    void hotSpot_withACenterArray_pointsThatWay() throws Exception {
        EmbeddingPool p = new EmbeddingPool(new EmbeddingDistribution.HotSpot(1.0, List.of(1.0, 0.0, 0.0)), 64, 3, 32);
        double[] axis = new double[64];
        axis[0] = 1;
        for (int i = 0; i < 32; i++) {
            assertThat(cosine(vector(p, i), axis)).isGreaterThan(0.7);
        }
    }

    @Test
    void clustered_drawsShareFewDirections() throws Exception {
        EmbeddingPool p = new EmbeddingPool(new EmbeddingDistribution.Clustered(2, 0.01), 64, 5, 40);
        double[] first = vector(p, 0);
        int close = 0;
        for (int i = 1; i < 40; i++) {
            close += cosine(vector(p, i), first) > 0.9 ? 1 : 0;
        }
        assertThat(close).isBetween(5, 35); // about half share the first draw's cluster
    }

    @Test
    void partialEmbedding_hasNulls_andSameLength() throws Exception {
        EmbeddingPool p = new EmbeddingPool(new EmbeddingDistribution.Uniform(), 100, 1, 4);
        JsonNode n = JSON.readTree(new String(p.partialJson(0), java.nio.charset.StandardCharsets.US_ASCII));
        long nulls = 0;
        for (JsonNode e : n) {
            nulls += e.isNull() ? 1 : 0;
        }
        assertThat(n.size()).isEqualTo(100);
        assertThat(nulls).isBetween(20L, 80L);
    }
}
