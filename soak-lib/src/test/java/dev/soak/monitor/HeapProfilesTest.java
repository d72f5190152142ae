package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.soak.checkpoint.HeapProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapProfilesTest {

    static final String ENGRAM = """
            # HELP engram_jemalloc_allocated_bytes Bytes allocated by the application.
            # TYPE engram_jemalloc_allocated_bytes gauge
            engram_jemalloc_allocated_bytes 1.048576e8
            engram_jemalloc_active_bytes 110000000
            engram_jemalloc_metadata_bytes 4000000
            engram_jemalloc_resident_bytes 130000000
            engram_jemalloc_mapped_bytes 150000000
            # TYPE http_active_connections gauge
            http_active_connections 12
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 2.0e8
            """;

    @Test
    void prometheus_engramJemalloc_mapsSeedFields() {
        HeapProfile p = HeapProfiles.fromPrometheus(PrometheusText.parse(ENGRAM));
        assertThat(p.allocatedBytes()).isEqualTo(104857600.0);
        assertThat(p.activeBytes()).isEqualTo(110000000.0); // not http_active_connections
        assertThat(p.metadataBytes()).isEqualTo(4000000.0);
        assertThat(p.residentBytes()).isEqualTo(130000000.0); // jemalloc's, ahead of process_resident_memory_bytes
        assertThat(p.mappedBytes()).isEqualTo(150000000.0);
        assertThat(p.jvmHeapUsedBytes()).isNaN();
        assertThat(p.jvmHeapAfterGcBytes()).isNaN();
        assertThat(p.source()).isEqualTo("prometheus");
    }

    @Test
    void prometheus_processOnly_residentFromProcess_restAbsent() {
        HeapProfile p = HeapProfiles.fromPrometheus(PrometheusText.parse(
                "process_resident_memory_bytes 2.5e7\nprocess_virtual_memory_bytes 9e8\nhttp_active_connections 3\n"));
        assertThat(p.residentBytes()).isEqualTo(2.5e7);
        assertThat(p.allocatedBytes()).isNaN();
        assertThat(p.activeBytes()).isNaN();
        assertThat(p.mappedBytes()).isNaN();
    }

    @Test
    void prometheus_micrometerJvm_heapSummedOverPools_afterGc() {
        String text = """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 3.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 4.0E7
                jvm_memory_usage_after_gc_percent{area="heap",pool="long-lived"} 0.2
                jvm_memory_used_after_gc_bytes{area="heap",id="G1 Old Gen"} 4.5E7
                jvm_memory_used_after_gc_bytes{area="nonheap",id="Metaspace"} 1.0E7
                """;
        HeapProfile p = HeapProfiles.fromPrometheus(PrometheusText.parse(text));
        assertThat(p.jvmHeapUsedBytes()).isEqualTo(8.0e7);
        assertThat(p.jvmHeapAfterGcBytes()).isEqualTo(4.5e7);
    }

    @Test
    void prometheus_simpleclientHotspot_collectionUsedPools() {
        String text = """
                jvm_memory_bytes_used{area="heap",} 7.0E7
                jvm_memory_bytes_used{area="nonheap",} 3.0E7
                jvm_memory_pool_collection_used_bytes{pool="G1 Eden Space",} 0.0
                jvm_memory_pool_collection_used_bytes{pool="G1 Old Gen",} 2.0E7
                jvm_memory_pool_collection_used_bytes{pool="G1 Survivor Space",} 1.0E6
                """;
        HeapProfile p = HeapProfiles.fromPrometheus(PrometheusText.parse(text));
        assertThat(p.jvmHeapUsedBytes()).isEqualTo(7.0e7);
        assertThat(p.jvmHeapAfterGcBytes()).isEqualTo(2.1e7);
    }

    @Test
    void inProcess_afterGc_presentAndBelowCommittedHeap() {
        System.gc();
        HeapProfile p = HeapProfiles.inProcess();
        assertThat(p.source()).isEqualTo("in-process");
        assertThat(p.jvmHeapAfterGcBytes()).isPositive();
        assertThat(p.jvmHeapUsedBytes()).isPositive();
        assertThat(p.jvmHeapAfterGcBytes()).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(p.allocatedBytes()).isNaN();
    }

    @Test
    void prometheusSource_fetchesOverLoopback_andIsNoneWhenDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics/prometheus", ex -> {
            byte[] body = ENGRAM.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics/prometheus");
        try {
            HeapProfile p = HeapProfileSource.prometheus(url, Duration.ofSeconds(5)).capture();
            assertThat(p.allocatedBytes()).isEqualTo(104857600.0);
            HeapProfile missing = HeapProfileSource.prometheus(url.resolve("/nope"), Duration.ofSeconds(5)).capture();
            assertThat(missing.source()).isEqualTo("none");
            assertThat(missing.allocatedBytes()).isNaN();
        } finally {
            server.stop(0);
        }
        assertThat(HeapProfileSource.prometheus(url, Duration.ofSeconds(2)).capture().source()).isEqualTo("none");
    }

    @Test
    void jvmAttach_childHeapAfterGc_reflectsHeldArrays() throws Exception {
        try (ChildJvm child = ChildJvm.start();
             JvmAttachHeapSource source = new JvmAttachHeapSource(child.pid())) {
            assertThat(source.capture().source()).as(source.lastError()).isEqualTo("jmx"); // agent started
            child.send("gc");
            HeapProfile before = source.capture();
            child.send("heap 30");
            child.send("gc");
            HeapProfile after = source.capture();
            assertThat(after.jvmHeapAfterGcBytes() - before.jvmHeapAfterGcBytes())
                    .isBetween(0.8 * 30 * 1048576, 1.2 * 30 * 1048576);
            assertThat(after.jvmHeapUsedBytes()).isGreaterThanOrEqualTo(30.0 * 1048576);
        }
    }

    @Test
    void jvmAttach_g1_heldArraysInTheOldGeneration_countAfterGc_withoutAFullCollection() throws Exception {
        // under G1 (JDK 17) the old generation's collection usage moves only at a mixed or full collection: the heap
        // after the last collection, every pool summed, sees what went into it since (here 1 MB arrays, humongous in
        // G1's 1 MB regions of a 64 MB heap, allocated in the old generation directly)
        try (ChildJvm child = ChildJvm.startWithG1();
             JvmAttachHeapSource source = new JvmAttachHeapSource(child.pid())) {
            child.send("gc");
            HeapProfile before = source.capture();
            assertThat(before.source()).as(source.lastError()).isEqualTo("jmx");
            child.send("heap 12"); // each array takes two regions: 24 MB of the 64
            child.send("garbage 300");
            HeapProfile after = source.capture();
            assertThat(after.jvmHeapAfterGcBytes() - before.jvmHeapAfterGcBytes())
                    .isBetween(0.8 * 12 * 1048576, 2.2 * 12 * 1048576);
        }
    }

    @Test
    void firstMeasured_fieldByField_sourcesJoined() {
        HeapProfile prom = HeapProfiles.fromPrometheus(PrometheusText.parse(ENGRAM));
        HeapProfile jmx = new HeapProfile(1, 2, 3, 4, 5, 6e7, 4e7, "jmx");
        HeapProfile merged = HeapProfiles.firstMeasured(java.util.List.of(prom, jmx));
        assertThat(merged.allocatedBytes()).isEqualTo(104857600.0);
        assertThat(merged.jvmHeapUsedBytes()).isEqualTo(6e7);
        assertThat(merged.jvmHeapAfterGcBytes()).isEqualTo(4e7);
        assertThat(merged.source()).isEqualTo("prometheus+jmx");
        assertThat(HeapProfiles.firstMeasured(java.util.List.of(HeapProfile.none())).source()).isEqualTo("none");
    }

    @Test
    void forTarget_jvmChild_metricsDown_heapFromJmx() throws Exception {
        try (ChildJvm child = ChildJvm.start("gc")) {
            int port;
            try (var s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            TargetProcess target = ProcessLocator.byPid(child.pid());
            try (HeapProfileSource source = HeapProfileSource.forTarget(
                    URI.create("http://127.0.0.1:" + port + "/metrics/prometheus"), target, Duration.ofSeconds(1))) {
                HeapProfile p = source.capture();
                assertThat(p.source()).isEqualTo("jmx");
                assertThat(p.jvmHeapAfterGcBytes()).isPositive();
                assertThat(p.allocatedBytes()).isNaN();
            }
        }
    }
}
