package io.symbolon.vault.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    /** Cheap parameters: these tests check the mechanism, not the cost. */
    private final PasswordHasher hasher = new PasswordHasher(new Argon2idParameters(64, 1, 1), new SecureRandom());

    @Test
    void acceptsTheRightPasswordAndRefusesAnyOther() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horsE".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void storesAnArgon2idPhcStringWithAFreshSalt() {
        String first = hasher.hash("pw".toCharArray());
        String second = hasher.hash("pw".toCharArray());
        assertThat(first).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void wipesThePasswordItWasGiven() {
        char[] password = "s3cret".toCharArray();
        String hash = hasher.hash(password);
        assertThat(password).containsOnly('\0');
        char[] again = "s3cret".toCharArray();
        hasher.verify(again, hash);
        assertThat(again).containsOnly('\0');
        char[] unknown = "s3cret".toCharArray();
        hasher.verifyUnknownUser(unknown);
        assertThat(unknown).containsOnly('\0');
    }

    @Test
    void verifiesHashesMadeWithOtherParametersAndSaysToRehashThem() {
        PasswordHasher stronger = new PasswordHasher(new Argon2idParameters(128, 2, 1), new SecureRandom());
        String old = hasher.hash("pw".toCharArray());
        assertThat(stronger.verify("pw".toCharArray(), old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(old)).isFalse();
    }

    @Test
    void answersNoForAnUnknownUser() {
        assertThat(hasher.verifyUnknownUser("anything".toCharArray())).isFalse();
        assertThat(hasher.preparedForLogins()).isTrue();
    }

    @Test
    void makesTheUnknownUsersHashOnlyWhenLoginsNeedIt() {
        PasswordHasher booting = new PasswordHasher(new Argon2idParameters(64, 1, 1), new SecureRandom());
        booting.hash("the new SO password".toCharArray());
        assertThat(booting.preparedForLogins())
                .as("a boot hashes one password and burns no second Argon2id for logins it never answers")
                .isFalse();

        assertThat(booting.prepareForLogins()).isSameAs(booting);
        assertThat(booting.preparedForLogins()).isTrue();
        assertThat(booting.verifyUnknownUser("anything".toCharArray())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
                "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
                "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA"
            })
    void refusesAStoredHashThatIsNotArgon2id(String stored) {
        assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), stored))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED));
    }

    @Test
    void refusesAStoredHashAskingForMoreThanAGibibyte() {
        String greedy =
                "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
        assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), greedy)).isInstanceOf(SymbolonException.class);
    }

    @Test
    void usesRfc9106ParametersByDefault() {
        assertThat(Argon2idParameters.DEFAULT).isEqualTo(new Argon2idParameters(65536, 3, 1));
    }
}
