package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The call id shown by {@code calls} and taken by {@code drop}: eight hex digits of the sequence, then the slot. */
class CallIdFormatTest {
    @Test
    void sequenceIsZeroPaddedHexAndSlotDecimal() {
        assertThat(CallSession.formatId(0, 0)).isEqualTo("00000000:0");
        assertThat(CallSession.formatId(0x1a2b, 17)).isEqualTo("00001a2b:17");
        assertThat(CallSession.formatId(-1, 1999)).isEqualTo("ffffffff:1999");
        for (int seq : new int[] {1, 0xfff, 0x7fffffff, Integer.MIN_VALUE}) {
            assertThat(CallSession.formatId(seq, 3)).isEqualTo(String.format("%08x:%d", seq, 3));
        }
    }
}
