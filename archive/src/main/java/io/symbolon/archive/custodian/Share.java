package io.symbolon.archive.custodian;

import io.symbolon.secret.SecretBytes;
import java.util.Objects;

/**
 * One custodian's share of a file key (ARCHIVE-FORMAT.md §12.2): the custodian's number, which is also
 * the share's x-coordinate in Shamir's scheme, and 16 secret bytes. Close it to wipe the bytes.
 *
 * @param number the custodian's number, 1 to 16
 * @param value the share's bytes
 */
record Share(int number, SecretBytes value) implements AutoCloseable {

    Share {
        if (number < 1 || number > CustodianSet.MAX_CUSTODIANS) {
            throw new IllegalArgumentException("a share's number is 1 to " + CustodianSet.MAX_CUSTODIANS);
        }
        Objects.requireNonNull(value);
    }

    @Override
    public void close() {
        value.close();
    }

    @Override
    public String toString() {
        return "Share[custodian " + number + ", redacted]";
    }
}
