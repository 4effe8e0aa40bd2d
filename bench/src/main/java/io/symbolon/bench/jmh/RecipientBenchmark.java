package io.symbolon.bench.jmh;

import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Stanza;
import io.symbolon.archive.recipient.MlKem768X25519Identity;
import io.symbolon.archive.recipient.MlKem768X25519Recipient;
import io.symbolon.archive.recipient.SshRsaIdentity;
import io.symbolon.archive.recipient.SshRsaRecipient;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.recipient.X25519Recipient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * Wrapping and unwrapping one archive's file key for each public-key recipient kind (ARCHIVE-FORMAT.md
 * §6.1): the hybrid post-quantum {@code mlkem768x25519} against X25519 and 3072-bit {@code ssh-rsa}, in
 * the same run. An archive pays this once per recipient, on writing, re-keying and opening.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecipientBenchmark {
    private FileKey fileKey;
    private MlKem768X25519Identity hybrid;
    private MlKem768X25519Recipient hybridRecipient;
    private List<Stanza> hybridStanzas;
    private X25519Identity x25519;
    private X25519Recipient x25519Recipient;
    private List<Stanza> x25519Stanzas;
    private SshRsaIdentity rsa;
    private SshRsaRecipient rsaRecipient;
    private List<Stanza> rsaStanzas;

    @Setup
    public void setUp() throws Exception {
        fileKey = FileKey.generate();
        hybrid = MlKem768X25519Identity.generate();
        hybridRecipient = hybrid.recipient();
        hybridStanzas = hybridRecipient.wrap(fileKey);
        x25519 = X25519Identity.generate();
        x25519Recipient = x25519.recipient();
        x25519Stanzas = x25519Recipient.wrap(fileKey);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair pair = generator.generateKeyPair();
        rsa = new SshRsaIdentity((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        rsaRecipient = SshRsaRecipient.of((RSAPublicKey) pair.getPublic());
        rsaStanzas = rsaRecipient.wrap(fileKey);
    }

    @TearDown
    public void tearDown() {
        hybrid.close();
        x25519.close();
        fileKey.close();
    }

    @Benchmark
    public List<Stanza> wrapMlKem768X25519() {
        return hybridRecipient.wrap(fileKey);
    }

    @Benchmark
    public Optional<FileKey> unwrapMlKem768X25519() {
        return hybrid.unwrap(hybridStanzas);
    }

    @Benchmark
    public List<Stanza> wrapX25519() {
        return x25519Recipient.wrap(fileKey);
    }

    @Benchmark
    public Optional<FileKey> unwrapX25519() {
        return x25519.unwrap(x25519Stanzas);
    }

    @Benchmark
    public List<Stanza> wrapSshRsa3072() {
        return rsaRecipient.wrap(fileKey);
    }

    @Benchmark
    public Optional<FileKey> unwrapSshRsa3072() {
        return rsa.unwrap(rsaStanzas);
    }
}
