package dev.soak.reference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The periodic full collection of the reference server, observed from outside on an idle child
 * process (an idle server with its default heap never needs a full collection of its own, so every
 * major collection counted comes from {@link LiveSetCollector}).
 */
class LiveSetCollectorTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(TestProc.available(), "/proc is needed to run the child");
    }

    private static double majorGcs(URI endpoint) throws Exception {
        String body = CLIENT.send(HttpRequest.newBuilder(endpoint.resolve("/metrics/prometheus"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^jvm_gc_major_collections_total (\\S+)$").matcher(body);
        assertThat(m.find()).as("jvm_gc_major_collections_total is exposed").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private EmbeddedTarget start(int intervalSec, String log) throws Exception {
        return EmbeddedTarget.start(ReferenceServerOptions.builder().embeddingDim(16).fullGcIntervalSec(intervalSec)
                .build(), dir.resolve(log), Duration.ofSeconds(60));
    }

    @Test
    void everySecond_theChildRunsFullCollections() throws Exception {
        try (EmbeddedTarget t = start(1, "every-second.log")) {
            double first = majorGcs(t.endpoint());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            double now = first;
            while (now < first + 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                now = majorGcs(t.endpoint());
            }
            assertThat(now).as("major collections after waiting").isGreaterThanOrEqualTo(first + 2);
        }
    }

    @Test
    void zero_noFullCollectionIsRequested() throws Exception {
        try (EmbeddedTarget t = start(0, "never.log")) {
            double first = majorGcs(t.endpoint());
            Thread.sleep(3000);
            assertThat(majorGcs(t.endpoint())).as("major collections of an idle server without the collector")
                    .isEqualTo(first);
        }
    }
}
