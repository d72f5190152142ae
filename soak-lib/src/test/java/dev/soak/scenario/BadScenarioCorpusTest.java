package dev.soak.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code scenarios/bad/} is an invalid scenario whose first lines say, as
 * {@code # expect: TEXT}, what the error message must contain (a file that must stay empty keeps
 * its expectations in {@code NAME.expect}).
 */
class BadScenarioCorpusTest {

    static Path corpusDir() throws URISyntaxException {
        return Path.of(BadScenarioCorpusTest.class.getResource("/scenarios/bad").toURI());
    }

    static Stream<Path> badScenarios() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpusDir())) {
            return files.filter(p -> p.toString().endsWith(".toml")).sorted().toList().stream();
        }
    }

    @Test
    void corpus_holdsAtLeastThirtyScenarios() throws Exception {
        assertThat(badScenarios().count()).isGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void badScenario_isRejectedWithItsSpecificMessage(Path file) throws IOException {
        List<String> expected = expectations(file);
        assertThat(expected).as("expectations of %s", file.getFileName()).isNotEmpty();

        ScenarioException e = catchThrowableOfType(() -> ScenarioLoader.load(file), ScenarioException.class);

        assertThat(e).as("%s must be rejected", file.getFileName()).isNotNull();
        for (String text : expected) {
            assertThat(e.getMessage()).contains(text);
        }
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo(file.toString());
            assertThat(p.message()).doesNotContain("Exception").doesNotContain("\tat ");
        });
        assertThat(e.getStackTrace()).as("a user error carries no stack trace").isEmpty();
    }

    private static List<String> expectations(Path file) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + ".expect");
        if (Files.exists(sidecar)) {
            return Files.readAllLines(sidecar).stream().filter(l -> !l.isBlank()).toList();
        }
        return Files.readAllLines(file).stream()
                .filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length()))
                .toList();
    }
}
