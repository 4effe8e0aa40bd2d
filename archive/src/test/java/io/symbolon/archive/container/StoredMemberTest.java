package io.symbolon.archive.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-key is fast only if the writer leaves the digest and the payload each in a gzip member of stored
 * blocks of its own (ARCHIVE-FORMAT.md §3.1): this fails, rather than the re-key silently taking its
 * slow path, when the writer's layout changes.
 */
class StoredMemberTest {
    @TempDir
    Path directory;

    @Test
    void locatesTheDigestAndThePayloadTheWriterLeaves() throws Exception {
        WrittenArchive archive = SampleArchives.write(
                directory,
                "EP",
                Instant.parse("2026-11-23T03:27:16Z"),
                60_000,
                List.of(X25519Identity.generate().recipient()),
                TestSigners.ed25519("ep1"));
        try (ContainerReader reader = ContainerReader.open(archive.path())) {
            reader.next(Member.METADATA).orElseThrow().readAll();
            MemberStream digest = reader.next(Member.DIGEST).orElseThrow();
            long digestOffset = reader.tarPosition();
            assertThat(StoredMember.locate(archive.path(), digestOffset, 0, digest.size()))
                    .hasValueSatisfying(stored -> assertThat(stored.head()).isEmpty());
            digest.content().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(reader.next(Member.REKEY_LOG)).isEmpty();
            MemberStream payload = reader.next(Member.DATABASE).orElseThrow();
            assertThat(StoredMember.locate(archive.path(), reader.tarPosition(), 200, payload.size()))
                    .hasValueSatisfying(stored -> assertThat(stored.head()).hasSizeGreaterThanOrEqualTo(200));
        }
    }
}
