package io.symbolon.cli;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keystores holding an operator's signing key, for the countersignature of a data-key rotation. */
public final class TestKeystores {
    private TestKeystores() {}

    /** Writes a PKCS12 keystore with an Ed25519 key entry {@code alias}; returns its certificate. */
    public static X509Certificate ed25519Pkcs12(Path file, String alias, char[] password) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        X500Name subject = new X500Name("CN=operator");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                subject,
                                BigInteger.valueOf(now.toEpochMilli()),
                                Date.from(now.minus(Duration.ofDays(1))),
                                Date.from(now.plus(Duration.ofDays(365))),
                                subject,
                                pair.getPublic())
                        .build(new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, password);
        }
        return certificate;
    }
}
