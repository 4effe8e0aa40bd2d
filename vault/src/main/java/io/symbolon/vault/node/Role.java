package io.symbolon.vault.node;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;

/**
 * The role a node plays in its pair. Each role holds one share of every object; EP coordinates, the
 * Partner holds the other half.
 */
public enum Role {
    EP("EP", 1),
    PARTNER("PARTNER", 2);

    private final String label;
    private final int code;

    Role(String label, int code) {
        this.label = label;
        this.code = code;
    }

    /** The stable name stored in the database and shown to operators. */
    public String label() {
        return label;
    }

    /**
     * The stable one-byte code bound into every sealed share (seal/ShareCipher), so a share sealed for
     * one role never opens as the other's. Never renumber.
     */
    public int code() {
        return code;
    }

    /** The role whose share combines with this one's. */
    public Role peer() {
        return this == EP ? PARTNER : EP;
    }

    /** How the seed's reports name the role: "EP", "Partner". */
    public String displayName() {
        return this == EP ? "EP" : "Partner";
    }

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.label.equalsIgnoreCase(text)) {
                return role;
            }
        }
        throw new SymbolonException(ErrorCode.USAGE, "unknown role '" + text + "': expected EP or PARTNER");
    }
}
