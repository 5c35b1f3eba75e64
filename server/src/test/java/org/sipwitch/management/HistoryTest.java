package org.sipwitch.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sipwitch.mbeans.HistoryLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class HistoryTest {

    @Test
    void ringKeepsTheNewestAndResizes() {
        HistoryRing ring = new HistoryRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(new HistoryLine(i, "WARN", "t", "line " + i));
        }
        assertThat(ring.lines()).extracting(HistoryLine::message).containsExactly("line 3", "line 4", "line 5");
        ring.resize(2);
        assertThat(ring.lines()).extracting(HistoryLine::message).containsExactly("line 4", "line 5");
        ring.resize(10);
        ring.add(new HistoryLine(6, "ERROR", "t", "line 6"));
        assertThat(ring.lines()).hasSize(3);
        assertThatThrownBy(() -> ring.resize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void beanResizesOnlyWithANonZeroSize() {
        HistoryBean bean = new HistoryBean(new HistoryRing(5), java.util.List::of);
        assertThat(bean.history(0).size()).isEqualTo(5);
        assertThat(bean.history(7).size()).isEqualTo(7);
        assertThat(bean.history(0).size()).isEqualTo(7);
    }

    @Test
    void appenderKeepsWarningsAndErrorsOnOneLineWithoutStackTraces() {
        HistoryRing ring = new HistoryRing(10);
        HistoryAppender appender = new HistoryAppender(ring);
        assertThat(appender.attach()).isTrue();
        try {
            Logger log = LoggerFactory.getLogger("org.sipwitch.test.History");
            log.info("not kept");
            log.warn("kept {}\nsecond line", 1);
            log.error("failed", new IllegalStateException("boom"));
        } finally {
            appender.detach();
        }
        LoggerFactory.getLogger("org.sipwitch.test.History").warn("after detach");
        assertThat(ring.lines()).extracting(HistoryLine::message)
                .containsExactly("kept 1 second line", "failed (java.lang.IllegalStateException: boom)");
        assertThat(ring.lines()).extracting(HistoryLine::level).containsExactly("WARN", "ERROR");
        assertThat(ring.lines().get(0).source()).isEqualTo("org.sipwitch.test.History");
    }
}
