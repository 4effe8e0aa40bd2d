package io.symbolon.archive.custodian;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Stanza;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The N components of one wrapping of a file key to a custodian set, as found in an age header
 * (ARCHIVE-FORMAT.md §12.3): they share the set, the split id, N, k and the creation time, and hold
 * exactly one component for each custodian number 1 to N.
 *
 * @param set the set's fingerprint
 * @param splitId the split id (unpadded base64)
 * @param total N
 * @param threshold k
 * @param components the components, by custodian number (index n − 1)
 */
record HeaderSplit(String set, String splitId, int total, int threshold, List<ComponentStanza> components) {

    HeaderSplit {
        components = List.copyOf(components);
    }

    /**
     * Every custodian split of a header, in the order of their first stanza.
     *
     * @throws AgeException of kind {@code HEADER} if a custodian stanza is malformed, or the components
     *     of one split disagree, repeat a number or miss one
     */
    static List<HeaderSplit> of(List<Stanza> stanzas) {
        Map<String, List<ComponentStanza>> groups = new LinkedHashMap<>();
        for (Stanza stanza : stanzas) {
            ComponentStanza.parse(stanza)
                    .ifPresent(component -> groups.computeIfAbsent(
                                    component.set() + " " + component.splitId(), key -> new ArrayList<>())
                            .add(component));
        }
        List<HeaderSplit> splits = new ArrayList<>();
        for (List<ComponentStanza> group : groups.values()) {
            splits.add(check(group));
        }
        return List.copyOf(splits);
    }

    /** Component number {@code number}. */
    ComponentStanza component(int number) {
        return components.get(number - 1);
    }

    private static HeaderSplit check(List<ComponentStanza> group) {
        ComponentStanza first = group.getFirst();
        String name = "the custodian split " + first.splitId() + " of set " + first.set();
        ComponentStanza[] byNumber = new ComponentStanza[first.total()];
        for (ComponentStanza component : group) {
            if (component.total() != first.total()
                    || component.threshold() != first.threshold()
                    || !component.created().equals(first.created())) {
                throw malformed(name + " has components that disagree on N, k or their creation time");
            }
            if (byNumber[component.number() - 1] != null) {
                throw malformed(name + " has two components for custodian " + component.number());
            }
            byNumber[component.number() - 1] = component;
        }
        for (int i = 0; i < byNumber.length; i++) {
            if (byNumber[i] == null) {
                throw malformed(name + " lacks the component of custodian " + (i + 1) + " of " + first.total()
                        + "; every wrapping to a set holds all N components");
            }
        }
        return new HeaderSplit(first.set(), first.splitId(), first.total(), first.threshold(), Arrays.asList(byNumber));
    }

    private static AgeException malformed(String problem) {
        return new AgeException(AgeException.Kind.HEADER, "malformed age header: " + problem);
    }
}
