package io.symbolon.archive.recipient;

import io.symbolon.archive.age.Recipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Public-key recipients as people write them, one per line, and files of such lines (as age's
 * {@code -R}): {@code age1…} (X25519), {@code age1pq1…} (hybrid post-quantum) and {@code ssh-rsa AAAA…
 * [comment]} (RSA, 3072 bits or more). Lines starting with {@code #} and blank lines are ignored.
 */
public final class RecipientLines {
    private RecipientLines() {}

    /** One recipient line. */
    public static Recipient parse(String line) {
        String text = line.strip();
        if (text.startsWith(MlKem768X25519Keys.RECIPIENT_HRP + "1")) {
            return MlKem768X25519Recipient.parse(text);
        }
        if (text.startsWith(X25519Recipient.HRP + "1")) {
            return X25519Recipient.parse(text);
        }
        if (text.startsWith("ssh-rsa ")) {
            return SshRsaRecipient.parseSshLine(text);
        }
        throw unknown(text);
    }

    /**
     * The recipients of a recipient file, in order; an error names the file and the line.
     *
     * @throws SymbolonException {@link ErrorCode#NOT_FOUND}, {@link ErrorCode#IO}, or
     *     {@link ErrorCode#BAD_RECIPIENT} for a bad line or a file without a recipient
     */
    public static List<Recipient> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "recipient file " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "cannot read recipient file " + file + ": " + e.getClass().getSimpleName());
        }
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                recipients.add(parse(line));
            } catch (SymbolonException e) {
                throw new SymbolonException(
                        e.errorCode(), "recipient file " + file + ", line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (recipients.isEmpty()) {
            throw new SymbolonException(ErrorCode.BAD_RECIPIENT, "recipient file " + file + " holds no recipient");
        }
        return List.copyOf(recipients);
    }

    /**
     * The error for text that is no recipient. It repeats at most a short prefix of the text, and
     * nothing of what looks like a secret key pasted by mistake.
     */
    private static SymbolonException unknown(String text) {
        if (text.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-")) {
            return new SymbolonException(
                    ErrorCode.BAD_RECIPIENT,
                    "that is an age identity (a secret key), not a recipient; give its public age1… recipient "
                            + "(age-keygen -y FILE or symbolon archive keygen -y FILE prints it), and treat the "
                            + "pasted key as exposed");
        }
        if (text.startsWith("ssh-")) {
            String type = text.split("\\s", 2)[0];
            return new SymbolonException(
                    ErrorCode.BAD_RECIPIENT,
                    "only ssh-rsa keys of 3072 bits or more can be backup recipients, not " + abbreviate(type));
        }
        return new SymbolonException(
                ErrorCode.BAD_RECIPIENT,
                "unknown recipient syntax '" + abbreviate(text) + "': give age1…, age1pq1…, 'ssh-rsa AAAA…', @FILE, "
                        + "keystore:PATH[#ALIAS] or passphrase");
    }

    private static String abbreviate(String text) {
        return text.length() <= 12 ? text : text.substring(0, 8) + "…";
    }
}
