package io.symbolon.archive.recipient;

import io.symbolon.archive.age.Base64Raw;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The {@code ssh-rsa} stanza of the age reference implementation (its {@code agessh} package):
 *
 * <pre>
 * -> ssh-rsa base64(SHA-256(ssh wire encoding of the public key)[:4])
 * body = RSAES-OAEP(SHA-256, MGF1-SHA-256, label = "age-encryption.org/v1/ssh-rsa", file key)
 * </pre>
 *
 * The tag lets an identity skip stanzas for other keys; it is not a secret and not a commitment.
 */
final class SshRsa {
    static final String STANZA_TYPE = "ssh-rsa";

    private static final byte[] LABEL = "age-encryption.org/v1/ssh-rsa".getBytes(StandardCharsets.US_ASCII);
    private static final OAEPParameterSpec OAEP =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(LABEL));

    private SshRsa() {}

    /** The stanza's second argument for a key with this SSH wire encoding. */
    static String tag(byte[] wire) {
        return Base64Raw.encode(Arrays.copyOf(Fingerprints.sha256(wire), 4));
    }

    static Cipher oaep(int mode, Key key) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(mode, key, OAEP);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP with SHA-256 is unavailable in this JDK", e);
        }
    }
}
