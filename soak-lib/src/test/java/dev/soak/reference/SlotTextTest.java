package dev.soak.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotTextTest {

    @Test
    void set_reusesTheSlotBuffer_whenTheTextFits() {
        var t = new SlotText(2);
        t.set(0, "x".repeat(100));
        assertThat(t.bufferLength(0)).isEqualTo(128);
        t.set(0, "short");
        assertThat(t.get(0)).isEqualTo("short");
        assertThat(t.bufferLength(0)).isEqualTo(128);
        t.set(0, "y".repeat(129));
        assertThat(t.bufferLength(0)).isEqualTo(256);
        assertThat(t.get(1)).isNull();
    }

    @Test
    void get_roundTripsNonAscii() {
        var t = new SlotText(1);
        t.set(0, "Grüße, 世界 ✓");
        assertThat(t.get(0)).isEqualTo("Grüße, 世界 ✓");
        t.set(0, "");
        assertThat(t.get(0)).isEmpty();
        assertThat(t.bufferLength(0)).isEqualTo(64);
    }
}
