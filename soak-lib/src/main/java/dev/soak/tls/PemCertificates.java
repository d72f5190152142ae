package dev.soak.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads X.509 certificates from PEM text: every {@code -----BEGIN CERTIFICATE-----} …
 * {@code -----END CERTIFICATE-----} block, in file order; other blocks (keys) and text around the
 * blocks (comments, {@code openssl x509 -text} output) are skipped. Example: a CA bundle with three
 * blocks gives three certificates. Stateless and thread-safe.
 */
public final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private PemCertificates() {
    }

    /**
     * The certificates in {@code file}.
     *
     * @throws IOException when the file cannot be read, holds no certificate block, or a block is
     *                     not a valid certificate (the message, a clause such as "holds no PEM
     *                     certificate", says which block by its 1-based number)
     */
    public static List<X509Certificate> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /** The certificates in PEM {@code text}; see {@link #read(Path)}. */
    static List<X509Certificate> parse(String text) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                break;
            }
            int end = text.indexOf(END, begin);
            if (end < 0) {
                throw new IOException("has certificate block " + (certs.size() + 1) + " without an " + END + " line");
            }
            String base64 = text.substring(begin + BEGIN.length(), end).replaceAll("\\s+", "");
            try {
                byte[] der = Base64.getDecoder().decode(base64);
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
                throw new IOException("has certificate block " + (certs.size() + 1) + " that is not a valid X.509 certificate ("
                        + e.getMessage() + ")", e);
            }
            from = end + END.length();
        }
        if (certs.isEmpty()) {
            throw new IOException("holds no PEM certificate (no " + BEGIN + " line)");
        }
        return List.copyOf(certs);
    }
}
