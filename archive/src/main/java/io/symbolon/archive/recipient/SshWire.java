package io.symbolon.archive.recipient;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * The SSH wire encoding of an RSA public key (RFC 4253 §6.6): {@code string "ssh-rsa"}, {@code mpint e},
 * {@code mpint n}, each length-prefixed with a 32-bit big-endian count (RFC 4251 §5). It is what age's
 * ssh-rsa tag and Symbolon's RSA fingerprints are computed over.
 */
final class SshWire {
    static final String RSA_TYPE = "ssh-rsa";

    private SshWire() {}

    static byte[] encodeRsa(RSAPublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        writeString(out, RSA_TYPE.getBytes(StandardCharsets.US_ASCII));
        // BigInteger's two's-complement form of a positive number is exactly an SSH mpint.
        writeString(out, key.getPublicExponent().toByteArray());
        writeString(out, key.getModulus().toByteArray());
        return out.toByteArray();
    }

    /** Decodes exactly one canonical ssh-rsa public key, or throws {@link IllegalArgumentException}. */
    static RSAPublicKey decodeRsa(byte[] wire) {
        ByteBuffer in = ByteBuffer.wrap(wire);
        byte[] type = readString(in);
        if (!Arrays.equals(type, RSA_TYPE.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("the key is not an ssh-rsa key");
        }
        BigInteger exponent = readPositiveMpint(in);
        BigInteger modulus = readPositiveMpint(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("the ssh-rsa key has trailing bytes");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the ssh-rsa key is not a valid RSA key", e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static byte[] readString(ByteBuffer in) {
        if (in.remaining() < 4) {
            throw new IllegalArgumentException("the ssh-rsa key is truncated");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("the ssh-rsa key is truncated");
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static BigInteger readPositiveMpint(ByteBuffer in) {
        byte[] value = readString(in);
        boolean minimal = value.length > 0
                && (value[0] != 0 || (value.length > 1 && (value[1] & 0x80) != 0))
                && (value[0] & 0x80) == 0;
        if (!minimal) {
            throw new IllegalArgumentException("the ssh-rsa key holds a non-canonical or non-positive integer");
        }
        return new BigInteger(1, value);
    }
}
