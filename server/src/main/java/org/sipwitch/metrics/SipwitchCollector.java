package org.sipwitch.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sipwitch metrics, built at scrape time from one {@link SipMetrics} snapshot. Names
 * follow the Prometheus conventions: prefix {@code sipwitch_}, counters end in
 * {@code _total} (the exposition format adds it to the names below), label values
 * are bounded sets (methods, codes, reasons), never user names or addresses.
 */
final class SipwitchCollector implements MultiCollector {

    private final MetricsSource source;

    SipwitchCollector(MetricsSource source) {
        this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
        SipMetrics m = source.snapshot();
        List<MetricSnapshot> out = new ArrayList<>();
        SipMetrics.Registrations r = m.registrations();
        out.add(gauge("sipwitch_bindings", "Contacts registered now, by transport", "transport",
                r.bindingsByTransport()));
        out.add(gauge("sipwitch_registered_users", "Users with at least one registered contact", r.users()));

        SipMetrics.Calls c = m.calls();
        out.add(counter("sipwitch_calls", "Calls admitted since start", c.started()));
        out.add(gauge("sipwitch_calls_active", "Calls up now", c.active()));
        out.add(gauge("sipwitch_calls_peak", "Most calls up at once since start", c.peak()));
        out.add(counter("sipwitch_calls_ended", "Ended calls by outcome", "outcome", c.byOutcome()));

        SipMetrics.Traffic t = m.traffic();
        out.add(counter2("sipwitch_sip_requests", "SIP requests by direction and method", "method",
                t.requestsIn(), t.requestsOut()));
        out.add(counter2("sipwitch_sip_responses", "SIP responses by direction and status code", "code",
                t.responsesIn(), t.responsesOut()));

        SipMetrics.Transactions x = m.transactions();
        out.add(gauge("sipwitch_transactions", "Live SIP transactions by kind", "kind",
                Map.of("server", x.server(), "client", x.client())));
        out.add(counter("sipwitch_transaction_events", "Transaction layer events since start "
                + "(timeouts, retransmissions, transport errors, 503 for full tables)", "event", x.counters()));

        SipMetrics.Security s = m.security();
        out.add(counter("sipwitch_access_decisions", "Inbound requests by the access gate's decision", "decision",
                s.decisions()));
        out.add(counter("sipwitch_access_refusals", "Refused inbound requests by reason "
                + "(not_allowed, blocked, rate_limited, overloaded)", "reason", s.refusals()));
        out.add(counter("sipwitch_auth_failures", "Failed digest authentications since start", s.authFailures()));
        out.add(counter("sipwitch_auth_blocks", "Sources blocked after failed authentications since start",
                s.blocks()));
        out.add(gauge("sipwitch_blocked_sources", "Sources blocked now", s.blockedNow()));
        out.add(counter("sipwitch_malformed_messages", "Malformed SIP input by what was done with it", "action",
                s.malformed()));
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot counter(String name, String help, String label, Map<?, Long> values) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        values.forEach((k, v) -> b.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of(label, String.valueOf(k))).value(v).build()));
        return b.build();
    }

    /** A counter with a {@code direction} label, {@code in} and {@code out}. */
    private static CounterSnapshot counter2(String name, String help, String label, Map<?, Long> in,
                                            Map<?, Long> out) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        in.forEach((k, v) -> b.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("direction", "in", label, String.valueOf(k))).value(v).build()));
        out.forEach((k, v) -> b.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("direction", "out", label, String.valueOf(k))).value(v).build()));
        return b.build();
    }

    private static GaugeSnapshot gauge(String name, String help, long value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, String label, Map<?, Long> values) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((k, v) -> b.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of(label, String.valueOf(k))).value(v).build()));
        return b.build();
    }
}
