package io.symbolon.archive.signature;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The countersignature member (ARCHIVE-FORMAT.md §8.3), written when an archive's data key is rotated:
 * the payload was re-encrypted, so the node's signature no longer covers it; an operator's key signs
 * the new payload, the node's signature member, the rekey log up to the rotation and the content hash
 * the node signed, which still binds the decrypted content to the node.
 */
public record Countersignature(SignedStatement statement) {
    public static final String FORMAT_LINE = "format: symbolon-countersignature/1";
    public static final List<String> KEYS = List.of(
            "algorithm",
            "signer",
            "signer-certificate",
            "signature-member",
            "rekey-log-entries",
            "rekey-log",
            "payload",
            "content");

    /** What a countersignature binds. */
    public record Binding(
            String signatureMember, long rekeyLogEntries, String rekeyLog, String payload, String content) {}

    public static Countersignature sign(Binding binding, NodeSigner signer) {
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put("algorithm", signer.algorithm().label());
        fields.put("signer", signer.fingerprint());
        try {
            fields.put(
                    "signer-certificate",
                    Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("the countersigner's certificate cannot be encoded", e);
        }
        fields.put("signature-member", binding.signatureMember());
        fields.put("rekey-log-entries", Long.toString(binding.rekeyLogEntries()));
        fields.put("rekey-log", binding.rekeyLog());
        fields.put("payload", binding.payload());
        fields.put("content", binding.content());
        return new Countersignature(SignedStatement.sign(FORMAT_LINE, fields, signer));
    }

    public static Countersignature parse(byte[] bytes, String source) {
        return new Countersignature(SignedStatement.parse(bytes, FORMAT_LINE, KEYS, source));
    }

    public SignatureAlgorithm algorithm(String source) {
        return SignatureAlgorithm.fromLabel(statement.field("algorithm"), source);
    }

    public String signer() {
        return statement.field("signer");
    }

    public X509Certificate certificate(String source) {
        try {
            byte[] der = Base64.getDecoder().decode(statement.field("signer-certificate"));
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new ArchiveException(ErrorCode.MALFORMED, source, "the countersigner's certificate cannot be read");
        }
    }

    public Binding binding(String source) {
        String entries = statement.field("rekey-log-entries");
        if (!entries.matches("[1-9][0-9]{0,8}")) {
            throw new ArchiveException(ErrorCode.MALFORMED, source, "rekey-log-entries is not a positive number");
        }
        return new Binding(
                statement.field("signature-member"),
                Long.parseLong(entries),
                statement.field("rekey-log"),
                statement.field("payload"),
                statement.field("content"));
    }

    public byte[] encode() {
        return statement.encode();
    }
}
