package io.symbolon.vault.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.SymbolonException;
import io.symbolon.vault.partition.Partition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules on partition names, object names, labels and ids, checked by character loops, accept exactly
 * what their documented definitions (a regular expression, {@code strip()}, {@link Character#isISOControl})
 * accept, over a matrix of characters at every position and lengths around each limit.
 */
class FieldRulesTest {
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ID = Pattern.compile("([0-9a-f]{2}){0,128}");
    private static final List<String> CHARACTERS = List.of(
            "a",
            "Z",
            "0",
            "9",
            "_",
            ".",
            "-",
            "/",
            "A",
            "f",
            "g",
            "F",
            " ",
            "\t",
            "\n",
            "\u007f",
            "\u0085",
            "\u00a0",
            "\u2003",
            "\u2028",
            "\u3000",
            "é",
            "\uD83D\uDE00",
            "\uD83D",
            "\uDE00",
            "\u0000");

    static Stream<String> candidates() {
        List<String> texts = new ArrayList<>();
        texts.add("");
        for (String c : CHARACTERS) {
            texts.add(c);
            texts.add(c + "ab");
            texts.add("ab" + c);
            texts.add("a" + c + "b");
            texts.add(c + c);
        }
        for (int length : new int[] {63, 64, 65, 254, 255, 256, 257}) {
            texts.add("a".repeat(length));
            texts.add("0f".repeat(length / 2) + (length % 2 == 0 ? "" : "0"));
        }
        return texts.stream();
    }

    @ParameterizedTest
    @MethodSource("candidates")
    void acceptsExactlyThePartitionNamesOfItsPattern(String name) {
        if (PARTITION.matcher(name).matches()) {
            assertThat(Partition.requireValidName(name)).isEqualTo(name);
        } else {
            assertThatThrownBy(() -> Partition.requireValidName(name)).isInstanceOf(SymbolonException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("candidates")
    void acceptsExactlyTheObjectNamesWithoutControlCharactersOrSurroundingSpaces(String name) {
        boolean valid = !name.isEmpty()
                && name.length() <= 255
                && name.chars().noneMatch(Character::isISOControl)
                && name.strip().equals(name);
        if (valid) {
            assertThat(VaultObject.requireValidName(name)).isEqualTo(name);
        } else {
            assertThatThrownBy(() -> VaultObject.requireValidName(name)).isInstanceOf(SymbolonException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("candidates")
    void acceptsExactlyTheIdsOfWholeLowercaseHexBytesAndTheLabelsWithoutControlCharacters(String text) {
        Attributes base = Attributes.of("", Set.of(Usage.SIGN), Instant.EPOCH);
        if (ID.matcher(text).matches()) {
            assertThat(base.withId(text).id()).isEqualTo(text);
        } else {
            assertThatThrownBy(() -> base.withId(text)).isInstanceOf(SymbolonException.class);
        }
        boolean label = text.length() <= 255 && text.chars().noneMatch(Character::isISOControl);
        if (label) {
            assertThat(Attributes.of(text, Set.of(), Instant.EPOCH).label()).isEqualTo(text);
        } else {
            assertThatThrownBy(() -> Attributes.of(text, Set.of(), Instant.EPOCH))
                    .isInstanceOf(SymbolonException.class);
        }
    }

    @Test
    void masksEverySetOfUsagesToTheBitsItReadsBack() {
        for (int mask = 0; mask < 1 << Usage.values().length; mask++) {
            Set<Usage> usages = Usage.fromMask(mask);
            assertThat(Usage.mask(usages)).isEqualTo(mask);
            assertThat(Usage.mask(Set.copyOf(usages))).isEqualTo(mask);
        }
        assertThatThrownBy(() -> Usage.fromMask(1 << Usage.values().length)).isInstanceOf(SymbolonException.class);
    }

    @Test
    void copiesUsagesIntoUnmodifiableSetsThatLaterChangesToTheSourceDoNotReach() {
        EnumSet<Usage> source = EnumSet.of(Usage.SIGN);
        Set<Usage> copy = Usage.copyOf(source);
        source.add(Usage.VERIFY);
        assertThat(copy).containsExactly(Usage.SIGN);
        assertThat(Usage.copyOf(copy)).isEqualTo(copy);
        assertThatThrownBy(() -> copy.add(Usage.MAC)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Usage.fromMask(1).add(Usage.MAC)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Usage.copyOf(Arrays.asList(Usage.SIGN, null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(Usage.fromMask(0b101)).containsExactly(Usage.ENCRYPT, Usage.SIGN);
    }

    @Test
    void parsesTypeLabelsExactlyAndInAnyCase() {
        for (ObjectType type : ObjectType.values()) {
            assertThat(ObjectType.parse(type.label())).isEqualTo(type);
            assertThat(ObjectType.parse(type.label().toLowerCase(java.util.Locale.ROOT)))
                    .isEqualTo(type);
            assertThat(ObjectType.parse(type.label().toUpperCase(java.util.Locale.ROOT)))
                    .isEqualTo(type);
        }
        assertThatThrownBy(() -> ObjectType.parse("AES-512")).isInstanceOf(SymbolonException.class);
    }
}
