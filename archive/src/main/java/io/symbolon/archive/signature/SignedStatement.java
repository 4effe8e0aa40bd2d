package io.symbolon.archive.signature;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A signed text statement (ARCHIVE-FORMAT.md §8): a format line, {@code key: value} lines in a fixed
 * order, and a last line {@code signature: <base64>} whose signature covers every byte before that
 * line. Both the signature member and the countersignature member are statements, so an auditor can
 * check either with openssl alone: {@code head -n -1 signature.txt > signed} and verify.
 */
public final class SignedStatement {
    private final String formatLine;
    private final SequencedMap<String, String> fields;
    private final byte[] signature;

    private SignedStatement(String formatLine, SequencedMap<String, String> fields, byte[] signature) {
        this.formatLine = formatLine;
        this.fields = fields;
        this.signature = signature;
    }

    /** Builds the statement's text and signs it. */
    public static SignedStatement sign(String formatLine, SequencedMap<String, String> fields, NodeSigner signer) {
        SequencedMap<String, String> copy = new LinkedHashMap<>(fields);
        byte[] signed = signedBytes(formatLine, copy);
        return new SignedStatement(formatLine, copy, signer.sign(signed));
    }

    /**
     * Parses a statement whose format line must be {@code formatLine} and whose keys must be exactly
     * {@code keys}, in that order.
     */
    public static SignedStatement parse(byte[] bytes, String formatLine, List<String> keys, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)
                || text.indexOf('\r') >= 0
                || !text.endsWith("\n")) {
            throw malformed(source, "must be UTF-8 text with LF line endings");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        String prefix = formatLine.substring(0, formatLine.lastIndexOf('/') + 1);
        if (!lines[0].equals(formatLine)) {
            if (lines[0].startsWith(prefix)) {
                throw new ArchiveException(
                        ErrorCode.UNSUPPORTED_VERSION,
                        source,
                        "format " + lines[0].substring(prefix.length())
                                + " is not supported by this version; use a newer Symbolon");
            }
            throw malformed(source, "line 1 must be '" + formatLine + "'");
        }
        if (lines.length != keys.size() + 2) {
            throw malformed(source, "expected " + (keys.size() + 2) + " lines, found " + lines.length);
        }
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!lines[i + 1].startsWith(key + ": ") || lines[i + 1].length() == key.length() + 2) {
                throw malformed(source, "line " + (i + 2) + ": expected '" + key + ": …'");
            }
            fields.put(key, lines[i + 1].substring(key.length() + 2));
        }
        String last = lines[lines.length - 1];
        if (!last.startsWith("signature: ")) {
            throw malformed(source, "the last line must be 'signature: …'");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(last.substring(11));
        } catch (IllegalArgumentException e) {
            throw malformed(source, "the signature is not valid base64");
        }
        SignedStatement statement = new SignedStatement(formatLine, fields, signature);
        if (!Arrays.equals(statement.encode(), bytes)) {
            throw malformed(source, "not in canonical form");
        }
        return statement;
    }

    public String field(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no field " + key);
        }
        return value;
    }

    public Map<String, String> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The bytes the signature covers: everything before the {@code signature:} line. */
    public byte[] signedBytes() {
        return signedBytes(formatLine, fields);
    }

    public byte[] encode() {
        byte[] signed = signedBytes();
        byte[] last = ("signature: " + Base64.getEncoder().encodeToString(signature) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(signed, signed.length + last.length);
        System.arraycopy(last, 0, all, signed.length, last.length);
        return all;
    }

    /** True when the signature is valid for {@code key} under {@code algorithm}. */
    public boolean verifies(SignatureAlgorithm algorithm, PublicKey key) {
        try {
            return algorithm.verify(key, signedBytes(), signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] signedBytes(String formatLine, Map<String, String> fields) {
        StringBuilder text = new StringBuilder(formatLine).append('\n');
        fields.forEach((key, value) -> {
            if (value.indexOf('\n') >= 0 || value.isEmpty()) {
                throw new IllegalArgumentException("field " + key + " must be one non-empty line");
            }
            text.append(key).append(": ").append(value).append('\n');
        });
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ArchiveException malformed(String source, String message) {
        return new ArchiveException(ErrorCode.MALFORMED, source, message);
    }
}
