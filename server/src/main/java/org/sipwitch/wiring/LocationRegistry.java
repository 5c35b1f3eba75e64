package org.sipwitch.wiring;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sipwitch.config.ProvisionedUser;
import org.sipwitch.config.RegistryConfig;
import org.sipwitch.config.UserDirectory;
import org.sipwitch.management.RegistrySource;
import org.sipwitch.mbeans.CachedUser;
import org.sipwitch.mbeans.Registration;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.server.RecentUsers;

/** The Registry MBean's view of the location service: registry, usercache, activate, release. */
final class LocationRegistry implements RegistrySource {
    private final LocationService location;
    private final Supplier<UserDirectory> users;
    private final Supplier<RegistryConfig> registry;
    private final Supplier<List<InetSocketAddress>> listeners;
    private final RecentUsers recent;
    /** This node's name in a cluster, else empty. */
    private final Supplier<String> self;

    /**
     * @param registry  the extension range in force: unprovisioned numbers in it may be activated
     * @param listeners the UDP listeners' addresses, for the address families the server can reach
     * @param self      this node's name in a cluster, else empty
     */
    LocationRegistry(LocationService location, Supplier<UserDirectory> users, Supplier<RegistryConfig> registry,
                     Supplier<List<InetSocketAddress>> listeners, RecentUsers recent, Supplier<String> self) {
        this.location = location;
        this.users = users;
        this.registry = registry;
        this.listeners = listeners;
        this.recent = recent;
        this.self = self;
    }

    /** Rows in user id order, a user's contacts in contact order: the same order for every page. */
    private static final Comparator<Binding> ORDER = Comparator.comparing(Binding::userId)
            .thenComparing(Binding::contact);

    @Override
    public List<Registration> registrations() {
        List<Binding> all = new ArrayList<>(location.all());
        all.sort(ORDER);
        return rows(all);
    }

    @Override
    public int count() {
        return location.count();
    }

    /**
     * The page without sorting or making a row of every binding: the first
     * {@code offset + limit} in order are kept in a bounded heap (O(n log k)), and rows are
     * made for the page only.
     */
    @Override
    public List<Registration> page(int offset, int limit) {
        int keep = (int) Math.min(Integer.MAX_VALUE - 8L, (long) offset + limit);
        List<Binding> bindings = location.all();
        if (keep > bindings.size() / 8) { // deep pages: one sort beats a heap of most of the list
            List<Binding> sortedAll = new ArrayList<>(bindings);
            sortedAll.sort(ORDER);
            return offset >= sortedAll.size() ? List.of()
                    : rows(sortedAll.subList(offset, Math.min(sortedAll.size(), keep)));
        }
        PriorityQueue<Binding> first = new PriorityQueue<>(Math.min(keep, 1024) + 1, ORDER.reversed());
        for (Binding b : bindings) {
            if (first.size() < keep) {
                first.add(b);
            } else if (ORDER.compare(b, first.peek()) < 0) {
                first.poll();
                first.add(b);
            }
        }
        List<Binding> sorted = new ArrayList<>(first);
        sorted.sort(ORDER);
        return offset >= sorted.size() ? List.of() : rows(sorted.subList(offset, sorted.size()));
    }

    @Override
    public Counts counts() {
        Map<String, Long> byTransport = new TreeMap<>();
        Set<String> users = new HashSet<>();
        for (Binding b : location.all()) {
            byTransport.merge(b.peer().transport().param(), 1L, Long::sum);
            users.add(b.userId());
        }
        return new Counts(byTransport, users.size());
    }

    private List<Registration> rows(List<Binding> bindings) {
        long now = System.currentTimeMillis();
        UserDirectory dir = users.get();
        List<Registration> out = new ArrayList<>(bindings.size());
        for (Binding b : bindings) {
            String display = dir.byId(b.userId()).map(ProvisionedUser::display).orElse("");
            long expires = b.staticBinding() ? -1 : Math.max(0, (b.expiresAtMillis() - now + 999) / 1000);
            out.add(new Registration(b.userId(), b.extension() == null ? "" : b.extension(),
                    display == null ? "" : display, b.staticBinding() ? "static" : "user", b.contact(),
                    b.peer().transport().param(), expires, "registered", "", nodeOf(b), location.reachable(b)));
        }
        return out;
    }

    /** The cluster node holding the binding: this node's name for its own; empty without a cluster. */
    private String nodeOf(Binding b) {
        return b.node() != null ? b.node() : self.get();
    }

    @Override
    public List<CachedUser> userCache() {
        UserDirectory dir = users.get();
        List<CachedUser> out = new ArrayList<>();
        for (RecentUsers.Entry e : recent.entries()) {
            Optional<ProvisionedUser> u = dir.byId(e.user());
            out.add(new CachedUser(e.user(), u.flatMap(ProvisionedUser::extension).orElse(""),
                    u.map(ProvisionedUser::display).orElse(""), e.address(), e.lastSeen()));
        }
        return out;
    }

    /**
     * A provisioned user by id, extension or alias, or, as the seed's "register a static
     * sip extension manually" has it, an unprovisioned number inside the extension range:
     * a door phone or a gateway at a fixed address, bound under its number.
     */
    @Override
    public void activate(String extension, String address) {
        Identity who = identity(extension);
        InetSocketAddress target = parseAddress(address);
        checkReachable(target, address);
        String host = target.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String contact = SipUri.sip(who.extension() != null ? who.extension() : who.userId(), host,
                target.getPort()).toString();
        location.put(Binding.fixed(who.userId(), who.extension(), contact, new Peer(Transport.UDP, target),
                System.currentTimeMillis()));
    }

    @Override
    public int release(String extension) {
        int removed = location.removeUser(identity(extension).userId(), BindingListener.Cause.RELEASED).size();
        if (removed == 0) {
            throw new IllegalArgumentException(extension + " is not registered");
        }
        return removed;
    }

    private record Identity(String userId, String extension) {
    }

    private Identity identity(String name) {
        Optional<ProvisionedUser> user = users.get().lookup(name);
        if (user.isPresent()) {
            return new Identity(user.get().id(), user.get().extension().orElse(null));
        }
        RegistryConfig range = registry.get();
        if (!name.isEmpty() && name.length() <= 9 && name.chars().allMatch(Character::isDigit)
                && range.inRange(Integer.parseInt(name))) {
            return new Identity(name, name);
        }
        throw new IllegalArgumentException("no such extension " + name + (range.range() == 0 ? ""
                : " (not provisioned, and not in the extension range " + range.prefix() + "-"
                + range.lastExtension() + ")"));
    }

    /** A static binding must name one host this server can send to: no wildcard, no multicast, a family we listen on. */
    private void checkReachable(InetSocketAddress target, String text) {
        InetAddress a = target.getAddress();
        if (a.isAnyLocalAddress() || a.isMulticastAddress()
                || (a instanceof java.net.Inet4Address && a.getHostAddress().equals("255.255.255.255"))) {
            throw new IllegalArgumentException("cannot activate at " + text
                    + ": give the address of the phone itself, not a wildcard, broadcast or multicast address");
        }
        boolean v6 = a instanceof java.net.Inet6Address;
        List<InetSocketAddress> bound = listeners.get();
        if (bound.isEmpty()) {
            throw new IllegalArgumentException("cannot activate at " + text + ": the server has no UDP listener");
        }
        for (InetSocketAddress l : bound) {
            InetAddress local = l.getAddress();
            // a socket on :: takes IPv4 too (dual stack); one on 0.0.0.0 or an IPv4 address only IPv4
            if ((local instanceof java.net.Inet6Address) == v6 || (local.isAnyLocalAddress() && !v6
                    && local instanceof java.net.Inet6Address)) {
                return;
            }
        }
        throw new IllegalArgumentException("cannot activate at " + text + ": the server does not listen on "
                + (v6 ? "IPv6" : "IPv4") + " (see <stack><interface>)");
    }

    /** "192.0.2.7", "192.0.2.7:5062", "[2001:db8::7]:5062", "2001:db8::7": literals only, no DNS. */
    static InetSocketAddress parseAddress(String text) {
        String s = text == null ? "" : text.strip();
        String host = s;
        int port = Transport.UDP.defaultPort();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(text);
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                port = port(s.substring(close + 1), text);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':')), text);
        }
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw bad(text);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw bad(text);
        }
    }

    private static int port(String colonPort, String text) {
        if (colonPort.length() < 2 || colonPort.charAt(0) != ':') {
            throw bad(text);
        }
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (p < 1 || p > 65535) {
                throw bad(text);
            }
            return p;
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("invalid address '" + text + "': use an IP address, optionally with :port");
    }
}
