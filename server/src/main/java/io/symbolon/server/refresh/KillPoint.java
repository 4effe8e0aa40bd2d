package io.symbolon.server.refresh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only: ends this process with SIGKILL at one named point of a refresh, so that tests can prove the
 * refresh survives a crash there. Inert unless the environment variable {@value #VARIABLE} names the
 * point, e.g. {@code ep.seed-stored} or {@code partner.rows:25} (the 25th row re-sealed, before its
 * batch is written). The points are listed in docs/SECURITY.md, "Share refresh".
 */
public final class KillPoint {
    /** The environment variable naming the point. */
    public static final String VARIABLE = "SYMBOLON_TEST_KILL_POINT";

    private static final Logger LOG = LoggerFactory.getLogger(KillPoint.class);
    private static final String CONFIGURED = System.getenv(VARIABLE);

    private KillPoint() {}

    /** Dies here if {@code point} is the configured one. */
    public static void reach(String point) {
        if (CONFIGURED != null && CONFIGURED.equals(point)) {
            die(point);
        }
    }

    /** Dies here if the configured point is {@code side.rows:count}. */
    public static void rows(String side, long count) {
        if (CONFIGURED != null && CONFIGURED.equals(side + ".rows:" + count)) {
            die(side + ".rows:" + count);
        }
    }

    private static void die(String point) {
        LOG.warn("kill point reached point={}: SIGKILL", point);
        System.out.flush();
        System.err.flush();
        try {
            new ProcessBuilder(
                            "kill",
                            "-KILL",
                            Long.toString(ProcessHandle.current().pid()))
                    .inheritIO()
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: halting is the nearest thing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
