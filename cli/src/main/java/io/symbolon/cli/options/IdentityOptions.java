package io.symbolon.cli.options;

import io.symbolon.archive.age.Identity;
import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.recipient.ScryptIdentity;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The restore identity options shared by every command that decrypts: age identity files, a restore
 * keystore holding the backup key's private key, or a passphrase. Any number may be given; the first
 * that opens the archive is used.
 */
public final class IdentityOptions {
    @Option(
            names = "--identity",
            paramLabel = "FILE",
            description =
                    "An age identity file: AGE-SECRET-KEY-1… (X25519) or AGE-SECRET-KEY-PQ-1… (post-quantum) lines, as"
                            + " age-keygen or symbolon archive keygen write them. Repeatable.")
    List<Path> identityFiles = new ArrayList<>();

    @Option(
            names = "--keystore",
            paramLabel = "FILE",
            description = "A restore keystore (JCEKS or PKCS12) holding the backup key's private key.")
    Path keystore;

    @Option(
            names = "--keystore-type",
            paramLabel = "TYPE",
            description = "JCEKS, PKCS12 or JKS; detected from the file when omitted.")
    String keystoreType;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            description = "The keystore entry; needed only when the keystore holds several private keys.")
    String alias;

    @Option(
            names = "--keystore-password-env",
            paramLabel = "VARIABLE",
            description = "Read the keystore's store password from this environment variable.")
    String keystorePasswordVariable;

    @Option(
            names = "--keystore-password-file",
            paramLabel = "FILE",
            description = "Read the keystore's store password from this file.")
    Path keystorePasswordFile;

    @Option(
            names = "--key-password-env",
            paramLabel = "VARIABLE",
            description = "Read the key entry's password from this variable (default: the store password).")
    String keyPasswordVariable;

    @Option(
            names = "--key-password-file",
            paramLabel = "FILE",
            description = "Read the key entry's password from this file (default: the store password).")
    Path keyPasswordFile;

    @Option(
            names = "--passphrase",
            description = "Decrypt with a passphrase (an scrypt recipient), asked on the console.")
    boolean passphrase;

    @Option(
            names = "--passphrase-env",
            paramLabel = "VARIABLE",
            description = "Read the passphrase from this environment variable.")
    String passphraseVariable;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the passphrase from this file.")
    Path passphraseFile;

    /** Whether any identity was given. */
    public boolean given() {
        return !identityFiles.isEmpty()
                || keystore != null
                || passphrase
                || passphraseSource().given();
    }

    /**
     * Opens every identity given, asking for passwords as needed.
     *
     * @throws SymbolonException {@link ErrorCode#USAGE} if none was given
     */
    public Identities open(Secrets secrets) {
        if (!given()) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "give a restore identity: --identity FILE (age), --keystore FILE (restore keystore) or --passphrase");
        }
        if (keystore == null && (keystoreType != null || alias != null)) {
            throw new SymbolonException(ErrorCode.USAGE, "--keystore-type and --alias need --keystore");
        }
        identityFiles.forEach(file -> InputFiles.require(file, "identity file"));
        if (keystore != null) {
            InputFiles.require(keystore, "keystore");
        }
        Identities identities = new Identities();
        try {
            for (Path file : identityFiles) {
                readIdentityFile(file).forEach(identities::add);
            }
            if (keystore != null) {
                identities.add(keystoreIdentity(secrets));
            }
            if (passphrase || passphraseSource().given()) {
                char[] secret = secrets.read(passphraseSource());
                try {
                    identities.add(new ScryptIdentity(secret));
                } finally {
                    Secrets.wipe(secret);
                }
            }
            return identities;
        } catch (RuntimeException e) {
            identities.close();
            throw e;
        }
    }

    private static List<Identity> readIdentityFile(Path file) {
        try {
            return AgeIdentityFile.read(file);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "identity file " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "cannot read identity file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private io.symbolon.archive.age.Identity keystoreIdentity(Secrets secrets) {
        char[] storePassword = null;
        char[] keyPassword = null;
        try {
            storePassword = secrets.read(new SecretSource(
                    "password of keystore " + keystore,
                    "--keystore-password",
                    keystorePasswordVariable,
                    keystorePasswordFile));
            keyPassword = secrets.readGiven(new SecretSource(
                            "password of the key in " + keystore,
                            "--key-password",
                            keyPasswordVariable,
                            keyPasswordFile))
                    .orElse(null);
            if (keystoreType == null) {
                return Keystores.identity(keystore, storePassword, alias, keyPassword);
            }
            KeyStore loaded = Keystores.load(keystore, keystoreType(keystoreType), storePassword);
            return Keystores.identity(loaded, alias, keyPassword != null ? keyPassword : storePassword);
        } finally {
            Secrets.wipe(storePassword, keyPassword);
        }
    }

    /** A keystore type as the JDK names it, from what the user typed. */
    static String keystoreType(String typed) {
        String type = typed.toUpperCase(Locale.ROOT);
        if (!List.of(Keystores.JCEKS, Keystores.PKCS12, Keystores.JKS).contains(type)) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "unknown keystore type " + typed + "; use JCEKS, PKCS12 or JKS");
        }
        return type;
    }

    private SecretSource passphraseSource() {
        return new SecretSource("passphrase", "--passphrase", passphraseVariable, passphraseFile);
    }
}
