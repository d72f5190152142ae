package dev.soak.reference;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonIoTest {

    /** The fast number parser must round exactly as {@link Float#parseFloat} does. */
    @Test
    void embeddings_parseBitForBitLikeFloatParseFloat() {
        SplittableRandom r = new SplittableRandom(7);
        int dim = 768;
        for (int round = 0; round < 50; round++) {
            String[] texts = new String[dim];
            for (int i = 0; i < dim; i++) {
                texts[i] = switch (i % 4) {
                    case 0 -> Float.toString(Float.intBitsToFloat(r.nextInt() & 0x7f7fffff)); // finite, any exponent
                    case 1 -> Double.toString(r.nextDouble(-1, 1));                            // more digits than a float holds
                    case 2 -> String.format(Locale.ROOT, "%.9e", r.nextDouble(-1e6, 1e6));
                    default -> Long.toString(r.nextLong(-1_000_000, 1_000_000));
                };
            }
            String json = "[" + String.join(",", texts) + "]";
            float[] viaString = JsonIo.parseEmbedding(json, "embedding", dim);
            float[] viaBody = JsonIo.parseRemember(("{\"content\":\"c\",\"embedding\":" + json + "}")
                    .getBytes(StandardCharsets.UTF_8), 0).embedding();
            assertThat(viaString).hasSize(dim);
            assertThat(viaBody).hasSize(dim);
            for (int i = 0; i < dim; i++) {
                int expected = Float.floatToIntBits(Float.parseFloat(texts[i]));
                assertThat(Float.floatToIntBits(viaString[i])).as(texts[i]).isEqualTo(expected);
                assertThat(Float.floatToIntBits(viaBody[i])).as(texts[i]).isEqualTo(expected);
            }
        }
    }

    @Test
    void sizeHint_wrongHintStillGivesTheExactLength() {
        assertThat(JsonIo.parseEmbedding("[1,2,3]", "e", 768)).containsExactly(1f, 2f, 3f);
        float[] many = JsonIo.parseEmbedding("[" + "0.5,".repeat(99) + "0.5]", "e", 3);
        assertThat(many).hasSize(100).containsOnly(0.5f);
        assertThat(JsonIo.parseEmbedding("[]", "e", 16)).isEmpty();
    }

    @Test
    void notANumber_isA400NamingTheElement() {
        assertThatThrownBy(() -> JsonIo.parseEmbedding("[1,\"x\"]", "embedding", 2))
                .isInstanceOf(ApiError.class).hasMessageContaining("embedding[1]");
    }
}
