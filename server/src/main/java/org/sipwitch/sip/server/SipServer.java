package org.sipwitch.sip.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sipwitch.config.GatewayConfig;
import java.util.concurrent.TimeoutException;
import org.sipwitch.config.ClusterConfig;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.gateway.GatewayDirectory;
import org.sipwitch.sip.gateway.GatewayListener;
import org.sipwitch.sip.gateway.OutboundRegistration;
import org.sipwitch.sip.routing.ForwardingTable;
import org.sipwitch.sip.routing.RoutingSettings;
import org.sipwitch.config.RegistryConfig;
import org.sipwitch.config.SipwitchConfig;
import org.sipwitch.config.StackConfig;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.auth.DigestSettings;
import org.sipwitch.sip.call.CallEngine;
import org.sipwitch.sip.call.CallSettings;
import org.sipwitch.sip.call.ListenerAddress;
import org.sipwitch.sip.cluster.Cluster;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.location.store.JournaledLocationService;
import org.sipwitch.sip.message.SipMethods;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.registrar.Registrar;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.transaction.CallIdExecutor;
import org.sipwitch.sip.transaction.TransactionLayer;
import org.sipwitch.sip.transaction.TransactionSettings;
import org.sipwitch.sip.transaction.WheelScheduler;
import org.sipwitch.sip.transport.MessageSender;
import org.sipwitch.sip.transport.TransportManager;
import org.sipwitch.sip.transport.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP side of the daemon, assembled: transports → transaction layer → method
 * router → registrar (and, as they land, calls and messaging). This class only
 * wires; each concept lives in its own package.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);
    /** Work queued per Call-ID lane before new requests are shed with 503. */
    private static final int LANE_QUEUE = 20_000;
    /** Static bindings ({@code activate}) may come on top of the devices a user registers. */
    private static final int STATIC_BINDING_ROOM = 4;
    /** How often refusals by the access gate are summed up in one log (and History) line. */
    private static final long SUMMARY_SECONDS = 60;

    private final LiveConfig live;
    /** Where registrations are kept across restarts; null keeps them in memory only. */
    private final java.nio.file.Path stateDir;
    private JournaledLocationService store;
    /** This node of a {@code <cluster>}, or null for a server alone. */
    private Cluster cluster;
    private final Clock clock = Clock.systemUTC();
    private final RequestRouter router = new RequestRouter();

    private CallIdExecutor lanes;
    private WheelScheduler scheduler;
    private TransportManager transports;
    private TransactionLayer transactions;
    private DigestAuthenticator authenticator;
    private LocationService location;
    private InMemoryLocationService memory;
    private Registrar registrar;
    private ProvisionedUsers users;
    private ScheduledExecutorService housekeeping;
    private AccessGate gate;
    private GatedInbound gated;
    private final RecentUsers recentUsers = new RecentUsers(1000);
    private final TrafficCounters traffic = new TrafficCounters();
    private volatile MessageTap tap = MessageTap.NONE;
    private LiveConfig.AutoCloseableListener reloadSubscription;
    private CallEngine calls;
    private ListenerAddress localAddress;
    private ForwardingTable forwarding = ForwardingTable.inMemory();
    private volatile GatewayDirectory gateways = GatewayDirectory.EMPTY;
    private List<GatewayConfig> gatewayConfigs = List.of();
    private final ProviderRegistrations registrations = new ProviderRegistrations(this::registrationOf);
    private volatile GatewayListener gatewayListener = GatewayListener.NONE;
    /** The state in force ({@code sipwitchctl state}); routing rules may apply in one only. */
    private volatile String state = "up";
    /** The dial plan's inputs, made again only when the config or the gateways change. */
    private volatile RoutingCache routingCache;

    private record RoutingCache(SipwitchConfig config, GatewayDirectory gateways, RoutingSettings settings) {
    }
    /** The call sequence to go on from (a restart in-process); 0 for a fresh daemon. */
    private int lastCallSequence;
    /** Ports picked by the server this one replaces, used where the config says 0 (any); 0 = none. */
    private int keptPort;
    private int keptTlsPort;
    private int keptWsPort;
    private int keptWssPort;
    /** The nonce-count table's capacity; the warm-up's servers keep a small one ({@link #keepFewNonceCounts}). */
    private int replayCapacity = DigestSettings.DEFAULT_REPLAY_TABLE_CAPACITY;
    /** A throwaway server of the warm-up: says where it listens at debug level only. */
    private boolean quietListeners;

    public SipServer(LiveConfig live) {
        this(live, null);
    }

    /** With a state directory, registrations are journalled there and restored at start. */
    public SipServer(LiveConfig live, java.nio.file.Path stateDir) {
        this.live = live;
        this.stateDir = stateDir;
    }

    /**
     * Before {@link #bind}: a nonce-count table small enough that the warm-up's flows fill it
     * many times, so that its eviction is compiled before the daemon's table first fills
     * (docs/benchmarks.md, "The first request undoes the warm-up").
     */
    void keepFewNonceCounts(int capacity) {
        replayCapacity = capacity;
    }

    /** Before {@link #bind}: the warm-up's servers do not announce their loopback listeners. */
    void quietListeners() {
        quietListeners = true;
    }

    /** Binds the listeners and starts serving; throws when a listener cannot be bound. */
    public void start() throws java.io.IOException {
        bind();
        open();
    }

    /**
     * Builds the server and binds its listeners without reading them yet: a taken port
     * fails here, at once. {@link #open()} then serves. Between the two the daemon warms
     * up ({@link Warmup}), while what phones send waits in the kernel.
     */
    public void bind() throws java.io.IOException {
        SipwitchConfig cfg = live.current();
        users = new ProvisionedUsers(live);
        lanes = new CallIdExecutor(Math.max(1, cfg.stack().concurrency()), LANE_QUEUE);
        scheduler = new WheelScheduler();
        gate = GateSettings.gate(cfg);
        gate.overload().watch(lanes::queued, lanes::queueDelayNanos);
        SecurityLog securityLog = new SecurityLog();
        gate.authGuard().addListener(securityLog);
        gate.overload().setListener(securityLog);
        MessageSender sender = buildTransports(cfg);
        authenticator = new DigestAuthenticator(
                StackSettings.digest(cfg.registry()).withReplayTableCapacity(replayCapacity),
                users, clock);
        authenticator.setObserver(new GuardedAuthentication(gate.authGuard(), recentUsers, clock));
        buildLocation(cfg);
        buildCalls(cfg, sender);
        reloadSubscription = live.onChange(this::apply);
        transports.start(false);
    }

    /** The listeners (on the ports an earlier start of this server kept), the gate before them, the transaction layer. */
    private MessageSender buildTransports(SipwitchConfig cfg) throws java.io.IOException {
        TransportSettings settings = StackSettings.transports(cfg.stack());
        if (cfg.stack().port() == 0 && keptPort > 0) {
            settings = settings.withPort(keptPort);
        }
        int tlsPort = cfg.stack().tlsPort() == 0 && keptTlsPort > 0 ? keptTlsPort : cfg.stack().tlsPort();
        var ws = cfg.stack().webSockets();
        int wsPort = ws.wsPort() == 0 && keptWsPort > 0 ? keptWsPort : ws.wsPort();
        int wssPort = ws.wssPort() == 0 && keptWssPort > 0 ? keptWssPort : ws.wssPort();
        transports = new TransportManager(WebSocketSetup.apply(TlsSetup.apply(settings, cfg.stack(), tlsPort),
                cfg.stack(), wsPort, wssPort), this::received);
        if (quietListeners) {
            transports.quiet();
        }
        transports.setConnectionLimits(StackSettings.connectionLimits(cfg.security()));
        AccessGate answering = gate;
        transports.setDatagramAnswerFilter(source -> source.getAddress() == null
                || answering.mayAnswerMalformed(source.getAddress()));
        MessageSender sender = new TappedSender(transports, () -> tap, traffic);
        gated = new GatedInbound(gate, in -> transactions.onMessage(in), sender);
        transactions = new TransactionLayer(sender, router, lanes, scheduler, TransactionSettings.defaults());
        return sender;
    }

    /** Where registrations live (the cluster's store, the journal, or memory only) and the registrar over them. */
    private void buildLocation(SipwitchConfig cfg) throws java.io.IOException {
        memory = new InMemoryLocationService(clock, cfg.registry().maxBindings() + STATIC_BINDING_ROOM);
        localAddress = new ListenerAddress(transports::listeningPoints, () -> live.current().stack().published());
        if (cfg.cluster().isPresent()) {
            ClusterConfig c = cfg.cluster().get();
            cluster = Cluster.create(StackSettings.cluster(c), memory, clock, () -> nodeAddress(c, localAddress));
            location = cluster.location();
        } else if (stateDir != null) {
            store = JournaledLocationService.open(memory, stateDir, clock);
            location = store;
        } else {
            location = memory;
        }
        registrar = new Registrar(StackSettings.registrar(cfg.registry()), authenticator, users, location, clock);
        FlowBindings flows = new FlowBindings(location);
        flows.dropRestored();
        transports.setFlowListener(flows);
    }

    /** The request handlers: OPTIONS, REGISTER and the call engine's (with its forwarding table and node routes). */
    private void buildCalls(SipwitchConfig cfg, MessageSender sender) throws java.io.IOException {
        router.handle(SipMethods.OPTIONS, new OptionsHandler(router::allow));
        router.handle(SipMethods.REGISTER, new RegisterHandler(registrar));
        if (stateDir != null) {
            forwarding = ForwardingTable.open(stateDir);
        }
        calls = new CallEngine(sender, lanes, scheduler, clock, localAddress,
                authenticator, users, location, () -> callSettings(live.current()), cfg.stack().mapped());
        calls.attach(transactions);
        calls.table().continueAfter(lastCallSequence);
        if (cluster != null) {
            calls.setNodeRoutes(cluster.routes());
        }
        CallHandlers.install(router, calls);
    }

    /** Reads the listeners bound by {@link #bind()}, registers with the gateways, joins the cluster. */
    public void open() {
        SipwitchConfig cfg = live.current();
        transports.startReading();
        startGateways(cfg.gateways());
        if (cluster != null) {
            cluster.start(); // after the listeners: the other nodes are told our real ports
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sipwitch-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        GateSummary summary = new GateSummary(gate);
        housekeeping.scheduleAtFixedRate(() -> summary.report(SUMMARY_SECONDS), SUMMARY_SECONDS, SUMMARY_SECONDS,
                TimeUnit.SECONDS);
    }

    private void received(InboundMessage in) {
        traffic.received(in.message());
        MessageTap t = tap;
        if (t.active()) {
            t.record(true, in.source(), in.message());
        }
        gated.onMessage(in);
    }

    /** Where traced messages go (the Trace MBean); NONE to stop. */
    public void setTap(MessageTap newTap) {
        this.tap = newTap == null ? MessageTap.NONE : newTap;
    }

    public RecentUsers recentUsers() {
        return recentUsers;
    }

    /** Builds the gateways (resolving their proxies, on this thread) and registers those that register. */
    private synchronized void startGateways(List<GatewayConfig> configs) {
        GatewayDirectory next = new GatewayDirectory(GatewaySetup.build(configs));
        registrations.replace(next, configs);
        gatewayConfigs = List.copyOf(configs);
        gateways = next;
    }

    /** Registers {@code g} through this server's stack; its ups and downs are logged and reach the listener. */
    private OutboundRegistration registrationOf(Gateway g) {
        return new OutboundRegistration(g, transactions, lanes, scheduler, clock, localAddress::host,
                localAddress::port, new GatewayListener() {
                    @Override
                    public void up(String id, String detail) {
                        LOG.info("gateway {} up: {}", id, detail);
                        gatewayListener.up(id, detail);
                    }

                    @Override
                    public void down(String id, String reason) {
                        LOG.warn("gateway {} down: {}", id, reason);
                        gatewayListener.down(id, reason);
                    }
                });
    }

    /** The gateways in force, with their registration state. */
    public GatewayDirectory gateways() {
        return gateways;
    }

    /** Who hears gateways go up and down (the management events); NONE to stop. */
    public void setGatewayListener(GatewayListener listener) {
        this.gatewayListener = listener == null ? GatewayListener.NONE : listener;
    }

    /** Switches the state routing rules consult ({@code sipwitchctl state ID}). */
    public void setState(String next) {
        this.state = next;
    }

    public String state() {
        return state;
    }

    /** The operator's forwarding changes, kept in the state directory. */
    public ForwardingTable forwarding() {
        return forwarding;
    }

    /** SIP messages received and sent since this server started. */
    public TrafficCounters traffic() {
        return traffic;
    }

    /**
     * A change of the configuration in force (reload, {@code realm}, {@code concurrency})
     * applied to the running server. What is not here is read per request from the
     * configuration in force (users, timers, published address, routing), or only a
     * restart changes it (listeners); the TLS certificate is re-read by {@link #reloadTls}.
     */
    private void apply(SipwitchConfig cfg) {
        if (!cfg.gateways().equals(gatewayConfigs)) {
            startGateways(cfg.gateways()); // a changed trunk registers anew; unchanged ones keep going
        }
        GateSettings.reconfigure(gate, cfg);
        transports.setConnectionLimits(StackSettings.connectionLimits(cfg.security()));
        registrar.setConfig(StackSettings.registrar(cfg.registry()));
        RegistryConfig r = cfg.registry();
        registrar.setConfig(StackSettings.registrar(r));
        memory.allowBindingsPerUser(r.maxBindings() + STATIC_BINDING_ROOM);
        DigestAlgorithm alg = r.digest();
        if (!r.realm().equals(authenticator.realm()) || alg != authenticator.algorithm()) {
            authenticator.setRealm(r.realm(), alg);
        }
        authenticator.setNonceLifetime(Duration.ofSeconds(r.nonceLifetime()));
        if (cfg.stack().concurrency() != lanes.concurrency()) {
            lanes.setConcurrency(cfg.stack().concurrency());
        }
    }

    /**
     * Reads the keystore of the configuration in force again, so that a renewed
     * certificate is served from the next handshake on (connections already up keep
     * theirs). Says what is served now; empty when TLS is not listening.
     *
     * @throws java.io.IOException when the keystore cannot be used: the old certificate stays
     */
    public Optional<String> reloadTls() throws java.io.IOException {
        StackConfig stack = live.current().stack();
        if (!transports.tlsEnabled() || stack.tls().isEmpty()) {
            return Optional.empty();
        }
        transports.replaceTls(TlsSetup.load(stack.tls().get(), stack.tlsPort()));
        String served = transports.tlsCertificate().orElse("");
        LOG.info("TLS certificate reloaded: {}", served);
        return Optional.of(served);
    }

    private void sweep() {
        try {
            location.sweep(clock.millis());
            if (store != null) {
                store.maintain();
            }
        } catch (RuntimeException e) {
            LOG.warn("registration sweep failed: {}", e.toString());
        }
    }

    /** "udp://127.0.0.1:5060"-style names of the bound listeners, for the ready message. */
    public List<String> listening() {
        return transports.listeningPoints().stream()
                .map(lp -> StackSettings.uri(lp.transport(), lp.address())).toList();
    }

    /**
     * Before {@link #start()}, for a restart in-process: go on from the server this one
     * replaces. Calls are numbered after its last one, and where the config asks for any
     * free port ({@code 0}) the ports it had picked are bound again: the phones registered
     * with those.
     */
    public void continueFrom(SipServer old) {
        this.lastCallSequence = old.calls().table().lastSequence();
        for (var lp : old.transports().listeningPoints()) {
            if (lp.transport() == Transport.TLS) {
                keptTlsPort = keptTlsPort == 0 ? lp.address().getPort() : keptTlsPort;
            } else if (lp.transport() == Transport.WS) {
                keptWsPort = keptWsPort == 0 ? lp.address().getPort() : keptWsPort;
            } else if (lp.transport() == Transport.WSS) {
                keptWssPort = keptWssPort == 0 ? lp.address().getPort() : keptWssPort;
            } else {
                keptPort = keptPort == 0 ? lp.address().getPort() : keptPort;
            }
        }
    }

    /**
     * Ends every call ({@code reason}: {@code shutdown}, {@code restart}) and waits, at
     * most {@code <timers><shutdown>} seconds, for the phones to answer the BYE and
     * CANCEL; new INVITEs get 503 meanwhile. The transports must still be open.
     */
    public void endCalls(String reason) {
        if (calls == null || transports == null) {
            return;
        }
        int active = calls.table().active();
        if (active == 0) {
            calls.endAll(reason); // nothing to wait for; still turns new calls away
            return;
        }
        Duration grace = live.current().timers().shutdownGrace();
        LOG.info("ending {} call(s) for {}, waiting up to {} s for the phones", active, reason, grace.toSeconds());
        try {
            calls.endAll(reason).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{}: not every phone answered the end of its call within {} s", reason, grace.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("{}: ending calls failed: {}", reason, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the calls (as {@link #endCalls}, reason {@code shutdown}), then stops everything. */
    @Override
    public void close() {
        endCalls("shutdown");
        if (reloadSubscription != null) {
            reloadSubscription.close();
        }
        registrations.unregisterAll(); // before the sockets close
        if (housekeeping != null) {
            // no interrupt: it would close the journal's FileChannel under a write
            housekeeping.shutdown();
            try {
                housekeeping.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (transports != null) {
            transports.stop();
        }
        if (lanes != null) {
            lanes.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (store != null) {
            store.close(); // after the listeners: no REGISTER can change the state any more
        }
        if (cluster != null) {
            cluster.close(); // likewise: last changes written, then this node leaves
        }
    }

    /** This node of a {@code <cluster>}, or null. */
    public Cluster cluster() {
        return cluster;
    }

    /** Where the other nodes send calls for our phones: {@code <address>}, else our TCP (or UDP) listener. */
    private String nodeAddress(ClusterConfig c, ListenerAddress local) {
        if (c.address().isPresent()) {
            return Cluster.address(c.address().get(), Transport.UDP);
        }
        boolean tcp = transports.listeningPoints().stream().anyMatch(p -> p.transport() == Transport.TCP);
        Transport t = tcp ? Transport.TCP : Transport.UDP;
        return Cluster.address(local.host() + ":" + local.port(t), t);
    }

    /** True when registrations are kept in the state directory. */
    public boolean persistent() {
        return store != null;
    }

    public RequestRouter router() {
        return router;
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    public TransportManager transports() {
        return transports;
    }

    public LocationService location() {
        return location;
    }

    public DigestAuthenticator authenticator() {
        return authenticator;
    }

    public Registrar registrar() {
        return registrar;
    }

    public CallIdExecutor lanes() {
        return lanes;
    }

    public AccessGate gate() {
        return gate;
    }

    /** The B2BUA: calls, status, drop, message, statistics. */
    public CallEngine calls() {
        return calls;
    }

    public ProvisionedUsers users() {
        return users;
    }

    /** {@code <timers>}, {@code <access>} and the dial plan as the call engine's own settings. */
    private CallSettings callSettings(SipwitchConfig config) {
        RoutingCache cache = routingCache;
        GatewayDirectory gws = gateways;
        if (cache == null || cache.config() != config || cache.gateways() != gws) {
            cache = new RoutingCache(config, gws, RoutingSetup.of(config, gws, forwarding));
            routingCache = cache;
        }
        return new CallSettings(config.timers().noAnswer().toMillis(), config.access()::isTrusted,
                CallSettings.DEFAULT_PROBE_MILLIS, cache.settings(), state);
    }

}
