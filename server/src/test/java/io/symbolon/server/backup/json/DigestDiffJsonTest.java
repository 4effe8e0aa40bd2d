package io.symbolon.server.backup.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.digest.DigestDiff;
import io.symbolon.server.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's digestDiff, field for field, as the REST API and {@code backup verify --json} write it. */
class DigestDiffJsonTest {
    private static String text(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSeedsExampleFieldForField() {
        DigestDiff diff = new DigestDiff(List.of(new DigestDiff.SectionDiff(
                "KEY",
                "Mismatch in KEY count. EP digest count : 87, Partner digest count : 88",
                List.of(new DigestDiff.EntryDiff(
                        "KEY", "Partner", "0x0063858a832dc39a59", "256AES", "part4", "1", "exists only in Partner")),
                0)));

        String json = text(DigestDiffJson.of(diff)).replaceAll("\\s+", "");

        assertThat(json)
                .isEqualTo(
                        "{\"diffRecords\":[{\"sectionDiff\":\"MismatchinKEYcount.EPdigestcount:87,Partnerdigestcount:88\","
                                + "\"entriesDiff\":[{\"objectType\":\"KEY\",\"digestSource\":\"Partner\","
                                + "\"uid\":\"0x0063858a832dc39a59\",\"name\":\"256AES\",\"partitionName\":\"part4\","
                                + "\"version\":\"1\",\"detail\":\"existsonlyinPartner\"}]}]}");
    }

    @Test
    void entriesBeyondTheLimitAreCountedInTheWarningsNotInTheStructure() {
        DigestDiff diff = new DigestDiff(List.of(new DigestDiff.SectionDiff("KEY", "Mismatch", List.of(), 1234)));

        assertThat(PairCheckJson.omissions(diff)).containsExactly("KEY: 1234 more differing entries are not listed");
        assertThat(text(DigestDiffJson.of(diff))).doesNotContain("1234");
    }
}
