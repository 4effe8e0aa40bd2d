package io.symbolon.archive.testing;

import io.symbolon.archive.signature.NodeSigner;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signing keys with self-signed certificates, for tests. */
public final class TestSigners {
    private TestSigners() {}

    /** A fresh Ed25519 node signer named {@code CN=<name>}. */
    public static NodeSigner ed25519(String name) {
        return signer(name, "Ed25519", "Ed25519");
    }

    public static NodeSigner ecdsaP256(String name) {
        return signer(name, "EC", "SHA256withECDSA");
    }

    public static NodeSigner rsa3072(String name) {
        return signer(name, "RSA", "SHA256withRSA");
    }

    private static NodeSigner signer(String name, String keyAlgorithm, String signatureAlgorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            if (keyAlgorithm.equals("RSA")) {
                generator.initialize(3072);
            } else if (keyAlgorithm.equals("EC")) {
                generator.initialize(256);
            }
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    subject,
                                    BigInteger.valueOf(now.toEpochMilli()),
                                    Date.from(now.minus(Duration.ofDays(1))),
                                    Date.from(now.plus(Duration.ofDays(3650))),
                                    subject,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate())));
            return new NodeSigner(pair.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
