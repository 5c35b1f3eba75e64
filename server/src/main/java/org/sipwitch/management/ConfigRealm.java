package org.sipwitch.management;

import org.sipwitch.config.LiveConfig;
import org.sipwitch.config.RegistryConfig;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.mbeans.RealmInfo;

/**
 * The default {@link RealmControl}: the configured realm, or the one set by the last
 * change until the next successful reload (a reload puts the file back in charge).
 */
final class ConfigRealm implements RealmControl {

    private final LiveConfig config;
    private volatile RealmInfo override;

    ConfigRealm(LiveConfig config) {
        this.config = config;
        config.onReload(c -> override = null);
    }

    @Override
    public RealmInfo current() {
        RealmInfo o = override;
        if (o != null) {
            return o;
        }
        RegistryConfig r = config.current().registry();
        return new RealmInfo(r.realm(), r.digest().configName());
    }

    @Override
    public RealmInfo change(String realm, DigestAlgorithm digest) {
        RealmInfo info = new RealmInfo(realm, digest.configName());
        override = info;
        return info;
    }
}
