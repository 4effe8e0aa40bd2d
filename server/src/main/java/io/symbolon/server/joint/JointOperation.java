package io.symbolon.server.joint;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import java.time.Instant;

/**
 * The operations EP and the Partner compute together, each with the one key type it applies to and the
 * usage attribute the key must carry. Both nodes check them against their own row: a compromised EP
 * cannot make the Partner sign with a key that may not sign.
 */
public enum JointOperation {
    SIGN(ObjectType.ED25519, Usage.SIGN, "sign", "only Ed25519 keys sign jointly"),
    DERIVE(ObjectType.EC_P256, Usage.DERIVE, "derive", "only EC-P256 keys derive (ECDH) jointly");

    private final ObjectType type;
    private final Usage usage;
    private final String verb;
    private final String typeRule;

    JointOperation(ObjectType type, Usage usage, String verb, String typeRule) {
        this.type = type;
        this.usage = usage;
        this.verb = verb;
        this.typeRule = typeRule;
    }

    /** The usage a key needs for this operation. */
    public Usage usage() {
        return usage;
    }

    /**
     * Refuses {@code object} for this operation at {@code now}: {@code USAGE} (400) for the wrong type,
     * {@code FORBIDDEN} (403) without the usage or outside its activation dates.
     */
    public void requireUsable(VaultObject object, Instant now) {
        String which = "object " + object.uid() + " ('" + object.name() + "')";
        if (object.type() != type) {
            throw new SymbolonException(
                    ErrorCode.USAGE, which + " is " + object.type().label() + ": " + typeRule);
        }
        if (!object.attributes().allows(usage)) {
            throw new SymbolonException(
                    ErrorCode.FORBIDDEN,
                    which + " may not " + verb + ": its usages are "
                            + object.attributes().usages() + "; a key that should " + verb + " is created with --usage "
                            + usage);
        }
        object.attributes().activation().filter(now::isBefore).ifPresent(from -> {
            throw new SymbolonException(ErrorCode.FORBIDDEN, which + " is not active before " + from);
        });
        object.attributes().deactivation().filter(now::isAfter).ifPresent(until -> {
            throw new SymbolonException(ErrorCode.FORBIDDEN, which + " was deactivated at " + until);
        });
    }
}
