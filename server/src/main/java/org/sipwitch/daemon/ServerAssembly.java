package org.sipwitch.daemon;

import java.util.ArrayList;
import java.util.List;

/** Builds the daemon's components from the configuration, in start order. */
final class ServerAssembly {
    private ServerAssembly() {
    }

    static List<Component> components(DaemonContext context) {
        List<Component> list = new ArrayList<>();
        return list;
    }
}
