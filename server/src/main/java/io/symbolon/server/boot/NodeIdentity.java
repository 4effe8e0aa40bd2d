package io.symbolon.server.boot;

import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.SystemKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's identity: one Ed25519 key pair and its self-signed certificate. The same key authenticates
 * the node on the pair channel (mutual TLS 1.3, where the JDK signs the handshake with Ed25519), serves
 * the client API's TLS, and signs the node's backup archives ({@link #signer()}). Peers trust it by
 * pinning the certificate approved at boot, never through a CA, so the certificate's dates and names
 * carry no authority.
 *
 * <p>The private key is stored encrypted under the node's system key ({@code node.key.sealed}), so it
 * is as bound to the machine as the shares are. It never leaves this object except to the JDK's TLS
 * and signature engines.
 */
public final class NodeIdentity {
    private static final String KEY_PURPOSE = "node identity key";
    private static final Duration VALIDITY = Duration.ofDays(365L * 30);

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private NodeIdentity(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /** A fresh Ed25519 identity for {@code hostname}, playing {@code role}. */
    public static NodeIdentity generate(String hostname, Role role, Clock clock, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name subject = new X500Name("CN=" + escape(hostname) + ",OU=" + role.displayName() + ",O=Symbolon");
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(1, serial),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(nameOf(hostname)));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate())));
            return new NodeIdentity(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new SymbolonException(ErrorCode.INTERNAL, "cannot create the node's identity: " + e.getMessage(), e);
        }
    }

    private static GeneralName nameOf(String hostname) {
        String bare = hostname.replace("[", "").replace("]", "");
        return new GeneralName(isAddress(bare) ? GeneralName.iPAddress : GeneralName.dNSName, bare);
    }

    private static String escape(String hostname) {
        return hostname.replaceAll("[,+=\"\\\\<>;#]", "_");
    }

    /** Writes {@code node.crt} and {@code node.key.sealed} (mode 0600) into the data directory. */
    public void save(DataDirectory directory, SystemKey systemKey) {
        try (SecretBytes encoded = SecretBytes.adopt(privateKey.getEncoded())) {
            byte[] sealed = systemKey.encryptLocal(KEY_PURPOSE, encoded);
            Files.write(
                    directory.sealedPrivateKey(),
                    sealed,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            Files.setPosixFilePermissions(
                    directory.sealedPrivateKey(),
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            Files.write(directory.certificate(), CertificatePem.encode(certificate), StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write the node's identity into " + directory, e);
        }
    }

    /** Reads the identity of a booted node, decrypting its key with the node's system key. */
    public static NodeIdentity load(DataDirectory directory, SystemKey systemKey) {
        X509Certificate certificate = readCertificate(directory.certificate());
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(directory.sealedPrivateKey());
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, directory + " lacks node.key.sealed: boot the node first");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read " + directory.sealedPrivateKey(), e);
        }
        try (SecretBytes encoded = systemKey.decryptLocal(KEY_PURPOSE, sealed)) {
            PrivateKey key =
                    KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded.reveal()));
            NodeIdentity identity = new NodeIdentity(key, certificate);
            identity.signer(); // refuses a key that does not match the certificate
            return identity;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SymbolonException(
                    ErrorCode.SEALED,
                    "the node's private key in " + directory + " is damaged or does not match node.crt");
        }
    }

    /** Reads a PEM certificate file (the node's own or the pinned peer's). */
    public static X509Certificate readCertificate(Path file) {
        try {
            return CertificatePem.decode(
                    Files.readAllBytes(file), file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, file + " does not exist: boot the node first");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read " + file, e);
        }
    }

    /** Writes a PEM certificate file that must not exist yet. */
    public static void writeCertificate(Path file, X509Certificate certificate) {
        try {
            Files.write(file, CertificatePem.encode(certificate), StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write " + file, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The fingerprint operators compare at boot: {@code SHA256:} and the base64 of the key's hash. */
    public String fingerprint() {
        return KeyFingerprint.of(certificate.getPublicKey());
    }

    /** The signer of this node's archives (the coordinated backup signs with it). */
    public NodeSigner signer() {
        return new NodeSigner(privateKey, certificate);
    }

    /** A TLS key manager that presents this identity, on either side of a connection. */
    public X509ExtendedKeyManager keyManager() {
        return new IdentityKeyManager(privateKey, certificate);
    }

    private static boolean isAddress(String text) {
        try {
            return InetAddress.ofLiteral(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + fingerprint() + "]";
    }
}
