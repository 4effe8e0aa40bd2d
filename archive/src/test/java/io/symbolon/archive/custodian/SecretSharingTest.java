package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretSharingTest {
    private final SecureRandom random = new SecureRandom();

    /** Carry-less multiplication followed by reduction, the textbook way: the reference for Gf256. */
    private static int slowMultiply(int a, int b) {
        int product = 0;
        for (int i = 0; i < 8; i++) {
            if ((b >> i & 1) != 0) {
                product ^= a << i;
            }
        }
        for (int bit = 15; bit >= 8; bit--) {
            if ((product >> bit & 1) != 0) {
                product ^= 0x11b << (bit - 8);
            }
        }
        return product;
    }

    @Test
    void multiplicationAgreesWithTheTextbookForEveryPairOfBytes() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(Gf256.multiply(a, b)).as("%02x * %02x", a, b).isEqualTo(slowMultiply(a, b));
            }
        }
        // FIPS 197 §4.2's example.
        assertThat(Gf256.multiply(0x57, 0x83)).isEqualTo(0xc1);
    }

    @Test
    void everyNonZeroByteHasAnInverseAndZeroHasNone() {
        for (int a = 1; a < 256; a++) {
            assertThat(Gf256.multiply(a, Gf256.inverse(a))).as("%02x", a).isEqualTo(1);
        }
        assertThatThrownBy(() -> Gf256.inverse(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void everyThresholdSubsetOfSharesGivesTheSecretBackForUpToFiveCustodians() {
        for (int total = 2; total <= 5; total++) {
            for (int threshold = 2; threshold <= total; threshold++) {
                byte[] secret = new byte[16];
                random.nextBytes(secret);
                SecretSharing sharing = SecretSharing.of(threshold, total);
                List<Share> shares = sharing.split(SecretBytes.copyOf(secret), total, threshold, random);
                assertThat(shares)
                        .extracting(Share::number)
                        .containsExactly(range(total).toArray(Integer[]::new));
                for (List<Share> subset : subsets(shares, threshold)) {
                    try (SecretBytes combined = sharing.combine(subset)) {
                        assertThat(combined.reveal())
                                .as("%d of %d: %s", threshold, total, subset)
                                .isEqualTo(secret);
                    }
                }
                if (sharing instanceof SecretSharing.Shamir) {
                    // Interpolating through too few points gives some other value, not the secret.
                    for (List<Share> subset : subsets(shares, threshold - 1)) {
                        try (SecretBytes wrong = sharing.combine(subset)) {
                            assertThat(wrong.reveal()).isNotEqualTo(secret);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sixteenCustodiansWithAnyThresholdCombine() {
        Random choice = new Random(16);
        for (int threshold = 2; threshold <= 16; threshold++) {
            byte[] secret = new byte[16];
            random.nextBytes(secret);
            SecretSharing sharing = SecretSharing.of(threshold, 16);
            List<Share> shares = new ArrayList<>(sharing.split(SecretBytes.copyOf(secret), 16, threshold, random));
            java.util.Collections.shuffle(shares, choice);
            try (SecretBytes combined = sharing.combine(shares.subList(0, threshold))) {
                assertThat(combined.reveal()).isEqualTo(secret);
            }
        }
    }

    @Test
    void xorComponentsLookRandomAndAllAreNeeded() {
        byte[] secret = new byte[16];
        List<Share> shares = new SecretSharing.Xor().split(SecretBytes.copyOf(secret), 3, 3, random);
        for (Share share : shares) {
            assertThat(share.value().reveal()).isNotEqualTo(secret);
        }
        try (SecretBytes two = new SecretSharing.Xor().combine(shares.subList(0, 2))) {
            assertThat(two.reveal()).isNotEqualTo(secret);
        }
    }

    @Test
    void aShareNeverPrintsItsBytes() {
        Share share = new Share(3, SecretBytes.copyOf(new byte[] {0x41, 0x42, 0x43}));
        assertThat(share.toString()).isEqualTo("Share[custodian 3, redacted]");
    }

    private static List<Integer> range(int total) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    /** Every subset of {@code items} of size {@code size}, in lexicographic order. */
    static <T> List<List<T>> subsets(List<T> items, int size) {
        List<List<T>> result = new ArrayList<>();
        collect(items, size, 0, new ArrayList<>(), result);
        return result;
    }

    private static <T> void collect(List<T> items, int size, int from, List<T> current, List<List<T>> result) {
        if (current.size() == size) {
            result.add(List.copyOf(current));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            current.add(items.get(i));
            collect(items, size, i + 1, current, result);
            current.removeLast();
        }
    }
}
