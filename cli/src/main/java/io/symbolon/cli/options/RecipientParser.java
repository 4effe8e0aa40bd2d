package io.symbolon.cli.options;

import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.recipient.RecipientLines;
import io.symbolon.archive.recipient.ScryptRecipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads recipients as users write them, for every command that encrypts to someone:
 *
 * <ul>
 *   <li>{@code age1…}: an age X25519 recipient;
 *   <li>{@code age1pq1…}: an age hybrid post-quantum recipient (ML-KEM-768 + X25519); an archive encrypted
 *       to one has only post-quantum recipients;
 *   <li>{@code ssh-rsa AAAA… [comment]}: an RSA public key line (3072 bits or more);
 *   <li>{@code @FILE}: the recipients in a file, one {@code age1…}, {@code age1pq1…} or {@code ssh-rsa} line each ({@code #}
 *       comments and blank lines ignored), as age's {@code -R};
 *   <li>{@code keystore:PATH[#ALIAS]}: the certificates of a backup keystore (JCEKS or PKCS12, detected),
 *       or of its entry ALIAS; the store password from {@code --recipient-keystore-password-env/-file}
 *       or the console;
 *   <li>{@code passphrase}: a new passphrase (scrypt), from {@code --new-passphrase-env/-file} or asked
 *       twice on the console; it must be the archive's only recipient.
 * </ul>
 *
 * Close the parser when the recipients have been used: that wipes the passphrases it read.
 */
public final class RecipientParser implements AutoCloseable {
    static final String KEYSTORE_PREFIX = "keystore:";
    static final String PASSPHRASE = "passphrase";

    private final Secrets secrets;
    private final SecretSource keystorePassword;
    private final SecretSource newPassphrase;
    private final List<ScryptRecipient> passphrases = new ArrayList<>();

    /**
     * @param keystorePassword where the store password of {@code keystore:} recipients comes from
     * @param newPassphrase where a {@code passphrase} recipient's passphrase comes from
     */
    public RecipientParser(Secrets secrets, SecretSource keystorePassword, SecretSource newPassphrase) {
        this.secrets = secrets;
        this.keystorePassword = keystorePassword;
        this.newPassphrase = newPassphrase;
    }

    /** Every recipient of every argument, in order. */
    public List<Recipient> parseAll(List<String> arguments) {
        List<Recipient> recipients = new ArrayList<>();
        arguments.forEach(argument -> recipients.addAll(parse(argument)));
        return List.copyOf(recipients);
    }

    /** The recipients one argument stands for (several for a file or a keystore). */
    public List<Recipient> parse(String argument) {
        String text = argument.strip();
        if (text.startsWith("@")) {
            return fromFile(Path.of(text.substring(1)));
        }
        if (text.startsWith(KEYSTORE_PREFIX)) {
            return fromKeystore(text.substring(KEYSTORE_PREFIX.length()));
        }
        if (text.equals(PASSPHRASE)) {
            return List.of(passphrase());
        }
        return List.of(inline(text));
    }

    private static Recipient inline(String text) {
        return RecipientLines.parse(text);
    }

    private static List<Recipient> fromFile(Path file) {
        return RecipientLines.read(file);
    }

    private List<Recipient> fromKeystore(String reference) {
        int hash = reference.lastIndexOf('#');
        Path file = Path.of(hash < 0 ? reference : reference.substring(0, hash));
        String alias = hash < 0 ? null : reference.substring(hash + 1);
        if (reference.isEmpty() || alias != null && alias.isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT, "a keystore recipient is keystore:PATH or keystore:PATH#ALIAS");
        }
        InputFiles.require(file, "keystore");
        char[] password = secrets.read(new SecretSource(
                "password of keystore " + file,
                keystorePassword.option(),
                keystorePassword.variable(),
                keystorePassword.file()));
        try {
            return List.copyOf(Keystores.recipients(file, password, alias));
        } finally {
            Secrets.wipe(password);
        }
    }

    private ScryptRecipient passphrase() {
        char[] secret = secrets.readNew(newPassphrase);
        try {
            ScryptRecipient recipient = new ScryptRecipient(secret);
            passphrases.add(recipient);
            return recipient;
        } finally {
            Secrets.wipe(secret);
        }
    }

    @Override
    public void close() {
        passphrases.forEach(ScryptRecipient::close);
        passphrases.clear();
    }
}
