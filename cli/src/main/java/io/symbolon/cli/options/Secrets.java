package io.symbolon.cli.options;

import io.symbolon.cli.Terminal;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads passwords and passphrases from an environment variable, a file or the console, in that order
 * of preference (see {@link SecretSource}). Every secret is a {@code char[]} the caller wipes; no
 * message ever contains one.
 */
public final class Secrets {
    private final Terminal terminal;

    public Secrets(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The secret from its variable or file, or else asked once on the console. */
    public char[] read(SecretSource source) {
        return readGiven(source).orElseGet(() -> prompt(source, "Enter the " + source.description() + ": "));
    }

    /**
     * A new secret (one that will protect something): from its variable or file, or else asked twice on
     * the console, the two entries compared.
     */
    public char[] readNew(SecretSource source) {
        Optional<char[]> given = readGiven(source);
        if (given.isPresent()) {
            return given.get();
        }
        char[] first = prompt(source, "Enter the new " + source.description() + ": ");
        char[] second = prompt(source, "Enter the new " + source.description() + " again: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new SymbolonException(
                        ErrorCode.USAGE, "the two entries of the " + source.description() + " differ; try again");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    /** The secret if the user named a variable or file for it; the console is not asked. */
    public Optional<char[]> readGiven(SecretSource source) {
        if (source.variable() != null && source.file() != null) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "give the " + source.description() + " either with " + source.option() + "-env or with "
                            + source.option() + "-file, not both");
        }
        if (source.variable() != null) {
            return Optional.of(fromVariable(source));
        }
        if (source.file() != null) {
            return Optional.of(fromFile(source));
        }
        return Optional.empty();
    }

    /** Wipes secrets; null entries are skipped. */
    public static void wipe(char[]... secrets) {
        for (char[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private char[] fromVariable(SecretSource source) {
        String value = terminal.variable(source.variable())
                .orElseThrow(() -> new SymbolonException(
                        ErrorCode.USAGE,
                        "environment variable " + source.variable() + " (named by " + source.option()
                                + "-env) is not set"));
        if (value.isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "environment variable " + source.variable() + " (named by " + source.option() + "-env) is empty");
        }
        return value.toCharArray();
    }

    /** The file's content as UTF-8, without one trailing line break (as {@code echo} leaves). */
    private static char[] fromFile(SecretSource source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source.file());
        } catch (NoSuchFileException e) {
            throw new SymbolonException(
                    ErrorCode.NOT_FOUND,
                    "the file " + source.file() + " (named by " + source.option() + "-file) does not exist");
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "cannot read " + source.file() + " (named by " + source.option() + "-file): "
                            + e.getClass().getSimpleName());
        }
        CharBuffer decoded = null;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int length = decoded.remaining();
            if (length > 0 && decoded.get(length - 1) == '\n') {
                length--;
                if (length > 0 && decoded.get(length - 1) == '\r') {
                    length--;
                }
            }
            if (length == 0) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "the file " + source.file() + " (named by " + source.option() + "-file) is empty");
            }
            char[] secret = new char[length];
            decoded.get(secret, 0, length);
            return secret;
        } catch (CharacterCodingException e) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "the file " + source.file() + " (named by " + source.option() + "-file) is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (decoded != null && decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
        }
    }

    private char[] prompt(SecretSource source, String prompt) {
        char[] secret = terminal.readSecret(prompt)
                .orElseThrow(() -> new SymbolonException(
                        ErrorCode.USAGE,
                        "no console to ask for the " + source.description() + "; give it with " + source.option()
                                + "-env VARIABLE or " + source.option() + "-file FILE"));
        if (secret.length == 0) {
            throw new SymbolonException(ErrorCode.USAGE, "no " + source.description() + " was entered");
        }
        return secret;
    }
}
