package io.symbolon.server.objects;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An object as JSON shows it, to clients and on the pair channel: every field of a {@link
 * VaultObject}, with the uid in its {@code 0x00…} form, the type by label and the public data in base64.
 * Converting back yields an equal object (same fingerprint), which is what lets the Partner seal its
 * share for exactly the object EP describes.
 *
 * @param uid e.g. {@code 0x0063858a832dc39a59}
 * @param partition the partition
 * @param name the name
 * @param type e.g. {@code AES-256}
 * @param version from 1
 * @param epoch the shares' generation
 * @param attributes PKCS#11-style attributes
 * @param publicData base64: the public key (EC P-256 SEC1 uncompressed, Ed25519 RFC 8032), a certificate's DER, or empty
 */
public record ObjectDescription(
        String uid,
        String partition,
        String name,
        String type,
        long version,
        long epoch,
        AttributesDescription attributes,
        String publicData) {

    /**
     * The attributes as JSON shows them.
     *
     * @param label free text
     * @param id lowercase hex
     * @param extractable whether the whole secret may be exported
     * @param sensitive CKA_SENSITIVE
     * @param usages e.g. {@code ["ENCRYPT", "DECRYPT"]}
     * @param created ISO-8601
     * @param activation ISO-8601 or absent
     * @param deactivation ISO-8601 or absent
     */
    public record AttributesDescription(
            String label,
            String id,
            boolean extractable,
            boolean sensitive,
            List<String> usages,
            Instant created,
            Instant activation,
            Instant deactivation) {
        public AttributesDescription {
            usages = usages == null ? List.of() : List.copyOf(usages);
        }
    }

    public static ObjectDescription of(VaultObject object) {
        Attributes a = object.attributes();
        return new ObjectDescription(
                object.uid().toString(),
                object.partition(),
                object.name(),
                object.type().label(),
                object.version(),
                object.epoch(),
                new AttributesDescription(
                        a.label(),
                        a.id(),
                        a.extractable(),
                        a.sensitive(),
                        a.usages().stream().map(Usage::name).toList(),
                        a.created(),
                        a.activation().orElse(null),
                        a.deactivation().orElse(null)),
                Base64.getEncoder().encodeToString(object.publicData().bytes()));
    }

    /** The object this describes; {@code USAGE} naming the field that does not fit. */
    public VaultObject toObject() {
        if (attributes == null || uid == null || type == null) {
            throw new SymbolonException(ErrorCode.USAGE, "an object needs uid, type and attributes");
        }
        byte[] publicBytes;
        try {
            publicBytes = Base64.getDecoder().decode(publicData == null ? "" : publicData);
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "field 'publicData' is not base64");
        }
        Attributes parsed = new Attributes(
                attributes.label() == null ? "" : attributes.label(),
                attributes.id() == null ? "" : attributes.id(),
                attributes.extractable(),
                attributes.sensitive(),
                Usage.copyOf(attributes.usages().stream().map(Usage::parse).toList()),
                attributes.created() == null ? Instant.EPOCH : attributes.created(),
                Optional.ofNullable(attributes.activation()),
                Optional.ofNullable(attributes.deactivation()));
        return new VaultObject(
                ObjectUid.parse(uid),
                partition,
                name,
                ObjectType.parse(type),
                version,
                epoch,
                parsed,
                new PublicData(publicBytes));
    }
}
