package io.symbolon.archive.custodian;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.recipient.X25519Recipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A custodian's step of the ceremony (ARCHIVE-FORMAT.md §12.5): find their component in a verified
 * archive, unwrap it with their own key or passphrase, check it against its commitment, and seal it at
 * once to the operator's session key as a {@link Contribution}. The share exists in clear only in
 * memory, for the duration of this call.
 */
public final class CustodianUnwrap {
    private CustodianUnwrap() {}

    /**
     * Which component to unwrap and for whom.
     *
     * @param identities the custodian's own identities (age X25519 key, RSA key from a keystore, or a
     *     passphrase); each is tried on each candidate component
     * @param custodian only the component of this custodian number (saves scrypt work for passphrases)
     * @param set only components of the set with this fingerprint
     * @param session the operator's session recipient, as {@code custodian session start} printed it
     * @param time the contribution's creation time
     */
    public record Request(
            List<? extends Identity> identities,
            OptionalInt custodian,
            Optional<String> set,
            X25519Recipient session,
            Instant time) {
        public Request {
            identities = List.copyOf(identities);
        }
    }

    /**
     * The contribution of the first component of {@code archive} that one of the identities unwraps.
     *
     * @param source how the contribution will be named in messages (e.g. its file name)
     * @throws SymbolonException {@link ErrorCode#NO_MATCHING_IDENTITY} if no identity opens any candidate
     *     (the message lists the archive's custodians); {@link ErrorCode#CUSTODIAN_INVALID} if the
     *     unwrapped share does not match its commitment (the header was altered: nothing is released)
     */
    public static Contribution contribute(CustodianArchive archive, Request request, String source) {
        List<HeaderSplit> splits = HeaderSplit.of(archive.header().stanzas());
        if (splits.isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.NO_MATCHING_IDENTITY,
                    archive.label() + " has no custodian components: it is not encrypted to a custodian set");
        }
        List<String> tried = new ArrayList<>();
        for (HeaderSplit split : splits) {
            if (request.set().isPresent() && !request.set().get().equals(split.set())) {
                continue;
            }
            CustodianSet set = archive.set(split.set())
                    .orElseThrow(() -> new SymbolonException(
                            ErrorCode.CUSTODIAN_INVALID,
                            archive.label() + " has components of custodian set " + split.set()
                                    + ", which its recipients do not describe; the archive is inconsistent"));
            if (set.total() != split.total() || set.threshold() != split.threshold()) {
                throw new SymbolonException(
                        ErrorCode.CUSTODIAN_INVALID,
                        archive.label() + " has components of set " + set.label() + " that claim " + split.threshold()
                                + " of " + split.total() + "; the archive is inconsistent");
            }
            for (ComponentStanza component : split.components()) {
                if (request.custodian().isPresent() && request.custodian().getAsInt() != component.number()) {
                    continue;
                }
                tried.add(set.name() + " "
                        + set.custodian(component.number()).orElseThrow().label());
                Optional<Contribution> contribution = tryUnwrap(archive, set, component, request, source);
                if (contribution.isPresent()) {
                    return contribution.get();
                }
            }
        }
        throw new SymbolonException(
                ErrorCode.NO_MATCHING_IDENTITY,
                "none of your identities ("
                        + request.identities().stream().map(Identity::describe).collect(Collectors.joining(", "))
                        + ") opens "
                        + (tried.isEmpty()
                                ? "any component matching your choice"
                                : "the component of " + String.join(", ", tried))
                        + " in " + archive.label() + "; its custodians are: " + custodians(archive));
    }

    private static Optional<Contribution> tryUnwrap(
            CustodianArchive archive, CustodianSet set, ComponentStanza component, Request request, String source) {
        for (Identity identity : request.identities()) {
            Optional<FileKey> unwrapped = identity.unwrap(List.of(component.inner()));
            if (unwrapped.isEmpty()) {
                continue;
            }
            try (FileKey shareKey = unwrapped.get();
                    SecretBytes share = SecretBytes.copyOf(shareKey.secret().reveal())) {
                if (!component.commitsTo(share)) {
                    throw new SymbolonException(
                            ErrorCode.CUSTODIAN_INVALID,
                            "your component ("
                                    + set.custodian(component.number())
                                            .orElseThrow()
                                            .label() + " of set "
                                    + set.name() + ") in " + archive.label() + " does not match its commitment: the"
                                    + " archive's header was altered; nothing was released — report it");
                }
                return Optional.of(seal(archive.verification().metadata(), set, component, share, request, source));
            }
        }
        return Optional.empty();
    }

    private static Contribution seal(
            Metadata metadata,
            CustodianSet set,
            ComponentStanza component,
            SecretBytes share,
            Request request,
            String source) {
        Contribution unsealed = contribution(metadata, set, component, request, new byte[0], source);
        byte[] publicPart = unsealed.unsealedPart();
        byte[] plaintext = Arrays.copyOf(publicPart, publicPart.length + share.length());
        System.arraycopy(share.reveal(), 0, plaintext, publicPart.length, share.length());
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(1024);
        try (OutputStream out = Age.encrypt(sealed, List.of(request.session()))) {
            out.write(plaintext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        return contribution(metadata, set, component, request, sealed.toByteArray(), source);
    }

    private static Contribution contribution(
            Metadata metadata,
            CustodianSet set,
            ComponentStanza component,
            Request request,
            byte[] sealed,
            String source) {
        return new Contribution(
                set,
                component.splitId(),
                component.number(),
                component.total(),
                component.threshold(),
                component.created(),
                io.symbolon.archive.age.Base64Raw.encode(component.commitment()),
                metadata.archiveId(),
                metadata.name(),
                request.session().encoded(),
                request.time(),
                sealed,
                source);
    }

    private static String custodians(CustodianArchive archive) {
        return archive.sets().stream()
                .map(set -> set.name() + ": "
                        + set.custodians().stream()
                                .map(c -> c.label() + " " + c.kind() + " " + c.fingerprint())
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
