package org.sipwitch.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static Parameters of(String... pairs) {
        Parameters.Builder b = new Parameters.Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.put(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }

    @Test
    void keepsTheOrderOfArrivalAndLooksUpByName() {
        Parameters p = of("branch", "z9hG4bK1", "rport", "", "received", "192.0.2.1");
        assertThat(p.keySet()).containsExactly("branch", "rport", "received");
        assertThat(p.get("rport")).isEmpty();
        assertThat(p.get("ttl")).isNull();
        assertThat(p.containsKey("received")).isTrue();
        assertThat(p.containsKey("maddr")).isFalse();
        assertThat(p).hasSize(3);
    }

    @Test
    void aRepeatedNameReplacesTheValueInItsFirstPlaceAsLinkedHashMapDid() {
        Parameters p = of("a", "1", "b", "2", "a", "3");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "1");
        expected.put("b", "2");
        expected.put("a", "3");
        assertThat(p).containsExactlyEntriesOf(expected);
    }

    @Test
    void growsPastItsFirstGuess() {
        Parameters.Builder b = new Parameters.Builder(1);
        for (int i = 0; i < 9; i++) {
            b.put("p" + i, Integer.toString(i));
        }
        Parameters p = b.build();
        assertThat(p).hasSize(9);
        assertThat(p.get("p8")).isEqualTo("8");
        assertThat(p.keySet()).startsWith("p0", "p1").endsWith("p8");
    }

    @Test
    void withReplacesInPlaceOrAppendsAndLeavesTheOriginalAlone() {
        Parameters p = of("branch", "z9hG4bK1", "rport", "");
        Parameters stamped = p.with("rport", "5060").with("received", "192.0.2.1");
        assertThat(stamped.keySet()).containsExactly("branch", "rport", "received");
        assertThat(stamped.get("rport")).isEqualTo("5060");
        assertThat(p.get("rport")).isEmpty();
        assertThat(p).hasSize(2);
    }

    @Test
    void withoutRemovesOneAndKeepsTheRestInOrder() {
        Parameters p = of("a", "1", "b", "2", "c", "3");
        assertThat(p.without("b").keySet()).containsExactly("a", "c");
        assertThat(p.without("a").keySet()).containsExactly("b", "c");
        assertThat(p.without("c").keySet()).containsExactly("a", "b");
        assertThat(p.without("x")).isSameAs(p);
        assertThat(of("a", "1").without("a")).isSameAs(Parameters.NONE);
    }

    @Test
    void isAMapLikeAnyOtherForEqualityHashingAndPrinting() {
        Map<String, String> same = new LinkedHashMap<>();
        same.put("tag", "1");
        same.put("lr", "");
        Parameters p = of("tag", "1", "lr", "");
        assertThat(p).isEqualTo(same);
        assertThat(same).isEqualTo(p);
        assertThat(p.hashCode()).isEqualTo(same.hashCode());
        assertThat(p.toString()).isEqualTo(same.toString());
        assertThat(Parameters.NONE).isEqualTo(Map.of());
    }

    @Test
    void cannotBeChangedThroughTheMapInterface() {
        Parameters p = of("tag", "1");
        assertThatThrownBy(() -> p.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.remove("tag")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(p::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.entrySet().iterator().next().setValue("2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.get("tag")).isEqualTo("1");
    }

    @Test
    void copyOfSharesWhatIsAlreadyImmutable() {
        Parameters p = of("tag", "1");
        assertThat(Parameters.copyOf(p)).isSameAs(p);
        assertThat(Parameters.copyOf(null)).isSameAs(Parameters.NONE);
        assertThat(Parameters.copyOf(Map.of())).isSameAs(Parameters.NONE);
        Map<String, String> source = new LinkedHashMap<>();
        source.put("b", "2");
        source.put("a", "1");
        Parameters copy = Parameters.copyOf(source);
        source.put("c", "3");
        assertThat(copy.keySet()).as("a copy, in the source's order").containsExactly("b", "a");
    }

    @Test
    void appendsFlagsWithoutEqualsSign() {
        StringBuilder b = new StringBuilder("sip:a@h");
        of("transport", "tcp", "lr", "").appendTo(b);
        assertThat(b).hasToString("sip:a@h;transport=tcp;lr");
        StringBuilder none = new StringBuilder();
        Parameters.NONE.appendTo(none);
        assertThat(none).isEmpty();
    }

    @Test
    void emptyBuilderGivesTheSharedEmptyList() {
        assertThat(new Parameters.Builder().build()).isSameAs(Parameters.NONE);
        assertThat(Parameters.NONE).isEmpty();
    }
}
