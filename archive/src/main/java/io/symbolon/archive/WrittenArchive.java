package io.symbolon.archive;

import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.metadata.Metadata;
import java.nio.file.Path;

/**
 * An archive that has been written completely and renamed into place.
 *
 * @param path where it is
 * @param size its size in bytes
 * @param metadata its metadata member
 * @param digest its digest's counts and root
 * @param signatureMember the bytes of its signature member, which a Partner hands to EP
 */
public record WrittenArchive(Path path, long size, Metadata metadata, DigestSummary digest, byte[] signatureMember) {
    public WrittenArchive {
        signatureMember = signatureMember.clone();
    }

    @Override
    public byte[] signatureMember() {
        return signatureMember.clone();
    }
}
