package io.symbolon.archive.recipient;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Backup keys in Java keystores, as administrators keep them (seed 000, "Keys and Keystores"): JCEKS
 * or PKCS12 files whose certificates are the {@link SshRsaRecipient recipients} a node encrypts to, and
 * whose private key entries are the {@link SshRsaIdentity identities} a restore decrypts with.
 *
 * <p>Passwords stay the caller's: they are read, never kept or wiped here, and never put in a message.
 */
public final class Keystores {
    public static final String JCEKS = "JCEKS";
    public static final String PKCS12 = "PKCS12";
    public static final String JKS = "JKS";

    private Keystores() {}

    /** Loads a keystore, detecting JCEKS, PKCS12 or JKS from the file's first bytes. */
    public static KeyStore load(Path file, char[] storePassword) {
        return load(file, detectType(file), storePassword);
    }

    /**
     * Loads a keystore of a given type.
     *
     * @throws SymbolonException {@link ErrorCode#WRONG_PASSWORD} if the store password is wrong, {@link
     *     ErrorCode#KEYSTORE} if the file is not a keystore of that type, {@link ErrorCode#NOT_FOUND} if
     *     it does not exist
     */
    public static KeyStore load(Path file, String type, char[] storePassword) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance(type);
            keyStore.load(in, storePassword);
            return keyStore;
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "keystore " + file + " does not exist");
        } catch (IOException e) {
            // Both JCEKS and PKCS12 report a wrong password as an IOException caused by this exception.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw wrongPassword("keystore " + file, e);
            }
            throw notAKeystore(file, type, e);
        } catch (GeneralSecurityException e) {
            throw notAKeystore(file, type, e);
        }
    }

    /** The type of a keystore file from its magic number: JCEKS, JKS or (DER) PKCS12. */
    public static String detectType(Path file) {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "keystore " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read keystore " + file + ": " + e.getMessage(), e);
        }
        if (magic.length == 4) {
            int value = ((magic[0] & 0xff) << 24)
                    | ((magic[1] & 0xff) << 16)
                    | ((magic[2] & 0xff) << 8)
                    | (magic[3] & 0xff);
            if (value == 0xcececece) {
                return JCEKS;
            }
            if (value == 0xfeedfeed) {
                return JKS;
            }
            if (magic[0] == 0x30) {
                return PKCS12;
            }
        }
        throw new SymbolonException(
                ErrorCode.KEYSTORE, "file " + file + " is not a JCEKS or PKCS12 keystore; give a backup keystore file");
    }

    /**
     * The RSA recipients of a keystore: of the entry {@code alias}, or of every trusted-certificate and
     * private-key entry (sorted by alias) if {@code alias} is null. Entries without an RSA certificate
     * are left out of "every", and refused when named.
     */
    public static List<SshRsaRecipient> recipients(KeyStore keyStore, String alias) {
        try {
            List<String> aliases = alias != null ? List.of(alias) : sorted(keyStore);
            List<SshRsaRecipient> recipients = new ArrayList<>();
            for (String name : aliases) {
                if (!keyStore.containsAlias(name)) {
                    throw new SymbolonException(ErrorCode.NOT_FOUND, "the keystore has no entry " + name);
                }
                Certificate certificate = keyStore.getCertificate(name);
                if (certificate != null && certificate.getPublicKey() instanceof RSAPublicKey key) {
                    recipients.add(SshRsaRecipient.of(key));
                } else if (alias != null) {
                    throw new SymbolonException(
                            ErrorCode.KEYSTORE, "keystore entry " + name + " holds no RSA certificate");
                }
            }
            if (recipients.isEmpty()) {
                throw new SymbolonException(ErrorCode.KEYSTORE, "the keystore holds no RSA certificate");
            }
            return List.copyOf(recipients);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the keystore was not loaded", e);
        }
    }

    /** Loads {@code file} and returns its recipients, naming the file in errors. */
    public static List<SshRsaRecipient> recipients(Path file, char[] storePassword, String alias) {
        KeyStore keyStore = load(file, storePassword);
        try {
            return recipients(keyStore, alias);
        } catch (SymbolonException e) {
            throw new SymbolonException(e.errorCode(), "keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The RSA identity of the private key entry {@code alias}, or of the only private key entry if
     * {@code alias} is null.
     *
     * @throws SymbolonException {@link ErrorCode#WRONG_PASSWORD} if {@code keyPassword} is wrong, {@link
     *     ErrorCode#KEYSTORE} if there is no such RSA private key entry (or several, with no alias given)
     */
    public static SshRsaIdentity identity(KeyStore keyStore, String alias, char[] keyPassword) {
        return identity(keyStore, alias, keyPassword, "the keystore");
    }

    /**
     * Loads {@code file} and returns its identity; a null {@code keyPassword} means the store password,
     * as in PKCS12 files.
     */
    public static SshRsaIdentity identity(Path file, char[] storePassword, String alias, char[] keyPassword) {
        KeyStore keyStore = load(file, storePassword);
        return identity(keyStore, alias, keyPassword != null ? keyPassword : storePassword, "keystore " + file);
    }

    private static SshRsaIdentity identity(KeyStore keyStore, String alias, char[] keyPassword, String source) {
        try {
            String name = alias != null ? alias : onlyPrivateKeyEntry(keyStore, source);
            if (!keyStore.entryInstanceOf(name, KeyStore.PrivateKeyEntry.class)) {
                throw new SymbolonException(
                        keyStore.containsAlias(name) ? ErrorCode.KEYSTORE : ErrorCode.NOT_FOUND,
                        source + " has no private key entry " + name);
            }
            Key key;
            try {
                key = keyStore.getKey(name, keyPassword);
            } catch (UnrecoverableKeyException e) {
                throw wrongPassword("key " + name + " in " + source, e);
            }
            Certificate certificate = keyStore.getCertificate(name);
            if (!(key instanceof RSAPrivateKey privateKey)
                    || certificate == null
                    || !(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
                throw new SymbolonException(ErrorCode.KEYSTORE, source + ": entry " + name + " is not an RSA key pair");
            }
            if (!privateKey.getModulus().equals(publicKey.getModulus())) {
                throw new SymbolonException(
                        ErrorCode.KEYSTORE,
                        source + ": the certificate of entry " + name + " is not the private key's");
            }
            return new SshRsaIdentity(privateKey, publicKey);
        } catch (KeyStoreException | NoSuchAlgorithmException e) {
            throw new SymbolonException(ErrorCode.KEYSTORE, source + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String onlyPrivateKeyEntry(KeyStore keyStore, String source) throws KeyStoreException {
        List<String> names = new ArrayList<>();
        for (String name : sorted(keyStore)) {
            if (keyStore.entryInstanceOf(name, KeyStore.PrivateKeyEntry.class)) {
                names.add(name);
            }
        }
        if (names.size() != 1) {
            throw new SymbolonException(
                    ErrorCode.KEYSTORE,
                    source + " holds "
                            + (names.isEmpty()
                                    ? "no private key entry"
                                    : "several private key entries " + names + "; name one with its alias"));
        }
        return names.getFirst();
    }

    private static List<String> sorted(KeyStore keyStore) throws KeyStoreException {
        List<String> aliases = Collections.list(keyStore.aliases());
        Collections.sort(aliases);
        return aliases;
    }

    private static SymbolonException wrongPassword(String what, Exception cause) {
        return new SymbolonException(
                ErrorCode.WRONG_PASSWORD, "wrong password for " + what + "; check the password and try again", cause);
    }

    private static SymbolonException notAKeystore(Path file, String type, Exception cause) {
        return new SymbolonException(
                ErrorCode.KEYSTORE, "file " + file + " is not a readable " + type + " keystore", cause);
    }
}
