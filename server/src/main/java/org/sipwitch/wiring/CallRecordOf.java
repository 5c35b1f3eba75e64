package org.sipwitch.wiring;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.sipwitch.mbeans.CallRecord;
import org.sipwitch.sip.call.CallDetail;

/** An ended call as its call detail record: times in ISO-8601 UTC to the millisecond. */
final class CallRecordOf {
    private CallRecordOf() {
    }

    static CallRecord detail(CallDetail d) {
        long duration = d.answered() == 0 ? 0 : Math.max(0, (d.ended() - d.answered()) / 1000);
        // no gateways yet: every call is between users of this server
        return new CallRecord(d.id(), d.caller(), d.callee(), nullToEmpty(d.dialled()), "", iso(d.started()),
                d.answered() == 0 ? "" : iso(d.answered()), iso(d.ended()), duration, d.status(), d.reason(),
                d.callerAddress(), d.calleeAddress());
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
