package io.symbolon.archive.recipient;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a backup key (seed 000, "Generating Prerequisite Data"): an RSA key pair with a self-signed
 * certificate, written as a <em>restore keystore</em> (private key and certificate; mode 0600; it goes
 * offline to the administrators) and a separate <em>backup keystore</em> (the certificate alone, as a
 * trusted-certificate entry; it stays on the node, which encrypts archives to it).
 *
 * <p>Both files are written completely to temporary files beside their targets and then linked into
 * place, so neither appears half-written; existing files are never overwritten.
 */
public final class BackupKeyGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupKeyGenerator() {}

    /** What to generate and where to write it. */
    public record Parameters(
            String commonName,
            int validityYears,
            int keyBits,
            String storeType,
            String alias,
            Path restoreKeystore,
            Path backupKeystore) {
        public static final int DEFAULT_KEY_BITS = 3072;
        public static final int DEFAULT_VALIDITY_YEARS = 10;
        public static final String DEFAULT_ALIAS = "backup";

        public Parameters {
            Objects.requireNonNull(commonName, "commonName");
            Objects.requireNonNull(restoreKeystore, "restoreKeystore");
            Objects.requireNonNull(backupKeystore, "backupKeystore");
            if (commonName.isBlank()) {
                throw new IllegalArgumentException("the certificate's common name is empty");
            }
            if (validityYears < 1 || validityYears > 100) {
                throw new IllegalArgumentException("the certificate is valid for 1 to 100 years, not " + validityYears);
            }
            if (keyBits != 3072 && keyBits != 4096) {
                throw new IllegalArgumentException("a backup key has 3072 or 4096 bits, not " + keyBits);
            }
            if (!Set.of(Keystores.JCEKS, Keystores.PKCS12).contains(storeType)) {
                throw new IllegalArgumentException("the keystore type is JCEKS or PKCS12, not " + storeType);
            }
            if (alias == null || alias.isBlank()) {
                throw new IllegalArgumentException("the keystore alias is empty");
            }
            if (restoreKeystore
                    .toAbsolutePath()
                    .normalize()
                    .equals(backupKeystore.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the restore and backup keystores are two different files");
            }
        }

        /** The defaults: 3072 bits, 10 years, JCEKS (as seed 000 recommends), alias {@code backup}. */
        public static Parameters of(String commonName, Path restoreKeystore, Path backupKeystore) {
            return new Parameters(
                    commonName,
                    DEFAULT_VALIDITY_YEARS,
                    DEFAULT_KEY_BITS,
                    Keystores.JCEKS,
                    DEFAULT_ALIAS,
                    restoreKeystore,
                    backupKeystore);
        }

        public Parameters withKeyBits(int bits) {
            return new Parameters(commonName, validityYears, bits, storeType, alias, restoreKeystore, backupKeystore);
        }

        public Parameters withStoreType(String type) {
            return new Parameters(commonName, validityYears, keyBits, type, alias, restoreKeystore, backupKeystore);
        }

        public Parameters withValidityYears(int years) {
            return new Parameters(commonName, years, keyBits, storeType, alias, restoreKeystore, backupKeystore);
        }

        public Parameters withAlias(String name) {
            return new Parameters(commonName, validityYears, keyBits, storeType, name, restoreKeystore, backupKeystore);
        }
    }

    /** What was generated: both files, the entry alias and the key's public forms. */
    public record Generated(
            Path restoreKeystore,
            Path backupKeystore,
            String alias,
            String fingerprint,
            String sshLine,
            X509Certificate certificate) {}

    /**
     * Generates the key and writes both keystores; the passwords are the caller's to wipe.
     *
     * @throws SymbolonException {@link ErrorCode#ALREADY_EXISTS} if either file exists, {@link
     *     ErrorCode#IO} if a file cannot be written (nothing is left behind then)
     */
    public static Generated generate(Parameters parameters, char[] restorePassword, char[] backupPassword) {
        if (restorePassword.length == 0 || backupPassword.length == 0) {
            throw new IllegalArgumentException("keystore passwords are not empty");
        }
        for (Path file : new Path[] {parameters.restoreKeystore(), parameters.backupKeystore()}) {
            if (Files.exists(file)) {
                throw new SymbolonException(
                        ErrorCode.ALREADY_EXISTS, file + " already exists; it is never overwritten");
            }
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(parameters.keyBits(), RANDOM);
            KeyPair keyPair = generator.generateKeyPair();
            X509Certificate certificate = selfSign(keyPair, parameters);

            KeyStore restore = KeyStore.getInstance(parameters.storeType());
            restore.load(null, null);
            restore.setKeyEntry(
                    parameters.alias(), keyPair.getPrivate(), restorePassword, new Certificate[] {certificate});
            KeyStore backup = KeyStore.getInstance(parameters.storeType());
            backup.load(null, null);
            backup.setCertificateEntry(parameters.alias(), certificate);

            writeBoth(parameters, restore, restorePassword, backup, backupPassword);
            RSAPublicKey publicKey = (RSAPublicKey) keyPair.getPublic();
            SshRsaRecipient recipient = SshRsaRecipient.of(publicKey);
            return new Generated(
                    parameters.restoreKeystore(),
                    parameters.backupKeystore(),
                    parameters.alias(),
                    recipient.fingerprint(),
                    recipient.sshLine(parameters.commonName()),
                    certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("RSA key or certificate generation failed", e);
        }
    }

    private static X509Certificate selfSign(KeyPair keyPair, Parameters parameters)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, parameters.commonName())
                .build();
        Instant notBefore = Instant.now().minus(Duration.ofMinutes(5));
        Instant notAfter = notBefore
                .atZone(ZoneOffset.UTC)
                .plusYears(parameters.validityYears())
                .toInstant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore),
                Date.from(notAfter),
                name,
                keyPair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate extension", e);
        }
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
    }

    private static void writeBoth(
            Parameters parameters, KeyStore restore, char[] restorePassword, KeyStore backup, char[] backupPassword) {
        Path restoreTemporary = null;
        Path backupTemporary = null;
        boolean restorePlaced = false;
        try {
            restoreTemporary = writeTemporary(parameters.restoreKeystore(), restore, restorePassword, "rw-------");
            backupTemporary = writeTemporary(parameters.backupKeystore(), backup, backupPassword, "rw-r--r--");
            place(restoreTemporary, parameters.restoreKeystore());
            restorePlaced = true;
            place(backupTemporary, parameters.backupKeystore());
        } catch (FileAlreadyExistsException e) {
            cleanUp(restorePlaced ? parameters.restoreKeystore() : null);
            throw new SymbolonException(
                    ErrorCode.ALREADY_EXISTS, e.getFile() + " already exists; it is never overwritten");
        } catch (IOException | GeneralSecurityException e) {
            cleanUp(restorePlaced ? parameters.restoreKeystore() : null);
            throw new SymbolonException(ErrorCode.IO, "cannot write the backup keystores: " + e.getMessage(), e);
        } finally {
            cleanUp(restoreTemporary);
            cleanUp(backupTemporary);
        }
    }

    private static Path writeTemporary(Path target, KeyStore keyStore, char[] password, String permissions)
            throws IOException, GeneralSecurityException {
        return NewFiles.temporary(target, out -> keyStore.store(out, password), permissions);
    }

    private static void place(Path temporary, Path target) throws IOException {
        NewFiles.place(temporary, target);
    }

    private static void cleanUp(Path file) {
        NewFiles.deleteQuietly(file);
    }
}
