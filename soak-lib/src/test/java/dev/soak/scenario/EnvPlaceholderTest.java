package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code {{env:NAME}}} checked against a real environment: the scenario is loaded in a child JVM whose
 * variables the test sets (a JVM cannot change its own).
 */
class EnvPlaceholderTest {
    @TempDir
    Path tmp;

    private record Checked(int exit, String output) {
    }

    private Checked check(String requests, Map<String, String> env) throws IOException, InterruptedException {
        Path file = tmp.resolve("env.toml");
        Files.writeString(file, "name = \"env\"\n[arrival]\npattern = \"constant\"\nrate = 10.0\n" + requests);
        String javaBin = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
            ScenarioCheckMain.class.getName(), file.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Checked(p.exitValue(), out);
    }

    /** The variables in a path, a body and a header. */
    private static final String REQUESTS = """
        [[operations.request]]
        name = "get"
        method = "POST"
        path = "/items/{{env:SOAK_TEST_ID}}"
        body = '{"token": "{{env:SOAK_TEST_TOKEN}}"}'
        headers = { "Authorization" = "Bearer {{env:SOAK_TEST_TOKEN}}" }
        """;

    @Test
    void aSetVariable_isAccepted_inAPathAHeaderAndABody() throws Exception {
        Checked c = check(REQUESTS, Map.of("SOAK_TEST_ID", "a-1", "SOAK_TEST_TOKEN", "s3cr3t"));
        assertThat(c.output()).contains("valid");
        assertThat(c.exit()).isZero();
    }

    @Test
    void aValueThatWouldBreakItsLine_isRefused_withoutShowingTheValue() throws Exception {
        Checked c = check(REQUESTS, Map.of("SOAK_TEST_ID", "two words", "SOAK_TEST_TOKEN", "s3cr3t-line-1\ns3cr3t-line-2"));
        assertThat(c.exit()).as(c.output()).isEqualTo(2);
        assertThat(c.output())
            .contains("path = \"/items/{{env:SOAK_TEST_ID}}\" takes the value of SOAK_TEST_ID, which holds a space or a"
                + " control character: it cannot go into the request line")
            .contains("headers.Authorization = \"Bearer {{env:SOAK_TEST_TOKEN}}\" takes the value of SOAK_TEST_TOKEN,"
                + " which holds a control character (e.g. a line break): it cannot go into a header")
            .doesNotContain("body")
            .doesNotContain("s3cr3t").doesNotContain("two words");
    }
}
