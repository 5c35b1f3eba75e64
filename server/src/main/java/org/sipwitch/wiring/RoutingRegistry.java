package org.sipwitch.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.sipwitch.config.UserDirectory;
import org.sipwitch.management.RegistrySource;
import org.sipwitch.mbeans.CachedUser;
import org.sipwitch.mbeans.Registration;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.gateway.GatewayStatus;
import org.sipwitch.sip.routing.Forwards;
import org.sipwitch.sip.server.SipServer;

/**
 * The Registry MBean's source with call routing plugged in: the phones' bindings (from
 * {@link LocationRegistry}), one row per gateway with its registration state and last
 * error, and the {@code forward} operation on the server's forwarding table.
 */
final class RoutingRegistry implements RegistrySource {
    private final RegistrySource bindings;
    private final SipServer sip;
    private final Supplier<UserDirectory> users;

    RoutingRegistry(RegistrySource bindings, SipServer sip, Supplier<UserDirectory> users) {
        this.bindings = bindings;
        this.sip = sip;
        this.users = users;
    }

    @Override
    public List<Registration> registrations() {
        List<Registration> out = new ArrayList<>(bindings.registrations());
        out.addAll(gateways());
        return out;
    }

    /** The phones' page, then the gateways' rows after the last phone. */
    @Override
    public List<Registration> page(int offset, int limit) {
        List<Registration> out = new ArrayList<>(bindings.page(offset, limit));
        if (out.size() < limit) {
            long phones = bindings.counts().byTransport().values().stream().mapToLong(Long::longValue).sum();
            List<Registration> trunks = gateways();
            int from = (int) Math.max(0, offset - phones);
            for (int i = from; i < trunks.size() && out.size() < limit; i++) {
                out.add(trunks.get(i));
            }
        }
        return out;
    }

    /** The phones' counts; gateways have their own gauge, never counted as bindings. */
    @Override
    public Counts counts() {
        Counts phones = bindings.counts();
        java.util.Map<String, Long> up = new java.util.TreeMap<>();
        for (Gateway g : sip.gateways().all()) {
            String state = g.status().state();
            up.put(g.id(), state.equals("registered") || state.equals("static") ? 1L : 0L);
        }
        return new Counts(phones.byTransport(), phones.users(), up);
    }

    private List<Registration> gateways() {
        List<Registration> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Gateway g : sip.gateways().all()) {
            GatewayStatus s = g.status();
            long expires = s.expiresAtMillis() == 0 ? 0 : Math.max(0, (s.expiresAtMillis() - now) / 1000);
            out.add(new Registration("gateway:" + g.id(), "", g.user() + "@" + g.domain(), "gateway",
                    "sip:" + g.user() + "@" + g.domain() + " via " + g.proxy(), g.proxy().transport().param(),
                    g.registerSeconds() > 0 ? expires : -1, s.state(), s.lastError()));
        }
        return out;
    }

    @Override
    public List<CachedUser> userCache() {
        return bindings.userCache();
    }

    @Override
    public void activate(String extension, String address) {
        bindings.activate(extension, address);
    }

    @Override
    public int release(String extension) {
        return bindings.release(extension);
    }

    @Override
    public String forward(String user, String kind, String target) {
        String id = users.get().lookup(user.strip()).orElseThrow(() -> new IllegalArgumentException(
                "no such user: " + user)).id();
        Forwards.Kind k = Forwards.Kind.parse(kind.strip().toLowerCase(Locale.ROOT));
        String t = target.strip();
        if (t.isEmpty() || t.chars().anyMatch(c -> c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '=')) {
            throw new IllegalArgumentException("forwarding target must be a user, extension, number or sip: URI"
                    + " without spaces, or off");
        }
        boolean off = t.equalsIgnoreCase("off");
        try {
            sip.forwarding().set(id, k, off ? null : t);
        } catch (IOException e) {
            throw new UncheckedIOException("forwarding of " + id + " changed but not kept: " + e.getMessage(), e);
        }
        return id + " " + k.token() + (off ? " off" : " -> " + t);
    }
}
