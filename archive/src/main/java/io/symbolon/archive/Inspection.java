package io.symbolon.archive;

import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.rekey.RekeyLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an archive says about itself, read without any key, and whether it verified.
 *
 * @param path the archive
 * @param size its size in bytes
 * @param metadata the metadata member
 * @param digest the digest's counts and root
 * @param recipients the current recipients (metadata plus rekey log)
 * @param stanzaTypes the types of the stanzas in the age header, in order
 * @param signer the fingerprint of the key in node.crt
 * @param signerSubject the subject of node.crt
 * @param rekeys the rekey log's entries
 * @param countersigner the countersigner's fingerprint, if the data key was rotated
 * @param problem why verification failed, or empty if the archive verified (signer not pinned)
 */
public record Inspection(
        Path path,
        long size,
        Metadata metadata,
        DigestSummary digest,
        List<RecipientDescriptor> recipients,
        List<String> stanzaTypes,
        String signer,
        String signerSubject,
        List<RekeyLog.Entry> rekeys,
        Optional<String> countersigner,
        Optional<String> problem) {

    public Inspection {
        recipients = List.copyOf(recipients);
        stanzaTypes = List.copyOf(stanzaTypes);
        rekeys = List.copyOf(rekeys);
    }
}
