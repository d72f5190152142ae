package dev.soak.load;

import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 response parser that finds the status and the end of the response
 * (Content-Length, chunked transfer coding, or read-until-close) without allocating: the body is
 * skipped, header lines are matched in a fixed buffer; of a response with a status of 300 or more,
 * the first {@link #EXCERPT_BYTES} body bytes are kept ({@link #excerpt}) so that a failure can be
 * shown. One per connection; reset per response. Not thread-safe.
 */
final class ResponseParser {
    static final int MORE = 0;
    static final int DONE = 1;
    static final int MALFORMED = -1;

    private static final int STATUS = 0, HEADERS = 1, BODY = 2, CHUNK_SIZE = 3, CHUNK_DATA = 4, CHUNK_END = 5,
            TRAILERS = 6, UNTIL_CLOSE = 7, FINISHED = 8;
    private static final int LINE_CAP = 512;
    /** Body bytes kept of an error response. */
    static final int EXCERPT_BYTES = 512;

    private final byte[] line = new byte[LINE_CAP];
    private final byte[] excerpt = new byte[EXCERPT_BYTES];
    private int excerptLen;
    private int lineLen;
    private int state;
    private int status;
    private long contentLength;
    private long remaining;
    private boolean chunked;
    private boolean keepAlive;
    private boolean headRequest;

    /** Prepares for the next response; {@code headRequest} when the request was HEAD (no body). */
    void reset(boolean headRequest) {
        this.headRequest = headRequest;
        lineLen = 0;
        excerptLen = 0;
        state = STATUS;
        status = 0;
        contentLength = -1;
        chunked = false;
        keepAlive = true;
    }

    int status() {
        return status;
    }

    /** Copies the kept start of an error response's body (status 300 or more) into {@code dst}; returns its length. */
    int excerpt(byte[] dst) {
        int n = Math.min(excerptLen, dst.length);
        System.arraycopy(excerpt, 0, dst, 0, n);
        return n;
    }

    /** Keeps up to {@code n} bytes from {@code in}'s position (not moved) while an error body is read. */
    private void keep(ByteBuffer in, int n) {
        if (status >= 300 && excerptLen < EXCERPT_BYTES) {
            int k = Math.min(n, EXCERPT_BYTES - excerptLen);
            in.get(in.position(), excerpt, excerptLen, k);
            excerptLen += k;
        }
    }

    /** True when the connection may carry another request after this response. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** True when the body ends at end of stream (no length, not chunked). */
    boolean readsUntilClose() {
        return state == UNTIL_CLOSE;
    }

    /** Consumes bytes from {@code in}; returns {@link #MORE}, {@link #DONE} or {@link #MALFORMED}. */
    int feed(ByteBuffer in) {
        while (in.hasRemaining()) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    keep(in, n);
                    in.position(in.position() + n);
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == BODY) {
                            state = FINISHED;
                            return DONE;
                        }
                        state = CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> {
                    keep(in, in.remaining());
                    in.position(in.limit());
                }
                case FINISHED -> {
                    return DONE;
                }
                default -> {
                    byte b = in.get();
                    if (b == '\n') {
                        int r = endOfLine();
                        lineLen = 0;
                        if (r != MORE) {
                            return r;
                        }
                    } else if (b != '\r' && lineLen < LINE_CAP) {
                        line[lineLen++] = b;
                    }
                }
            }
        }
        return state == FINISHED ? DONE : MORE;
    }

    private int endOfLine() {
        switch (state) {
            case STATUS -> {
                if (lineLen == 0) {
                    return MORE; // tolerate a stray empty line
                }
                // HTTP/1.x SSS reason
                if (lineLen < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P'
                        || line[8] != ' ') {
                    return MALFORMED;
                }
                int s = 0;
                for (int i = 9; i < 12; i++) {
                    int d = line[i] - '0';
                    if (d < 0 || d > 9) {
                        return MALFORMED;
                    }
                    s = s * 10 + d;
                }
                status = s;
                keepAlive = line[7] != '0'; // HTTP/1.0 closes unless told otherwise
                state = HEADERS;
                return MORE;
            }
            case HEADERS -> {
                if (lineLen > 0) {
                    header();
                    return MORE;
                }
                if (status >= 100 && status < 200) { // interim response, the real one follows
                    state = STATUS;
                    return MORE;
                }
                if (headRequest || status == 204 || status == 304) {
                    state = FINISHED;
                    return DONE;
                }
                if (chunked) {
                    state = CHUNK_SIZE;
                    return MORE;
                }
                if (contentLength >= 0) {
                    if (contentLength == 0) {
                        state = FINISHED;
                        return DONE;
                    }
                    remaining = contentLength;
                    state = BODY;
                    return MORE;
                }
                keepAlive = false;
                state = UNTIL_CLOSE;
                return MORE;
            }
            case CHUNK_SIZE -> {
                long size = 0;
                int digits = 0;
                for (int i = 0; i < lineLen; i++) {
                    int c = line[i];
                    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                    if (d < 0) {
                        break; // chunk extension or white space
                    }
                    size = size * 16 + d;
                    digits++;
                    if (digits > 15) {
                        return MALFORMED;
                    }
                }
                if (digits == 0) {
                    return MALFORMED;
                }
                if (size == 0) {
                    state = TRAILERS;
                } else {
                    remaining = size;
                    state = CHUNK_DATA;
                }
                return MORE;
            }
            case CHUNK_END -> {
                if (lineLen != 0) {
                    return MALFORMED;
                }
                state = CHUNK_SIZE;
                return MORE;
            }
            case TRAILERS -> {
                if (lineLen == 0) {
                    state = FINISHED;
                    return DONE;
                }
                return MORE;
            }
            default -> {
                return MALFORMED;
            }
        }
    }

    private void header() {
        int colon = -1;
        for (int i = 0; i < lineLen; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return;
        }
        int v = colon + 1;
        while (v < lineLen && (line[v] == ' ' || line[v] == '\t')) {
            v++;
        }
        if (nameIs(colon, "content-length")) {
            long n = 0;
            boolean any = false;
            for (int i = v; i < lineLen && line[i] >= '0' && line[i] <= '9'; i++) {
                n = n * 10 + (line[i] - '0');
                any = true;
            }
            contentLength = any ? n : -1;
        } else if (nameIs(colon, "transfer-encoding")) {
            chunked = valueContains(v, "chunked");
        } else if (nameIs(colon, "connection")) {
            if (valueContains(v, "close")) {
                keepAlive = false;
            } else if (valueContains(v, "keep-alive")) {
                keepAlive = true;
            }
        }
    }

    private boolean nameIs(int len, String name) {
        if (len != name.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if ((line[i] | 0x20) != name.charAt(i) && line[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean valueContains(int from, String word) {
        int n = word.length();
        for (int i = from; i + n <= lineLen; i++) {
            int j = 0;
            while (j < n && (line[i + j] | 0x20) == word.charAt(j)) {
                j++;
            }
            if (j == n) {
                return true;
            }
        }
        return false;
    }
}
