package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.soak.scenario.Scenario;
import dev.soak.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every valid scenario file in the repository builds a driver whose first operations render. */
class ShippedScenariosTest {

    private static List<Path> scenarioFiles() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> a = Files.walk(root.resolve("scenarios"));
             Stream<Path> b = Files.walk(Path.of("src/test/resources/scenarios"))) {
            return Stream.concat(a, b).filter(p -> p.toString().endsWith(".toml"))
                    .filter(p -> !p.toString().contains("/bad/")).sorted().toList();
        }
    }

    @Test
    void everyValidScenario_buildsADriver_andRendersItsMix() throws Exception {
        List<Path> files = scenarioFiles();
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            Scenario s = ScenarioLoader.load(f);
            LoadDriver d = LoadDriver.builder(s).seed(1).build();
            assertThat(d.operationNames()).as(f.toString()).isNotEmpty();
            for (long n = 0; n < 50; n++) {
                String r = d.describe(n);
                assertThat(r).as(f + " op " + n).contains(" HTTP/1.1\r\nHost: ");
            }
        }
    }
}
