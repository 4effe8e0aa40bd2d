package io.symbolon.archive.signature;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The certificate member (ARCHIVE-FORMAT.md §7): exactly one X.509 certificate in PEM, in the canonical
 * encoding Bouncy Castle's PEM writer produces.
 */
public final class CertificatePem {
    private CertificatePem() {}

    public static byte[] encode(X509Certificate certificate) {
        try {
            StringWriter text = new StringWriter();
            try (PemWriter writer = new PemWriter(text)) {
                writer.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    public static X509Certificate decode(byte[] pem, String source) {
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null || !object.getType().equals("CERTIFICATE") || reader.readPemObject() != null) {
                throw new ArchiveException(ErrorCode.MALFORMED, source, "must hold exactly one PEM certificate");
            }
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(object.getContent()));
            if (!Arrays.equals(encode(certificate), pem)) {
                throw new ArchiveException(ErrorCode.MALFORMED, source, "is not in canonical PEM form");
            }
            return certificate;
        } catch (IOException | CertificateException | RuntimeException e) {
            // The JDK's certificate parser throws unchecked exceptions on some malformed input.
            if (e instanceof ArchiveException archive) {
                throw archive;
            }
            throw new ArchiveException(ErrorCode.MALFORMED, source, "is not a readable X.509 certificate");
        }
    }
}
