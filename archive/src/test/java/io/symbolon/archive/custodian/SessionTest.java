package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    private static final char[] PASSPHRASE = "operator passphrase".toCharArray();
    private static final int WORK_FACTOR = 12;

    @TempDir
    Path directory;

    private final Instant now = Instant.parse("2027-01-02T10:00:00Z");

    @Test
    void aSessionFileOpensWithItsPassphraseUntilItExpiresAndIsPrivate() throws Exception {
        Path file = directory.resolve("session");
        try (Session session = Session.start(now, Duration.ofHours(8))) {
            session.write(file, PASSPHRASE, WORK_FACTOR);
            assertThat(Session.recipientOf(file)).isEqualTo(session.recipient());
            try (Session opened = Session.open(file, PASSPHRASE, now.plusSeconds(3600))) {
                assertThat(opened.recipient()).isEqualTo(session.recipient());
                assertThat(opened.expires()).isEqualTo(now.plus(Duration.ofHours(8)));
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String text = Files.readString(file);
        assertThat(text).doesNotContain("AGE-SECRET-KEY");
        assertThatThrownBy(() -> Session.open(file, PASSPHRASE, now.plus(Duration.ofHours(8))))
                .hasMessageContaining("expired at 2027-01-02T18:00:00Z")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.CUSTODIAN_INVALID);
    }

    @Test
    void aWrongPassphraseIsSaidSo() {
        Path file = directory.resolve("session");
        try (Session session = Session.start(now, Duration.ofHours(1))) {
            session.write(file, PASSPHRASE, WORK_FACTOR);
        }
        assertThatThrownBy(() -> Session.open(file, "wrong".toCharArray(), now))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.WRONG_PASSWORD);
    }

    @Test
    void anExtendedExpiryIsDetected() throws Exception {
        Path file = directory.resolve("session");
        try (Session session = Session.start(now, Duration.ofHours(1))) {
            session.write(file, PASSPHRASE, WORK_FACTOR);
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Files.writeString(file, text.replace("expires: 2027-01-02T11:00:00Z", "expires: 2028-01-02T11:00:00Z"));
        assertThatThrownBy(() -> Session.open(file, PASSPHRASE, now))
                .hasMessageContaining("it was altered")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.CUSTODIAN_INVALID);
    }

    @Test
    void endingASessionDeletesItsFileAndNeverOverwritesAnother() {
        Path file = directory.resolve("session");
        try (Session session = Session.start(now, Duration.ofHours(1))) {
            session.write(file, PASSPHRASE, WORK_FACTOR);
            assertThatThrownBy(() -> session.write(file, PASSPHRASE, WORK_FACTOR))
                    .extracting(e -> ((SymbolonException) e).errorCode())
                    .isEqualTo(ErrorCode.ALREADY_EXISTS);
        }
        Session.end(file);
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> Session.end(file))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aSessionLastsAtMostThirtyDays() {
        assertThatThrownBy(() -> Session.start(now, Duration.ofDays(31)))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.USAGE);
    }
}
