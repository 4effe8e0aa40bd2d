package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.Bech32;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlKem768X25519Test {
    /** The example key pair of age.md, "The MLKEM768-X25519 (i.e. X-Wing) hybrid post-quantum recipient type". */
    static final String SPEC_IDENTITY = "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR";

    static final String SPEC_RECIPIENT =
            "age1pq1x34nzsvr0rxjsgdn8zgyhfe8j7ceq5r9rdelkjuh3y235jzxshfg87pzf5zrqtzdxz95paef6caq5aapdmwjjqpjf"
                    + "dyxnzr2zampc3uxy0dg4z2n2gm9su72p0pc3u0jvev55l694v78snxg3yzvcl7yda0eyytqj6a0ec477lnhcy5hzpz4zq3px"
                    + "anve4cn62gqj3pjy5lqj9c6kyj4v2z8alktn8zh99970x79gjkv7522hv9kfz35zsnxhsx8wwtmu9cy3ftzjgwcp4sshn3ll"
                    + "nylnpdsyz5jm72vefv4x5vfwytrefxg4wq3mv42wcrvkj742479zrxzpvp2p3e9fed9f0739vcu80r7ma28qfhnvlv4gfzel"
                    + "9q654dj3zmuvvz893azhxdvs9fxd0r7jzchzcfcs5mkyyjxhw0n2z6dvp9yn9qfdp29h0azxqyjw6v7fhyuzj7zel0uq6j9r"
                    + "d7wgrpz7mf5dnj43jwsgvrc8qcnhy7tu6dkdujuxzkp9xj43xe8h92ktre2a3u3s8mm5mrp9nr9pwkgtz4mdlq9hgn4fps4k"
                    + "57ff6wddn2fy23t47sm20r8km8sd2pcyyafnet8f0dajsrlyjeah4n3mssr6aseevuuskdvq5lzguyvpgwpta742c6698vgu"
                    + "tzqgny8usfg0w2he7kq5vyxjd0f9hqg8xk26y9e4th0gezq92q4cpp5p2y9hf5f2cje5l0c3sa3a2qxmm38pxxvhxh99yzmf"
                    + "z0zk7r2s64nnwjhkfgfr3gf8xnmppcgmaykvh5sh6g7vk9790rf8ws0axmr2t7z8aae5fq2029uvcn2ghgt4fu4wgwdc0k0c"
                    + "z52qkvwmuzj8p8k5jgf3xzk5zmrkavjekjrpeq408xz3zxazwkc6tyfmhayrkfpjhwtz5mp8j8guqe43k2q6m2kte03vrw27"
                    + "y3wmqyu5etmt9dnkwcnnpmu9gz9dekfhdevf42ucshphnrk38ra6hx8w5f8q5ru0xdhrjxmwqf6cused7zc5xvq43r0zscjg"
                    + "lpwlptpwydhqw64xz7ptjdyeyzpq2zkxtmzg29gzjpvzva4d3l0cenn9xs297wf4y4ukwrunf57xj6pm7nvrkwvtrt8hwcmg"
                    + "v8x7ajw7258ugf9wvkmk4052ekg87tw5vnx8nq2swyzv77v8yqlwsenvamr0zssknwts8rrhfuwj7ykysnq9jxy0uv3kuyt2"
                    + "2djszjdtvpz6d0s0kwh8ryynddzud92emeyvvyqktd0jtj7rvvg5gch25v8smlvny3kvn5gagyz475ze2y6q466xqmz2n3hs"
                    + "77lddeqyta2nch5k2u5yacuk9ywnwfdzvyejnucz724hj77hrrmakm7pr3kxsrxq22ejexlud9fy2kdqmkg5yncz7jm5wv2q"
                    + "jk5w5kvcpqsry2yqffh2la52dxfjkjq5rzhjzeyn6dupn0qwtyv7s4lwg3xdarsdlwe2y3tujy480y7z39q259fzx6jhd2j0"
                    + "f5hagqpcpees7hzc2yrk5cy788uk3s7qvp5cpepx24gvws3m2g433exgwppnkjscec8qu4y9z9r7vccexjcjaen42245lmgm"
                    + "xmuavg9alej92322gvvyy2t6267v09ch64y0m53jff0vjj96s0ypk60hr3jw4myd6m5hpn3xjstx7tl2szhpr5qe8jj08ydj"
                    + "c4wy2rch2fhuy3pdfjax5awe9j99ly5hkntzz9fe5zatgjvzdd0kgtxs25njnajyf6ssekp7gelxquusn4pt25czh3scj68k"
                    + "q79wdn5tgm6yvm9nzavrg043x3msnygf8dweknw5jmqd0uvny6ttsn09508k0c55zfnegrm9efhxpfqdkmhh6gjtqmwze9py"
                    + "yzk3tlhl53k2ykx3qheyty7saeq0d3fzv49zc0k";

    @Test
    void derivesTheSpecificationsExampleRecipient() {
        try (MlKem768X25519Identity identity = MlKem768X25519Identity.parse(SPEC_IDENTITY)) {
            assertThat(identity.recipient().encoded()).isEqualTo(SPEC_RECIPIENT);
            assertThat(identity.encoded()).isEqualTo(SPEC_IDENTITY);
            assertThat(MlKem768X25519Recipient.parse(SPEC_RECIPIENT)).isEqualTo(identity.recipient());
        }
    }

    @Test
    void fingerprintIsSha256OfTheRawPublicKey() throws Exception {
        MlKem768X25519Recipient recipient = MlKem768X25519Recipient.parse(SPEC_RECIPIENT);
        assertThat(recipient.publicKey()).hasSize(1216);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(recipient.publicKey());
        assertThat(recipient.fingerprint())
                .isEqualTo("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        assertThat(recipient.kind()).isEqualTo("mlkem768x25519");
        assertThat(recipient.postQuantum()).isTrue();
        assertThat(recipient.toString()).isEqualTo("MlKem768X25519Recipient[" + recipient.fingerprint() + "]");
    }

    @Test
    void wrapsAFreshEncapsulationEveryTimeAndUnwrapsIt() {
        MlKem768X25519Identity identity = MlKem768X25519Identity.generate();
        try (FileKey fileKey = FileKey.generate()) {
            List<Stanza> first = identity.recipient().wrap(fileKey);
            List<Stanza> second = identity.recipient().wrap(fileKey);
            assertThat(first).hasSize(1);
            assertThat(first.getFirst().arguments()).hasSize(2).first().isEqualTo("mlkem768x25519");
            assertThat(Base64Raw.decode(first.getFirst().arguments().get(1), "enc"))
                    .hasSize(1120);
            assertThat(first.getFirst().arguments().get(1))
                    .isNotEqualTo(second.getFirst().arguments().get(1));
            assertThat(first.getFirst().bodyLength()).isEqualTo(32);
            try (FileKey unwrapped = identity.unwrap(first).orElseThrow()) {
                assertThat(unwrapped.secret().sameAs(fileKey.secret())).isTrue();
            }
            assertThat(MlKem768X25519Identity.generate().unwrap(first)).isEmpty();
            assertThat(X25519Identity.generate().unwrap(first)).isEmpty();
        }
    }

    @Test
    void aWholeAgeFileRoundTripsThroughTheRecipientAndIdentity() throws Exception {
        byte[] plaintext = "a backup that must outlive a quantum computer".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (MlKem768X25519Identity identity = MlKem768X25519Identity.parse(SPEC_IDENTITY)) {
            try (OutputStream out = Age.encrypt(file, List.of(identity.recipient()))) {
                out.write(plaintext);
            }
            try (Age.Decryption decryption =
                    Age.decrypt(new ByteArrayInputStream(file.toByteArray()), List.of(identity))) {
                assertThat(decryption.plaintext().readAllBytes()).isEqualTo(plaintext);
            }
        }
    }

    @Test
    void refusesMalformedStanzasAddressedToIt() {
        MlKem768X25519Identity identity = MlKem768X25519Identity.generate();
        try (FileKey fileKey = FileKey.generate()) {
            Stanza good = identity.recipient().wrap(fileKey).getFirst();
            String enc = good.arguments().get(1);
            byte[] encBytes = Base64Raw.decode(enc, "enc");
            byte[] lowOrder = encBytes.clone();
            Arrays.fill(lowOrder, 1088, 1120, (byte) 0);
            List<Stanza> malformed = List.of(
                    new Stanza(List.of("mlkem768x25519"), good.body()),
                    new Stanza(List.of("mlkem768x25519", enc, "extra"), good.body()),
                    new Stanza(List.of("mlkem768x25519", enc + "A"), good.body()),
                    new Stanza(List.of("mlkem768x25519", Base64Raw.encode(Arrays.copyOf(encBytes, 1119))), good.body()),
                    new Stanza(List.of("mlkem768x25519", enc), new byte[33]),
                    new Stanza(List.of("mlkem768x25519", enc), new byte[16]),
                    new Stanza(List.of("mlkem768x25519", Base64Raw.encode(lowOrder)), good.body()));
            for (Stanza stanza : malformed) {
                assertThatThrownBy(() -> identity.unwrap(List.of(stanza)))
                        .as(stanza.toString())
                        .isInstanceOfSatisfying(
                                AgeException.class, e -> assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER));
            }
            assertThat(identity.unwrap(List.of(new Stanza(List.of("MLKEM768X25519", enc), good.body()))))
                    .isEmpty();
            byte[] otherBody = good.body();
            otherBody[0] ^= 1;
            assertThat(identity.unwrap(List.of(new Stanza(List.of("mlkem768x25519", enc), otherBody))))
                    .isEmpty();
        }
    }

    @Test
    void refusesRecipientsWhoseKeysAreNotValid() {
        byte[] key = MlKem768X25519Recipient.parse(SPEC_RECIPIENT).publicKey();
        byte[] badModulus = key.clone();
        badModulus[0] = (byte) 0xff;
        badModulus[1] = (byte) (badModulus[1] | 0x0f);
        byte[] lowOrder = key.clone();
        Arrays.fill(lowOrder, 1184, 1216, (byte) 0);
        for (String bad : List.of(
                Bech32.encode("age1pq", badModulus),
                Bech32.encode("age1pq", lowOrder),
                Bech32.encode("age1pq", Arrays.copyOf(key, 1215)),
                Bech32.encode("age", key),
                SPEC_RECIPIENT.substring(0, SPEC_RECIPIENT.length() - 1) + "q",
                SPEC_IDENTITY)) {
            assertThatThrownBy(() -> MlKem768X25519Recipient.parse(bad))
                    .as(bad.substring(0, 20))
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT));
        }
    }

    @Test
    void parseErrorsNeverRepeatTheSecret() {
        String damaged = SPEC_IDENTITY.substring(0, SPEC_IDENTITY.length() - 1) + "Y";
        for (String bad : List.of(damaged, SPEC_IDENTITY.toLowerCase(), X25519Test.SPEC_IDENTITY)) {
            assertThatThrownBy(() -> MlKem768X25519Identity.parse(bad))
                    .isInstanceOfSatisfying(SymbolonException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED);
                        assertThat(e.getMessage()).doesNotContain(bad.substring(20, 44));
                    });
        }
        try (MlKem768X25519Identity identity = MlKem768X25519Identity.parse(SPEC_IDENTITY)) {
            assertThat(identity.toString()).doesNotContain("XX76JRAL").contains("SHA256:");
            assertThat(identity.describe()).startsWith("mlkem768x25519 SHA256:").doesNotContain("XX76JRAL");
        }
    }

    @Test
    void aClosedIdentityNoLongerHoldsItsSeed() {
        MlKem768X25519Identity identity = MlKem768X25519Identity.generate();
        identity.close();
        assertThatThrownBy(identity::encoded).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileCannotMixPostQuantumAndClassicRecipients() {
        MlKem768X25519Recipient hybrid = MlKem768X25519Identity.generate().recipient();
        X25519Recipient classic = X25519Identity.generate().recipient();
        try (FileKey fileKey = FileKey.generate()) {
            assertThatThrownBy(() -> Age.header(fileKey, List.of(hybrid, classic)))
                    .isInstanceOfSatisfying(SymbolonException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_RECIPIENT);
                        assertThat(e.getMessage()).contains("post-quantum").contains("classic");
                    });
            MlKem768X25519Recipient another = MlKem768X25519Identity.generate().recipient();
            assertThat(Age.header(fileKey, List.of(hybrid, another)).stanzas()).hasSize(2);
        }
    }
}
