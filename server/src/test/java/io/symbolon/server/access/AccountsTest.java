package io.symbolon.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.vault.credential.Argon2idParameters;
import io.symbolon.vault.credential.PasswordHasher;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class AccountsTest {
    @Test
    void preparesTheUnknownUsersHashBeforeTheFirstLogin() {
        PasswordHasher hasher = new PasswordHasher(new Argon2idParameters(64, 1, 1), new SecureRandom());
        Clock clock = Clock.systemUTC();

        // Storage and the Partner are not touched until a login; none happens here.
        new Accounts(null, null, hasher, new LoginThrottle(clock), clock, new SecureRandom());

        assertThat(hasher.preparedForLogins())
                .as("the first login as an unknown user costs one Argon2id, as a known user's does")
                .isTrue();
    }
}
