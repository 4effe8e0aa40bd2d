package io.symbolon.cli.options;

import io.symbolon.archive.Trust;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Pins the node that must have signed an archive: by its certificate or its key's fingerprint. */
public final class SignerOptions {
    @Option(
            names = "--signer",
            paramLabel = "CERT",
            description = "The signing node's certificate (PEM or DER); the archive must be signed by its key.")
    Path certificate;

    @Option(
            names = "--signer-fingerprint",
            paramLabel = "SHA256:…",
            description = "The signing key's fingerprint, as 'archive inspect' prints it.")
    String fingerprint;

    /** The trust the options ask for; any signer when neither was given. */
    public Trust trust() {
        if (certificate != null && fingerprint != null) {
            throw new SymbolonException(ErrorCode.USAGE, "give --signer or --signer-fingerprint, not both");
        }
        if (certificate != null) {
            return SignerTrust.certificate(certificate);
        }
        return fingerprint != null ? SignerTrust.fingerprint(fingerprint) : Trust.anySigner();
    }
}
