package io.symbolon.archive.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Takes small archives apart into their members and puts arbitrary members back together as a plain
 * tar.gz, so that tests can damage one member at a time: flip a byte, swap it, drop it, repeat it,
 * rename it.
 */
public final class ArchiveSurgeon {
    private ArchiveSurgeon() {}

    /** One member: its name in the tar and its bytes. */
    public record Part(String name, byte[] bytes) {
        public Part withBytes(byte[] replacement) {
            return new Part(name, replacement);
        }

        public Part withName(String replacement) {
            return new Part(replacement, bytes);
        }

        /** A copy with the byte at {@code index} XORed with {@code mask}. */
        public Part flipped(int index, int mask) {
            byte[] copy = bytes.clone();
            copy[index] ^= (byte) mask;
            return new Part(name, copy);
        }
    }

    public static List<Part> open(Path archive) {
        List<Part> parts = new ArrayList<>();
        try (InputStream file = Files.newInputStream(archive);
                GzipCompressorInputStream gzip = GzipCompressorInputStream.builder()
                        .setInputStream(file)
                        .setDecompressConcatenated(true)
                        .get();
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                parts.add(new Part(entry.getName(), tar.readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return parts;
    }

    public static Part part(List<Part> parts, String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** The list with the member named {@code name} replaced. */
    public static List<Part> replace(List<Part> parts, Part replacement) {
        return parts.stream()
                .map(p -> p.name().equals(replacement.name()) ? replacement : p)
                .toList();
    }

    public static Path write(Path target, List<Part> parts) {
        try (OutputStream file = Files.newOutputStream(target);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Part part : parts) {
                TarArchiveEntry entry = new TarArchiveEntry(part.name(), true);
                entry.setSize(part.bytes().length);
                tar.putArchiveEntry(entry);
                tar.write(part.bytes());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return target;
    }

    /** Bytes of a tar.gz holding {@code parts}, for tests that damage the raw file. */
    public static byte[] bytes(Path archive) {
        try {
            return Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] array : arrays) {
            out.writeBytes(array);
        }
        return out.toByteArray();
    }
}
