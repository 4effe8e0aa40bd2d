package io.symbolon.bench.jmh;

import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.PayloadEncryptor;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * age STREAM encryption per 64 KiB chunk (ARCHIVE-FORMAT.md §6.1): the library's {@link PayloadEncryptor}
 * against the bare JDK cipher on the same chunk, so that any overhead of the stream is visible.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PayloadEncryptBenchmark {
    private final byte[] chunk = new byte[64 * 1024];
    private final byte[] sealed = new byte[64 * 1024 + 16];
    private final byte[] nonce = new byte[12];
    private FileKey fileKey;
    private PayloadEncryptor encryptor;
    private Cipher cipher;
    private SecretKeySpec key;
    private long counter;

    @Setup
    public void setUp() throws Exception {
        new SecureRandom().nextBytes(chunk);
        fileKey = FileKey.generate();
        encryptor = new PayloadEncryptor(OutputStream.nullOutputStream(), fileKey);
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        key = new SecretKeySpec(raw, "ChaCha20");
        cipher = Cipher.getInstance("ChaCha20-Poly1305");
    }

    @TearDown
    public void tearDown() throws IOException {
        encryptor.close();
        fileKey.close();
    }

    /** One full chunk through the library's stream (it seals the previous chunk when a new one starts). */
    @Benchmark
    public void payloadEncryptor() throws IOException {
        encryptor.write(chunk, 0, chunk.length);
    }

    /** The same chunk sealed directly with the JDK cipher: the floor. */
    @Benchmark
    public int jdkChaCha20Poly1305() throws GeneralSecurityException {
        counter++;
        for (int k = 0; k < 8; k++) {
            nonce[3 + k] = (byte) (counter >>> (56 - 8 * k));
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
        return cipher.doFinal(chunk, 0, chunk.length, sealed, 0);
    }
}
