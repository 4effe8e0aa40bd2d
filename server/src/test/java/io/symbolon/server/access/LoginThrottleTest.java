package io.symbolon.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void blocksALoginAfterFiveFailuresWithADoublingBackOff() {
        MovableClock clock = new MovableClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("so@root", "10.0.0.1");
            assertThat(throttle.blocked("so@root", "10.0.0.1")).isEmpty();
        }
        throttle.failed("so@root", "10.0.0.1");
        assertThat(throttle.blocked("so@root", "10.0.0.2")).contains(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        throttle.failed("so@root", "10.0.0.1");
        assertThat(throttle.blocked("so@root", "10.0.0.3")).contains(Duration.ofSeconds(2));
    }

    @Test
    void successClearsTheLoginButNotOtherLogins() {
        LoginThrottle throttle = new LoginThrottle(new MovableClock());
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("a@root", "10.0.0.1");
            throttle.failed("b@root", "10.0.0.2");
        }
        throttle.succeeded("a@root");
        assertThat(throttle.blocked("a@root", "10.0.0.9")).isEmpty();
        assertThat(throttle.blocked("b@root", "10.0.0.9")).isPresent();
    }

    @Test
    void blocksAnAddressThatGuessesManyLogins() {
        LoginThrottle throttle = new LoginThrottle(new MovableClock());
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
            throttle.failed("user" + i + "@root", "10.0.0.66");
        }
        assertThat(throttle.blocked("fresh@root", "10.0.0.66")).isPresent();
        assertThat(throttle.blocked("fresh@root", "10.0.0.67")).isEmpty();
    }
}
