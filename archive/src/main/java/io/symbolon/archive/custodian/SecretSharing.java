package io.symbolon.archive.custodian;

import io.symbolon.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two ways a custodian set splits a file key (ARCHIVE-FORMAT.md §12.2): all-of-N by XOR, as in
 * seeds 001 and 004, and k-of-N by Shamir's scheme over GF(2^8), byte by byte.
 *
 * <p>Guarantees: any {@code threshold} shares of one split give back the secret; fewer reveal nothing
 * about it (each byte of the secret is uniformly distributed given them). Not guaranteed: that a share
 * is genuine — the commitments of §12.3 check that.
 */
sealed interface SecretSharing permits SecretSharing.Xor, SecretSharing.Shamir {

    /** XOR when every custodian is needed, Shamir otherwise. */
    static SecretSharing of(int threshold, int total) {
        return threshold == total ? new Xor() : new Shamir();
    }

    /** Splits {@code secret} into shares numbered 1 to {@code total}; the caller closes them. */
    List<Share> split(SecretBytes secret, int total, int threshold, SecureRandom random);

    /**
     * The secret from exactly {@code threshold} shares of distinct numbers (for XOR: all of them); the
     * caller closes it.
     */
    SecretBytes combine(List<Share> shares);

    /** The scheme's name in messages and the specification: {@code all-of-N (XOR)} or {@code k-of-N (Shamir)}. */
    String describe();

    /** c_1 … c_(N-1) random, c_N = secret ⊕ c_1 ⊕ … ⊕ c_(N-1). */
    record Xor() implements SecretSharing {
        @Override
        public List<Share> split(SecretBytes secret, int total, int threshold, SecureRandom random) {
            byte[] last = secret.copy();
            List<Share> shares = new ArrayList<>(total);
            for (int number = 1; number < total; number++) {
                byte[] component = new byte[last.length];
                random.nextBytes(component);
                for (int i = 0; i < last.length; i++) {
                    last[i] ^= component[i];
                }
                shares.add(new Share(number, SecretBytes.adopt(component)));
            }
            shares.add(new Share(total, SecretBytes.adopt(last)));
            return List.copyOf(shares);
        }

        @Override
        public SecretBytes combine(List<Share> shares) {
            byte[] secret = new byte[shares.getFirst().value().length()];
            for (Share share : shares) {
                byte[] component = share.value().reveal();
                for (int i = 0; i < secret.length; i++) {
                    secret[i] ^= component[i];
                }
            }
            return SecretBytes.adopt(secret);
        }

        @Override
        public String describe() {
            return "all-of-N (XOR)";
        }
    }

    /**
     * For each byte s of the secret, a polynomial f(x) = s + a_1 x + … + a_(k-1) x^(k-1) with random
     * a_i; share number i holds f(i). Combining interpolates f(0) with Lagrange's formula.
     */
    record Shamir() implements SecretSharing {
        @Override
        public List<Share> split(SecretBytes secret, int total, int threshold, SecureRandom random) {
            byte[] bytes = secret.reveal();
            byte[] coefficients = new byte[threshold - 1];
            byte[][] values = new byte[total][bytes.length];
            try {
                for (int position = 0; position < bytes.length; position++) {
                    random.nextBytes(coefficients);
                    for (int x = 1; x <= total; x++) {
                        // Horner's rule from the highest coefficient down to the secret byte.
                        int y = 0;
                        for (int c = coefficients.length - 1; c >= 0; c--) {
                            y = Gf256.add(Gf256.multiply(y, x), coefficients[c]);
                        }
                        y = Gf256.add(Gf256.multiply(y, x), bytes[position]);
                        values[x - 1][position] = (byte) y;
                    }
                }
            } finally {
                Arrays.fill(coefficients, (byte) 0);
            }
            List<Share> shares = new ArrayList<>(total);
            for (int x = 1; x <= total; x++) {
                shares.add(new Share(x, SecretBytes.adopt(values[x - 1])));
            }
            return List.copyOf(shares);
        }

        @Override
        public SecretBytes combine(List<Share> shares) {
            int length = shares.getFirst().value().length();
            byte[] secret = new byte[length];
            for (Share share : shares) {
                int basis = lagrangeAtZero(share.number(), shares);
                byte[] y = share.value().reveal();
                for (int i = 0; i < length; i++) {
                    secret[i] = (byte) Gf256.add(secret[i], Gf256.multiply(y[i], basis));
                }
            }
            return SecretBytes.adopt(secret);
        }

        /** l_i(0) = Π over j ≠ i of x_j / (x_j - x_i); public, since the x are custodian numbers. */
        private static int lagrangeAtZero(int xi, List<Share> shares) {
            int numerator = 1;
            int denominator = 1;
            for (Share other : shares) {
                int xj = other.number();
                if (xj != xi) {
                    numerator = Gf256.multiply(numerator, xj);
                    denominator = Gf256.multiply(denominator, Gf256.add(xj, xi));
                }
            }
            return Gf256.divide(numerator, denominator);
        }

        @Override
        public String describe() {
            return "k-of-N (Shamir over GF(2^8))";
        }
    }
}
