package dev.soak.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    /** Feeds {@code text} in pieces of {@code piece} bytes; returns the last result and the bytes left over. */
    private static int feed(ResponseParser p, String text, int piece) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        int r = ResponseParser.MORE;
        for (int i = 0; i < b.length && r == ResponseParser.MORE; i += piece) {
            r = p.feed(ByteBuffer.wrap(b, i, Math.min(piece, b.length - i)));
        }
        return r;
    }

    private static ResponseParser parser(boolean head) {
        ResponseParser p = new ResponseParser();
        p.reset(head);
        return p;
    }

    @Test
    void contentLength_splitAnywhere_doneExactlyAtTheEnd() {
        String resp = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 15\r\n\r\n"
                + "{\"memory_id\":1}";
        for (int piece = 1; piece <= resp.length(); piece++) {
            ResponseParser p = parser(false);
            byte[] b = resp.getBytes(StandardCharsets.ISO_8859_1);
            int r = p.feed(ByteBuffer.wrap(b, 0, b.length - 1));
            assertThat(r).isEqualTo(ResponseParser.MORE);
            p.reset(false);
            assertThat(feed(p, resp, piece)).isEqualTo(ResponseParser.DONE);
            assertThat(p.status()).isEqualTo(201);
            assertThat(p.keepAlive()).isTrue();
        }
    }

    @Test
    void chunked_withExtensionsAndTrailers_splitAnywhere() {
        String resp = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n";
        for (int piece = 1; piece <= resp.length(); piece++) {
            ResponseParser p = parser(false);
            assertThat(feed(p, resp, piece)).as("piece %d", piece).isEqualTo(ResponseParser.DONE);
            assertThat(p.status()).isEqualTo(200);
        }
        ResponseParser p = parser(false);
        assertThat(feed(p, resp.substring(0, resp.length() - 2), 7)).isEqualTo(ResponseParser.MORE);
    }

    @Test
    void noLength_readsUntilClose_andHttp10Closes() {
        ResponseParser p = parser(false);
        assertThat(feed(p, "HTTP/1.1 200 OK\r\n\r\nstream until close", 4)).isEqualTo(ResponseParser.MORE);
        assertThat(p.readsUntilClose()).isTrue();
        assertThat(p.keepAlive()).isFalse();

        ResponseParser q = parser(false);
        assertThat(feed(q, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 100)).isEqualTo(ResponseParser.DONE);
        assertThat(q.keepAlive()).isFalse();

        ResponseParser k = parser(false);
        assertThat(feed(k, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 100))
                .isEqualTo(ResponseParser.DONE);
        assertThat(k.keepAlive()).isFalse();
    }

    @Test
    void interim100_204_andHead_haveNoBody() {
        ResponseParser p = parser(false);
        assertThat(feed(p, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 3))
                .isEqualTo(ResponseParser.DONE);
        assertThat(p.status()).isEqualTo(204);

        ResponseParser h = parser(true);
        assertThat(feed(h, "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", 100)).isEqualTo(ResponseParser.DONE);
    }

    @Test
    void garbage_isMalformed() {
        assertThat(feed(parser(false), "SSH-2.0-OpenSSH_9.2\r\n", 100)).isEqualTo(ResponseParser.MALFORMED);
        assertThat(feed(parser(false), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100))
                .isEqualTo(ResponseParser.MALFORMED);
    }

    private static String excerpt(ResponseParser p) {
        byte[] dst = new byte[ResponseParser.EXCERPT_BYTES];
        return new String(dst, 0, p.excerpt(dst), StandardCharsets.ISO_8859_1);
    }

    @Test
    void errorResponse_keepsTheStartOfItsBody_withContentLengthChunkedOrUntilClose_splitAnywhere() {
        String body = "{\"error\":\"embedding has 32 dimensions, expected 768\"}";
        for (int piece : new int[] {1, 7, 4096}) {
            ResponseParser p = parser(false);
            assertThat(feed(p, "HTTP/1.1 400 Bad Request\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, piece))
                    .isEqualTo(ResponseParser.DONE);
            assertThat(excerpt(p)).isEqualTo(body);
            p.reset(false);
            assertThat(feed(p, "HTTP/1.1 503 Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nbusy,\r\n"
                    + "6\r\n retry\r\n0\r\n\r\n", piece)).isEqualTo(ResponseParser.DONE);
            assertThat(excerpt(p)).as("chunk data only, no chunk sizes").isEqualTo("busy, retry");
            p.reset(false);
            feed(p, "HTTP/1.0 500 Oops\r\n\r\nstack trace here", piece);
            assertThat(excerpt(p)).isEqualTo("stack trace here");
        }
    }

    @Test
    void successfulResponse_keepsNoBody_andALongErrorBodyIsCut() {
        ResponseParser p = parser(false);
        assertThat(feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 3)).isEqualTo(ResponseParser.DONE);
        assertThat(excerpt(p)).isEmpty();
        String big = "x".repeat(3 * ResponseParser.EXCERPT_BYTES);
        p.reset(false);
        assertThat(feed(p, "HTTP/1.1 404 Not Found\r\nContent-Length: " + big.length() + "\r\n\r\n" + big, 1000))
                .isEqualTo(ResponseParser.DONE);
        assertThat(excerpt(p)).hasSize(ResponseParser.EXCERPT_BYTES);
        p.reset(false);
        assertThat(excerpt(p)).as("reset forgets the last body").isEmpty();
    }
}
