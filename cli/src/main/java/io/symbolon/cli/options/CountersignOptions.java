package io.symbolon.cli.options;

import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The operator's signing key that countersigns a data-key rotation: a private key entry (Ed25519, EC
 * P-256 or RSA of 3072 bits or more) with its certificate, in a JCEKS or PKCS12 keystore.
 */
public final class CountersignOptions {
    @Option(
            names = "--countersign-keystore",
            paramLabel = "FILE",
            description = "Keystore (JCEKS or PKCS12) with the operator's signing key that countersigns a rotation.")
    Path keystore;

    @Option(
            names = "--countersign-alias",
            paramLabel = "ALIAS",
            description = "Its private key entry; needed only when it holds several.")
    String alias;

    @Option(
            names = "--countersign-password-env",
            paramLabel = "VARIABLE",
            description = "Read its store password from this environment variable.")
    String passwordVariable;

    @Option(
            names = "--countersign-password-file",
            paramLabel = "FILE",
            description = "Read its store password from this file.")
    Path passwordFile;

    @Option(
            names = "--countersign-key-password-env",
            paramLabel = "VARIABLE",
            description = "Read the key entry's password from this variable (default: the store password).")
    String keyPasswordVariable;

    @Option(
            names = "--countersign-key-password-file",
            paramLabel = "FILE",
            description = "Read the key entry's password from this file (default: the store password).")
    Path keyPasswordFile;

    /** Whether a countersigning keystore was named. */
    public boolean given() {
        return keystore != null;
    }

    /** Loads the signing key, asking for the passwords as needed. */
    public NodeSigner signer(Secrets secrets) {
        InputFiles.require(keystore, "countersigning keystore");
        char[] storePassword = null;
        char[] keyPassword = null;
        try {
            storePassword = secrets.read(new SecretSource(
                    "password of keystore " + keystore, "--countersign-password", passwordVariable, passwordFile));
            keyPassword = secrets.readGiven(new SecretSource(
                            "password of the key in " + keystore,
                            "--countersign-key-password",
                            keyPasswordVariable,
                            keyPasswordFile))
                    .orElse(null);
            KeyStore keyStore = Keystores.load(keystore, storePassword);
            String name = alias != null ? alias : onlyPrivateKey(keyStore);
            if (!keyStore.entryInstanceOf(name, KeyStore.PrivateKeyEntry.class)) {
                throw new SymbolonException(
                        keyStore.containsAlias(name) ? ErrorCode.KEYSTORE : ErrorCode.NOT_FOUND,
                        "keystore " + keystore + " has no private key entry " + name);
            }
            Key key = keyStore.getKey(name, keyPassword != null ? keyPassword : storePassword);
            Certificate certificate = keyStore.getCertificate(name);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw new SymbolonException(
                        ErrorCode.KEYSTORE, "entry " + name + " of " + keystore + " is not a key with a certificate");
            }
            return new NodeSigner(privateKey, x509);
        } catch (UnrecoverableKeyException e) {
            throw new SymbolonException(
                    ErrorCode.WRONG_PASSWORD,
                    "wrong password for the key in " + keystore + "; check the password and try again");
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.KEYSTORE, "keystore " + keystore + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new SymbolonException(
                    ErrorCode.KEYSTORE,
                    "keystore " + keystore + " cannot be read: " + e.getClass().getSimpleName());
        } finally {
            Secrets.wipe(storePassword, keyPassword);
        }
    }

    private String onlyPrivateKey(KeyStore keyStore) throws GeneralSecurityException {
        List<String> names = new ArrayList<>();
        for (String name : Collections.list(keyStore.aliases())) {
            if (keyStore.entryInstanceOf(name, KeyStore.PrivateKeyEntry.class)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new SymbolonException(ErrorCode.KEYSTORE, "keystore " + keystore + " holds no private key");
        }
        if (names.size() > 1) {
            Collections.sort(names);
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "keystore " + keystore + " holds several private keys " + names
                            + "; name one with --countersign-alias");
        }
        return names.getFirst();
    }
}
