package org.sipwitch.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.sipwitch.management.ManagementComponent;
import org.sipwitch.management.RegistrySource;
import org.sipwitch.metrics.MetricsSource;
import org.sipwitch.metrics.SipMetrics;
import org.sipwitch.sip.call.CallStatistics;
import org.sipwitch.sip.call.EntityTotals;
import org.sipwitch.sip.codec.CodecCounters;
import org.sipwitch.sip.server.SipServer;
import org.sipwitch.sip.server.TrafficCounters;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.security.GateDecision;
import org.sipwitch.sip.transaction.TransactionStats;

/**
 * {@code /metrics} read from the same sources as the MBeans: registrations from the
 * Registry MBean's source, calls from the Stats MBean's statistics, the gate's and the
 * guard's counters that the Policy MBean lists, and the server's traffic and
 * transaction counters. The server is looked up at each scrape, so a {@code restart}
 * (a new server) is followed; its counters then start again from zero, which
 * Prometheus reads as a counter reset.
 */
final class StackMetrics implements MetricsSource {

    private final Supplier<SipServer> server;
    private final ManagementComponent management;
    private final CallStatistics statistics;
    private final Supplier<Map<String, Long>> callOutcomes;

    StackMetrics(Supplier<SipServer> server, ManagementComponent management, CallStatistics statistics,
                 Supplier<Map<String, Long>> callOutcomes) {
        this.server = server;
        this.management = management;
        this.statistics = statistics;
        this.callOutcomes = callOutcomes;
    }

    @Override
    public SipMetrics snapshot() {
        SipServer sip = server.get();
        return new SipMetrics(registrations(), calls(), traffic(sip.traffic()),
                transactions(sip.transactions().stats()), security(sip.gate(), sip.transports().counters()));
    }

    private SipMetrics.Registrations registrations() {
        // sizes only: a scrape must not build a row per binding (a million of them, at scale)
        RegistrySource.Counts counts = management.hooks().registry().counts();
        Map<String, Long> byTransport = new TreeMap<>(Map.of("udp", 0L, "tcp", 0L, "tls", 0L));
        counts.byTransport().forEach((t, n) -> byTransport.merge(t, n, Long::sum));
        return new SipMetrics.Registrations(byTransport, counts.users(), counts.gatewaysUp());
    }

    private SipMetrics.Calls calls() {
        EntityTotals system = statistics.stats(CallStatistics.SYSTEM);
        Map<String, Long> outcomes = new TreeMap<>();
        // label values without spaces: "no answer" → no_answer
        callOutcomes.get().forEach((k, v) -> outcomes.merge(k.replace(' ', '_'), v, Long::sum));
        return new SipMetrics.Calls(system.inTotal(), system.current(), system.peak(), outcomes);
    }

    private static SipMetrics.Traffic traffic(TrafficCounters t) {
        return new SipMetrics.Traffic(t.requestsReceived(), t.requestsSent(), t.responsesReceived(),
                t.responsesSent());
    }

    private static SipMetrics.Transactions transactions(TransactionStats.Snapshot s) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("timeout", s.timeouts());
        counters.put("transport_error", s.transportErrors());
        counters.put("rejected_503", s.rejected());
        counters.put("request_retransmitted", s.requestsRetransmitted());
        counters.put("response_retransmitted", s.responsesRetransmitted());
        counters.put("retransmission_absorbed", s.retransmissionsAbsorbed());
        counters.put("stray_response", s.strayResponses());
        counters.put("unparsable", s.unparsable());
        counters.put("lingering_cut_short", s.lingeringCutShort());
        return new SipMetrics.Transactions(s.serverTransactions(), s.clientTransactions(), counters);
    }

    private static SipMetrics.Security security(AccessGate gate, CodecCounters codec) {
        Map<String, Long> decisions = new LinkedHashMap<>();
        gate.outcomeCounts().forEach((o, n) -> decisions.put(name(o), n));
        Map<String, Long> refusals = new LinkedHashMap<>();
        gate.reasonCounts().forEach((r, n) -> {
            if (r != GateDecision.Reason.NONE) {
                refusals.put(r.name().toLowerCase(Locale.ROOT), n);
            }
        });
        Map<String, Long> malformed = new LinkedHashMap<>();
        malformed.put("answered_400", codec.malformedAnswered());
        malformed.put("dropped", codec.dropped());
        return new SipMetrics.Security(decisions, refusals, gate.authGuard().failuresTotal(),
                gate.authGuard().blocksTotal(), gate.authGuard().blockedCount(), malformed);
    }

    /** The Policy MBean's names for the gate's outcomes, with underscores. */
    private static String name(GateDecision.Outcome o) {
        return switch (o) {
            case ALLOW -> "allowed";
            case REJECT_403 -> "refused_403";
            case DROP -> "dropped";
            case REJECT_503 -> "refused_503";
        };
    }
}
