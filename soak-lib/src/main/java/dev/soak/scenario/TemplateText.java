package dev.soak.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an {@code [[operations.request]]} path, body or header value, split into literal text and
 * placeholders: {@code {{uuid}}}, {@code {{seq}}}, {@code {{randInt:LO:HI}}}, {@code {{embedding}}} and
 * {@code {{env:NAME}}}. The one parser of that syntax: the validator reports what it refuses, the load
 * driver compiles what it accepts. Stateless.
 */
public final class TemplateText {
    /** What the scenario documentation and the error messages list as allowed. */
    public static final String ALLOWED = "{{uuid}}, {{seq}}, {{randInt:LO:HI}} (integers, LO <= HI), {{embedding}}"
            + " and {{env:NAME}} (an environment variable)";

    private static final Pattern RAND_INT = Pattern.compile("randInt:\\s*(-?\\d+)\\s*:\\s*(-?\\d+)\\s*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The kinds of segment. */
    public enum Kind { LITERAL, UUID, SEQ, RAND_INT, EMBEDDING, ENV }

    /**
     * One segment.
     *
     * @param kind  what it is
     * @param text  the literal text ({@link Kind#LITERAL}) or the variable's name ({@link Kind#ENV}); else ""
     * @param lo    {@link Kind#RAND_INT}'s lower bound, inclusive
     * @param hi    {@link Kind#RAND_INT}'s upper bound, inclusive
     */
    public record Segment(Kind kind, String text, long lo, long hi) {
    }

    /** A template text that cannot be parsed: {@link #getMessage()} says what, e.g. "an unknown placeholder {{x}}". */
    public static final class Malformed extends IllegalArgumentException {
        Malformed(String what) {
            super(what);
        }
    }

    private TemplateText() {
    }

    /** Splits {@code text} into its segments; throws {@link Malformed} at the first placeholder it cannot read. */
    public static List<Segment> parse(String text) {
        List<Segment> out = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            if (open < 0) {
                out.add(literal(text.substring(pos)));
                break;
            }
            if (open > pos) {
                out.add(literal(text.substring(pos, open)));
            }
            int close = text.indexOf("}}", open);
            if (close < 0) {
                throw new Malformed("an unclosed placeholder " + text.substring(open));
            }
            out.add(placeholder(text.substring(open + 2, close).trim()));
            pos = close + 2;
        }
        return out;
    }

    private static Segment placeholder(String ph) {
        switch (ph) {
            case "uuid":
                return new Segment(Kind.UUID, "", 0, 0);
            case "seq":
                return new Segment(Kind.SEQ, "", 0, 0);
            case "embedding":
                return new Segment(Kind.EMBEDDING, "", 0, 0);
            default:
                break;
        }
        if (ph.startsWith("randInt:")) {
            Matcher m = RAND_INT.matcher(ph);
            long lo;
            long hi;
            try {
                if (!m.matches()) {
                    throw new NumberFormatException();
                }
                lo = Long.parseLong(m.group(1));
                hi = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw new Malformed("a malformed randInt {{" + ph + "}}");
            }
            if (lo > hi) {
                throw new Malformed("a randInt whose LO exceeds its HI {{" + ph + "}}");
            }
            return new Segment(Kind.RAND_INT, "", lo, hi);
        }
        if (ph.startsWith("env:")) {
            String name = ph.substring(4).trim();
            if (!ENV_NAME.matcher(name).matches()) {
                throw new Malformed("a malformed environment variable name {{" + ph + "}} (letters, digits and _)");
            }
            return new Segment(Kind.ENV, name, 0, 0);
        }
        throw new Malformed("an unknown placeholder {{" + ph + "}}");
    }

    private static Segment literal(String s) {
        return new Segment(Kind.LITERAL, s, 0, 0);
    }
}
