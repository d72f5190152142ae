package dev.soak.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps the first {@link ErrorSample} of each operation and error class (and of the preload), and
 * hands each new one out once ({@link #drain()}). After the first failure of a kind, a failure costs
 * one array read, so a target failing every request does not slow the driver. The values of environment
 * variables in the requests (a token) are replaced by their placeholders in what is kept, request line and
 * response alike ({@link RequestRenderer#redactions()}).
 *
 * <p>Thread safety: {@link #offer} is called by the I/O and worker threads that complete exchanges,
 * {@link #drain()} and {@link #firstOf(int)} by any thread.
 */
final class ErrorSamples {
    /** Longest response-body excerpt or exception text kept, in characters. */
    static final int DETAIL_CHARS = 200;
    /** Longest request line kept, in characters. */
    static final int REQUEST_CHARS = 200;
    private static final ErrorClass[] CLASSES = ErrorClass.VALUES;

    private final List<String> names;
    /** {value, placeholder} pairs, longest value first (a value holding another is replaced whole). */
    private final String[][] redactions;
    private final AtomicReferenceArray<ErrorSample> first;
    private final ConcurrentLinkedQueue<ErrorSample> fresh = new ConcurrentLinkedQueue<>();

    /**
     * @param operationNames the driver's operations, in index order
     * @param redactions     values never to keep, each with the text to keep in its place
     */
    ErrorSamples(List<String> operationNames, Map<String, String> redactions) {
        this.names = List.copyOf(operationNames);
        this.redactions = redactions.entrySet().stream()
            .filter(e -> !e.getKey().isEmpty())
            .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
            .map(e -> new String[] {e.getKey(), e.getValue()})
            .toArray(String[][]::new);
        this.first = new AtomicReferenceArray<>((names.size() + 1) * CLASSES.length);
    }

    /**
     * Records a failed HTTP exchange of operation {@code op} (-1: the preload) unless one of its kind is
     * kept already: the request line of {@code request} and the first {@code bodyLen} bytes of {@code body}.
     */
    void offer(int op, ErrorClass error, int status, ByteBuilder request, byte[] body, int bodyLen) {
        int slot = slot(op, error);
        if (first.get(slot) != null) {
            return;
        }
        keep(slot, new ErrorSample(name(op), error.key(), status, requestLine(request),
            text(redact(new String(body, 0, Math.min(bodyLen, body.length), StandardCharsets.UTF_8)))));
    }

    /** Records a Java operation's exception, unless one is kept for {@code op} already. */
    void offer(int op, Throwable t) {
        int slot = slot(op, ErrorClass.EXCEPTION);
        if (first.get(slot) == null) {
            keep(slot, new ErrorSample(name(op), ErrorClass.EXCEPTION.key(), 0, "", text(redact(t.toString()))));
        }
    }

    /** The samples kept since the last call, oldest first. */
    List<ErrorSample> drain() {
        List<ErrorSample> out = new ArrayList<>();
        ErrorSample s;
        while ((s = fresh.poll()) != null) {
            out.add(s);
        }
        return out;
    }

    /** The first failure kept for operation {@code op} (-1: the preload), of any class. */
    Optional<ErrorSample> firstOf(int op) {
        for (ErrorClass c : CLASSES) {
            ErrorSample s = first.get(slot(op, c));
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private void keep(int slot, ErrorSample sample) {
        if (first.compareAndSet(slot, null, sample)) {
            fresh.add(sample);
        }
    }

    private int slot(int op, ErrorClass error) {
        return (op + 1) * CLASSES.length + error.ordinal();
    }

    private String name(int op) {
        return op < 0 ? "preload" : names.get(op);
    }

    /**
     * The first line of the rendered request (UTF-8, as the renderers encode it), redacted, then cut to at
     * most {@link #REQUEST_CHARS} characters.
     */
    private String requestLine(ByteBuilder request) {
        byte[] a = request.array();
        int n = 0;
        while (n < request.length() && a[n] != '\r' && a[n] != '\n') {
            n++;
        }
        String line = redact(new String(a, 0, n, StandardCharsets.UTF_8));
        return line.length() > REQUEST_CHARS ? line.substring(0, REQUEST_CHARS) : line;
    }

    private String redact(String s) {
        for (String[] r : redactions) {
            s = s.replace(r[0], r[1]);
        }
        return s;
    }

    /** Control characters as spaces, runs of white space as one, trimmed, at most {@link #DETAIL_CHARS}. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), DETAIL_CHARS));
        boolean space = false;
        for (int i = 0; i < s.length() && b.length() < DETAIL_CHARS; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
        }
        if (b.length() > DETAIL_CHARS) {
            b.setLength(DETAIL_CHARS);
        }
        return b.toString();
    }
}
