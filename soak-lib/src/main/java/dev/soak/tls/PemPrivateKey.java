package dev.soak.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads one private key from PEM text in the unencrypted PKCS#8 form that {@code openssl pkcs8 -topk8
 * -nocrypt}, {@code openssl genpkey} and most certificate tools write: a {@code -----BEGIN PRIVATE KEY-----}
 * block (RFC 5208 PrivateKeyInfo, RFC 7468 textual encoding), RSA, EC, Ed25519, Ed448 or RSASSA-PSS. Text
 * around the block (certificates, comments) is skipped, so a file holding the certificate chain and the key
 * also works. The older per-algorithm forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}) and
 * encrypted keys are refused with the {@code openssl} command that converts them. Stateless and thread-safe.
 */
public final class PemPrivateKey {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
    private static final String CONVERT = "convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`";

    private PemPrivateKey() {
    }

    /**
     * The private key in {@code file}.
     *
     * @throws IOException when the file cannot be read or holds no usable key (the message is a clause such as
     *                     "holds no PEM private key (…)", with the conversion command where one helps)
     */
    public static PrivateKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /** The private key in PEM {@code text}; see {@link #read(Path)}. */
    static PrivateKey parse(String text) throws IOException {
        int begin = text.indexOf(BEGIN);
        if (begin < 0) {
            if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                throw new IOException("holds an encrypted private key, which Soak cannot use without its password; "
                        + "store it unencrypted (readable by the user who runs Soak only): `openssl pkcs8 -in key.pem"
                        + " -out key-pkcs8.pem` asks for the password once");
            }
            for (String legacy : List.of("RSA", "EC", "DSA", "OPENSSH")) {
                if (text.contains("-----BEGIN " + legacy + " PRIVATE KEY-----")) {
                    throw new IOException("holds a key in an older format (-----BEGIN " + legacy + " PRIVATE KEY-----);"
                            + " Soak reads PKCS#8 (-----BEGIN PRIVATE KEY-----): " + CONVERT);
                }
            }
            throw new IOException("holds no PEM private key (no " + BEGIN + " line)");
        }
        int end = text.indexOf(END, begin);
        if (end < 0) {
            throw new IOException("has a private key block without an " + END + " line");
        }
        if (text.indexOf(BEGIN, end) >= 0) {
            throw new IOException("holds more than one private key; keep the one that belongs to the certificate");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException("has a private key block that is not valid base64 (" + e.getMessage() + ")", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException("has a private key block that is not a PKCS#8 " + String.join(", ", ALGORITHMS)
                + " key this JDK can read");
    }
}
