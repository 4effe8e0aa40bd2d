package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Stanza;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentStanzaTest {
    private final Team team = Team.of("finance", 3, 2);

    private List<Stanza> wrap() {
        try (FileKey key = FileKey.generate()) {
            return team.recipient().wrap(key);
        }
    }

    @Test
    void aWrappingHoldsOneComponentPerCustodianThatRoundTrips() {
        List<Stanza> stanzas = wrap();
        assertThat(stanzas).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Stanza stanza = stanzas.get(i);
            assertThat(stanza.type()).isEqualTo("symbolon.io/custodian");
            assertThat(stanza.arguments().get(1)).isEqualTo(team.set().fingerprint());
            assertThat(stanza.arguments().subList(3, 6)).containsExactly(Integer.toString(i + 1), "3", "2");
            assertThat(stanza.arguments().get(8)).isEqualTo("X25519");
            ComponentStanza component = ComponentStanza.parse(stanza).orElseThrow();
            assertThat(component.encode()).isEqualTo(stanza);
        }
        List<HeaderSplit> splits = HeaderSplit.of(stanzas);
        assertThat(splits).hasSize(1);
        assertThat(splits.getFirst().set()).isEqualTo(team.set().fingerprint());
    }

    @Test
    void everyWrappingHasItsOwnSplitId() {
        assertThat(wrap().getFirst().arguments().get(2))
                .isNotEqualTo(wrap().getFirst().arguments().get(2));
    }

    @Test
    void otherStanzaTypesAreNotComponents() {
        assertThat(ComponentStanza.parse(Stanza.of("X25519", List.of("abc"), new byte[32])))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "too few arguments, 8, ",
        "set is no fingerprint, 1, sha256:abc",
        "split id too short, 2, AAAA",
        "number with leading zero, 3, 01",
        "number above N, 3, 4",
        "N above 16, 4, 17",
        "threshold of 1, 5, 1",
        "threshold above N, 5, 4",
        "time not canonical, 6, 2026-11-23T03:27:16.5Z",
        "time garbage, 6, yesterday",
        "commitment short, 7, AAAA",
        "unknown inner type, 8, ssh-ed25519",
    })
    void malformedComponentsAreRefusedAsMalformedHeaders(String problem, int index, String replacement) {
        Stanza stanza = wrap().getFirst();
        List<String> arguments = new ArrayList<>(stanza.arguments());
        if (replacement == null) {
            arguments = arguments.subList(0, index);
        } else {
            arguments.set(index, replacement);
        }
        Stanza damaged = new Stanza(arguments, stanza.body());
        assertThatThrownBy(() -> ComponentStanza.parse(damaged))
                .as(problem)
                .isInstanceOf(AgeException.class)
                .hasMessageContaining("symbolon.io/custodian stanza")
                .extracting(e -> ((AgeException) e).kind())
                .isEqualTo(AgeException.Kind.HEADER);
    }

    @Test
    void componentsOfOneSplitMustAgreeAndNotRepeat() {
        List<Stanza> stanzas = wrap();
        List<Stanza> repeated = List.of(stanzas.get(0), stanzas.get(0), stanzas.get(1), stanzas.get(2));
        assertThatThrownBy(() -> HeaderSplit.of(repeated)).hasMessageContaining("two components for custodian 1");

        List<String> arguments = new ArrayList<>(stanzas.get(1).arguments());
        arguments.set(5, "3");
        List<Stanza> disagreeing =
                List.of(stanzas.get(0), new Stanza(arguments, stanzas.get(1).body()), stanzas.get(2));
        assertThatThrownBy(() -> HeaderSplit.of(disagreeing)).hasMessageContaining("disagree on N, k");
    }
}
