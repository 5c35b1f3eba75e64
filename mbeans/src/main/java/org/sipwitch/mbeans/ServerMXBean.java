package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MBeanOperationInfo;

/**
 * {@code sipwitch:type=Server}: the daemon's lifecycle. Verbs: abort, check, concurrency,
 * contact, down, events, ifdown, ifup, reload, restart, snapshot, state, verbose.
 * Implementations emit the notifications of {@link SipwitchNotifications}.
 */
@Description("Lifecycle, health and tuning of the sipwitch daemon; emits its events as notifications")
public interface ServerMXBean {

    /** Writes the dump, answers, then halts the JVM shortly after (so the caller gets the path). */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Write a diagnostic dump (threads, heap summary), then terminate at once; "
            + "returns the dump's path (verb: abort)")
    String abort();

    @Impact(MBeanOperationInfo.INFO)
    @Description("Verify the daemon: deadlocked threads, stuck event loops, bound listeners (verb: check)")
    List<HealthCheck> check();

    @Description("Size of the call-processing worker pool (verb: concurrency)")
    int getConcurrency();

    @Description("Set the size of the call-processing worker pool, 1 to 256, until the next reload (verb: concurrency)")
    void setConcurrency(int level);

    @Description("The daemon's version: the build's, as in its jar manifest and scripts/sipwitchctl --version "
            + "(verb: version)")
    String getVersion();

    @Description("The server's contact address for phone autoconfiguration (verb: contact)")
    String getContact();

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Orderly shutdown: calls are ended, registrations saved (verb: down)")
    void down();

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Re-evaluate listeners and the published address after an interface went down (verb: ifdown)")
    void ifdown(@Name("iface") @Description("network interface name, e.g. eth0") String iface);

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Re-evaluate listeners and the published address after an interface came up (verb: ifup)")
    void ifup(@Name("iface") @Description("network interface name, e.g. eth0") String iface);

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Re-read the configuration live, keeping calls and registrations; returns one line per "
            + "setting applied and per setting that needs a restart, e.g. 'stack.port: needs restart' (verb: reload)")
    List<String> reload();

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Restart the service in-process: calls ended (BYE, CANCEL), configuration re-read, "
            + "sockets rebound, registrations kept (verb: restart)")
    void restart();

    @Impact(MBeanOperationInfo.ACTION_INFO)
    @Description("Write a diagnostic snapshot file to the state directory; returns its path (verb: snapshot)")
    String snapshot();

    @Description("The named state overlay in force, e.g. up or night (verb: state)")
    String getState();

    @Description("Switch to a named state overlay; unknown names are refused (verb: state)")
    void setState(String state);

    @Description("Logging verbosity, 0 (errors only) to 9 (verb: verbose)")
    int getVerbose();

    @Description("Set the logging verbosity, 0 (errors only) to 9 (verb: verbose)")
    void setVerbose(int level);

    @Impact(MBeanOperationInfo.INFO)
    @Description("Buffered events with a sequence number greater than the given one, oldest "
            + "first (verb: events, which polls it)")
    List<Event> eventsSince(
            @Name("sequence") @Description("last sequence number already seen, 0 for all") long sequence);
}
