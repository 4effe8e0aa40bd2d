package io.symbolon.archive.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two text encodings of age: unpadded canonical base64 and Bech32 without a length limit. */
class CodecTest {

    @Test
    void base64RawRoundTripsAndRefusesPaddingAndNonCanonicalEncodings() {
        assertThat(Base64Raw.encode(new byte[] {'a'})).isEqualTo("YQ");
        assertThat(Base64Raw.decodeOrNull("YQ")).containsExactly('a');
        assertThat(Base64Raw.decodeOrNull("")).isEmpty();
        assertThat(Base64Raw.decodeOrNull("YQ==")).isNull();
        assertThat(Base64Raw.decodeOrNull("YR")).isNull();
        assertThat(Base64Raw.decodeOrNull("Y")).isNull();
        assertThat(Base64Raw.decodeOrNull("Y-")).isNull();
        assertThat(Base64Raw.decodeOrNull("YQ\n")).isNull();
        assertThatThrownBy(() -> Base64Raw.decode("YR", "the share"))
                .isInstanceOf(AgeException.class)
                .hasMessage("the share is not canonical unpadded base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"})
    void bech32AcceptsBip173ValidStrings(String valid) {
        Bech32.Decoded decoded = Bech32.decode(valid);
        assertThat(decoded.hrp()).isEqualTo(valid.substring(0, valid.lastIndexOf('1')));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "A1G7SGD8",
                "a12UEL5L",
                "pzry9x0s0muk",
                "1pzry9x0s0muk",
                "x1b4n0q5v",
                "li1dgmt3",
                "10a06t8",
                "1qzzfhee"
            })
    void bech32RefusesBip173InvalidStrings(String invalid) {
        assertThatThrownBy(() -> Bech32.decode(invalid)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bech32RoundTripsDataLongerThanBip173AllowsInBothCases() {
        byte[] data = new byte[200];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        String lower = Bech32.encode("age", data);
        String upper = Bech32.encode("AGE-SECRET-KEY-", data);
        assertThat(lower).startsWith("age1").isLowerCase().hasSizeGreaterThan(90);
        assertThat(upper).startsWith("AGE-SECRET-KEY-1").isUpperCase();
        assertThat(Bech32.decode(lower).data()).isEqualTo(data);
        assertThat(Bech32.decode(upper).data()).isEqualTo(data);
        assertThat(Bech32.decode(upper).hrp()).isEqualTo("AGE-SECRET-KEY-");
    }

    @Test
    void bech32ErrorsNeverRepeatTheInput() {
        String secretLike = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEY";
        assertThatThrownBy(() -> Bech32.decode(secretLike))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("GFPYYSJZ");
    }

    @Test
    void bech32DecodesTheSpecificationsExampleKey() {
        Bech32.Decoded decoded =
                Bech32.decode("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
        assertThat(HexFormat.of().formatHex(decoded.data())).isEqualTo("42".repeat(32));
    }
}
