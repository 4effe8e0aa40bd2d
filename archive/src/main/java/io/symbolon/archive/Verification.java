package io.symbolon.archive;

import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.rekey.RekeyLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a successful verification established about an archive.
 *
 * @param path the archive
 * @param metadata its metadata
 * @param digest its digest's counts and root
 * @param digestSha256 SHA-256 of the digest member, {@code sha256:} and hex, as the signature states it
 * @param signer the fingerprint of the key that signed it
 * @param signerPinned whether that key was the one the caller required
 * @param recipients the recipients the file key is wrapped to now (metadata plus rekey log)
 * @param stanzas the number of recipient stanzas in the age header
 * @param rekeys the rekey log's entries, oldest first; empty if never re-keyed
 * @param countersigner the fingerprint of the key that countersigned a data-key rotation, if any
 * @param contentVerified whether the payload was decrypted and its content checked (needs an identity)
 * @param payloadSha256 SHA-256 of the payload after the age header, {@code sha256:} and hex
 * @param headerSha256 SHA-256 of the age header, {@code sha256:} and hex
 * @param signatureMember the bytes of the signature member
 */
public record Verification(
        Path path,
        Metadata metadata,
        DigestSummary digest,
        String digestSha256,
        String signer,
        boolean signerPinned,
        List<RecipientDescriptor> recipients,
        int stanzas,
        List<RekeyLog.Entry> rekeys,
        Optional<String> countersigner,
        boolean contentVerified,
        String payloadSha256,
        String headerSha256,
        byte[] signatureMember) {

    public Verification {
        recipients = List.copyOf(recipients);
        rekeys = List.copyOf(rekeys);
        signatureMember = signatureMember.clone();
    }

    @Override
    public byte[] signatureMember() {
        return signatureMember.clone();
    }
}
