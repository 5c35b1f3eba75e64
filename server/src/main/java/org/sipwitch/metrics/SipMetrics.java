package org.sipwitch.metrics;

import java.util.Map;

/**
 * What the SIP side reports to {@code /metrics} at one scrape, read from the very
 * counters the MBeans show (the Registry, Stats and Policy MBeans' sources): nothing
 * here is counted twice. Maps are label value → count.
 *
 * @param registrations bindings and users, as the Registry MBean lists them
 * @param calls         calls, as the Stats MBean's {@code system} entity counts them
 * @param traffic       SIP messages by method and status code
 * @param transactions  the transaction layer's tables and counters
 * @param security      what the access gate and the authentication guard did, as the Policy MBean's counters
 */
public record SipMetrics(Registrations registrations, Calls calls, Traffic traffic, Transactions transactions,
                         Security security) {

    /**
     * @param bindingsByTransport contacts registered now, by transport ({@code udp}, {@code tcp}, {@code tls})
     * @param users               users with at least one binding
     */
    public record Registrations(Map<String, Long> bindingsByTransport, long users) {
    }

    /**
     * @param started   calls admitted since start
     * @param active    calls up now
     * @param peak      most calls up at once since start
     * @param byOutcome ended calls by outcome ({@code answered}, {@code busy}, {@code no-answer}, ...)
     */
    public record Calls(long started, long active, long peak, Map<String, Long> byOutcome) {
    }

    /**
     * @param requestsIn   requests received, by method
     * @param requestsOut  requests sent, by method
     * @param responsesIn  responses received, by status code
     * @param responsesOut responses sent, by status code
     */
    public record Traffic(Map<String, Long> requestsIn, Map<String, Long> requestsOut,
                          Map<Integer, Long> responsesIn, Map<Integer, Long> responsesOut) {
    }

    /**
     * @param server   live server transactions
     * @param client   live client transactions
     * @param counters events since start: {@code timeouts}, {@code transport_errors}, ...
     */
    public record Transactions(long server, long client, Map<String, Long> counters) {
    }

    /**
     * @param decisions         inbound requests by the gate's decision ({@code allowed}, {@code refused_403}, ...)
     * @param refusals          refused requests by reason ({@code rate_limited}, {@code overloaded}, ...)
     * @param authFailures      failed authentications since start
     * @param blocks            sources blocked since start
     * @param blockedNow        sources blocked now
     * @param malformed         malformed input by what was done ({@code answered_400}, {@code dropped})
     */
    public record Security(Map<String, Long> decisions, Map<String, Long> refusals, long authFailures, long blocks,
                           long blockedNow, Map<String, Long> malformed) {
    }
}
