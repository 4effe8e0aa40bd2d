package io.symbolon.archive.container;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the container strictly, one member at a time, in a single sequential pass (ARCHIVE-FORMAT.md
 * §3.3). It refuses, naming the member: an empty file, a file that is not gzip, gzip that is not tar,
 * any member that is not a regular file, a name with {@code ..} or an absolute path, an unknown,
 * duplicated, reordered or missing member, an oversized member, a truncated stream and anything after
 * the end of the archive.
 */
public final class ContainerReader implements AutoCloseable {
    private static final int MAX_TRAILING_ZEROS = 10240;

    private final Path path;
    private final java.util.function.LongConsumer progress;
    private InputStream raw;
    private InputStream gzip;
    private TarArchiveInputStream tar;
    private final EnumSet<Member> seen = EnumSet.noneOf(Member.class);
    private Member current;
    private Member last;
    private boolean atEnd;
    private long tarPosition;
    private long rawPosition;
    private long reported;

    private ContainerReader(Path path, java.util.function.LongConsumer progress) throws IOException {
        this.path = path;
        this.progress = progress;
        openAt(0);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        if (first < 0) {
            raw.close();
            throw new ArchiveException(ErrorCode.EMPTY_FILE, path + " is empty (0 bytes): not an archive");
        }
        if (first != 0x1f || second != 0x8b) {
            raw.close();
            throw new ArchiveException(
                    ErrorCode.NOT_GZIP, path + " is not a gzip file, so not a Symbolon archive (.tar.gz)");
        }
        start();
    }

    /** Opens the file at {@code offset}, counting what is read for {@code progress}. */
    private void openAt(long offset) throws IOException {
        java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(path);
        channel.position(offset);
        rawPosition = offset;
        advance();
        this.raw = new BufferedInputStream(
                new FilterInputStream(java.nio.channels.Channels.newInputStream(channel)) {
                    @Override
                    public int read(byte[] bytes, int offset, int length) throws IOException {
                        int read = in.read(bytes, offset, length);
                        if (read > 0) {
                            rawPosition += read;
                            advance();
                        }
                        return read;
                    }
                },
                256 * 1024);
    }

    /** Reports the bytes of the file passed so far, each once (a resumed reader may read some again). */
    private void advance() {
        if (rawPosition > reported) {
            progress.accept(rawPosition - reported);
            reported = rawPosition;
        }
    }

    /** Starts the gzip and tar streams on {@link #raw}, which is at the start of a gzip member. */
    private void start() throws IOException {
        this.gzip = GzipCompressorInputStream.builder()
                .setInputStream(raw)
                .setDecompressConcatenated(true)
                .get();
        this.tar = new TarArchiveInputStream(new FilterInputStream(gzip) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    tarPosition++;
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = in.read(bytes, offset, length);
                if (read > 0) {
                    tarPosition += read;
                }
                return read;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = in.skip(n);
                tarPosition += skipped;
                return skipped;
            }
        });
    }

    /**
     * Goes on reading at {@code rawOffset} of the file, the start of a gzip member where the tar stream
     * is at {@code tarOffset}, the header of the member after the current one. For a caller that read
     * and checked the current member's content, padding and gzip members in the file itself (a re-key
     * copying {@link StoredMember}s): what lies between is not read again.
     */
    public void resumeAt(long rawOffset, long tarOffset) {
        try {
            raw.close();
            openAt(rawOffset);
            start();
            tarPosition = tarOffset;
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * How many bytes of the tar stream (the gzip members' content, joined) have been read; right after
     * {@link #next(Member)}, where that member's content starts.
     */
    public long tarPosition() {
        return tarPosition;
    }

    /** Opens an archive file; fails at once when it is empty or not gzip. */
    public static ContainerReader open(Path path) {
        return open(path, bytes -> {});
    }

    /** Opens an archive file, telling {@code progress} how many bytes of it have been read. */
    public static ContainerReader open(Path path, java.util.function.LongConsumer progress) {
        try {
            return new ContainerReader(path, progress);
        } catch (NoSuchFileException e) {
            throw new ArchiveException(ErrorCode.NOT_FOUND, "no such file: " + path);
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.IO, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The next member, which must be {@code expected} or, when {@code expected} is optional, may be a
     * later member. Returns empty when an optional member is absent at this position.
     */
    public Optional<MemberStream> next(Member expected) {
        TarArchiveEntry entry;
        Member member;
        if (pushed != null) {
            entry = pushed.entry();
            member = pushed.member();
            pushed = null;
        } else {
            entry = atEnd ? null : nextEntry();
            member = entry == null ? null : identify(entry);
        }
        if (entry == null) {
            if (expected.required()) {
                throw layout("member " + expected.fileName() + " is missing (the archive ends "
                        + (last == null ? "before any member" : "after " + last.fileName()) + ")");
            }
            atEnd = true;
            return Optional.empty();
        }
        if (member != expected) {
            if (!expected.required() && member.ordinal() > expected.ordinal()) {
                pushed = new Pushed(entry, member);
                return Optional.empty();
            }
            if (seen.contains(member)) {
                throw layout("member " + member.fileName() + " appears twice");
            }
            if (member.ordinal() < expected.ordinal()) {
                throw layout("member " + member.fileName() + " comes after " + last.fileName()
                        + "; members must be in the order " + Member.layout());
            }
            throw layout(
                    "member " + expected.fileName() + " is missing (found " + member.fileName() + " in its place)");
        }
        return Optional.of(accept(entry, member));
    }

    private Pushed pushed;

    private record Pushed(TarArchiveEntry entry, Member member) {}

    private MemberStream accept(TarArchiveEntry entry, Member member) {
        seen.add(member);
        current = member;
        last = member;
        return new MemberStream(member, entry.getSize(), new Guarded(tar, member));
    }

    /** Checks that nothing follows the last member: only tar's zero blocks, then the end of the gzip stream and file. */
    public void end() {
        if (pushed != null) {
            throw layout("unexpected member " + pushed.member().fileName() + " after " + last.fileName()
                    + "; members must be in the order " + Member.layout());
        }
        if (!atEnd) {
            TarArchiveEntry entry = nextEntry();
            if (entry != null) {
                Member member = identify(entry);
                throw layout(
                        seen.contains(member)
                                ? "member " + member.fileName() + " appears twice"
                                : "unexpected member " + member.fileName() + " after " + last.fileName());
            }
        }
        current = null;
        try {
            long zeros = 0;
            int b;
            while ((b = gzip.read()) >= 0) {
                if (b != 0 || ++zeros > MAX_TRAILING_ZEROS) {
                    throw new ArchiveException(ErrorCode.MALFORMED, path + ": data after the end of the tar archive");
                }
            }
        } catch (IOException e) {
            throw translate(e, null);
        }
    }

    private TarArchiveEntry nextEntry() {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            if (last == null && !(e instanceof EOFException)) {
                throw new ArchiveException(
                        ErrorCode.NOT_TAR, path + " is gzip but does not hold a tar archive (" + e.getMessage() + ")");
            }
            throw translate(e, null);
        }
    }

    private Member identify(TarArchiveEntry entry) {
        String name = entry.getName();
        if (name.startsWith("/")
                || name.contains("..")
                || name.contains("\\")
                || name.indexOf('\0') >= 0
                || name.matches("^[A-Za-z]:.*")) {
            throw new ArchiveException(
                    ErrorCode.UNSAFE_MEMBER_NAME,
                    printable(name),
                    "member name is absolute or climbs out of its directory; refusing the archive");
        }
        if (entry.getLinkFlag() != TarConstants.LF_NORMAL && entry.getLinkFlag() != TarConstants.LF_OLDNORM) {
            throw layout("member " + printable(name) + " is not a regular file (tar type '" + (char) entry.getLinkFlag()
                    + "')");
        }
        Member member = Member.byFileName(name)
                .orElseThrow(() ->
                        layout("unexpected member " + printable(name) + "; an archive holds only " + Member.layout()));
        if (entry.getSize() > member.maxSize()) {
            throw new ArchiveException(
                    ErrorCode.MALFORMED,
                    member.fileName(),
                    "is " + entry.getSize() + " bytes, more than the " + member.maxSize() + " allowed");
        }
        if (member == Member.COUNTERSIGNATURE && !seen.contains(Member.REKEY_LOG)) {
            throw layout("member countersignature.txt requires rekey.log before it");
        }
        return member;
    }

    private ArchiveException layout(String message) {
        return new ArchiveException(ErrorCode.MEMBER_LAYOUT, path + ": " + message);
    }

    private ArchiveException translate(IOException e, Member member) {
        String where = member != null ? member.fileName() : current != null ? current.fileName() : null;
        if (e instanceof EOFException
                || String.valueOf(e.getMessage()).contains("Truncated")
                || String.valueOf(e.getMessage()).contains("Unexpected end")) {
            return new ArchiveException(ErrorCode.TRUNCATED, where, "the archive ends too early (truncated file)", e);
        }
        if (String.valueOf(e.getMessage()).contains("Garbage after")) {
            return new ArchiveException(ErrorCode.MALFORMED, where, "data after the end of the gzip stream", e);
        }
        if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("corrupt")
                || e instanceof java.util.zip.ZipException) {
            return new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    where,
                    "the compressed stream is corrupt here (" + e.getMessage() + "): the file was modified or damaged",
                    e);
        }
        return new ArchiveException(ErrorCode.MALFORMED, where, "unreadable: " + e.getMessage(), e);
    }

    private static String printable(String name) {
        String cleaned = name.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 97) + "..." : cleaned;
    }

    @Override
    public void close() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // nothing was written; closing a reader cannot lose data
        }
    }

    /** A member's bytes; read failures become {@link ArchiveException}s naming the member. */
    private final class Guarded extends FilterInputStream {
        private final Member member;

        Guarded(InputStream in, Member member) {
            super(in);
            this.member = member;
        }

        @Override
        public int read() {
            try {
                return in.read();
            } catch (IOException e) {
                throw translate(e, member);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            try {
                return in.read(bytes, offset, length);
            } catch (IOException e) {
                throw translate(e, member);
            }
        }

        @Override
        public void close() {
            // the tar stream stays open for the next member
        }
    }
}
