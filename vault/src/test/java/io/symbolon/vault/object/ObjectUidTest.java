package io.symbolon.vault.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.SymbolonException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectUidTest {
    @Test
    void readsAndWritesTheSeedsForm() {
        ObjectUid uid = ObjectUid.parse("0x0063858a832dc39a59");
        assertThat(uid.value()).isEqualTo(0x63858a832dc39a59L);
        assertThat(uid).hasToString("0x0063858a832dc39a59");
        assertThat(ObjectUid.parse("0X0063858A832DC39A59")).isEqualTo(uid);
    }

    @Test
    void drawsPositiveUidsThatSortAsTheirText() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            ObjectUid a = ObjectUid.random(random);
            ObjectUid b = ObjectUid.random(random);
            assertThat(a.value()).isPositive();
            assertThat(Integer.signum(a.compareTo(b)))
                    .isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
            assertThat(ObjectUid.parse(a.toString())).isEqualTo(a);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "0x00",
                "63858a832dc39a59",
                "0x0163858a832dc39a59",
                "0x0063858a832dc39a5",
                "0x0063858a832dc39a590",
                "0x00e3858a832dc39a59",
                "0x00g3858a832dc39a59",
                "0x0000000000000000"
            })
    void refusesWhatIsNotAUid(String text) {
        assertThatThrownBy(() -> ObjectUid.parse(text)).isInstanceOf(SymbolonException.class);
    }
}
