package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import org.junit.jupiter.api.Test;

/** The epoch pin a backup holds and a refresh respects. */
class EpochPinTest {
    private final EpochPin pin = new EpochPin();

    @Test
    void aBackupHoldsTheEpochAgainstARefreshAndAnotherBackup() {
        pin.pin("0000000000000001");

        assertThat(pin.isPinned()).isTrue();
        assertThat(pin.holder()).contains("0000000000000001");
        assertThatThrownBy(pin::refreshing)
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("0000000000000001")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.BACKUP_RUNNING);
        assertThatThrownBy(() -> pin.pin("0000000000000002"))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.BACKUP_RUNNING);

        pin.unpin("0000000000000002"); // not the holder: nothing happens
        assertThat(pin.isPinned()).isTrue();
        pin.unpin("0000000000000001");
        assertThat(pin.isPinned()).isFalse();
    }

    @Test
    void aRefreshHoldsTheEpochAgainstABackup() throws Exception {
        try (AutoCloseable refresh = pin.refreshing()) {
            assertThat(pin.isPinned()).isTrue();
            assertThat(pin.holder()).isEmpty();
            assertThatThrownBy(() -> pin.pin("0000000000000001"))
                    .hasMessageContaining("refresh")
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.CONFLICT);
        }
        assertThat(pin.isPinned()).isFalse();
        pin.pin("0000000000000001");
    }
}
