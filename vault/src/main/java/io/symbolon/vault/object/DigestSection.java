package io.symbolon.vault.object;

/**
 * The section of a node's digest an object is counted in; the seeds' reports say "Mismatch in KEY
 * count".
 */
public enum DigestSection {
    KEY,
    DATA,
    CERTIFICATE
}
