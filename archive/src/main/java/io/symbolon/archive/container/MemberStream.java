package io.symbolon.archive.container;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;

/**
 * One member being read: its identity, declared size and content stream.
 *
 * @param member which member this is
 * @param size the size declared in its tar header
 * @param content its bytes; read failures are reported as {@link ArchiveException}s naming the member
 */
public record MemberStream(Member member, long size, InputStream content) {

    /** Reads a small member whole (bounded by its maximum size). */
    public byte[] readAll() {
        try {
            byte[] bytes = content.readNBytes((int) Math.min(size, member.maxSize()));
            if (bytes.length != size) {
                throw new ArchiveException(ErrorCode.TRUNCATED, member.fileName(), "is shorter than its declared size");
            }
            return bytes;
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, member.fileName(), "cannot be read: " + e.getMessage(), e);
        }
    }
}
