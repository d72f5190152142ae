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

    /**
     * Search (which compares ASCII texts in place) returns exactly what a plain {@code String}
     * comparison gives, on random texts that mix ASCII with characters whose case folding crosses
     * into ASCII (U+212A KELVIN SIGN ~ k, U+017F LONG S ~ s, U+0130 I WITH DOT ABOVE).
     */
    @Test
    void search_equalsTheStringComparison_onMixedAsciiAndNonAsciiTexts() {
        String alphabet = "aAbBkKsSiI \u212a\u017f\u0130\u00fc\u00df";
        var rnd = new java.util.SplittableRandom(3);
        int capacity = 300;
        var s = new SpaceStore(2, capacity, 200);
        java.util.List<String> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder();
            boolean asciiOnly = rnd.nextInt(3) > 0;
            for (int j = rnd.nextInt(1, 12); j > 0; j--) {
                b.append(alphabet.charAt(rnd.nextInt(asciiOnly ? 11 : alphabet.length())));
            }
            s.put("m" + i, b.toString(), new float[] {1, 0}, 1);
            stored.add(b.toString());
        }
        for (int q = 0; q < 300; q++) {
            StringBuilder query = new StringBuilder();
            for (int j = rnd.nextInt(1, 6); j > 0; j--) {
                query.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            int limit = rnd.nextInt(1, 30);
            String[] tokens = java.util.Arrays.stream(query.toString().toLowerCase(java.util.Locale.ROOT)
                    .split("[^\\p{L}\\p{N}]+")).filter(t -> !t.isEmpty()).distinct().toArray(String[]::new);
            java.util.List<String> expected = new java.util.ArrayList<>();
            java.util.List<Double> scores = new java.util.ArrayList<>();
            for (int age = 0; age < 200 && tokens.length > 0; age++) {
                int index = stored.size() - 1 - age;
                int found = 0;
                for (String t : tokens) {
                    found += SpaceStore.containsIgnoreCase(stored.get(index), t) ? 1 : 0;
                }
                if (found > 0) {
                    expected.add("m" + index);
                    scores.add((double) found / tokens.length);
                }
            }
            java.util.List<Integer> order = new java.util.ArrayList<>();
            for (int k = 0; k < expected.size(); k++) {
                order.add(k);
            }
            order.sort((x, y) -> Double.compare(scores.get(y), scores.get(x))); // stable: newer first among equals
            java.util.List<String> top = order.stream().limit(limit).map(expected::get).toList();
            assertThat(s.search(query.toString(), limit)).extracting(SpaceStore.Hit::id)
                    .as("query '%s'", query).containsExactlyElementsOf(top);
        }
    }
}
