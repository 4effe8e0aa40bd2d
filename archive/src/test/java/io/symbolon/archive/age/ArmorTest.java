package io.symbolon.archive.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ASCII armor beyond the CCTV vectors: sizes, line layout, sniffing and the tolerated variants. */
class ArmorTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 47, 48, 49, 96, 12_287, 12_288, 12_289, 100_000})
    void roundTripsAndWritesStrictPem(int size) throws IOException {
        byte[] data = PayloadStreamTest.random(size, size);
        String armored = armor(data);
        String[] lines = armored.split("\n", -1);
        assertThat(lines[0]).isEqualTo("-----BEGIN AGE ENCRYPTED FILE-----");
        assertThat(lines[lines.length - 2]).isEqualTo("-----END AGE ENCRYPTED FILE-----");
        assertThat(lines[lines.length - 1]).isEmpty();
        for (int i = 1; i < lines.length - 3; i++) {
            assertThat(lines[i]).hasSize(64);
        }
        String body = String.join("", java.util.Arrays.copyOfRange(lines, 1, lines.length - 2));
        assertThat(body).isEqualTo(Base64.getEncoder().encodeToString(data));
        assertThat(dearmor(armored)).isEqualTo(data);
    }

    @Test
    void toleratesCrlfAndWhitespaceAroundTheBlock() throws IOException {
        byte[] data = PayloadStreamTest.random(100, 1);
        String armored = armor(data);
        assertThat(dearmor(armored.replace("\n", "\r\n"))).isEqualTo(data);
        assertThat(dearmor(" \t\r\n\n" + armored + "\n \t\r\n")).isEqualTo(data);
        assertThat(dearmor(armored.substring(0, armored.length() - 1))).isEqualTo(data);
    }

    @Test
    void refusesMixedLineEndsAndTooMuchWhitespace() {
        byte[] data = PayloadStreamTest.random(100, 1);
        String armored = armor(data);
        String mixed = armored.replaceFirst("\n", "\r\n");
        assertArmorFailure(mixed);
        assertArmorFailure(" ".repeat(Armor.MAX_WHITESPACE + 1) + armored);
        assertArmorFailure(armored + " ".repeat(Armor.MAX_WHITESPACE + 1));
        assertArmorFailure(armored.replace("-----END AGE ENCRYPTED FILE-----\n", ""));
        assertArmorFailure(armored + "x");
    }

    @Test
    void looksArmoredSniffsWithoutConsuming() throws IOException {
        byte[] armored = ("\n  " + armor(new byte[] {1, 2, 3})).getBytes(StandardCharsets.US_ASCII);
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(armored));
        assertThat(Armor.looksArmored(in)).isTrue();
        assertThat(in.readAllBytes()).isEqualTo(armored);
        assertThat(Armor.looksArmored("age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(Armor.looksArmored(new byte[0])).isFalse();
    }

    private static void assertArmorFailure(String armored) {
        assertThatThrownBy(() -> dearmor(armored))
                .isInstanceOfSatisfying(
                        AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.ARMOR));
    }

    static String armor(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream armor = Armor.encode(out)) {
            armor.write(data, 0, data.length / 2);
            for (int i = data.length / 2; i < data.length; i++) {
                armor.write(data[i]);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    static byte[] dearmor(String armored) throws IOException {
        try (InputStream in = Armor.decode(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            return in.readAllBytes();
        }
    }
}
