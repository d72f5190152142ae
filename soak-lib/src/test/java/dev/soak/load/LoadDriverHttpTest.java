package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.soak.scenario.ArrivalPattern;
import dev.soak.scenario.Scenario;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadDriverHttpTest {

    private static LoadDriver driver(Scenario s) {
        return LoadDriver.builder(s).seed(3).sampleInterval(Duration.ofMillis(500)).build();
    }

    @Test
    void constantRate_sendsTheIntendedCount() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        try (TestServer srv = new TestServer(4, ex -> {
            hits.incrementAndGet();
            TestServer.respond(ex, 200, "ok", false);
        })) {
            LoadDriver d = driver(TestScenarios.template(new ArrivalPattern.Constant(200), srv.port(), "get", "GET",
                    "/x", "", List.of()));
            RunCapture c = RunCapture.run(d, 3000);
            double elapsed = c.sendSec;
            assertThat((double) c.ops()).isCloseTo(200 * elapsed, within(Math.max(10, 0.03 * 200 * elapsed)));
            assertThat(hits.get()).isEqualTo((int) c.ops());
            assertThat(c.errors()).isZero();
            double intended = c.intervals.stream().mapToDouble(m -> m.all().intendedRate() * m.intervalSec()).sum();
            assertThat(intended).isCloseTo(200 * elapsed, within(Math.max(10, 0.03 * 200 * elapsed)));
            assertThat(c.intervals.get(1).all().latency().p50Ms()).isPositive();
        }
    }

    @Test
    void poissonRate_countWithinStatisticalTolerance_andChunkedResponsesParse() throws Exception {
        try (TestServer srv = new TestServer(4, ex -> TestServer.respond(ex, 200, "chunked body", true))) {
            LoadDriver d = driver(TestScenarios.template(new ArrivalPattern.Poisson(300), srv.port(), "get", "GET",
                    "/x?id={{seq}}", "", List.of()));
            RunCapture c = RunCapture.run(d, 3000);
            double elapsed = c.sendSec;
            double expected = 300 * elapsed;
            assertThat((double) c.ops()).isCloseTo(expected, within(4 * Math.sqrt(expected) + 10));
            assertThat(c.errors()).isZero();
        }
    }

    /** Every time stamp comes from the injected clock: one that wraps past Long.MAX_VALUE mid-run changes nothing. */
    @Test
    void injectedClock_wrappingNanoTime_countsAndLatenciesStaySane() throws Exception {
        long offset = Long.MAX_VALUE - System.nanoTime() - 500_000_000L; // wraps 0.5 s in
        try (TestServer srv = new TestServer(2, ex -> TestServer.respond(ex, 200, "ok", false))) {
            LoadDriver d = LoadDriver.builder(TestScenarios.template(new ArrivalPattern.Constant(200), srv.port(),
                    "get", "GET", "/", "", List.of())).clock(() -> System.nanoTime() + offset)
                    .sampleInterval(Duration.ofMillis(500)).build();
            RunCapture c = RunCapture.run(d, 1500);
            assertThat((double) c.ops()).isCloseTo(200 * c.sendSec, within(Math.max(10, 0.05 * 200 * c.sendSec)));
            assertThat(c.errors()).isZero();
            assertThat(c.corrected.getMaxValue()).isLessThan(1_000_000_000L);
            assertThat(c.intervals.get(0).tSec()).isCloseTo(0.5, within(0.01));
        }
    }

    @Test
    void refused_whenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LoadDriver d = driver(TestScenarios.template(new ArrivalPattern.Constant(50), port, "get", "GET", "/", "",
                List.of()));
        RunCapture c = RunCapture.run(d, 1000);
        assertThat(c.ops()).isGreaterThan(20);
        assertThat(c.errors("refused")).isEqualTo(c.ops());
    }

    @Test
    void timeout_whenTheTargetDoesNotAnswer() throws Exception {
        try (TestServer srv = new TestServer(16, ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                return;
            }
            TestServer.respond(ex, 200, "late", false);
        })) {
            LoadDriver d = LoadDriver.builder(TestScenarios.template(new ArrivalPattern.Constant(10), srv.port(),
                    "get", "GET", "/", "", List.of())).timeout(Duration.ofMillis(300)).build();
            RunCapture c = RunCapture.run(d, 2000);   // ~20 intended; generous for a loaded machine
            assertThat(c.errors("timeout")).isGreaterThanOrEqualTo(10).isEqualTo(c.ops());
            // the histogram reports the lowest value of the bucket a latency falls in (3 significant digits)
            assertThat(c.corrected.getMinValue()).isGreaterThanOrEqualTo(c.corrected.lowestEquivalentValue(300_000_000L));
        }
    }

    @Test
    void statusClasses_4xx_5xx_andUnexpected() throws Exception {
        try (TestServer srv = new TestServer(4, ex -> {
            String p = ex.getRequestURI().getPath();
            int status = p.equals("/missing") ? 404 : p.equals("/broken") ? 503 : 200;
            TestServer.respond(ex, status, "{\"error\":{}}", false);
        })) {
            RunCapture c4 = RunCapture.run(driver(TestScenarios.template(new ArrivalPattern.Constant(50), srv.port(),
                    "m", "GET", "/missing", "", List.of())), 600);
            RunCapture c5 = RunCapture.run(driver(TestScenarios.template(new ArrivalPattern.Constant(50), srv.port(),
                    "b", "POST", "/broken", "{\"n\":{{randInt:1:9}}}", List.of())), 600);
            RunCapture cu = RunCapture.run(driver(TestScenarios.template(new ArrivalPattern.Constant(50), srv.port(),
                    "u", "POST", "/ok", "{}", List.of(201))), 600);
            assertThat(c4.errors("http_4xx")).isPositive().isEqualTo(c4.ops());
            assertThat(c5.errors("http_5xx")).isPositive().isEqualTo(c5.ops());
            assertThat(cu.errors("unexpected_status")).isPositive().isEqualTo(cu.ops());
            assertThat(c4.errors("http_5xx") + c5.errors("http_4xx")).isZero();
        }
    }

    /**
     * A target that stalls 500 ms every 5 s (here from 1.0 s to 1.5 s of a 4.5 s run), driven at
     * 50/s with one request in flight: the sender is blocked during the stall, so latency from
     * the actual send hides it, while latency from the intended start shows it. True corrected
     * p99: a share f = 0.5 / run of intended starts fall in the stall and wait a uniform 0..500 ms,
     * so p99 = 500 ms × (1 − 0.01 / f) (plus the time to catch up after the stall).
     */
    @Test
    void stall_showsInCorrectedP99_hiddenInUncorrected() throws Exception {
        long t0 = System.nanoTime();
        try (TestServer srv = new TestServer(1, ex -> {
            long phaseMs = ((System.nanoTime() - t0) / 1_000_000) % 5000;
            if (phaseMs >= 1000 && phaseMs < 1500) {
                try {
                    Thread.sleep(1500 - phaseMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
            TestServer.respond(ex, 200, "ok", false);
        })) {
            LoadDriver d = LoadDriver.builder(TestScenarios.template(new ArrivalPattern.Constant(50), srv.port(),
                    "get", "GET", "/", "", List.of())).maxInFlight(1).dropAfter(Duration.ofSeconds(2))
                    .sampleInterval(Duration.ofSeconds(1)).build();
            long startedMs = (System.nanoTime() - t0) / 1_000_000;
            RunCapture c = RunCapture.run(d, 4500 - startedMs);
            double runSec = c.sendSec;
            double f = 0.5 / runSec;
            double trueP99Ms = 500 * (1 - 0.01 / f);
            double correctedP99 = c.corrected.getValueAtPercentile(99) / 1e6;
            double uncorrectedP99 = c.uncorrected.getValueAtPercentile(99) / 1e6;
            System.out.printf("stall: run %.2f s, true p99 %.1f ms, corrected p99 %.1f ms, uncorrected p99 %.1f ms, "
                    + "uncorrected p50 %.2f ms%n", runSec, trueP99Ms, correctedP99, uncorrectedP99,
                    c.uncorrected.getValueAtPercentile(50) / 1e6);
            // the 10 % accuracy figure is the benchmark's; here: the stall is visible, not hidden, and not
            // wildly overstated (catching up after the stall adds a little on a loaded machine)
            assertThat(correctedP99).isBetween(0.85 * trueP99Ms, 2.5 * trueP99Ms);
            // hidden: only the one blocked request sees the stall (a loaded machine adds a little)
            assertThat(uncorrectedP99).isLessThan(Math.min(150, correctedP99 / 3));
            assertThat(c.uncorrected.getMaxValue() / 1e6).isGreaterThan(300); // the one blocked request
            assertThat(c.intervals.stream().mapToLong(m -> m.late()).sum()).isGreaterThan(15);
        }
    }

    @Test
    void failingRequests_keepTheFirstFailureOfTheirKind_withTheRequestLineAndTheResponseBody() throws Exception {
        try (TestServer srv = new TestServer(2, ex -> TestServer.respond(ex, 422,
                "{\"error\":\"embedding has 32 dimensions, expected 768\"}", false))) {
            LoadDriver d = driver(TestScenarios.template(new ArrivalPattern.Constant(100), srv.port(), "put", "PUT",
                    "/items/{{seq}}", "{}", List.of()));
            RunCapture c = RunCapture.run(d, 1000);
            assertThat(c.errors()).isEqualTo(c.ops()).isPositive();
            List<ErrorSample> samples = d.newErrorSamples();
            assertThat(samples).hasSize(1);
            ErrorSample s = samples.get(0);
            assertThat(s.operation()).isEqualTo("put");
            assertThat(s.errorClass()).isEqualTo("http_4xx");
            assertThat(s.status()).isEqualTo(422);
            assertThat(s.request()).matches("PUT /items/\\d+ HTTP/1.1");
            assertThat(s.detail()).isEqualTo("{\"error\":\"embedding has 32 dimensions, expected 768\"}");
            assertThat(d.newErrorSamples()).isEmpty();
        }
    }

    @Test
    void anEnvironmentVariableInThePath_isKeptAsItsPlaceholder_evenWhenTheServerEchoesIt() throws Exception {
        String home = System.getenv("HOME");
        assumeTrue(home != null && home.length() > 1, "HOME is set");
        try (TestServer srv = new TestServer(2, ex -> TestServer.respond(ex, 404,
                "no item at " + ex.getRequestURI().getPath(), false))) {
            LoadDriver d = driver(TestScenarios.template(new ArrivalPattern.Constant(100), srv.port(), "get", "GET",
                    "/items{{env:HOME}}/{{seq}}", "", List.of()));
            RunCapture c = RunCapture.run(d, 500);
            assertThat(c.errors()).isPositive();
            ErrorSample s = d.newErrorSamples().get(0);
            assertThat(s.request()).matches("GET /items\\{\\{env:HOME}}/\\d+ HTTP/1.1");
            assertThat(s.detail()).matches("no item at /items\\{\\{env:HOME}}/\\d+");
        }
    }
}
