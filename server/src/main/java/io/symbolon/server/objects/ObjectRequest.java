package io.symbolon.server.objects;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.Usage;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a client asks for when it creates or imports an object: its name and type and the attributes it
 * chooses (the creation time is the node's).
 *
 * @param partition where the object goes
 * @param name unique in the partition
 * @param type what it is
 * @param label CKA_LABEL
 * @param id CKA_ID as lowercase hex
 * @param extractable whether it may be exported whole later
 * @param sensitive CKA_SENSITIVE
 * @param usages what it may be used for
 * @param activation from when it may be used, if limited
 * @param deactivation until when, if limited
 * @param length the length in bytes of generated secret data (ignored for other types)
 */
public record ObjectRequest(
        String partition,
        String name,
        ObjectType type,
        String label,
        String id,
        boolean extractable,
        boolean sensitive,
        Set<Usage> usages,
        Optional<Instant> activation,
        Optional<Instant> deactivation,
        int length) {
    public ObjectRequest {
        if (partition == null || name == null || type == null || usages == null) {
            throw new SymbolonException(ErrorCode.USAGE, "an object needs a partition, a name and a type");
        }
        label = label == null ? "" : label;
        id = id == null ? "" : id;
        usages = Set.copyOf(usages);
        activation = activation == null ? Optional.empty() : activation;
        deactivation = deactivation == null ? Optional.empty() : deactivation;
    }

    /** The attributes, created at {@code now}. */
    public Attributes attributes(Instant now) {
        return new Attributes(label, id, extractable, sensitive, usages, now, activation, deactivation);
    }

    /** The secret's length for generation: the type's own, or {@link #length} for secret data. */
    public int secretLength() {
        return switch (type) {
            case AES_128 -> 16;
            case AES_256, HMAC_SHA256, EC_P256, ED25519 -> 32;
            case SECRET_DATA -> {
                type.requireSecretLength(length);
                yield length;
            }
            case CERTIFICATE ->
                throw new SymbolonException(ErrorCode.USAGE, "a certificate cannot be generated; import it");
        };
    }
}
