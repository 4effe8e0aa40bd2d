package io.symbolon.archive;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.age.Stanza;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.custodian.CustodianSetCodec;
import io.symbolon.archive.custodian.CustodianSetRecipient;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.recipient.MlKem768X25519Recipient;
import io.symbolon.archive.recipient.ScryptRecipient;
import io.symbolon.archive.recipient.SshRsaRecipient;
import io.symbolon.archive.recipient.X25519Recipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Collection;
import java.util.Optional;

/**
 * Converts between live recipients and their recorded form (ARCHIVE-FORMAT.md §4.2). A public-key
 * recipient can be rebuilt from its record, so a re-key can wrap the file key to it again; a passphrase
 * cannot, and is recorded without a public part.
 */
public final class Recipients {
    private Recipients() {}

    /**
     * Refuses a set of recorded recipients that mixes the post-quantum kind with classic ones, as
     * {@link io.symbolon.archive.age.Age} refuses such live recipients.
     */
    public static void requireNoPostQuantumMix(Collection<RecipientDescriptor> recipients) {
        boolean any = recipients.stream().anyMatch(r -> r.kind().equals(MlKem768X25519Recipient.KIND));
        boolean all = recipients.stream().allMatch(r -> r.kind().equals(MlKem768X25519Recipient.KIND));
        if (any && !all) {
            throw new ArchiveException(ErrorCode.BAD_RECIPIENT, Age.MIXED_POST_QUANTUM);
        }
    }

    /** The record of a recipient for the metadata or the rekey log. */
    public static RecipientDescriptor describe(Recipient recipient) {
        return switch (recipient) {
            case X25519Recipient x25519 ->
                new RecipientDescriptor(x25519.kind(), x25519.fingerprint(), Optional.of(x25519.encoded()));
            case MlKem768X25519Recipient hybrid ->
                new RecipientDescriptor(hybrid.kind(), hybrid.fingerprint(), Optional.of(hybrid.encoded()));
            case SshRsaRecipient rsa ->
                new RecipientDescriptor(
                        rsa.kind(),
                        rsa.fingerprint(),
                        Optional.of(rsa.sshLine("").trim().split(" ")[1]));
            case ScryptRecipient scrypt ->
                new RecipientDescriptor(scrypt.kind(), scrypt.fingerprint(), Optional.empty());
            default -> {
                if (recipient instanceof Describable describable) {
                    yield describable.descriptor();
                }
                throw new SymbolonException(
                        ErrorCode.BAD_RECIPIENT, "recipient kind " + recipient.kind() + " cannot be recorded");
            }
        };
    }

    /**
     * Rebuilds a public-key recipient from its record; for a custodian set, a recipient that splits the
     * file key afresh to the set's public keys (every component is re-created).
     */
    public static Recipient rebuild(RecipientDescriptor descriptor) {
        String key = descriptor
                .publicKey()
                .orElseThrow(() -> new SymbolonException(
                        ErrorCode.BAD_RECIPIENT,
                        "recipient " + descriptor.fingerprint() + " (" + descriptor.kind()
                                + ") has no public key to wrap to"));
        Recipient recipient = switch (descriptor.kind()) {
            case "X25519" -> X25519Recipient.parse(key);
            case "ssh-rsa" -> SshRsaRecipient.parseSshLine("ssh-rsa " + key);
            case MlKem768X25519Recipient.KIND -> MlKem768X25519Recipient.parse(key);
            case CustodianSetCodec.KIND -> CustodianSetRecipient.of(CustodianSetCodec.fromDescriptor(descriptor));
            default ->
                throw new SymbolonException(
                        ErrorCode.BAD_RECIPIENT,
                        "recipient kind " + descriptor.kind() + " cannot be rebuilt from its record by this version");
        };
        if (!recipient.fingerprint().equals(descriptor.fingerprint())) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT,
                    "the recorded recipient " + descriptor.fingerprint() + " does not match its public key");
        }
        return recipient;
    }

    /**
     * Whether {@link #rebuild} can wrap a new file key to this recipient from its record alone: a
     * public key, or a custodian set whose custodians all have public keys (ARCHIVE-FORMAT.md §12.7).
     * Otherwise a re-key can only keep the recipient's stanzas as they are.
     */
    public static boolean rebuildable(RecipientDescriptor descriptor) {
        if (descriptor.publicKey().isEmpty()) {
            return false;
        }
        if (descriptor.kind().equals(CustodianSetCodec.KIND)) {
            CustodianSet set = CustodianSetCodec.fromDescriptor(descriptor);
            return !set.hasPassphrases();
        }
        return true;
    }

    /**
     * Whether {@code stanza} of an existing header belongs to the recipient {@code descriptor} records,
     * for keeping the stanzas of a recipient that cannot be rebuilt: by type, and for custodian sets also
     * by the set's fingerprint, so that two sets are kept or removed separately.
     */
    public static boolean owns(RecipientDescriptor descriptor, Stanza stanza) {
        if (!stanza.type().equals(descriptor.kind())) {
            return false;
        }
        return !descriptor.kind().equals(CustodianSetCodec.KIND)
                || stanza.arguments().size() > 1 && stanza.arguments().get(1).equals(descriptor.fingerprint());
    }

    /** A recipient kind defined outside this class (custodian sets) that records itself. */
    public interface Describable {
        RecipientDescriptor descriptor();
    }
}
