package org.sipwitch.management;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.mbeans.CallRecord;

/**
 * Where the daemon's assembly plugs the SIP side into the MBeans. Every hook starts as
 * an honest default (nothing registered, no calls, operations that need SIP refused with
 * "... not available") and can be replaced at any time, before or after start: the
 * MBeans read the hook on every call.
 *
 * <pre>{@code
 * ManagementComponent management = new ManagementComponent(context);
 * management.hooks().registry(locationAdapter).calls(callTable).messenger(messages)
 *         .realm(authRealm).policy(gateAdapter).server(stackHooks).stats(callCounts);
 * }</pre>
 */
public final class ManagementHooks {

    private volatile RegistrySource registry = RegistrySource.ABSENT;
    private volatile CallsSource calls = CallsSource.ABSENT;
    private volatile TextMessenger messenger = TextMessenger.ABSENT;
    private volatile RealmControl realm;
    private volatile PolicySource policy = PolicySource.ABSENT;
    private volatile ServerHooks server = ServerHooks.NONE;
    private volatile StatsSource stats = StatsSource.ABSENT;
    private volatile ClusterSource cluster = ClusterSource.ABSENT;
    private volatile Supplier<List<CallRecord>> recentCdr = List::of;

    public ManagementHooks(LiveConfig config) {
        this.realm = new ConfigRealm(config);
    }

    public ManagementHooks registry(RegistrySource source) {
        this.registry = Objects.requireNonNull(source);
        return this;
    }

    public ManagementHooks calls(CallsSource source) {
        this.calls = Objects.requireNonNull(source);
        return this;
    }

    public ManagementHooks messenger(TextMessenger source) {
        this.messenger = Objects.requireNonNull(source);
        return this;
    }

    public ManagementHooks realm(RealmControl control) {
        this.realm = Objects.requireNonNull(control);
        return this;
    }

    public ManagementHooks policy(PolicySource source) {
        this.policy = Objects.requireNonNull(source);
        return this;
    }

    /** The recent call detail records the History MBean shows. */
    public ManagementHooks recentCdr(Supplier<List<CallRecord>> source) {
        this.recentCdr = Objects.requireNonNull(source);
        return this;
    }

    Supplier<List<CallRecord>> recentCdr() {
        return recentCdr;
    }

    public ManagementHooks server(ServerHooks hooks) {
        this.server = Objects.requireNonNull(hooks);
        return this;
    }

    public ManagementHooks stats(StatsSource source) {
        this.stats = Objects.requireNonNull(source);
        return this;
    }

    public ManagementHooks cluster(ClusterSource source) {
        this.cluster = source == null ? ClusterSource.ABSENT : source;
        return this;
    }

    public ClusterSource cluster() {
        return cluster;
    }

    public RegistrySource registry() {
        return registry;
    }

    public CallsSource calls() {
        return calls;
    }

    public TextMessenger messenger() {
        return messenger;
    }

    public RealmControl realm() {
        return realm;
    }

    public PolicySource policy() {
        return policy;
    }

    public ServerHooks server() {
        return server;
    }

    public StatsSource stats() {
        return stats;
    }
}
