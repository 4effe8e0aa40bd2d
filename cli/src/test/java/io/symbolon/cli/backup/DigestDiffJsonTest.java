package io.symbolon.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.digest.DigestDiff;
import io.symbolon.cli.JsonOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestDiffJsonTest {

    @Test
    void writesTheSeedsExampleFieldForField() {
        DigestDiff diff = new DigestDiff(List.of(new DigestDiff.SectionDiff(
                "KEY",
                "Mismatch in KEY count. EP digest count : 87, Partner digest count : 88",
                List.of(new DigestDiff.EntryDiff(
                        "KEY", "Partner", "0x0063858a832dc39a59", "256AES", "part4", "1", "exists only in Partner")),
                0)));

        String json = JsonOutput.text(DigestDiffJson.of(diff)).replaceAll("\\s+", "");

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
        assertThat(JsonOutput.text(DigestDiffJson.of(diff))).doesNotContain("1234");
    }
}
