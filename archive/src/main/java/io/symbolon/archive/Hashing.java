package io.symbolon.archive;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over streams as they pass, with a byte count: the hashes the signature binds. */
final class Hashing {
    private Hashing() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    static String sha256Hex(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /** Hashes and counts what is written through it. */
    static final class Out extends FilterOutputStream {
        final MessageDigest digest = sha256();
        long count;
        private final boolean closeDownstream;

        Out(OutputStream out, boolean closeDownstream) {
            super(out);
            this.closeDownstream = closeDownstream;
        }

        @Override
        public void write(int b) throws IOException {
            digest.update((byte) b);
            count++;
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            digest.update(bytes, offset, length);
            count += length;
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (closeDownstream) {
                out.close();
            } else {
                out.flush();
            }
        }
    }

    /** Hashes and counts what is read through it. */
    static final class In extends FilterInputStream {
        final MessageDigest digest = sha256();
        long count;

        In(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = in.read(bytes, offset, length);
            if (read > 0) {
                digest.update(bytes, offset, read);
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Never closes the member stream underneath: the container reads on past it. */
        @Override
        public void close() {}
    }
}
