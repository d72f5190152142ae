package dev.soak.load;

/**
 * One pooled in-flight operation: which operation, when it was intended and sent, and its
 * reusable request buffers. The driver owns a fixed array of them (the in-flight bound); an
 * exchange is handed from the scheduler to one I/O or worker thread and back through
 * {@link ExchangeStack}s and queues, which publish its fields safely. Never shared by two threads at once.
 */
final class Exchange {
    final ByteBuilder request = new ByteBuilder(512);
    final ByteBuilder scratch = new ByteBuilder(512);
    /** The start of an error response's body ({@link ResponseParser#excerpt}), {@link #errorBodyLen} bytes. */
    final byte[] errorBody = new byte[ResponseParser.EXCERPT_BYTES];
    int errorBodyLen;
    int op;
    long seq;
    long intendedNanos;
    long sendNanos;
    long deadlineNanos;
    RequestRenderer renderer;
    boolean head;
    boolean retried;
    /** Link while in an {@link ExchangeStack}. */
    Exchange next;
}
