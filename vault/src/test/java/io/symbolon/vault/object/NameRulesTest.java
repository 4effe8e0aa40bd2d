package io.symbolon.vault.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.error.SymbolonException;
import io.symbolon.vault.partition.Partition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The partition-name, key-id and control-character checks are loops (every restored object passes them);
 * they must accept exactly what the patterns they replaced accept.
 */
class NameRulesTest {
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern KEY_ID = Pattern.compile("([0-9a-f]{2}){0,128}");
    private static final String ALPHABET = "aZ09_.-/ éF\t\n\u007f\u0085g";

    private static List<String> candidates(long seed) {
        Random random = new Random(seed);
        List<String> strings = new ArrayList<>(List.of("", "a", "-a", "a-", "A", "0", "_", ".", "ab", "AB"));
        strings.add("a".repeat(64));
        strings.add("a".repeat(65));
        strings.add("0f".repeat(128));
        strings.add("0f".repeat(129));
        strings.add("0F");
        strings.add("0f0");
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(i % 100 == 0 ? 300 : 6);
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            strings.add(text.toString());
        }
        return strings;
    }

    private static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (SymbolonException e) {
            return false;
        }
    }

    @Test
    void acceptsExactlyThePartitionNamesOfItsPattern() {
        for (String name : candidates(1)) {
            assertThat(accepts(() -> Partition.requireValidName(name)))
                    .as("'%s'", name)
                    .isEqualTo(PARTITION.matcher(name).matches());
        }
    }

    @Test
    void acceptsExactlyTheKeyIdsOfItsPattern() {
        for (String id : candidates(2)) {
            assertThat(accepts(() -> new Attributes(
                            "", id, false, true, Set.of(), Instant.EPOCH, Optional.empty(), Optional.empty())))
                    .as("'%s'", id)
                    .isEqualTo(KEY_ID.matcher(id).matches());
        }
        for (String id : candidates(3)) {
            String hex = id.replaceAll("[^0-9a-f]", "");
            assertThat(accepts(() -> new Attributes(
                            "", hex, false, true, Set.of(), Instant.EPOCH, Optional.empty(), Optional.empty())))
                    .as("'%s'", hex)
                    .isEqualTo(KEY_ID.matcher(hex).matches());
        }
    }

    @Test
    void findsAControlCharacterWhereverTheStreamDid() {
        for (String text : candidates(4)) {
            assertThat(VaultObject.hasControlCharacter(text))
                    .as("'%s'", text)
                    .isEqualTo(text.chars().anyMatch(Character::isISOControl));
        }
    }
}
