package io.symbolon.vault.seal;

import java.security.GeneralSecurityException;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;

/** HKDF-SHA256 (RFC 5869) through the JDK's {@link KDF}, with an empty salt. */
final class Hkdf {
    private Hkdf() {}

    /** {@code length} bytes of HKDF-SHA256(ikm, salt = "", info); the caller wipes them. */
    static byte[] derive(byte[] ikm, byte[] info, int length) {
        try {
            return KDF.getInstance("HKDF-SHA256")
                    .deriveData(HKDFParameterSpec.ofExtract().addIKM(ikm).thenExpand(info, length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HKDF-SHA256", e);
        }
    }
}
