package io.symbolon.server.joint;

import io.symbolon.server.replay.MessageStamp;

/**
 * The pair-channel messages of joint operations, EP the client and the Partner the server. Every request
 * carries a {@link MessageStamp} the Partner accepts once. Binary fields are base64.
 *
 * <pre>
 * POST /pair/v1/joint/sign/commit   SignCommit → SignCommitted   the Partner draws its nonce, commits
 * POST /pair/v1/joint/sign/reveal   SignReveal → SignRevealed    both nonces revealed; the Partner's s₂
 * POST /pair/v1/joint/derive        Derive     → Derived         the Partner's part a₂·P of an ECDH
 * </pre>
 *
 * No message carries a key share: only public nonce shares, commitments, signature shares (which the
 * one-time nonce hides) and points.
 */
public final class JointMessages {
    /** The routes' prefix under the pair channel's {@code /pair/v1}. */
    public static final String PATH = "/joint";

    private JointMessages() {}

    /**
     * EP opens a signing session: which key, at which epoch, which message, and EP's commitment to its
     * public nonce share (the message is fixed here, before any nonce is revealed).
     *
     * @param stamp the message's stamp
     * @param session the session's id, 32 hex digits, drawn by EP
     * @param uid the Ed25519 key
     * @param epoch the epoch both nodes sign at
     * @param message the message to sign
     * @param commitment EP's commitment to R₁
     */
    public record SignCommit(
            MessageStamp stamp, String session, String uid, long epoch, String message, String commitment) {}

    /** The Partner's commitment to its public nonce share R₂. */
    public record SignCommitted(String commitment) {}

    /**
     * EP reveals R₁ (which the Partner checks against EP's commitment) and sends the message again (the
     * Partner kept only its hash, and checks it).
     */
    public record SignReveal(MessageStamp stamp, String session, String nonce, String message) {}

    /** The Partner reveals R₂ and its signature share s₂ = r₂ + k·a₂ (its nonce is already gone). */
    public record SignRevealed(String nonce, String signatureShare) {}

    /**
     * EP asks for the Partner's part of an ECDH with the peer point P.
     *
     * @param stamp the message's stamp
     * @param uid the EC P-256 key
     * @param epoch the epoch both nodes derive at
     * @param peerPoint P, SEC1 uncompressed
     */
    public record Derive(MessageStamp stamp, String uid, long epoch, String peerPoint) {}

    /** The Partner's part a₂·P, SEC1 uncompressed. */
    public record Derived(String part) {}
}
