package io.symbolon.archive.custodian;

import io.symbolon.archive.Recipients;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.age.Stanza;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.recipient.ScryptRecipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A custodian set as an age recipient (ARCHIVE-FORMAT.md §12): it splits the file key into N shares
 * (XOR when all N are needed, Shamir otherwise) and wraps each share for its custodian — to their
 * public key, or under their passphrase with scrypt — in a {@code symbolon.io/custodian} stanza. The
 * stanzas sit beside those of plain recipients; the reference {@code age} program ignores them.
 *
 * <p>Guarantees: fewer than k custodians learn nothing about the file key; each component names its
 * set, split, custodian and threshold and commits to its share, so a foreign or altered component is
 * detected before it is combined. Passphrase custodians' passphrases are held until {@link #close()}.
 */
public final class CustodianSetRecipient implements Recipient, Recipients.Describable, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CustodianSet set;
    private final Map<Integer, char[]> passphrases;
    private final Clock clock;
    private boolean closed;

    private CustodianSetRecipient(CustodianSet set, Map<Integer, char[]> passphrases, Clock clock) {
        this.set = set;
        this.passphrases = passphrases;
        this.clock = clock;
    }

    /**
     * The recipient of a set whose custodians all have public keys — what an unattended backup uses.
     *
     * @throws SymbolonException {@link ErrorCode#BAD_RECIPIENT} if some custodian uses a passphrase
     */
    public static CustodianSetRecipient of(CustodianSet set) {
        return of(set, Map.of());
    }

    /**
     * The recipient of a set, with the passphrase of every passphrase custodian by number; the arrays
     * are copied (the caller wipes its own) and wiped by {@link #close()}.
     */
    public static CustodianSetRecipient of(CustodianSet set, Map<Integer, char[]> passphrases) {
        return of(set, passphrases, Clock.systemUTC());
    }

    static CustodianSetRecipient of(CustodianSet set, Map<Integer, char[]> passphrases, Clock clock) {
        Objects.requireNonNull(set);
        Map<Integer, char[]> copies = new HashMap<>();
        for (Custodian custodian : set.custodians()) {
            char[] passphrase = passphrases.get(custodian.number());
            if (custodian.usesPassphrase() && (passphrase == null || passphrase.length == 0)) {
                copies.values().forEach(copy -> Arrays.fill(copy, '\0'));
                throw new SymbolonException(
                        ErrorCode.BAD_RECIPIENT,
                        "custodian " + custodian.label() + " of set " + set.name() + " protects their component with a"
                                + " passphrase; it must be typed by them when the file key is wrapped (an unattended"
                                + " backup can use only sets whose custodians all have public keys)");
            }
            if (custodian.usesPassphrase()) {
                copies.put(custodian.number(), passphrase.clone());
            }
        }
        return new CustodianSetRecipient(set, copies, clock);
    }

    /** The set this recipient wraps to. */
    public CustodianSet set() {
        return set;
    }

    @Override
    public List<Stanza> wrap(FileKey fileKey) {
        if (closed) {
            throw new IllegalStateException("the passphrases were wiped: this recipient is closed");
        }
        byte[] split = new byte[ComponentStanza.SPLIT_LENGTH];
        RANDOM.nextBytes(split);
        Instant created = clock.instant();
        List<Share> shares = set.sharing().split(fileKey.secret(), set.total(), set.threshold(), RANDOM);
        try {
            List<Stanza> stanzas = new ArrayList<>(set.total());
            for (Custodian custodian : set.custodians()) {
                Share share = shares.get(custodian.number() - 1);
                Stanza inner = wrapShare(custodian, share);
                byte[] commitment = ComponentStanza.commitment(
                        set.fingerprint(),
                        split,
                        custodian.number(),
                        set.total(),
                        set.threshold(),
                        created,
                        share.value());
                stanzas.add(new ComponentStanza(
                                set.fingerprint(),
                                split,
                                custodian.number(),
                                set.total(),
                                set.threshold(),
                                created,
                                commitment,
                                inner)
                        .encode());
            }
            return List.copyOf(stanzas);
        } finally {
            shares.forEach(Share::close);
        }
    }

    /** The custodian's own age stanza around the share, which has a file key's length. */
    private Stanza wrapShare(Custodian custodian, Share share) {
        try (FileKey shareKey = FileKey.of(share.value().reveal())) {
            List<Stanza> wrapped;
            if (custodian.usesPassphrase()) {
                try (ScryptRecipient scrypt =
                        new ScryptRecipient(passphrases.get(custodian.number()), set.passphraseWorkFactor())) {
                    wrapped = scrypt.wrap(shareKey);
                }
            } else {
                wrapped = custodian.publicKey().orElseThrow().wrap(shareKey);
            }
            if (wrapped.size() != 1) {
                throw new IllegalStateException("a custodian's recipient made " + wrapped.size() + " stanzas");
            }
            return wrapped.getFirst();
        }
    }

    @Override
    public String fingerprint() {
        return set.fingerprint();
    }

    @Override
    public String kind() {
        return ComponentStanza.TYPE;
    }

    @Override
    public RecipientDescriptor descriptor() {
        return CustodianSetCodec.descriptor(set);
    }

    /** Wipes the passphrases. */
    @Override
    public void close() {
        passphrases.values().forEach(passphrase -> Arrays.fill(passphrase, '\0'));
        closed = true;
    }

    @Override
    public String toString() {
        return "CustodianSetRecipient[" + set.label() + "]";
    }
}
