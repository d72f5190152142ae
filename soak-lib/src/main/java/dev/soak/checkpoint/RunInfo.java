package dev.soak.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The content of {@code run.json}: what was run, where, with which versions, and how it ended.
 *
 * <p>JSON (field names are part of the format): {@code format_version} (integer,
 * {@value #FORMAT_VERSION} for this layout), {@code scenario_name}, {@code start} and, once the run
 * ended, {@code end} (ISO-8601 with offset, e.g. {@code 2026-11-28T05:14:37.120+00:00}),
 * {@code host}, {@code java_version}, {@code os}, {@code soak_version}, {@code target_pid} and
 * {@code target_command} (absent when unknown), {@code status} ({@link RunStatus}: {@code running},
 * {@code completed}, {@code aborted}, {@code interrupted}, {@code crashed}), {@code seed},
 * {@code resumes} (a list of {@link RunResume}). Unknown fields are ignored when reading.
 * Immutable; the {@code with…} methods return copies.
 *
 * @param formatVersion  version of the run-directory format
 * @param scenarioName   the scenario's {@code name}
 * @param start          wall-clock start of the run
 * @param end            wall-clock end, empty while running
 * @param host           host name
 * @param javaVersion    {@code java.version} of the driver
 * @param os             {@code os.name os.version os.arch}
 * @param soakVersion    Soak's version
 * @param targetPid      the watched process, when known
 * @param targetCommand  the command that started the target, when Soak started it
 * @param status         how the run stands
 * @param seed           the random seed (a run is reproducible from it)
 * @param resumes        every reopening of the directory, oldest first
 */
public record RunInfo(int formatVersion, String scenarioName, OffsetDateTime start, Optional<OffsetDateTime> end,
                      String host, String javaVersion, String os, String soakVersion, OptionalLong targetPid,
                      Optional<String> targetCommand, RunStatus status, long seed, List<RunResume> resumes) {

    /** The run-directory format this code writes. */
    public static final int FORMAT_VERSION = 1;

    /** ISO-8601 with a numeric offset ({@code +00:00}, not {@code Z}), millisecond precision. */
    public static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

    public RunInfo {
        resumes = List.copyOf(resumes);
        java.util.Objects.requireNonNull(scenarioName, "scenarioName");
        java.util.Objects.requireNonNull(start, "start");
        java.util.Objects.requireNonNull(status, "status");
    }

    /**
     * A new run's info, status {@code running}, with host, Java, OS and Soak versions taken from
     * this JVM.
     */
    public static RunInfo newRun(String scenarioName, OffsetDateTime start, long seed, OptionalLong targetPid,
                                 Optional<String> targetCommand) {
        return new RunInfo(FORMAT_VERSION, scenarioName, start, Optional.empty(), hostName(),
            System.getProperty("java.version", "unknown"),
            System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                + System.getProperty("os.arch", "?"),
            currentSoakVersion(), targetPid, targetCommand, RunStatus.RUNNING, seed, List.of());
    }

    /**
     * Soak's version: the jar manifest's {@code Implementation-Version}, else the
     * {@code META-INF/maven/dev.soak/soak-lib/pom.properties} Maven puts in the jar, else
     * {@code unknown} (classes run from a build directory).
     */
    public static String currentSoakVersion() {
        String v = RunInfo.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (var in = RunInfo.class.getResourceAsStream("/META-INF/maven/dev.soak/soak-lib/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        return "unknown";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }

    public RunInfo withStatus(RunStatus newStatus) {
        return new RunInfo(formatVersion, scenarioName, start, end, host, javaVersion, os, soakVersion, targetPid,
            targetCommand, newStatus, seed, resumes);
    }

    /** The run ended at {@code endTime} with {@code newStatus}. */
    public RunInfo withEnd(OffsetDateTime endTime, RunStatus newStatus) {
        return new RunInfo(formatVersion, scenarioName, start, Optional.of(endTime), host, javaVersion, os,
            soakVersion, targetPid, targetCommand, newStatus, seed, resumes);
    }

    public RunInfo withTarget(OptionalLong pid, Optional<String> command) {
        return new RunInfo(formatVersion, scenarioName, start, end, host, javaVersion, os, soakVersion, pid,
            command, status, seed, resumes);
    }

    /** Adds a resume, sets status {@code running} and clears {@code end}. */
    public RunInfo withResume(RunResume resume) {
        List<RunResume> more = new ArrayList<>(resumes);
        more.add(resume);
        return new RunInfo(formatVersion, scenarioName, start, Optional.empty(), host, javaVersion, os, soakVersion,
            targetPid, targetCommand, RunStatus.RUNNING, seed, more);
    }

    /** Seconds from {@link #start()} to {@code now}. */
    public double secondsSinceStart(OffsetDateTime now) {
        return java.time.Duration.between(start, now).toNanos() / 1e9;
    }

    // ---------------------------------------------------------------- JSON

    ObjectNode toJson() {
        ObjectNode n = RunJson.MAPPER.createObjectNode();
        n.put("format_version", formatVersion);
        n.put("scenario_name", scenarioName);
        n.put("start", TIME_FORMAT.format(start));
        end.ifPresent(e -> n.put("end", TIME_FORMAT.format(e)));
        n.put("host", host);
        n.put("java_version", javaVersion);
        n.put("os", os);
        n.put("soak_version", soakVersion);
        targetPid.ifPresent(p -> n.put("target_pid", p));
        targetCommand.ifPresent(c -> n.put("target_command", c));
        n.put("status", status.json());
        n.put("seed", seed);
        ArrayNode list = n.putArray("resumes");
        for (RunResume r : resumes) {
            ObjectNode o = list.addObject();
            o.put("at", TIME_FORMAT.format(r.at()));
            RunJson.put(o, "t_sec", r.tSec());
            o.put("dropped_bytes", r.droppedBytes());
            o.put("dropped_lines", r.droppedLines());
        }
        return n;
    }

    static RunInfo fromJson(JsonNode json) {
        ObjectNode n = RunJson.requireObject(json);
        List<RunResume> resumes = new ArrayList<>();
        for (JsonNode r : n.path("resumes")) {
            resumes.add(new RunResume(time(r, "at"), RunJson.getDouble(r, "t_sec"), r.path("dropped_bytes").asLong(),
                r.path("dropped_lines").asInt()));
        }
        return new RunInfo(n.path("format_version").asInt(0), text(n, "scenario_name"), time(n, "start"),
            n.hasNonNull("end") ? Optional.of(time(n, "end")) : Optional.empty(),
            n.path("host").asText(""), n.path("java_version").asText(""), n.path("os").asText(""),
            n.path("soak_version").asText(""),
            n.path("target_pid").isNumber() ? OptionalLong.of(n.get("target_pid").asLong()) : OptionalLong.empty(),
            n.hasNonNull("target_command") ? Optional.of(n.get("target_command").asText()) : Optional.empty(),
            RunStatus.fromJson(text(n, "status")), n.path("seed").asLong(), resumes);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field \"" + field + "\"");
        }
        return v.asText();
    }

    private static OffsetDateTime time(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" = \"" + s
                + "\" is not an ISO-8601 time with offset such as 2026-11-28T05:14:37.120+00:00");
        }
    }
}
