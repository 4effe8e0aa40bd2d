package io.symbolon.archive.container;

import java.util.List;
import java.util.Optional;

/**
 * The members of an archive, in the only order they may appear (ARCHIVE-FORMAT.md §3). The rekey log
 * appears once an archive has been re-keyed, before the payload, so that a re-key can stream the
 * payload knowing the current recipients; the countersignature appears once its data key has been
 * rotated, after the payload whose hash it signs. The others are always present.
 */
public enum Member {
    METADATA("metadata.txt", 1L << 20, true),
    DIGEST("digest.txt", Long.MAX_VALUE, true),
    REKEY_LOG("rekey.log", 16L << 20, false),
    DATABASE("database.age", Long.MAX_VALUE, true),
    CERTIFICATE("node.crt", 64L << 10, true),
    SIGNATURE("signature.txt", 64L << 10, true),
    COUNTERSIGNATURE("countersignature.txt", 256L << 10, false);

    private final String fileName;
    private final long maxSize;
    private final boolean required;

    Member(String fileName, long maxSize, boolean required) {
        this.fileName = fileName;
        this.maxSize = maxSize;
        this.required = required;
    }

    /** The member's name inside the tar. */
    public String fileName() {
        return fileName;
    }

    /** The largest size a reader accepts for this member. */
    public long maxSize() {
        return maxSize;
    }

    public boolean required() {
        return required;
    }

    public static Optional<Member> byFileName(String name) {
        for (Member member : values()) {
            if (member.fileName.equals(name)) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    /** The member names in order, for messages. */
    public static String layout() {
        return String.join(
                ", ", List.of(values()).stream().map(Member::fileName).toList());
    }
}
