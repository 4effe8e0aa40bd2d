package io.symbolon.archive.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The textual header of an age file (age.md, "Header"): the version line, one or more recipient
 * stanzas and the MAC line. {@link #read} accepts only the canonical encoding the ABNF describes, so a
 * parsed header re-encodes to exactly the bytes that were read.
 */
public final class Header {
    static final String VERSION_LINE = "age-encryption.org/v1";
    static final String MAC_PREFIX = "---";
    static final int MAC_LENGTH = 32;
    /** Body bytes per full 64-column line. */
    static final int BYTES_PER_LINE = 48;

    private final List<Stanza> stanzas;
    private final byte[] mac;
    private final byte[] encoded;

    private Header(List<Stanza> stanzas, byte[] mac, byte[] encoded) {
        this.stanzas = stanzas;
        this.mac = mac;
        this.encoded = encoded;
    }

    /**
     * Reads a header, consuming exactly its bytes (through the line feed of the MAC line) and no more,
     * so the payload can be read from {@code in} next. It reads byte by byte: give it a buffered stream.
     *
     * @throws AgeException of kind {@code HEADER} if the header is not a canonical age v1 header
     */
    public static Header read(InputStream in) throws IOException {
        return HeaderReader.read(in);
    }

    /** Encodes a header for {@code stanzas} and authenticates it with {@code key}. */
    public static Header create(List<Stanza> stanzas, FileKey key) {
        List<Stanza> copy = List.copyOf(stanzas);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("an age header has at least one recipient stanza");
        }
        byte[] unauthenticated = encodeUpToMac(copy);
        byte[] mac = KeySchedule.headerMac(key, unauthenticated, unauthenticated.length);
        return assemble(copy, mac);
    }

    /** A header of {@code stanzas} with a given MAC, unverified; for parsing and re-encoding. */
    static Header assemble(List<Stanza> stanzas, byte[] mac) {
        if (mac.length != MAC_LENGTH) {
            throw new IllegalArgumentException("an age header MAC has " + MAC_LENGTH + " bytes");
        }
        byte[] upToMac = encodeUpToMac(stanzas);
        byte[] macLine = (" " + Base64Raw.encode(mac) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] encoded = new byte[upToMac.length + macLine.length];
        System.arraycopy(upToMac, 0, encoded, 0, upToMac.length);
        System.arraycopy(macLine, 0, encoded, upToMac.length, macLine.length);
        return new Header(List.copyOf(stanzas), mac.clone(), encoded);
    }

    public List<Stanza> stanzas() {
        return stanzas;
    }

    /** A copy of the 32-byte header MAC. */
    public byte[] mac() {
        return mac.clone();
    }

    /** A copy of the exact header bytes, from the version line through the MAC line's line feed. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The number of header bytes; the payload starts at this offset of the file. */
    public int length() {
        return encoded.length;
    }

    /**
     * Checks the header MAC under {@code key}, in constant time.
     *
     * @throws AgeException of kind {@code HMAC} if the header was not made with this file key or was
     *     modified
     */
    public void verifyMac(FileKey key) {
        // The MAC covers everything up to and including "---", not the space and MAC after it.
        int covered = encoded.length - (1 + Base64Raw.encode(mac).length() + 1);
        byte[] expected = KeySchedule.headerMac(key, encoded, covered);
        if (!MessageDigest.isEqual(expected, mac)) {
            throw new AgeException(
                    AgeException.Kind.HMAC,
                    "the age header MAC does not verify: the header was modified after it was written");
        }
    }

    /** The header's bytes up to and including the {@code ---} of the MAC line. */
    static byte[] encodeUpToMac(List<Stanza> stanzas) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes((VERSION_LINE + "\n").getBytes(StandardCharsets.US_ASCII));
        for (Stanza stanza : stanzas) {
            out.writeBytes(("-> " + String.join(" ", stanza.arguments()) + "\n").getBytes(StandardCharsets.US_ASCII));
            String body = Base64Raw.encode(stanza.body());
            // Full 64-column lines, then a final shorter line, which is empty if the body fills the last.
            int start = 0;
            while (body.length() - start >= 64) {
                out.writeBytes((body.substring(start, start + 64) + "\n").getBytes(StandardCharsets.US_ASCII));
                start += 64;
            }
            out.writeBytes((body.substring(start) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(MAC_PREFIX.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Header[" + stanzas.size() + " stanzas: "
                + stanzas.stream().map(Stanza::type).toList() + "]";
    }
}
