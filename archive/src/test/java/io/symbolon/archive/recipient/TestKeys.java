package io.symbolon.archive.recipient;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** RSA key pairs for tests, generated once per test run: RSA key generation is slow. */
public final class TestKeys {
    private static KeyPair rsa3072;
    private static KeyPair rsa2048;

    private TestKeys() {}

    public static synchronized KeyPair rsa3072() {
        if (rsa3072 == null) {
            rsa3072 = generate(3072);
        }
        return rsa3072;
    }

    public static synchronized KeyPair rsa2048() {
        if (rsa2048 == null) {
            rsa2048 = generate(2048);
        }
        return rsa2048;
    }

    public static SshRsaIdentity identity(KeyPair pair) {
        return new SshRsaIdentity((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    }

    public static SshRsaRecipient recipient(KeyPair pair) {
        return SshRsaRecipient.of((RSAPublicKey) pair.getPublic());
    }

    /** A self-signed certificate for {@code pair}, as a keystore needs one beside a private key. */
    public static X509Certificate selfSigned(KeyPair pair, String commonName) {
        try {
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
            return new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.valueOf(now.toEpochMilli()),
                                    Date.from(now.minusSeconds(60)),
                                    Date.from(now.plusSeconds(86_400)),
                                    name,
                                    pair.getPublic())
                            .build(signer));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
