package org.sipwitch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload changed, in the dump's names: each setting whose value in force changed
 * ({@code registry.nonce-lifetime: applied}), and each setting of the files that is not
 * in force because only a restart applies it ({@code stack.port: needs restart}). The
 * reload verb answers with these lines, and they go to the log and the events.
 */
public final class ConfigChanges {

    /** Dump lines that are no setting: which files were read, and the load's warnings. */
    static final Set<String> IGNORED = Set.of("source", "warning");

    /** What lives as long as the daemon process: not even the restart verb changes it. */
    static final List<String> DAEMON_LIFETIME = List.of("jmx", "metrics", "cdr");

    private ConfigChanges() {
    }

    /** @param before the configuration in force before the reload */
    public static List<String> report(SipwitchConfig before, LiveConfig live) {
        SipwitchConfig after = live.current();
        Map<String, List<String>> was = valuesByKey(before);
        Map<String, List<String>> now = valuesByKey(after);
        Map<String, List<String>> files = valuesByKey(live.loaded());
        List<String> out = new ArrayList<>();
        for (String key : keys(was, now)) {
            if (!Objects.equals(was.get(key), now.get(key))) {
                out.add(key + ": applied");
            }
        }
        String users = users(before.users(), after.users());
        out.remove("provision.user: applied"); // said with the names below, also when only a secret changed
        if (!users.isEmpty()) {
            out.add("provision.user: applied (" + users + ")");
        }
        Set<String> pending = new LinkedHashSet<>();
        for (String key : keys(files, now)) {
            if (!Objects.equals(files.get(key), now.get(key)) && !live.liveKeys().contains(key)) {
                // remote JMX, /metrics and the records are one thing each: one line, however many settings differ
                String setting = DAEMON_LIFETIME.stream().filter(key::startsWith).findFirst().orElse(key);
                pending.add(setting + ": " + needs(setting));
            }
        }
        out.addAll(pending);
        return out;
    }

    /** Why a setting of the files is not in force. */
    static String needs(String key) {
        return DAEMON_LIFETIME.contains(key)
                ? "needs the daemon restarted (restart keeps remote JMX, /metrics and the call records as they are)"
                : "needs restart";
    }

    /** Each setting's values (several for lists: users, networks, routes), without the places they were written. */
    static Map<String, List<String>> valuesByKey(SipwitchConfig config) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (ConfigDump.Entry e : ConfigDump.entries(config)) {
            if (!IGNORED.contains(e.key())) {
                map.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.value());
            }
        }
        return map;
    }

    private static List<String> keys(Map<String, List<String>> a, Map<String, List<String>> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        for (String k : b.keySet()) {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /**
     * Users added, removed, or changed in anything but where they are written. The
     * dump masks secrets, so a changed secret is seen here, by comparing the
     * credentials themselves (in constant time: {@link Secret#equals}).
     */
    private static String users(UserDirectory before, UserDirectory after) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (ProvisionedUser u : after.users()) {
            var old = before.byId(u.id());
            if (old.isEmpty()) {
                added.add(u.id());
            } else if (!same(old.get(), u)) {
                changed.add(u.id());
            }
        }
        for (ProvisionedUser u : before.users()) {
            if (after.byId(u.id()).isEmpty()) {
                removed.add(u.id());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(" ", added));
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + String.join(" ", changed));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(" ", removed));
        }
        return String.join("; ", parts);
    }

    private static boolean same(ProvisionedUser a, ProvisionedUser b) {
        return a.extension().equals(b.extension()) && a.display().equals(b.display())
                && a.profile().equals(b.profile()) && a.credentials().equals(b.credentials())
                && a.aliases().equals(b.aliases());
    }
}
