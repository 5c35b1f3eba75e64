package org.sipwitch.management;

import org.sipwitch.config.ConfigDump;
import org.sipwitch.config.ConfigStore;
import org.sipwitch.config.DropInException;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.mbeans.ConfigMXBean;
import org.sipwitch.mbeans.ServerMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sipwitch:type=Config}: the effective configuration (secrets masked by
 * {@link ConfigDump}), drop-ins on and off, and group access to the directories.
 * Enabling or disabling reloads at once; when that reload fails, the rename is undone
 * so the files stay in step with what runs.
 */
final class ConfigBean implements ConfigMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigBean.class);

    private final LiveConfig config;
    private final ServerMXBean server;
    private final GroupGrant grant;

    ConfigBean(LiveConfig config, ServerMXBean server, GroupGrant grant) {
        this.config = config;
        this.server = server;
        this.grant = grant;
    }

    @Override
    public String getEffectiveConfig() {
        return String.join("\n", ConfigDump.lines(config));
    }

    @Override
    public void enable(String confId) {
        toggle(confId, true);
    }

    @Override
    public void disable(String confId) {
        toggle(confId, false);
    }

    @Override
    public void grant(String group) {
        grant.grant(Args.required(group, "group"));
    }

    private synchronized void toggle(String id, boolean enable) {
        ConfigStore store = config.dropIns();
        boolean changed;
        try {
            changed = enable ? store.enable(id) : store.disable(id);
        } catch (DropInException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!changed) {
            return; // already so: nothing to reload
        }
        try {
            server.reload();
        } catch (IllegalArgumentException e) {
            undo(store, id, enable);
            throw new IllegalArgumentException((enable ? "enabling " : "disabling ") + id
                    + " undone, the configuration would not load: " + e.getMessage());
        }
        LOG.info("drop-in {} {}", id, enable ? "enabled" : "disabled");
    }

    private static void undo(ConfigStore store, String id, boolean enabled) {
        try {
            if (enabled) {
                store.disable(id);
            } else {
                store.enable(id);
            }
        } catch (DropInException e) {
            LOG.warn("cannot undo {} of drop-in {}: {}", enabled ? "enabling" : "disabling", id, e.getMessage());
        }
    }
}
