package org.sipwitch.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provisioned users, found by id, extension or alias. Immutable: a reload builds a
 * new one. Ids, extensions and aliases share one namespace (the config loader rejects
 * clashes), so {@link #lookup(String)} is unambiguous.
 */
public final class UserDirectory {

    private final List<ProvisionedUser> users;
    private final Map<String, ProvisionedUser> byId = new HashMap<>();
    private final Map<String, ProvisionedUser> byExtension = new HashMap<>();
    private final Map<String, ProvisionedUser> byAlias = new HashMap<>();

    /** @throws IllegalArgumentException when two users claim the same id, extension or alias */
    public UserDirectory(Collection<ProvisionedUser> users) {
        this.users = List.copyOf(users);
        Map<String, ProvisionedUser> all = new HashMap<>();
        for (ProvisionedUser user : this.users) {
            put(all, user.id(), user);
            byId.put(user.id(), user);
            if (user.extension().isPresent()) {
                put(all, user.extension().get(), user);
                byExtension.put(user.extension().get(), user);
            }
            for (String alias : user.aliases()) {
                put(all, alias, user);
                byAlias.put(alias, user);
            }
        }
    }

    public static UserDirectory empty() {
        return new UserDirectory(List.of());
    }

    private static void put(Map<String, ProvisionedUser> all, String name, ProvisionedUser user) {
        ProvisionedUser earlier = all.putIfAbsent(name, user);
        if (earlier != null && earlier != user) { // <user id="1000"><extension>1000: one user, one name
            throw new IllegalArgumentException("\"" + name + "\" belongs to both " + earlier.id() + " (" + earlier.position()
                    + ") and " + user.id() + " (" + user.position() + ")");
        }
    }

    /** All users in config order (main file first, then drop-ins by id). */
    public List<ProvisionedUser> users() {
        return users;
    }

    public int size() {
        return users.size();
    }

    public Optional<ProvisionedUser> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** By extension digits exactly as provisioned ({@code "201"}). */
    public Optional<ProvisionedUser> byExtension(String extension) {
        return Optional.ofNullable(byExtension.get(extension));
    }

    public Optional<ProvisionedUser> byAlias(String alias) {
        return Optional.ofNullable(byAlias.get(alias));
    }

    /** What a dialled user part means: a user id, else an extension, else an alias. */
    public Optional<ProvisionedUser> lookup(String name) {
        return byId(name).or(() -> byExtension(name)).or(() -> byAlias(name));
    }

    @Override
    public String toString() {
        return "UserDirectory[" + users.size() + " users]";
    }
}
