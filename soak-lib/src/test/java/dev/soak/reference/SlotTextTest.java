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

    @Test
    void containsAsciiIgnoreCase_foldsAsciiCaseOnly_andMarksNonAsciiTexts() {
        var t = new SlotText(3);
        t.set(0, "Soak Memory 42");
        t.set(1, "\u212aelvin"); // KELVIN SIGN: not ASCII, so the caller must compare Strings
        assertThat(t.isAscii(0)).isTrue();
        assertThat(t.isAscii(1)).isFalse();
        assertThat(t.isAscii(2)).as("empty slot").isFalse();
        byte[] memory = "memory".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(t.containsAsciiIgnoreCase(0, memory)).isTrue();
        assertThat(t.containsAsciiIgnoreCase(0, "42".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isTrue();
        assertThat(t.containsAsciiIgnoreCase(0, "memoryx".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isFalse();
        assertThat(t.containsAsciiIgnoreCase(0, "soak memory 42!".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isFalse();
        t.set(0, "@["); // the neighbours of A and Z must not fold to ` and {
        assertThat(t.containsAsciiIgnoreCase(0, "@[".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isTrue();
        assertThat(t.containsAsciiIgnoreCase(0, "`{".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isFalse();
        t.set(0, "AZ");
        assertThat(t.containsAsciiIgnoreCase(0, "az".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isTrue();
    }
}
