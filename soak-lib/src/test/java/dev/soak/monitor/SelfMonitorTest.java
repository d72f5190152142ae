package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelfMonitorTest {

    @Test
    void sample_ownRssHeapAfterGcCpuAndGc() {
        SelfMonitor self = SelfMonitor.create(System.nanoTime());
        System.gc();
        SelfSample first = self.sample();
        assertThat(first.resources().rssMb()).isGreaterThan(10);
        assertThat(first.resources().threads()).isGreaterThan(3);
        assertThat(first.resources().heapAfterGcMb()).isPositive();
        assertThat(first.heapUsedMb()).isPositive();
        assertThat(first.gcCount()).isPositive();
        assertThat(first.gcTimeSec()).isGreaterThanOrEqualTo(0);
        long x = 0;
        long end = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < end) {
            x += x * 31 + 1;
        }
        SelfSample second = self.sample();
        assertThat(second.resources().cpuPercent()).as("spun %d", x).isGreaterThan(10);
        assertThat(second.resources().tSec()).isGreaterThan(first.resources().tSec());
    }
}
