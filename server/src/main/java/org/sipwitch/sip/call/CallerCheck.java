package org.sipwitch.sip.call;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.sipwitch.sip.auth.AuthResult;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.registrar.UserIdentity;
import org.sipwitch.sip.registrar.UserLookup;

/**
 * Who is calling (or sending a MESSAGE): a user registered from a trusted network is
 * believed by its From (MISSION: trusted sources may skip re-challenge); so is a request
 * another node of the cluster signed (that node authenticated its caller); everyone
 * else proves it with digest credentials answering a {@code 407} (RFC 3261 §22.3).
 */
final class CallerCheck {
    /**
     * Either the user, or the response that refuses the request; {@code fromNode} when a
     * cluster node sent it on for one of our phones.
     */
    record Result(UserIdentity user, SipResponse refusal, boolean fromNode) {
        Result(UserIdentity user, SipResponse refusal) {
            this(user, refusal, false);
        }
    }

    private final DigestAuthenticator authenticator;
    private final UserLookup users;
    private final LocationService location;
    private final Supplier<NodeRoutes> routes;

    CallerCheck(DigestAuthenticator authenticator, UserLookup users, LocationService location,
                Supplier<NodeRoutes> routes) {
        this.authenticator = authenticator;
        this.users = users;
        this.location = location;
        this.routes = routes;
    }

    Result check(SipRequest request, Peer source, CallSettings settings) {
        if (routes.get().fromNode(request)) {
            return new Result(nodeCaller(request), null, true);
        }
        InetAddress address = source.address().getAddress();
        if (address != null && settings.trusted().test(address)) {
            Optional<UserIdentity> claimed = fromUser(request);
            if (claimed.isPresent() && registeredFrom(claimed.get().id(), address)) {
                return new Result(claimed.get(), null);
            }
        }
        AuthResult auth = authenticator.authenticate(request, source);
        if (!auth.isAuthenticated()) {
            return new Result(null, authenticator.challenge(request, auth, source));
        }
        Optional<UserIdentity> user = users.resolve(auth.username());
        if (user.isEmpty()) {
            return new Result(null, Refusals.of(request, 403, "Not a Local User"));
        }
        return new Result(user.get(), null);
    }

    /** The caller a node vouches for: a user of ours, or whoever it names ({@code system}, an outside caller). */
    private UserIdentity nodeCaller(SipRequest request) {
        Optional<UserIdentity> known = fromUser(request);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            String user = request.from().uri().userDecoded();
            String display = request.from().display();
            return new UserIdentity(user == null || user.isEmpty() ? CallStatistics.SYSTEM : user, null, display);
        } catch (SipParseException e) {
            return new UserIdentity(CallStatistics.SYSTEM, null, null);
        }
    }

    private Optional<UserIdentity> fromUser(SipRequest request) {
        try {
            String user = request.from().uri().userDecoded();
            return user == null ? Optional.empty() : users.resolve(user);
        } catch (SipParseException e) {
            return Optional.empty();
        }
    }

    private boolean registeredFrom(String userId, InetAddress address) {
        for (Binding b : location.lookup(userId)) {
            if (address.equals(b.peer().address().getAddress())) {
                return true;
            }
        }
        return false;
    }
}
