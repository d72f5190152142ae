package dev.soak.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpaceStoreTest {

    @Test
    void recall_scansOnlyTheNewestScanLimitMemories() {
        var s = new SpaceStore(2, 10, 3);
        s.put("old", "old", new float[] {1, 0}, 1);
        for (int i = 0; i < 3; i++) {
            s.put("new" + i, "new", new float[] {0, 1}, 1);
        }
        assertThat(s.recall(new float[] {1, 0}, 0.5, 10)).isEmpty(); // "old" is outside the window
        assertThat(s.recall(new float[] {0, 1}, 0.5, 10)).extracting(SpaceStore.Hit::id)
                .containsExactly("new2", "new1", "new0"); // equal scores: newest first
    }

    @Test
    void put_pastCapacity_overwritesOldest_acrossChunks() {
        var s = new SpaceStore(3, 300, 300);
        for (int i = 0; i < 700; i++) {
            s.put("m" + i, "c", new float[] {i, 1, 0}, 1);
        }
        assertThat(s.size()).isEqualTo(300);
        var hits = s.recall(new float[] {1, 0, 0}, -1, 300);
        assertThat(hits).hasSize(300);
        assertThat(hits).extracting(SpaceStore.Hit::id).doesNotContain("m399").contains("m400", "m699");
    }

    @Test
    void dot_matchesNaiveSum() {
        float[] a = new float[37];
        float[] row = new float[50];
        double naive = 0;
        for (int i = 0; i < 37; i++) {
            a[i] = (float) Math.sin(i);
            row[i + 5] = (float) Math.cos(i * 0.3);
            naive += (double) a[i] * row[i + 5];
        }
        assertThat(SpaceStore.dot(a, row, 5)).isCloseTo(naive, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void complete_usesKnownDimensionsOnly() {
        var s = new SpaceStore(4, 10, 10);
        s.put("a", "a", new float[] {1, 0, 9, 9}, 1);
        s.put("b", "b", new float[] {0, 1, -9, -9}, 1);
        float[] v = {1, 0, 0, 0};
        boolean[] known = {true, true, false, false};
        var hit = s.complete(v, known);
        assertThat(hit.id()).isEqualTo("a");
        assertThat(v).containsExactly(1, 0, 9, 9);
    }
}
