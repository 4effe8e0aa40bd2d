package io.symbolon.archive.custodian;

/**
 * Arithmetic in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1 (ARCHIVE-FORMAT.md §12.2), for
 * Shamir's scheme byte by byte. Multiplication uses no table and no branch on secret values, so its
 * timing does not depend on the shares it multiplies.
 */
final class Gf256 {
    private Gf256() {}

    /** {@code a + b}, which is also {@code a - b}. */
    static int add(int a, int b) {
        return (a ^ b) & 0xff;
    }

    /** {@code a · b}: shift-and-add over the eight bits of {@code b}, reducing by masks, not branches. */
    static int multiply(int a, int b) {
        int product = 0;
        int x = a & 0xff;
        int y = b & 0xff;
        for (int bit = 0; bit < 8; bit++) {
            product ^= -(y & 1) & x;
            int carry = -((x >> 7) & 1);
            x = ((x << 1) ^ (carry & 0x1b)) & 0xff;
            y >>= 1;
        }
        return product;
    }

    /** {@code a^-1} as {@code a^254} (Fermat), by a fixed sequence of squarings and multiplications. */
    static int inverse(int a) {
        if ((a & 0xff) == 0) {
            throw new ArithmeticException("0 has no inverse in GF(2^8)");
        }
        int result = 1;
        int power = a & 0xff;
        // 254 = 0b11111110: multiply in a^2, a^4, … a^128.
        for (int bit = 1; bit < 8; bit++) {
            power = multiply(power, power);
            result = multiply(result, power);
        }
        return result;
    }

    /** {@code a / b}. */
    static int divide(int a, int b) {
        return multiply(a, inverse(b));
    }
}
