package io.symbolon.vault.object;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * An object's PKCS#11-style attributes. Times have millisecond precision (what both databases store),
 * so an object read back is equal to the one written and its fingerprint does not change.
 *
 * @param label free text, up to 255 characters (CKA_LABEL)
 * @param id the application's identifier as lowercase hex, up to 128 bytes, possibly empty (CKA_ID)
 * @param extractable whether the whole secret may be handed to an authenticated client
 * @param sensitive whether the secret must never be revealed in clear (CKA_SENSITIVE)
 * @param usages what the object may be used for
 * @param created when the object was created
 * @param activation from when it may be used, if limited
 * @param deactivation until when it may be used, if limited
 */
public record Attributes(
        String label,
        String id,
        boolean extractable,
        boolean sensitive,
        Set<Usage> usages,
        Instant created,
        Optional<Instant> activation,
        Optional<Instant> deactivation) {

    public Attributes {
        if (label == null || label.length() > 255 || VaultObject.hasControlCharacter(label)) {
            throw new SymbolonException(ErrorCode.USAGE, "a label is up to 255 characters without control characters");
        }
        if (id == null || !isLowercaseHex(id)) {
            throw new SymbolonException(ErrorCode.USAGE, "an id is up to 128 bytes written as lowercase hex");
        }
        if (usages == null || created == null || activation == null || deactivation == null) {
            throw new SymbolonException(ErrorCode.USAGE, "attributes need usages and dates (possibly empty)");
        }
        usages = Usage.copyOf(usages);
        created = created.truncatedTo(ChronoUnit.MILLIS);
        activation = activation.map(time -> time.truncatedTo(ChronoUnit.MILLIS));
        deactivation = deactivation.map(time -> time.truncatedTo(ChronoUnit.MILLIS));
        if (activation.isPresent()
                && deactivation.isPresent()
                && deactivation.get().isBefore(activation.get())) {
            throw new SymbolonException(ErrorCode.USAGE, "an object cannot be deactivated before it is activated");
        }
    }

    /** Up to 128 bytes as lowercase hex (what {@code ([0-9a-f]{2}){0,128}} matches), without a regex per object. */
    private static boolean isLowercaseHex(String id) {
        if (id.length() % 2 != 0 || id.length() > 256) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Attributes with the given label and usages, created at {@code created}, not extractable. */
    public static Attributes of(String label, Set<Usage> usages, Instant created) {
        return new Attributes(label, "", false, true, usages, created, Optional.empty(), Optional.empty());
    }

    public Attributes withExtractable(boolean value) {
        return new Attributes(label, id, value, sensitive, usages, created, activation, deactivation);
    }

    public Attributes withSensitive(boolean value) {
        return new Attributes(label, id, extractable, value, usages, created, activation, deactivation);
    }

    public Attributes withId(String value) {
        return new Attributes(label, value, extractable, sensitive, usages, created, activation, deactivation);
    }

    public Attributes withDates(Optional<Instant> from, Optional<Instant> until) {
        return new Attributes(label, id, extractable, sensitive, usages, created, from, until);
    }

    /** Whether the object may be used for {@code usage}. */
    public boolean allows(Usage usage) {
        return usages.contains(usage);
    }
}
