package io.symbolon.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTest {
    @Test
    void aNodeGetsTheLaunchersStartUpCacheAndNoneOfItsOtherOptions() {
        List<String> launcher = List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-XX:AOTCache=/opt/symbolon/cli/target/symbolon.aot",
                "-Xmx1g",
                "-XX:AOTCacheOutput=/tmp/elsewhere.aot");

        assertThat(Sandbox.startupCache(launcher))
                .containsExactly("-XX:AOTCache=/opt/symbolon/cli/target/symbolon.aot");
    }

    @Test
    void aJvmWithoutACacheStartsItsNodesWithoutOne() {
        assertThat(Sandbox.startupCache(List.of("-Xmx256m", "-XX:+UseSerialGC")))
                .isEmpty();
    }
}
