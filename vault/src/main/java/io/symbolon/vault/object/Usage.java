package io.symbolon.vault.object;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
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

    private static final int ALL = allBits();
    // Every object row a backup reads has its usages read, copied and masked twice: one shared unmodifiable
    // set per mask, which carries its mask, makes that a type check instead of a new set and an iteration.
    private static final List<Shared> BY_MASK;

    static {
        List<Shared> sets = new ArrayList<>();
        for (int mask = 0; mask <= ALL; mask++) {
            EnumSet<Usage> usages = EnumSet.noneOf(Usage.class);
            for (Usage usage : values()) {
                if ((mask & (1 << usage.bit)) != 0) {
                    usages.add(usage);
                }
            }
            sets.add(new Shared(usages, mask));
        }
        BY_MASK = List.copyOf(sets);
    }

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
        if (usages instanceof Shared shared) {
            return shared.mask;
        }
        int mask = 0;
        for (Usage usage : usages) {
            mask |= 1 << usage.bit;
        }
        return mask;
    }

    /** The set a mask describes; refuses unknown bits. */
    public static Set<Usage> fromMask(int mask) {
        if ((mask & ~ALL) != 0) {
            throw new SymbolonException(ErrorCode.MALFORMED, "unknown usage bits in mask " + mask);
        }
        return BY_MASK.get(mask);
    }

    /** An unmodifiable, ordered copy. */
    public static Set<Usage> copyOf(Collection<Usage> usages) {
        if (usages instanceof Shared shared) {
            return shared; // unmodifiable already
        }
        EnumSet<Usage> copy = EnumSet.noneOf(Usage.class);
        copy.addAll(usages);
        return BY_MASK.get(mask(copy));
    }

    private static int allBits() {
        int all = 0;
        for (Usage usage : values()) {
            all |= 1 << usage.bit;
        }
        return all;
    }

    public static Usage parse(String text) {
        for (Usage usage : values()) {
            if (usage.name().equalsIgnoreCase(text)) {
                return usage;
            }
        }
        throw new SymbolonException(ErrorCode.USAGE, "unknown usage '" + text + "'");
    }

    /** One of the shared sets: unmodifiable, in bit order, equal to any set of the same usages, its mask kept. */
    private static final class Shared extends AbstractSet<Usage> {
        private final Set<Usage> usages;
        private final int mask;

        Shared(EnumSet<Usage> usages, int mask) {
            this.usages = Collections.unmodifiableSet(usages);
            this.mask = mask;
        }

        @Override
        public Iterator<Usage> iterator() {
            return usages.iterator();
        }

        @Override
        public int size() {
            return usages.size();
        }

        @Override
        public boolean contains(Object usage) {
            return usages.contains(usage);
        }
    }
}
