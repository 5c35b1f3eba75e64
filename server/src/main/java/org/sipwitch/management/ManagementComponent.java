package org.sipwitch.management;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import org.sipwitch.config.JmxConfig;
import org.sipwitch.control.FifoBridge;
import org.sipwitch.control.VerbTable;
import org.sipwitch.mbeans.CallsMXBean;
import org.sipwitch.mbeans.ClusterMXBean;
import org.sipwitch.mbeans.ConfigMXBean;
import org.sipwitch.mbeans.DescribedMXBean;
import org.sipwitch.mbeans.EventLog;
import org.sipwitch.mbeans.HistoryMXBean;
import org.sipwitch.mbeans.MessagesMXBean;
import org.sipwitch.mbeans.ObjectNames;
import org.sipwitch.mbeans.PolicyMXBean;
import org.sipwitch.mbeans.RealmMXBean;
import org.sipwitch.mbeans.RegistryMXBean;
import org.sipwitch.mbeans.ServerMXBean;
import org.sipwitch.mbeans.SipwitchNotifications;
import org.sipwitch.mbeans.StatsMXBean;
import org.sipwitch.mbeans.TraceMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management side of the daemon, started and stopped as one of its components
 * (the daemon wraps it; management does not know the daemon): registers the ten MBeans
 * on the platform MBeanServer, attaches the history appender, starts the statistics
 * clock, the control FIFO bridge and (with {@code <jmx>}) the remote connector; stops
 * all of it in reverse order.
 *
 * <p>What the SIP components use, available from construction on (before start):
 * {@link #events()}, {@link #trace()}, and {@link #hooks()} to plug their sources in
 * (the call counts among them: {@link ManagementHooks#stats(StatsSource)}).
 */
public final class ManagementComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementComponent.class);

    private final ManagementContext context;
    private final MBeanServer mbs;
    private final ManagementHooks hooks;
    private final Events events = new Events(new EventLog(1000));
    private final SipTrace trace = new SipTrace();
    private final HistoryRing history = new HistoryRing(HistoryBean.DEFAULT_SIZE);
    private final HistoryAppender appender = new HistoryAppender(history);
    private final List<ObjectName> registered = new ArrayList<>();
    private ScheduledExecutorService timer;
    private FifoBridge bridge;
    private RemoteJmx remote;
    private AutoCloseable notifications;
    private volatile ServerBean server;
    private volatile DescribedMXBean<HistoryMXBean> historyMBean;

    public ManagementComponent(ManagementContext context) {
        this(context, ManagementFactory.getPlatformMBeanServer());
    }

    ManagementComponent(ManagementContext context, MBeanServer mbs) {
        this.context = context;
        this.mbs = mbs;
        this.hooks = new ManagementHooks(context.config());
    }

    /** Sends the {@code sipwitch.cdr} notification of a record from the History MBean; nothing before start. */
    public void publishCdr(String jsonLine) {
        DescribedMXBean<HistoryMXBean> h = historyMBean;
        if (h != null) {
            h.publish(SipwitchNotifications.CDR, jsonLine, null);
        }
    }

    public ManagementHooks hooks() {
        return hooks;
    }

    /** The server state in force ({@code sipwitchctl state}), for a SIP server built after it was set; {@code up} before start. */
    public String serverState() {
        try {
            return String.valueOf(mbs.getAttribute(org.sipwitch.mbeans.ObjectNames.SERVER, "State"));
        } catch (javax.management.JMException e) {
            return "up";
        }
    }

    public Events events() {
        return events;
    }

    public SipTrace trace() {
        return trace;
    }

    public String name() {
        return "management";
    }

    public synchronized void start() throws Exception {
        try {
            startAll();
        } catch (Exception | Error e) {
            stop(); // the lifecycle stops only what started completely
            throw e;
        }
    }

    private void startAll() throws Exception {
        appender.attach();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sipwitch-stats-period");
            t.setDaemon(true);
            return t;
        });
        registerAll();
        bridge = new FifoBridge(context.runDir(), mbs, VerbTable.standard()).start();
        Optional<JmxConfig> jmx = context.config().current().jmx();
        RemoteJmx.removeRunFile(context.runDir()); // a stale one from an earlier run would mislead sipwitch-jmx
        if (jmx.isPresent()) {
            remote = RemoteJmx.start(jmx.get(), context.config().current().stack().tls(), mbs,
                    context.stateDir(), context.runDir());
            context.reportListening(remote.listening());
        }
        events.stateChanged("up");
    }

    private void registerAll() throws JMException {
        ServerBean server = new ServerBean(context.config(), hooks, events, context::requestStop,
                new DiagnosticReport(context.config(), context.stateDir(), this::counts), Runtime.getRuntime()::halt);
        this.server = server;
        var serverMBean = new DescribedMXBean<>(ServerMXBean.class, server, SipwitchNotifications.info());
        notifications = events.log().subscribe(serverMBean::publish);
        register(ObjectNames.SERVER, serverMBean);
        register(ObjectNames.REGISTRY, new DescribedMXBean<>(RegistryMXBean.class, new RegistryBean(hooks)));
        register(ObjectNames.CALLS, new DescribedMXBean<>(CallsMXBean.class, new CallsBean(hooks)));
        register(ObjectNames.REALM, new DescribedMXBean<>(RealmMXBean.class, new RealmBean(hooks, events)));
        register(ObjectNames.TRACE, new DescribedMXBean<>(TraceMXBean.class, trace));
        register(ObjectNames.STATS, new DescribedMXBean<>(StatsMXBean.class,
                new StatsBean(hooks, events, timer).start()));
        historyMBean = new DescribedMXBean<>(HistoryMXBean.class, new HistoryBean(history, () -> hooks.recentCdr().get()),
                new MBeanNotificationInfo[] {new MBeanNotificationInfo(new String[] {SipwitchNotifications.CDR},
                        Notification.class.getName(), "a call detail record was written; the message is its JSON line")});
        register(ObjectNames.HISTORY, historyMBean);
        register(ObjectNames.POLICY, new DescribedMXBean<>(PolicyMXBean.class,
                new PolicyBean(context.config(), hooks)));
        register(ObjectNames.CONFIG, new DescribedMXBean<>(ConfigMXBean.class, new ConfigBean(context.config(),
                server, new GroupGrant(context.runDir(), context.stateDir()))));
        register(ObjectNames.MESSAGES, new DescribedMXBean<>(MessagesMXBean.class, new MessagesBean(hooks)));
        register(ObjectNames.CLUSTER, new DescribedMXBean<>(ClusterMXBean.class, new ClusterBean(hooks)));
    }

    private void register(ObjectName name, Object mbean) throws JMException {
        if (mbs.isRegistered(name)) {
            mbs.unregisterMBean(name); // left by an earlier run in the same JVM (tests)
        }
        mbs.registerMBean(mbean, name);
        registered.add(name);
    }

    /**
     * The {@code reload} verb for whoever is not a control client (SIGHUP): the same
     * report in the log and the events; a failure leaves the configuration in force and
     * is logged and raised as an event by the reload itself.
     */
    public void reload() {
        ServerBean s = server;
        if (s == null) {
            LOG.warn("reload ignored: the daemon is still starting");
            return;
        }
        try {
            s.reload();
        } catch (IllegalArgumentException e) {
            // already in the log, the history and the event stream
        }
    }

    /** The figures a snapshot shows: sizes only, never contents. */
    private Map<String, Object> counts() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("registrations", safeSize(() -> hooks.registry().count()));
        c.put("calls", safeSize(() -> hooks.calls().calls().size()));
        c.put("trace", (trace.isOn() ? "on, " : "off, ") + trace.size() + " message(s)");
        c.put("history", history.lines().size() + " of " + history.size() + " line(s)");
        c.put("events", events.log().lastSequence());
        c.put("stats.entities", safeSize(() -> hooks.stats().stats().size()));
        c.put("control.served", bridge == null ? 0 : bridge.served());
        c.put("jmx.remote", remote == null ? "off" : remote.listening());
        return c;
    }

    private static Object safeSize(java.util.function.IntSupplier size) {
        try {
            return size.getAsInt();
        } catch (RuntimeException e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Must return promptly and never throw: the daemon stops within 2 s. */
    public synchronized void stop() {
        events.stateChanged("down");
        if (remote != null) {
            remote.close();
            remote = null;
        }
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
        for (int i = registered.size() - 1; i >= 0; i--) {
            try {
                mbs.unregisterMBean(registered.get(i));
            } catch (JMException e) {
                LOG.debug("unregistering {}: {}", registered.get(i), e.toString());
            }
        }
        registered.clear();
        closeQuietly(notifications);
        if (timer != null) {
            timer.shutdownNow();
        }
        appender.detach();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // nothing to do at stop
        }
    }
}
