package io.symbolon.archive.custodian;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.Stanza;
import io.symbolon.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One custodian's component in an age header (ARCHIVE-FORMAT.md §12.3):
 *
 * <pre>
 * -> symbolon.io/custodian SET SPLIT n N k CREATED COMMITMENT INNER-TYPE INNER-ARGUMENT…
 * INNER-BODY
 * </pre>
 *
 * {@code SET} is the set's fingerprint, {@code SPLIT} 16 random bytes shared by the N components of one
 * wrapping (unpadded base64), {@code n} the custodian's number, {@code N} the set's size, {@code k} its
 * threshold, {@code CREATED} the wrapping time, {@code COMMITMENT} the SHA-256 of the share in its
 * context (§12.3), and the rest an ordinary age stanza ({@code X25519}, {@code ssh-rsa} or {@code scrypt})
 * that wraps the 16-byte share exactly as it would wrap a file key.
 *
 * @param set the set's fingerprint, {@code SHA256:…}
 * @param split the split id, 16 bytes
 * @param number the custodian's number n
 * @param total N
 * @param threshold k
 * @param created when the components were made, whole seconds
 * @param commitment 32 bytes
 * @param inner the custodian's own stanza wrapping the share
 */
record ComponentStanza(
        String set,
        byte[] split,
        int number,
        int total,
        int threshold,
        Instant created,
        byte[] commitment,
        Stanza inner) {
    /** The stanza type: fully qualified, so that age and other implementations skip it. */
    static final String TYPE = "symbolon.io/custodian";

    static final int SPLIT_LENGTH = 16;
    static final List<String> INNER_TYPES = List.of("X25519", "ssh-rsa", "scrypt");

    private static final Pattern SET = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]?");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final byte[] COMMITMENT_LABEL =
            "symbolon.io/custodian/commitment\n".getBytes(StandardCharsets.US_ASCII);

    ComponentStanza {
        split = split.clone();
        commitment = commitment.clone();
        created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The component in {@code stanza}, or empty if it is of another type.
     *
     * @throws AgeException of kind {@code HEADER} if it is a custodian stanza that breaks a rule of §12.3
     */
    static Optional<ComponentStanza> parse(Stanza stanza) {
        if (!stanza.type().equals(TYPE)) {
            return Optional.empty();
        }
        List<String> arguments = stanza.arguments();
        if (arguments.size() < 9) {
            throw malformed("has " + arguments.size() + " arguments; it needs at least 9");
        }
        String set = arguments.get(1);
        if (!SET.matcher(set).matches() || Base64Raw.decodeOrNull(set.substring(7)) == null) {
            throw malformed("does not name its set by a SHA256: fingerprint");
        }
        byte[] split = Base64Raw.decode(arguments.get(2), "the custodian stanza's split id");
        if (split.length != SPLIT_LENGTH) {
            throw malformed("has a split id of " + split.length + " bytes instead of 16");
        }
        int number = decimal(arguments.get(3), "custodian number");
        int total = decimal(arguments.get(4), "custodian count");
        int threshold = decimal(arguments.get(5), "threshold");
        if (total < 2 || total > CustodianSet.MAX_CUSTODIANS || threshold < 2 || threshold > total || number > total) {
            throw malformed(
                    "has impossible numbers: custodian " + number + " of " + total + ", threshold " + threshold);
        }
        Instant created;
        try {
            created = Instant.parse(arguments.get(6));
        } catch (DateTimeParseException e) {
            throw malformed("has a creation time that is not yyyy-MM-ddTHH:mm:ssZ");
        }
        if (!TIME.format(created.truncatedTo(ChronoUnit.SECONDS)).equals(arguments.get(6))) {
            throw malformed("has a creation time that is not yyyy-MM-ddTHH:mm:ssZ in whole seconds");
        }
        byte[] commitment = Base64Raw.decode(arguments.get(7), "the custodian stanza's commitment");
        if (commitment.length != 32) {
            throw malformed("has a commitment of " + commitment.length + " bytes instead of 32");
        }
        if (!INNER_TYPES.contains(arguments.get(8))) {
            throw malformed("wraps its component with an unknown recipient type; expected X25519, ssh-rsa or scrypt");
        }
        Stanza inner = new Stanza(arguments.subList(8, arguments.size()), stanza.body());
        return Optional.of(new ComponentStanza(set, split, number, total, threshold, created, commitment, inner));
    }

    /** The header stanza. */
    Stanza encode() {
        List<String> arguments = new ArrayList<>(context());
        arguments.add(Base64Raw.encode(commitment));
        arguments.addAll(inner.arguments());
        return Stanza.of(TYPE, arguments, inner.body());
    }

    /** The split id as it appears in the stanza and in contributions. */
    String splitId() {
        return Base64Raw.encode(split);
    }

    /** Whether {@code share} is the share this component commits to (constant time). */
    boolean commitsTo(SecretBytes share) {
        return MessageDigest.isEqual(commitment, commitment(set, split, number, total, threshold, created, share));
    }

    /**
     * {@code SHA-256("symbolon.io/custodian/commitment" LF || SET SP SPLIT SP n SP N SP k SP CREATED LF || share)}.
     * The share is 16 uniformly random bytes to anyone with fewer than k shares, so the hash reveals
     * nothing a brute force of 2^128 would not.
     */
    static byte[] commitment(
            String set, byte[] split, int number, int total, int threshold, Instant created, SecretBytes share) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(COMMITMENT_LABEL);
            String context = String.join(
                    " ", contextOf(set, split, number, total, threshold, created.truncatedTo(ChronoUnit.SECONDS)));
            sha256.update((context + "\n").getBytes(StandardCharsets.US_ASCII));
            sha256.update(share.reveal());
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    private List<String> context() {
        return contextOf(set, split, number, total, threshold, created);
    }

    private static List<String> contextOf(
            String set, byte[] split, int number, int total, int threshold, Instant created) {
        return List.of(
                set,
                Base64Raw.encode(split),
                Integer.toString(number),
                Integer.toString(total),
                Integer.toString(threshold),
                TIME.format(created));
    }

    private static int decimal(String text, String what) {
        if (!DECIMAL.matcher(text).matches()) {
            throw malformed("has a " + what + " that is not a decimal from 1 to 99 without leading zeros");
        }
        return Integer.parseInt(text);
    }

    private static AgeException malformed(String problem) {
        return new AgeException(AgeException.Kind.HEADER, "malformed age header: a " + TYPE + " stanza " + problem);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComponentStanza that && encode().equals(that.encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return "ComponentStanza[" + set + " split " + splitId() + ", custodian " + number + " of " + total
                + ", threshold " + threshold + ", " + inner.type() + "]";
    }
}
