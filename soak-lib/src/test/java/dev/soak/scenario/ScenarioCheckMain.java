package dev.soak.scenario;

import java.nio.file.Path;

/** Loads the scenario file given as the argument in a JVM of its own (an environment of its own); prints the problems. */
public final class ScenarioCheckMain {
    private ScenarioCheckMain() {
    }

    public static void main(String[] args) {
        try {
            ScenarioLoader.load(Path.of(args[0]));
            System.out.println("valid");
        } catch (ScenarioException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
    }
}
