package io.symbolon.cli.options;

import io.symbolon.archive.Trust;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

/**
 * Turns what the user gave to pin an archive's signer into a {@link Trust}: a certificate file (PEM or
 * DER, such as the node's {@code node.crt}) or a key fingerprint {@code SHA256:…} as {@code archive
 * inspect} prints it.
 */
public final class SignerTrust {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private SignerTrust() {}

    /** A certificate file, or a fingerprint when the value starts with {@code SHA256:}. */
    public static Trust parse(String value) {
        return value.startsWith("SHA256:") ? fingerprint(value) : certificate(Path.of(value));
    }

    /** Only the key of the certificate in {@code file}. */
    public static Trust certificate(Path file) {
        InputFiles.require(file, "signer certificate");
        try (InputStream in = Files.newInputStream(file)) {
            return Trust.certificate(
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (CertificateException e) {
            throw new SymbolonException(
                    ErrorCode.MALFORMED,
                    file + " is not an X.509 certificate (PEM or DER); give the node's certificate");
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Only the key with this fingerprint. */
    public static Trust fingerprint(String fingerprint) {
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "a signer fingerprint is SHA256: and 43 base64 characters, as 'archive inspect' prints it");
        }
        return Trust.fingerprint(fingerprint);
    }
}
