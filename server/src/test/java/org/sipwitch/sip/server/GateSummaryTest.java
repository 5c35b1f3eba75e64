package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.security.AccessLists;
import org.sipwitch.sip.security.AuthFailureGuard;
import org.sipwitch.sip.security.GuardLimits;
import org.sipwitch.sip.security.OverloadGuard;
import org.sipwitch.sip.security.RateLimiter;
import org.sipwitch.sip.security.SecuritySettings;
import org.sipwitch.sip.security.TimeSource;
import org.slf4j.LoggerFactory;

/** 503s, drops and 403s are counted (policy) and summed up once per period in the log/History, never per request. */
class GateSummaryTest {
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger security = (Logger) LoggerFactory.getLogger("org.sipwitch.security");
    final AtomicLong queue = new AtomicLong();

    @BeforeEach
    void capture() {
        log.start();
        security.addAppender(log);
    }

    @AfterEach
    void release() {
        security.detachAppender(log);
    }

    AccessGate gate() {
        SecuritySettings sec = new SecuritySettings(5, 60, 600, SecuritySettings.BlockAction.DROP, 2, 2, 10, 0, 7);
        TimeSource time = TimeSource.SYSTEM;
        AccessGate gate = new AccessGate(AccessLists.open(), sec,
                new AuthFailureGuard(sec, AccessLists.open(), GuardLimits.defaults(), time),
                new RateLimiter(sec, 1_000, time), new OverloadGuard(sec), true);
        gate.overload().watch(queue::get, () -> 0);
        SecurityLog securityLog = new SecurityLog();
        gate.overload().setListener(securityLog);
        return gate;
    }

    @Test
    void refusalsAreCountedAndSummedUpOncePerPeriod() throws Exception {
        AccessGate gate = gate();
        GateSummary summary = new GateSummary(gate);
        InetAddress flooder = InetAddress.getByName("192.0.2.66");
        for (int i = 0; i < 100; i++) {
            gate.decide(flooder, "REGISTER", i % 2 == 0); // over rate: UDP dropped, TCP 503
        }
        queue.set(50);
        assertThat(gate.decide(InetAddress.getByName("192.0.2.1"), "INVITE", false).statusCode()).isEqualTo(503);
        assertThat(gate.decide(InetAddress.getByName("192.0.2.2"), "BYE", false).allowed()).isTrue();
        queue.set(0);
        gate.decide(InetAddress.getByName("192.0.2.3"), "INVITE", false);

        assertThat(gate.counters()).containsEntry("allowed", 4L).containsEntry("dropped", 49L)
                .containsEntry("refused-503", 50L).containsEntry("rate-limited", 98L).containsEntry("overloaded", 1L);
        summary.report(60);
        summary.report(60); // nothing new: nothing said
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("overloaded: 50 requests queued (limit 10)"))
                .anyMatch(m -> m.startsWith("overload over"))
                .filteredOn(m -> m.startsWith("security:")).containsExactly(
                        "security: in the last 60s 4 requests allowed, dropped 49, refused-503 50, rate-limited 98, "
                                + "overloaded 1");
    }
}
