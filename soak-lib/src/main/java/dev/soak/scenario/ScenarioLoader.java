package dev.soak.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Loads a scenario from TOML (every key: {@code scenarios/soak/README.md}) and validates it
 * completely before anything runs.
 *
 * <p>The file is read with Jackson's TOML parser into a tree, then each table is read with its
 * expected types and handed to a {@link ScenarioBuilder}, which applies the defaults and the same
 * range checks as for a scenario built in code. All problems of a file are reported together in
 * one {@link ScenarioException}: unknown keys (with the closest known key), wrong types, values
 * out of range, missing required keys; a TOML syntax error is reported alone, as
 * {@code file:line:column}. Files written for the Engram load tool load unchanged.
 *
 * <p>Required: top-level {@code name} and {@code [arrival] pattern} with that pattern's rate keys
 * (diurnal's {@code peak_hour} and {@code trough_hour} default to 14 and 3); everything else has a
 * default. Stateless and thread-safe.
 */
public final class ScenarioLoader {
    private static final TomlMapper MAPPER = new TomlMapper();

    private ScenarioLoader() {
    }

    /**
     * Reads and validates the scenario file {@code file}.
     *
     * @throws ScenarioException when the file is missing or unreadable, or with every problem it has
     */
    public static Scenario load(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw single(source, "is a directory, not a scenario file", "Fix: give a .toml file, e.g. scenarios/smoke.toml");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw single(source, "does not exist", "Fix: check the path; the bundled scenarios are under scenarios/, e.g. scenarios/smoke.toml");
        } catch (CharacterCodingException e) {
            throw single(source, "is not UTF-8 text", "Fix: save the scenario as UTF-8 (TOML requires it)");
        } catch (IOException e) {
            throw single(source, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "Fix: check the file's permissions");
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(text, source, dir);
    }

    /**
     * Parses and validates scenario TOML text; {@code source} names it in problems (e.g. a file name).
     *
     * @throws ScenarioException with every problem the text has
     */
    public static Scenario parse(String toml, String source) {
        return parse(toml, source, null);
    }

    /**
     * As {@link #parse(String, String)}, with relative file paths ({@code tls_ca_file}, {@code tls_client_cert},
     * {@code tls_client_key}) resolved against {@code baseDir} when not null.
     */
    static Scenario parse(String toml, String source, Path baseDir) {
        Problems problems = new Problems(source);
        ScenarioBuilder b = read(toml, problems);
        if (baseDir != null) {
            b.tlsCaFile = resolve(baseDir, b.tlsCaFile);
            b.tlsClientCert = resolve(baseDir, b.tlsClientCert);
            b.tlsClientKey = resolve(baseDir, b.tlsClientKey);
        }
        return b.build();
    }

    private static Path resolve(Path baseDir, Path file) {
        return file == null ? null : baseDir.resolve(file).normalize();
    }

    private static ScenarioException single(String source, String allowed, String hint) {
        return new ScenarioException(List.of(Problem.at(source, "", "", allowed, hint)));
    }

    static ScenarioBuilder read(String toml, Problems problems) {
        ScenarioBuilder b = new ScenarioBuilder(problems);
        JsonNode root;
        try {
            root = MAPPER.readTree(toml);
        } catch (JacksonException e) {
            problems.add(syntaxError(problems.source(), e));
            problems.throwIfAny();
            return b;
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            problems.add("", "", "is empty: a scenario needs at least a name and an [arrival] section",
                    "Fix: start from scenarios/smoke.toml, or add name = \"...\" and [arrival] pattern = \"constant\", rate = 100");
            problems.throwIfAny();
        }
        TomlTable top = new TomlTable("", (ObjectNode) root, problems);
        top.rejectUnknown(KeySchema.SECTIONS.get(""), "", List.of());
        b.name = top.string("name", "text in double quotes");
        String description = top.string("description", "text in double quotes");
        if (description != null) {
            b.description = description;
        }
        TomlTable duration = top.table("duration");
        if (duration != null) {
            duration.rejectUnknown(KeySchema.SECTIONS.get("duration"), "", List.of());
            b.totalSeconds = duration.number("total_seconds", "a number of scenario seconds > 0", b.totalSeconds);
            Double maxTotal = duration.number("max_total_seconds", "a number of scenario seconds >= [duration] total_seconds");
            if (maxTotal != null) {
                b.maxTotalSeconds = maxTotal;
            }
        }
        TomlTable arrival = top.table("arrival");
        if (arrival != null) {
            b.arrival = ArrivalReader.read(arrival);
        }
        TomlTable operations = top.table("operations");
        if (operations != null) {
            OperationsReader.read(operations, b);
        }
        TomlTable data = top.table("data");
        if (data != null) {
            b.data = OperationsReader.data(data, b.data);
        }
        TomlTable validation = top.table("validation");
        if (validation != null) {
            validation.rejectUnknown(KeySchema.SECTIONS.get("validation"), "", List.of());
            b.validation = new ValidationSpec(opt(validation.number("expected_p99_latency_ms", "a latency in milliseconds")),
                    opt(validation.number("expected_throughput_ops_sec", "a throughput in ops/s")),
                    opt(validation.number("max_error_rate", "a fraction from 0 to 1")));
        }
        TomlTable chaos = top.table("chaos");
        if (chaos != null) {
            chaos.rejectUnknown(KeySchema.SECTIONS.get("chaos"), "", List.of());
            Boolean enabled = chaos.bool("enabled");
            b.chaosEnabled = enabled != null && enabled;
        }
        TomlTable target = top.table("target");
        if (target != null) {
            TargetReader.read(target, b);
        }
        TomlTable soak = top.table("soak");
        if (soak != null) {
            TargetReader.soak(soak, b);
        }
        return b;
    }

    static OptionalDouble opt(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static Problem syntaxError(String source, JacksonException e) {
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        // Jackson reports a duplicate key after the line that holds it has been consumed.
        if (msg.startsWith("Duplicate key") && column == 1 && line > 1) {
            line--;
        }
        return new Problem(source, "", "", "TOML syntax error: " + msg.toLowerCase(Locale.ROOT).charAt(0) + msg.substring(1),
                "Fix: check the TOML at that position (text needs double quotes, each key is written once, tables as [name])",
                line > 0 ? OptionalInt.of(line) : OptionalInt.empty(), column > 0 ? OptionalInt.of(column) : OptionalInt.empty());
    }

    /** Reads {@code [arrival]}. */
    static final class ArrivalReader {
        private static final Map<String, String> WHAT = new HashMap<>();

        static {
            for (String k : List.of("rate", "lambda", "base_rate", "burst_rate", "baseline_ops", "start_ops", "end_ops")) {
                WHAT.put(k, "a rate in ops/s");
            }
            WHAT.put("burst_duration_sec", "a number of seconds");
            WHAT.put("burst_period_sec", "a number of seconds");
            WHAT.put("peak_multiplier", "a number >= 1");
            WHAT.put("peak_hour", "an hour of the day, 0 to 23");
            WHAT.put("trough_hour", "an hour of the day, 0 to 23");
        }

        private ArrivalReader() {
        }

        static ArrivalPattern read(TomlTable t) {
            List<String> patterns = new ArrayList<>(KeySchema.ARRIVAL_KEYS.keySet());
            String pattern = t.string("pattern", "one of " + String.join(", ", patterns) + " in double quotes");
            if (pattern == null) {
                if (!t.has("pattern")) {
                    t.problems.add("[arrival] pattern", "", "is missing: allowed patterns are " + String.join(", ", patterns),
                            "Fix: add e.g. pattern = \"constant\" and rate = 100");
                }
                t.rejectUnknown(KeySchema.SECTIONS.get("arrival"), "", List.of());
                return null;
            }
            List<String> keys = KeySchema.ARRIVAL_KEYS.get(pattern);
            if (keys == null) {
                t.problems.add("[arrival] pattern", Problems.quote(pattern), "is not a known pattern: allowed "
                        + String.join(", ", patterns), KeySchema.closest(pattern, patterns)
                        .map(c -> "Did you mean \"" + c + "\"?").orElse("Fix: pick one of them"));
                t.rejectUnknown(KeySchema.SECTIONS.get("arrival"), "", List.of());
                return null;
            }
            List<String> allowed = new ArrayList<>(keys);
            allowed.add("pattern");
            t.rejectUnknown(allowed, "is not a key of pattern \"" + pattern + "\", which takes " + String.join(", ", keys), keys);
            Map<String, Double> v = new HashMap<>();
            boolean complete = true;
            for (String k : keys) {
                Double x = t.number(k, WHAT.get(k));
                if (x == null) {
                    if (k.equals("peak_hour")) {
                        x = 14.0;
                    } else if (k.equals("trough_hour")) {
                        x = 3.0;
                    } else {
                        if (!t.has(k)) {
                            t.problems.add("[arrival] " + k, "", "is missing: pattern \"" + pattern + "\" needs "
                                    + String.join(", ", keys.stream().filter(x2 -> !x2.endsWith("_hour")).toList()),
                                    "Fix: add " + k + " = " + example(k));
                        }
                        complete = false;
                        continue;
                    }
                }
                v.put(k, x);
            }
            if (!complete) {
                return null;
            }
            return switch (pattern) {
                case "constant" -> new ArrivalPattern.Constant(v.get("rate"));
                case "poisson" -> new ArrivalPattern.Poisson(v.get("lambda"));
                case "exponential" -> new ArrivalPattern.Exponential(v.get("lambda"));
                case "periodic_burst" -> new ArrivalPattern.PeriodicBurst(v.get("base_rate"), v.get("burst_rate"),
                        v.get("burst_duration_sec"), v.get("burst_period_sec"));
                case "diurnal" -> new ArrivalPattern.Diurnal(v.get("baseline_ops"), v.get("peak_multiplier"),
                        v.get("peak_hour"), v.get("trough_hour"));
                default -> new ArrivalPattern.Ramp(v.get("start_ops"), v.get("end_ops"), 0);
            };
        }

        private static String example(String key) {
            return switch (key) {
                case "burst_duration_sec" -> "30";
                case "burst_period_sec" -> "300";
                case "peak_multiplier" -> "2.0";
                default -> "100";
            };
        }
    }
}
