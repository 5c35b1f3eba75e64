package org.sipwitch.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.sipwitch.mbeans.*;

/**
 * Small in-memory implementations of every MXBean, registered on a fresh MBeanServer:
 * the daemon the bridge talks to in tests. State is public so tests can check effects.
 */
final class InMemoryDaemon {

    static final long T0 = 1_700_000_000_000L;

    final MBeanServer server = MBeanServerFactory.newMBeanServer();
    final EventLog events = new EventLog(100);
    final List<Registration> registrations = new CopyOnWriteArrayList<>(List.of(
            new Registration("alice", "201", "Alice", "user", "sip:alice@192.0.2.10:5060", "udp", 3600),
            new Registration("alice", "201", "Alice", "user", "sip:alice@192.0.2.11:5062", "tcp", 1800),
            new Registration("bob", "202", "Bob", "user", "sip:bob@192.0.2.20:5060", "udp", 120)));
    final List<CallInfo> calls = new CopyOnWriteArrayList<>(List.of(
            new CallInfo("0000002a:2", "joined", "201", "Alice", "202", T0, 75, "udp>udp")));
    final List<TraceEntry> trace = new CopyOnWriteArrayList<>();
    final Set<String> enabled = new TreeSet<>(Set.of("night"));
    final Set<String> confIds = Set.of("night", "gateway");
    volatile boolean tracing;
    volatile int concurrency = 2;
    volatile int verbose = 1;
    volatile int period = 5;
    volatile int historySize = 20;
    volatile String state = "up";
    volatile String realm = "example.net";
    volatile String digest = "md5";
    final List<String> log = new CopyOnWriteArrayList<>();

    InMemoryDaemon() throws Exception {
        register(RegistryMXBean.class, new Registry(), ObjectNames.REGISTRY);
        register(CallsMXBean.class, new Calls(), ObjectNames.CALLS);
        register(RealmMXBean.class, new Realm(), ObjectNames.REALM);
        register(TraceMXBean.class, new Trace(), ObjectNames.TRACE);
        register(StatsMXBean.class, new Stats(), ObjectNames.STATS);
        DescribedMXBean<ServerMXBean> s = new DescribedMXBean<>(ServerMXBean.class, new Server(),
                SipwitchNotifications.info());
        events.subscribe(s::publish);
        server.registerMBean(s, ObjectNames.SERVER);
        register(HistoryMXBean.class, new HistoryMXBean() {
            @Override
            public HistoryInfo history(int size) {
                if (size > 0) {
                    historySize = size;
                }
                return new HistoryInfo(historySize,
                        List.of(new HistoryLine(T0, "WARN", "registrar", "bad nonce from 192.0.2.99")));
            }

            @Override
            public List<CallRecord> getCdr() {
                return List.of();
            }
        }, ObjectNames.HISTORY);
        register(PolicyMXBean.class, new PolicyMXBean() {
            @Override
            public PolicyReport getPolicy() {
                return new PolicyReport("192.0.2.1:5060",
                        List.of(new PolicyEntry("trusted", "127.0.0.0/8"), new PolicyEntry("restricted", "10.0.0.0/8")));
            }

            @Override
            public boolean release(String address) {
                return false;
            }

            @Override
            public int unblock(String network) {
                log.add("unblock " + network);
                return network.startsWith("192.0.2.") ? 1 : 0;
            }
        }, ObjectNames.POLICY);
        register(ConfigMXBean.class, new Config(), ObjectNames.CONFIG);
        register(MessagesMXBean.class, (ext, text) -> {
            long n = registrations.stream().filter(r -> r.extension().equals(ext)).count();
            if (n == 0) {
                throw new IllegalArgumentException("extension " + ext + " is not registered");
            }
            log.add("message " + ext + " " + text);
            return (int) n;
        }, ObjectNames.MESSAGES);
    }

    private <T> void register(Class<T> type, T impl, javax.management.ObjectName name) throws Exception {
        server.registerMBean(new DescribedMXBean<>(type, impl), name);
    }

    final class Registry implements RegistryMXBean {
        public List<Registration> getRegistrations() {
            return registrations;
        }

        public int getRegistrationCount() {
            return registrations.size();
        }

        public List<Registration> registrationPage(int offset, int limit) {
            return registrations.subList(Math.min(offset, registrations.size()),
                    Math.min(registrations.size(), offset + limit));
        }

        public List<CachedUser> getUserCache() {
            return List.of(new CachedUser("alice", "201", "Alice", "192.0.2.10", T0));
        }

        public void activate(String extension, String address) {
            registrations.add(new Registration(extension, extension, "", "static", "sip:" + extension + "@" + address, "udp", -1));
            events.append(SipwitchNotifications.REGISTRATION_ACTIVATED, "activating " + extension + " at " + address);
        }

        public String forward(String user, String kind, String target) {
            return user + " " + kind + " -> " + target;
        }

        public int release(String extension) {
            List<Registration> gone = new ArrayList<>();
            registrations.forEach(r -> {
                if (r.extension().equals(extension)) {
                    gone.add(r);
                }
            });
            if (gone.isEmpty()) {
                throw new IllegalArgumentException("no such extension " + extension);
            }
            registrations.removeAll(gone);
            events.append(SipwitchNotifications.REGISTRATION_RELEASED, "releasing " + extension);
            return gone.size();
        }
    }

    final class Calls implements CallsMXBean {
        public List<CallInfo> getCalls() {
            return calls;
        }

        public String getStatus() {
            return "j" + ".".repeat(7);
        }

        public int drop(String target) {
            int before = calls.size();
            calls.removeIf(c -> c.id().equals(target) || c.source().equals(target) || c.target().equals(target));
            return before - calls.size();
        }
    }

    final class Realm implements RealmMXBean {
        public RealmInfo realm(String newRealm, String type) {
            if (!type.isEmpty() && !type.matches("md5|sha-256|sha256")) {
                throw new IllegalArgumentException("unknown digest type " + type);
            }
            if (!newRealm.isEmpty()) {
                realm = newRealm;
            }
            if (!type.isEmpty()) {
                digest = type;
            }
            return new RealmInfo(realm, digest);
        }

        public String digest(String user, String r, String type, String secret) {
            throw new UnsupportedOperationException("not in the fixture");
        }
    }

    final class Trace implements TraceMXBean {
        public boolean trace(String mode) {
            switch (mode) {
                case "on" -> tracing = true;
                case "off" -> tracing = false;
                case "clear" -> trace.clear();
                default -> throw new IllegalArgumentException("bad mode " + mode);
            }
            if (tracing && trace.isEmpty()) {
                trace.add(new TraceEntry(T0, "in", "192.0.2.10:5060", "udp",
                        "REGISTER sip:example.net SIP/2.0\r\nCall-ID: abc\r\n\r\n"));
            }
            return tracing;
        }

        public boolean isEnabled() {
            return tracing;
        }

        public void setEnabled(boolean enabled) {
            tracing = enabled;
        }

        public List<TraceEntry> getMessages() {
            return trace;
        }
    }

    final class Stats implements StatsMXBean {
        public List<EntityStats> getStats() {
            return List.of(new EntityStats("alice", 3, 5, 1, 2, T0), new EntityStats("system", 0, 0, 0, 0, 0));
        }

        public List<PeriodStats> getPeriodicStats() {
            return List.of(new PeriodStats("alice", T0, period, 1, 2, 1, 0));
        }

        public int getPeriod() {
            return period;
        }

        public void setPeriod(int minutes) {
            period = minutes;
        }
    }

    final class Server implements ServerMXBean {
        public String abort() {
            log.add("abort");
            return "/var/lib/sipwitch/abort.txt";
        }

        public List<HealthCheck> check() {
            return List.of(new HealthCheck("deadlocks", true, "none"), new HealthCheck("listener udp/5060", true, "bound"));
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int level) {
            concurrency = level;
        }

        public String getVersion() {
            return SipwitchVersion.get();
        }

        @Override
        public String getContact() {
            return "sip:192.0.2.1:5060";
        }

        public void down() {
            log.add("down");
        }

        public void ifdown(String iface) {
            log.add("ifdown " + iface);
        }

        public void ifup(String iface) {
            log.add("ifup " + iface);
        }

        public List<String> reload() {
            log.add("reload");
            return List.of("registry.nonce-lifetime: applied", "stack.port: needs restart");
        }

        public void restart() {
            log.add("restart");
        }

        public String snapshot() {
            return "/var/lib/sipwitch/snapshot-1.txt";
        }

        public String getState() {
            return state;
        }

        public void setState(String s) {
            if (!s.matches("up|night")) {
                throw new IllegalArgumentException("unknown state " + s);
            }
            state = s;
            events.append(SipwitchNotifications.STATE_CHANGED, "state " + s);
        }

        public int getVerbose() {
            return verbose;
        }

        public void setVerbose(int level) {
            verbose = level;
        }

        public List<Event> eventsSince(long sequence) {
            return events.since(sequence);
        }
    }

    final class Config implements ConfigMXBean {
        public String getEffectiveConfig() {
            return "<sipwitch>\n  <registry><realm>" + realm + "</realm></registry>\n</sipwitch>\n";
        }

        public void enable(String id) {
            known(id);
            enabled.add(id);
        }

        public void disable(String id) {
            known(id);
            enabled.remove(id);
        }

        public void grant(String group) {
            log.add("grant " + group);
        }

        private void known(String id) {
            if (!confIds.contains(id)) {
                throw new IllegalArgumentException("unknown conf-id " + id);
            }
        }
    }
}
