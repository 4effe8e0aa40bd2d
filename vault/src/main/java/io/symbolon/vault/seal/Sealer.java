package io.symbolon.vault.seal;

import io.symbolon.secret.SecretBytes;

/**
 * Protects a node's system key at rest: the data directory holds only the sealed form, and only this
 * sealer, on this machine, can open it.
 *
 * <p>Guarantees: {@link #unseal} returns exactly the bytes given to {@link #seal}, or throws a {@link
 * io.symbolon.error.SymbolonException} with {@link io.symbolon.error.ErrorCode#SEALED} — a {@link
 * SealedElsewhereException} when the sealed bytes belong to another machine, so the caller can say so.
 * Sealed bytes reveal nothing about the key. Does not guarantee protection against someone who can
 * read both the data directory and the sealer's own secret (for {@link MachineSealer}, root on the
 * machine).
 */
public interface Sealer {
    /** Seals {@code secret}; the result may be stored anywhere. */
    byte[] seal(SecretBytes secret);

    /** Opens what {@link #seal} produced; the caller closes the result. */
    SecretBytes unseal(byte[] sealed);

    /** A description for operators, without any secret: what the key is sealed to. */
    String describe();
}
