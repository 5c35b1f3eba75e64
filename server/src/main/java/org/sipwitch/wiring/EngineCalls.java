package org.sipwitch.wiring;

import java.util.List;
import org.sipwitch.management.CallsSource;
import org.sipwitch.management.ManagementComponent;
import org.sipwitch.management.ManagementHooks;
import org.sipwitch.mbeans.CallInfo;
import org.sipwitch.cdr.CallRecords;
import org.sipwitch.sip.call.CallCounter;
import org.sipwitch.sip.call.CallDetail;
import org.sipwitch.sip.call.CallEngine;
import org.sipwitch.sip.call.CallListener;
import org.sipwitch.sip.call.CallSnapshot;
import org.sipwitch.sip.call.CallStatistics;

/**
 * The call engine as management sees it: the Calls MBean's source (calls, status,
 * drop), the Messages MBean's messenger, the Stats MBean's counters, and the
 * call events (connecting, dropped) as notifications.
 */
final class EngineCalls implements CallsSource {
    private final CallEngine engine;

    private EngineCalls(CallEngine engine) {
        this.engine = engine;
    }

    /** @param stats the daemon's counts, which outlive this engine */
    static void plug(CallEngine engine, ManagementComponent management, CallStatistics stats,
                     CallRecords records) {
        ManagementHooks hooks = management.hooks();
        hooks.calls(new EngineCalls(engine));
        hooks.messenger(engine::sendMessage);
        engine.addCounter(CallCounter.of((caller, callee) -> stats.callStarted(caller, callee,
                System.currentTimeMillis()), stats::callEnded));
        var events = management.events();
        engine.setListener(new CallListener() {
            @Override
            public void connecting(CallSnapshot call) {
                events.callConnecting(call.id(), call.source(), call.target());
            }

            @Override
            public void dropped(CallSnapshot call, String reason) {
                events.callDropped(call.id(), reason);
            }

            @Override
            public void ended(CallDetail detail) {
                records.accept(CallRecordOf.detail(detail));
            }
        });
    }

    @Override
    public List<CallInfo> calls() {
        return engine.calls().stream().map(EngineCalls::info).toList();
    }

    static CallInfo info(CallSnapshot c) {
        return new CallInfo(c.id(), c.state(), c.source(), c.display(), c.target(), c.started(), c.duration());
    }

    @Override
    public String status() {
        return engine.status();
    }

    @Override
    public int drop(String userOrCallId) {
        return engine.drop(userOrCallId);
    }
}
