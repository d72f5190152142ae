package dev.soak.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps the first {@link ErrorSample} of each operation and error class (and of the preload), and
 * hands each new one out once ({@link #drain()}). After the first failure of a kind, a failure costs
 * one array read, so a target failing every request does not slow the driver.
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
    private final AtomicReferenceArray<ErrorSample> first;
    private final ConcurrentLinkedQueue<ErrorSample> fresh = new ConcurrentLinkedQueue<>();

    /** @param operationNames the driver's operations, in index order */
    ErrorSamples(List<String> operationNames) {
        this.names = List.copyOf(operationNames);
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
            text(new String(body, 0, Math.min(bodyLen, body.length), StandardCharsets.UTF_8))));
    }

    /** Records a Java operation's exception, unless one is kept for {@code op} already. */
    void offer(int op, Throwable t) {
        int slot = slot(op, ErrorClass.EXCEPTION);
        if (first.get(slot) == null) {
            keep(slot, new ErrorSample(name(op), ErrorClass.EXCEPTION.key(), 0, "", text(t.toString())));
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

    /** The first line of the rendered request (ISO-8859-1, as HTTP/1.1 heads are), at most {@link #REQUEST_CHARS}. */
    private static String requestLine(ByteBuilder request) {
        byte[] a = request.array();
        int n = 0;
        int len = Math.min(request.length(), REQUEST_CHARS);
        while (n < len && a[n] != '\r' && a[n] != '\n') {
            n++;
        }
        return new String(a, 0, n, StandardCharsets.ISO_8859_1);
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
