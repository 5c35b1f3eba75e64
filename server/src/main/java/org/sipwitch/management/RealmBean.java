package org.sipwitch.management;

import org.sipwitch.config.Rules;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.mbeans.RealmInfo;
import org.sipwitch.mbeans.RealmMXBean;

/**
 * {@code sipwitch:type=Realm}: show or change the realm through the wired
 * {@link RealmControl}, and compute HA1 for console users. The secret is never logged
 * nor kept.
 */
final class RealmBean implements RealmMXBean {

    private final ManagementHooks hooks;
    private final Events events;

    RealmBean(ManagementHooks hooks, Events events) {
        this.hooks = hooks;
        this.events = events;
    }

    @Override
    public RealmInfo realm(String realm, String digestType) {
        RealmControl control = hooks.realm();
        RealmInfo now = control.current();
        if (Args.empty(realm) && Args.empty(digestType)) {
            return now;
        }
        String newRealm = Args.empty(realm) ? now.realm() : checkRealm(realm.strip());
        DigestAlgorithm digest = algorithm(Args.empty(digestType) ? now.digestType() : digestType);
        RealmInfo changed = control.change(newRealm, digest);
        if (!changed.equals(now)) {
            events.realmChanged(changed.realm(), changed.digestType());
        }
        return changed;
    }

    @Override
    public String digest(String user, String realm, String digestType, String secret) {
        Args.required(user, "user");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret is required");
        }
        RealmInfo now = hooks.realm().current();
        String r = Args.empty(realm) ? now.realm() : realm;
        DigestAlgorithm digest = algorithm(Args.empty(digestType) ? now.digestType() : digestType);
        return digest.ha1(user.strip(), r, secret.toCharArray());
    }

    private static DigestAlgorithm algorithm(String name) {
        return DigestAlgorithm.parse(name).orElseThrow(() ->
                new IllegalArgumentException("unknown digest type '" + name + "' (use md5 or sha-256)"));
    }

    /** The rule of {@code <realm>} in the files: what the file refuses cannot be set live either. */
    private static String checkRealm(String realm) {
        Rules.realmProblem(realm).ifPresent(problem -> {
            throw new IllegalArgumentException("realm " + problem + ", not '" + realm + "'");
        });
        return realm;
    }
}
