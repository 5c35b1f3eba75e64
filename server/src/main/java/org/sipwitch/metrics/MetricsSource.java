package org.sipwitch.metrics;

/** Where {@code /metrics} reads its numbers at each scrape; the wiring adapts the SIP server to it. */
@FunctionalInterface
public interface MetricsSource {

    /** The numbers now. Called on the HTTP server's thread, once per scrape. */
    SipMetrics snapshot();
}
