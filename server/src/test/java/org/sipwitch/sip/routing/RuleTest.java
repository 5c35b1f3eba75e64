package org.sipwitch.sip.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dial plan's one matcher and rewriter of {@code <route>} patterns. */
class RuleTest {

    @Test
    void anOpenPrefixMatchesLongerNumbersAnExactPatternOnlyItself() {
        Rule out = new Rule("9*", 0, "", "sip:gw@192.0.2.1", null);
        Rule operator = new Rule("0", 0, "", "reception", null);
        assertThat(out.matches("9123")).isTrue();
        assertThat(out.matches("8123")).isFalse();
        assertThat(operator.matches("0")).isTrue();
        assertThat(operator.matches("01")).isFalse();
    }

    @Test
    void xIsAnyOneDigitAndStripComesBeforePrefix() {
        Rule r = new Rule("0xx*", 1, "44", "gateway:itsp", "night");
        assertThat(r.matches("0123")).isTrue();
        assertThat(r.matches("0a23")).isFalse();
        assertThat(r.rewrite("0123")).isEqualTo("44123");
        assertThat(r.appliesIn("night")).isTrue();
        assertThat(r.appliesIn("up")).isFalse();
    }
}
