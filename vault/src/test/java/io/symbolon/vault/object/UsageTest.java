package io.symbolon.vault.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Usage sets and their bit masks: every mask, the shared sets and sets built elsewhere. */
class UsageTest {
    private static final int MASKS = 1 << Usage.values().length;

    private static EnumSet<Usage> built(int mask) {
        EnumSet<Usage> usages = EnumSet.noneOf(Usage.class);
        for (Usage usage : Usage.values()) {
            if ((mask & (1 << usage.bit())) != 0) {
                usages.add(usage);
            }
        }
        return usages;
    }

    @Test
    void everyMaskNamesTheSetOfItsBitsAndBack() {
        for (int mask = 0; mask < MASKS; mask++) {
            Set<Usage> shared = Usage.fromMask(mask);
            assertThat(shared).isEqualTo(built(mask)).hasSameHashCodeAs(built(mask));
            assertThat(built(mask)).isEqualTo(shared);
            assertThat(Usage.mask(shared)).isEqualTo(mask);
            assertThat(Usage.mask(built(mask))).isEqualTo(mask);
            assertThat(Usage.mask(new HashSet<>(built(mask)))).isEqualTo(mask);
        }
    }

    @Test
    void aCopyIsTheSharedSetOfTheSameUsagesInBitOrder() {
        List<Usage> reversed = new ArrayList<>(List.of(Usage.MAC, Usage.SIGN, Usage.ENCRYPT));
        Set<Usage> copy = Usage.copyOf(reversed);
        assertThat(copy).containsExactly(Usage.ENCRYPT, Usage.SIGN, Usage.MAC);
        assertThat(copy).isSameAs(Usage.fromMask(Usage.mask(copy)));
        assertThat(Usage.copyOf(copy)).isSameAs(copy);
        assertThat(copy.toString()).isEqualTo("[ENCRYPT, SIGN, MAC]");
    }

    @Test
    void theSharedSetsCannotBeChanged() {
        Set<Usage> shared = Usage.fromMask(0b11);
        assertThatThrownBy(() -> shared.add(Usage.MAC)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> shared.remove(Usage.ENCRYPT)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(shared::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> {
                    var iterator = shared.iterator();
                    iterator.next();
                    iterator.remove();
                })
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(shared).containsExactly(Usage.ENCRYPT, Usage.DECRYPT);
    }

    @Test
    void aMaskWithAnUnknownBitIsRefused() {
        assertThatThrownBy(() -> Usage.fromMask(MASKS))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED));
    }
}
