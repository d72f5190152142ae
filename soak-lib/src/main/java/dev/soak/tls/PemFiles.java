package dev.soak.tls;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a PEM file a scenario key names ({@code tls_ca_file}, {@code tls_client_cert}, {@code tls_client_key}),
 * its failure told with that key and the file, e.g. "tls_ca_file /etc/ca.pem does not exist". Stateless.
 */
final class PemFiles {
    /** What is read from the file: certificates, a private key. */
    interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private PemFiles() {
    }

    /** {@code reader}'s result for {@code file}; its failure as an IOException whose message starts with {@code key} and the file. */
    static <T> T read(String key, Path file, Reader<T> reader) throws IOException {
        try {
            return reader.read(file);
        } catch (NoSuchFileException e) {
            throw new IOException(key + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IOException(key + " " + file + " " + e.getMessage(), e);
        }
    }
}
