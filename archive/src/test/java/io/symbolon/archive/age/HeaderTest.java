package io.symbolon.archive.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderTest {
    private static final String MAC = "--- " + "A".repeat(43) + "\n";
    private static final String BODY = "hjabGXwSLQ9c3S6Lw2i+S2Tu2fiwQHHslbBN6B41FLE\n";

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 47, 48, 49, 95, 96, 97, 300})
    void createdHeaderReadsBackToTheSameBytesForEveryBodyLength(int bodyLength) throws IOException {
        byte[] body = new byte[bodyLength];
        for (int i = 0; i < bodyLength; i++) {
            body[i] = (byte) (i * 7);
        }
        try (FileKey key = FileKey.generate()) {
            Header created = Header.create(
                    List.of(Stanza.of("test", List.of("a", "b"), body), Stanza.of("other", List.of(), new byte[0])),
                    key);
            Header read = Header.read(new ByteArrayInputStream(created.encoded()));
            assertThat(read.encoded()).isEqualTo(created.encoded());
            assertThat(read.stanzas()).isEqualTo(created.stanzas());
            assertThat(read.mac()).isEqualTo(created.mac());
            read.verifyMac(key);
        }
    }

    @Test
    void readConsumesExactlyTheHeaderAndLeavesThePayload() throws IOException {
        try (FileKey key = FileKey.generate()) {
            Header header = Header.create(List.of(Stanza.of("test", List.of(), new byte[48])), key);
            byte[] payload = "payload bytes".getBytes(StandardCharsets.US_ASCII);
            InputStream in = new ByteArrayInputStream(concat(header.encoded(), payload));
            assertThat(Header.read(in).length()).isEqualTo(header.encoded().length);
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }

    @Test
    void refusesMacUnderAnotherFileKey() {
        try (FileKey key = FileKey.generate();
                FileKey other = FileKey.generate()) {
            Header header = Header.create(List.of(Stanza.of("test", List.of(), new byte[16])), key);
            assertThatThrownBy(() -> header.verifyMac(other))
                    .isInstanceOfSatisfying(
                            AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.HMAC));
        }
    }

    @Test
    void refusesHeaderWhoseStanzaWasChangedAfterTheMac() throws IOException {
        try (FileKey key = FileKey.generate()) {
            Header header = Header.create(List.of(Stanza.of("test", List.of("one"), new byte[16])), key);
            String text = new String(header.encoded(), StandardCharsets.US_ASCII).replace("one", "two");
            Header changed = Header.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
            assertThatThrownBy(() -> changed.verifyMac(key))
                    .isInstanceOfSatisfying(
                            AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.HMAC));
        }
    }

    static Stream<Arguments> malformedHeaders() {
        String v1 = "age-encryption.org/v1\n";
        String stanza = "-> X25519 TEiF0ypqr+bpvcqXNyCVJpL7OuwPdVwPL7KQEbFDOCc\n" + BODY;
        return Stream.of(
                Arguments.of("empty file", ""),
                Arguments.of("other version", "age-encryption.org/v2\n" + stanza + MAC),
                Arguments.of("not age", "hello world\n"),
                Arguments.of("version line with CR", "age-encryption.org/v1\r\n" + stanza + MAC),
                Arguments.of("no stanza", v1 + MAC),
                Arguments.of("stanza without arguments", v1 + "->\n\n" + MAC),
                Arguments.of("stanza with only a space", v1 + "-> \n\n" + MAC),
                Arguments.of("empty argument", v1 + "-> a  b\n\n" + MAC),
                Arguments.of("trailing space in arguments", v1 + "-> a \n\n" + MAC),
                Arguments.of("stanza prefix without space", v1 + "->a\n\n" + MAC),
                Arguments.of("non-ASCII argument", v1 + "-> \u00e9\n\n" + MAC),
                Arguments.of("body with padding", v1 + "-> a\nYQ==\n" + MAC),
                Arguments.of("body not canonical", v1 + "-> a\nYR\n" + MAC),
                Arguments.of("body with CR", v1 + "-> a\nYQ\r\n" + MAC),
                Arguments.of("body line of 65 columns", v1 + "-> a\n" + "A".repeat(65) + "\n\n" + MAC),
                Arguments.of("body without final short line", v1 + "-> a\n" + "A".repeat(64) + "\n" + MAC),
                Arguments.of("body missing", v1 + "-> a\n" + MAC),
                Arguments.of("two short body lines", v1 + "-> a\nYQ\nYQ\n" + MAC),
                Arguments.of("unknown line", v1 + stanza + "xx\n" + MAC),
                Arguments.of("MAC without space", v1 + stanza + "---" + "A".repeat(43) + "\n"),
                Arguments.of("MAC with two spaces", v1 + stanza + "---  " + "A".repeat(43) + "\n"),
                Arguments.of("MAC with trailing space", v1 + stanza + "--- " + "A".repeat(43) + " \n"),
                Arguments.of("MAC too short", v1 + stanza + "--- " + "A".repeat(42) + "\n"),
                Arguments.of("MAC not canonical", v1 + stanza + "--- " + "A".repeat(42) + "B\n"),
                Arguments.of("MAC with padding", v1 + stanza + "--- " + "A".repeat(43) + "=\n"),
                Arguments.of("MAC line without line feed", v1 + stanza + "--- " + "A".repeat(43)),
                Arguments.of("truncated in a stanza", v1 + "-> X25519 TEiF0yp"),
                Arguments.of("oversized argument line", v1 + "-> " + "a".repeat(HeaderReader.MAX_HEADER_BYTES) + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeaders")
    void refusesMalformedHeader(String description, String header) {
        assertThatThrownBy(() -> Header.read(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(AgeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER);
                    assertThat(e.errorCode()).isEqualTo(io.symbolon.error.ErrorCode.MALFORMED);
                });
    }

    @Test
    void refusesStanzaBodyWithPadding() {
        String header = "age-encryption.org/v1\n-> a\nYQ==\n" + MAC;
        assertThatThrownBy(() -> Header.read(new ByteArrayInputStream(header.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(AgeException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void acceptsEveryVisibleAsciiCharacterInArguments() throws IOException {
        StringBuilder visible = new StringBuilder();
        for (char c = 0x21; c <= 0x7e; c++) {
            visible.append(c);
        }
        String header = "age-encryption.org/v1\n-> " + visible + "\n\n" + MAC;
        Header read = Header.read(new ByteArrayInputStream(header.getBytes(StandardCharsets.US_ASCII)));
        assertThat(read.stanzas().getFirst().type()).isEqualTo(visible.toString());
        assertThat(read.encoded()).isEqualTo(header.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void stanzaRefusesInvalidArgumentsAndCopiesItsBody() {
        assertThatThrownBy(() -> new Stanza(List.of(), new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Stanza(List.of("a b"), new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Stanza(List.of(""), new byte[0])).isInstanceOf(IllegalArgumentException.class);
        byte[] body = {1, 2, 3};
        Stanza stanza = new Stanza(List.of("t"), body);
        body[0] = 9;
        stanza.body()[1] = 9;
        assertThat(stanza.body()).containsExactly(1, 2, 3);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
