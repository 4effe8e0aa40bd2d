package io.symbolon.vault.object;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an object may be used for (PKCS#11's CKA_ENCRYPT, CKA_SIGN, …). Each usage has a fixed bit, used
 * in fingerprints; never renumber.
 */
public enum Usage {
    ENCRYPT(0),
    DECRYPT(1),
    SIGN(2),
    VERIFY(3),
    WRAP(4),
    UNWRAP(5),
    DERIVE(6),
    MAC(7);

    private static final Usage[] VALUES = values();

    private final int bit;

    Usage(int bit) {
        this.bit = bit;
    }

    /** This usage's bit in {@link #mask(Set)}. */
    public int bit() {
        return bit;
    }

    /** The set as a bit mask: bit {@link #bit()} set for each usage. */
    public static int mask(Set<Usage> usages) {
        // contains() rather than an iterator: no allocation, and each object's usages are masked twice
        // per backup record.
        int mask = 0;
        for (Usage usage : VALUES) {
            if (usages.contains(usage)) {
                mask |= 1 << usage.bit;
            }
        }
        return mask;
    }

    /** The set a mask describes; refuses unknown bits. */
    public static Set<Usage> fromMask(int mask) {
        EnumSet<Usage> usages = EnumSet.noneOf(Usage.class);
        int known = 0;
        for (Usage usage : VALUES) {
            known |= 1 << usage.bit;
            if ((mask & (1 << usage.bit)) != 0) {
                usages.add(usage);
            }
        }
        if ((mask & ~known) != 0) {
            throw new SymbolonException(ErrorCode.MALFORMED, "unknown usage bits in mask " + mask);
        }
        return Collections.unmodifiableSet(usages);
    }

    /** An unmodifiable, ordered copy. */
    public static Set<Usage> copyOf(Collection<Usage> usages) {
        EnumSet<Usage> copy = EnumSet.noneOf(Usage.class);
        copy.addAll(usages);
        return Collections.unmodifiableSet(copy);
    }

    public static Usage parse(String text) {
        for (Usage usage : values()) {
            if (usage.name().equalsIgnoreCase(text)) {
                return usage;
            }
        }
        throw new SymbolonException(ErrorCode.USAGE, "unknown usage '" + text + "'");
    }
}
