package org.sipwitch.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {

    @Test
    void keepsTheNewestEventsWithIncreasingSequenceNumbers() {
        EventLog log = new EventLog(3, () -> 42L);
        for (int i = 1; i <= 5; i++) {
            log.append(SipwitchNotifications.WARNING, "w" + i);
        }
        assertThat(log.lastSequence()).isEqualTo(5);
        assertThat(log.since(0)).extracting(Event::sequence).containsExactly(3L, 4L, 5L);
        assertThat(log.since(4)).extracting(Event::message).containsExactly("w5");
        assertThat(log.since(5)).isEmpty();
    }

    @Test
    void subscribersSeeEveryEventAndCannotBreakAppending() throws Exception {
        EventLog log = new EventLog(10);
        List<Event> seen = new ArrayList<>();
        log.subscribe(e -> {
            throw new IllegalStateException("broken listener");
        });
        AutoCloseable sub = log.subscribe(seen::add);
        log.append(SipwitchNotifications.CALL_DROPPED, "call 1 dropped:\nbusy");
        sub.close();
        log.append(SipwitchNotifications.PERIOD, "period");
        assertThat(seen).singleElement().extracting(Event::message).isEqualTo("call 1 dropped: busy");
    }

    @Test
    void eachRunOfLineBreaksAndTabsBecomesOneSpace() {
        assertThat(EventLog.oneLine(null)).isEmpty();
        assertThat(EventLog.oneLine("plain text")).isEqualTo("plain text");
        assertThat(EventLog.oneLine("a\r\n\tb\nc")).isEqualTo("a b c");
        assertThat(EventLog.oneLine("\nlead and trail\r\n")).isEqualTo(" lead and trail ");
        assertThat(EventLog.oneLine("\t")).isEqualTo(" ");
    }
}
