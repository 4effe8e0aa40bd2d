package io.symbolon.server.api;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.objects.ObjectDescription;
import io.symbolon.server.objects.ObjectRequest;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.Usage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The request and response bodies of the client REST API (described in {@code openapi.json}). */
public final class ApiMessages {
    private ApiMessages() {}

    /** {@code POST /api/v1/partitions}. The SO password is wiped once hashed. */
    public record NewPartition(String name, char[] soPassword) {
        @Override
        public String toString() {
            return "NewPartition[" + name + ", password redacted]";
        }
    }

    public record PartitionView(String name, Instant created) {}

    public record Partitions(List<PartitionView> partitions) {}

    /** {@code POST /api/v1/partitions/{partition}/users}. */
    public record NewUser(String name, char[] password) {
        @Override
        public String toString() {
            return "NewUser[" + name + ", password redacted]";
        }
    }

    public record UserView(String login, boolean securityOfficer, Instant created) {}

    public record Users(List<UserView> users) {}

    /**
     * {@code POST …/objects} (generate) and {@code POST …/objects/import}: the new object's name, type
     * and attributes; {@code material} (base64) only for an import; {@code length} only for generated
     * secret data.
     */
    public record NewObject(
            String name,
            String type,
            String label,
            String id,
            Boolean extractable,
            Boolean sensitive,
            List<String> usages,
            Instant activation,
            Instant deactivation,
            Integer length,
            String material) {
        ObjectRequest toRequest(String partition) {
            if (name == null) {
                throw new SymbolonException(ErrorCode.USAGE, "field 'name' is required");
            }
            if (type == null) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "field 'type' is required: one of "
                                + Arrays.stream(ObjectType.values())
                                        .map(ObjectType::label)
                                        .collect(Collectors.joining(", ")));
            }
            Set<Usage> parsed = usages == null
                    ? Set.of()
                    : Set.copyOf(usages.stream().map(Usage::parse).toList());
            return new ObjectRequest(
                    partition,
                    name,
                    ObjectType.parse(type),
                    label,
                    id,
                    extractable != null && extractable,
                    sensitive == null || sensitive,
                    parsed,
                    Optional.ofNullable(activation),
                    Optional.ofNullable(deactivation),
                    length == null ? 0 : length);
        }

        @Override
        public String toString() {
            return "NewObject[" + name + ", " + type + (material == null ? "" : ", material redacted") + "]";
        }
    }

    /** One page of objects (the list endpoint streams this shape). */
    public record Objects(List<ObjectDescription> objects, String next) {}

    /** {@code DELETE …/objects/{object}}: where the object was removed. */
    public record Deleted(String uid, String removedFrom) {}

    /** {@code POST …/objects/{object}/export}: the whole secret (or a certificate's DER), base64. */
    public record Exported(String uid, String type, String material) {
        @Override
        public String toString() {
            return "Exported[" + uid + ", material redacted]";
        }
    }
}
