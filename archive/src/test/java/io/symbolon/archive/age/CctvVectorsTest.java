package io.symbolon.archive.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.symbolon.archive.recipient.AgeIdentityFile;
import io.symbolon.archive.recipient.ScryptIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the age authors' test vectors (src/test/resources/age-cctv, see its NOTE.md): every file must
 * decrypt to exactly the outcome its {@code expect:} line names, releasing only plaintext that hashes
 * to its {@code payload:} line; valid headers, STREAM payloads and armor must also re-encode to the same
 * bytes.
 */
class CctvVectorsTest {
    private static final Map<String, AgeException.Kind> FAILURES = Map.of(
            "no match", AgeException.Kind.NO_MATCH,
            "HMAC failure", AgeException.Kind.HMAC,
            "header failure", AgeException.Kind.HEADER,
            "payload failure", AgeException.Kind.PAYLOAD,
            "armor failure", AgeException.Kind.ARMOR);

    @TestFactory
    Stream<DynamicTest> everyVectorDecryptsToItsExpectedOutcome() throws IOException, URISyntaxException {
        Path directory =
                Path.of(CctvVectorsTest.class.getResource("/age-cctv/testdata").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(Vector.read(file))));
    }

    private static void run(Vector vector) throws Exception {
        List<Identity> identities = new ArrayList<>();
        for (String identity : vector.all("identity")) {
            identities.add(AgeIdentityFile.parse(identity));
        }
        for (String passphrase : vector.all("passphrase")) {
            identities.add(new ScryptIdentity(passphrase.toCharArray()));
        }
        String expect = vector.one("expect");

        byte[] file = vector.ageFile();
        MessageDigest released = MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        AgeException.Kind outcome = null;
        try (InputStream in = vector.armored()
                        ? Armor.decode(new ByteArrayInputStream(file))
                        : new ByteArrayInputStream(file);
                Age.Decryption decryption = Age.decrypt(in, identities)) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = decryption.plaintext().read(buffer)) >= 0) {
                released.update(buffer, 0, n);
                plaintext.write(buffer, 0, n);
            }
        } catch (AgeException e) {
            outcome = e.kind();
        }
        if (expect.equals("success")) {
            assertThat(outcome).as("%s: expected success", vector.name()).isNull();
        } else {
            assertThat(FAILURES)
                    .as("%s: unknown expectation %s", vector.name(), expect)
                    .containsKey(expect);
            assertThat(outcome).as("%s: expected %s", vector.name(), expect).isEqualTo(FAILURES.get(expect));
        }
        if (vector.has("payload")) {
            assertThat(HexFormat.of().formatHex(released.digest()))
                    .as("%s: SHA-256 of all released plaintext", vector.name())
                    .isEqualTo(vector.one("payload"));
        }

        if (!expect.equals("header failure") && !expect.equals("armor failure")) {
            assertHeaderReencodes(vector);
        }
        if (expect.equals("success")) {
            assertStreamReencrypts(vector, plaintext.toByteArray());
            if (vector.armored()) {
                assertArmorReencodes(vector);
            }
        }
    }

    /** Any header that parses must re-encode to the bytes it was read from. */
    private static void assertHeaderReencodes(Vector vector) throws IOException {
        byte[] binary = vector.binaryAgeFile();
        Header header = Header.read(new ByteArrayInputStream(binary));
        byte[] original = Arrays.copyOf(binary, header.length());
        assertThat(header.encoded()).as("%s: header bytes", vector.name()).isEqualTo(original);
        assertThat(Header.assemble(header.stanzas(), header.mac()).encoded())
                .as("%s: re-encoded header", vector.name())
                .isEqualTo(original);
    }

    /** The plaintext of a valid file, encrypted again with its file key and nonce, is the same payload. */
    private static void assertStreamReencrypts(Vector vector, byte[] plaintext) throws IOException {
        byte[] binary = vector.binaryAgeFile();
        int headerLength = Header.read(new ByteArrayInputStream(binary)).length();
        byte[] payload = Arrays.copyOfRange(binary, headerLength, binary.length);
        byte[] nonce = Arrays.copyOf(payload, 16);
        ByteArrayOutputStream reencrypted = new ByteArrayOutputStream();
        try (FileKey fileKey = FileKey.of(HexFormat.of().parseHex(vector.one("file key")));
                OutputStream out = PayloadEncryptor.withNonceForTesting(reencrypted, fileKey, nonce)) {
            out.write(plaintext);
        }
        assertThat(reencrypted.toByteArray())
                .as("%s: re-encrypted payload", vector.name())
                .isEqualTo(payload);
    }

    /** Armor re-encodes identically, up to the whitespace and CRLF the specification tolerates. */
    private static void assertArmorReencodes(Vector vector) throws IOException {
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (OutputStream out = Armor.encode(armored)) {
            out.write(vector.binaryAgeFile());
        }
        String original =
                new String(vector.ageFile(), StandardCharsets.US_ASCII).strip().replace("\r\n", "\n") + "\n";
        assertThat(armored.toString(StandardCharsets.US_ASCII))
                .as("%s: armor", vector.name())
                .isEqualTo(original);
    }

    /** One vector file: "key: value" lines, an empty line, then the (possibly compressed) age file. */
    record Vector(String name, List<String[]> fields, byte[] body) {
        static Vector read(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            List<String[]> fields = new ArrayList<>();
            int start = 0;
            while (true) {
                int end = start;
                while (bytes[end] != '\n') {
                    end++;
                }
                if (end == start) {
                    byte[] body = Arrays.copyOfRange(bytes, end + 1, bytes.length);
                    return new Vector(file.getFileName().toString(), fields, body);
                }
                String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    fail("%s: malformed vector header line %s", file, line);
                }
                fields.add(new String[] {line.substring(0, colon), line.substring(colon + 2)});
                start = end + 1;
            }
        }

        List<String> all(String key) {
            return fields.stream().filter(f -> f[0].equals(key)).map(f -> f[1]).toList();
        }

        boolean has(String key) {
            return !all(key).isEmpty();
        }

        String one(String key) {
            List<String> values = all(key);
            assertThat(values).as("%s: field %s", name, key).hasSize(1);
            return values.getFirst();
        }

        boolean armored() {
            return all("armored").contains("yes");
        }

        /** The age file as stored in the vector, after zlib decompression if any; armored if armored. */
        byte[] ageFile() throws IOException {
            if (!all("compressed").contains("zlib")) {
                return body;
            }
            try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }

        /** The binary age file, armor removed. */
        byte[] binaryAgeFile() throws IOException {
            byte[] file = ageFile();
            if (!armored()) {
                return file;
            }
            try (InputStream in = Armor.decode(new ByteArrayInputStream(file))) {
                return in.readAllBytes();
            }
        }
    }
}
