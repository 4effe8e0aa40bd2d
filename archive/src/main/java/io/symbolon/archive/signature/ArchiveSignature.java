package io.symbolon.archive.signature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The signature member (ARCHIVE-FORMAT.md §8.2): the node's signed statement of the SHA-256 of its
 * metadata, its digest, its encrypted payload after the age header, its decrypted content and its
 * certificate. Re-keying changes only the age header, which is not covered, so the signature survives
 * it; any other change to those bytes breaks it.
 *
 * @param statement the parsed or freshly signed statement
 */
public record ArchiveSignature(SignedStatement statement) {
    public static final String FORMAT_LINE = "format: symbolon-signature/1";
    public static final List<String> KEYS =
            List.of("algorithm", "signer", "metadata", "digest", "payload", "content", "certificate");

    /** The hashes a signature binds, each {@code sha256:} and lower-case hex. */
    public record Hashes(String metadata, String digest, String payload, String content, String certificate) {}

    public static ArchiveSignature sign(Hashes hashes, NodeSigner signer) {
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put("algorithm", signer.algorithm().label());
        fields.put("signer", signer.fingerprint());
        fields.put("metadata", hashes.metadata());
        fields.put("digest", hashes.digest());
        fields.put("payload", hashes.payload());
        fields.put("content", hashes.content());
        fields.put("certificate", hashes.certificate());
        return new ArchiveSignature(SignedStatement.sign(FORMAT_LINE, fields, signer));
    }

    public static ArchiveSignature parse(byte[] bytes, String source) {
        return new ArchiveSignature(SignedStatement.parse(bytes, FORMAT_LINE, KEYS, source));
    }

    public SignatureAlgorithm algorithm(String source) {
        return SignatureAlgorithm.fromLabel(statement.field("algorithm"), source);
    }

    public String signer() {
        return statement.field("signer");
    }

    public Hashes hashes() {
        return new Hashes(
                statement.field("metadata"),
                statement.field("digest"),
                statement.field("payload"),
                statement.field("content"),
                statement.field("certificate"));
    }

    public byte[] encode() {
        return statement.encode();
    }
}
