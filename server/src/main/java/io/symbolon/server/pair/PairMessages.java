package io.symbolon.server.pair;

import io.symbolon.server.objects.ObjectDescription;
import io.symbolon.server.objects.ObjectEntry;
import io.symbolon.server.objects.RowState;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The messages of the pair channel, JSON over mutual TLS, EP the client and the Partner the server
 * (docs/SECURITY.md describes the channel). Shares travel base64-encoded inside TLS and only in two
 * places: an imported key's Partner share (EP → Partner, {@link Prepare}) and an extractable object's
 * Partner share on export (Partner → EP, {@link Share}).
 *
 * <pre>
 * GET    /pair/v1/hello                          → Hello
 * POST   /pair/v1/partitions           Partition → 204
 * POST   /pair/v1/draws                Draw      → PublicShare
 * POST   /pair/v1/objects              Prepare   → 204             (PENDING)
 * POST   /pair/v1/objects/{uid}/commit           → 204             (ACTIVE)
 * POST   /pair/v1/objects/{uid}/abort            → 204
 * POST   /pair/v1/objects/{uid}/delete/prepare   → 204             (DELETING)
 * POST   /pair/v1/objects/{uid}/delete/commit    → 204
 * POST   /pair/v1/objects/{uid}/delete/abort     → 204             (ACTIVE again)
 * DELETE /pair/v1/objects/{uid}                  → Deleted         (any state)
 * GET    /pair/v1/objects/{uid}                  → Row | 404
 * POST   /pair/v1/objects/{uid}/share  ShareRequest → Share         (extractable only)
 * GET    /pair/v1/objects?after=&amp;limit=          → Entries
 * GET    /pair/v1/unsettled?ageSeconds=&amp;limit=   → Rows
 * </pre>
 */
public final class PairMessages {
    private PairMessages() {}

    public static final String PREFIX = "/pair/v1";

    /** The Partner's identity and epoch. */
    public record Hello(String role, String pairId, String nodeId, String hostname, long epoch) {}

    public record Partition(String name) {}

    public record Draw(String uid, String type) {}

    public record PublicShare(String publicShare) {}

    /** Prepare a creation: the object, and where the Partner's share comes from. */
    public record Prepare(ObjectDescription object, String source, String share, int length) {
        @Override
        public String toString() {
            return "Prepare[" + object.uid() + ", " + source + ", share redacted]";
        }
    }

    public record Deleted(boolean deleted) {}

    public record Row(ObjectDescription object, String state, Instant since) {
        static Row of(RowState row) {
            return new Row(ObjectDescription.of(row.object()), row.state().name(), row.since());
        }
    }

    public record Rows(List<Row> rows) {}

    public record ShareRequest(long version, long epoch) {}

    public record Share(String share) {
        @Override
        public String toString() {
            return "Share[redacted]";
        }
    }

    public record Entry(ObjectDescription object, String fingerprint, String publicShare, String problem) {
        static Entry of(ObjectEntry entry) {
            return new Entry(
                    ObjectDescription.of(entry.object()),
                    entry.fingerprint(),
                    entry.publicShare() == null ? null : Base64.getEncoder().encodeToString(entry.publicShare()),
                    entry.problem());
        }

        ObjectEntry toEntry() {
            return new ObjectEntry(
                    object.toObject(),
                    fingerprint,
                    publicShare == null ? null : Base64.getDecoder().decode(publicShare),
                    problem);
        }
    }

    public record Entries(List<Entry> entries, String next) {}
}
