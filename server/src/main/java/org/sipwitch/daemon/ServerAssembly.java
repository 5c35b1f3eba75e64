package org.sipwitch.daemon;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.sip.core.SipServer;

/** Builds the daemon's components from the configuration, in start order. */
final class ServerAssembly {
    private ServerAssembly() {
    }

    static List<Component> components(DaemonContext context) {
        List<Component> list = new ArrayList<>();
        SipServer sip = new SipServer(context.config());
        list.add(new Component() {
            @Override
            public String name() {
                return "SIP server";
            }

            @Override
            public void start() throws Exception {
                sip.start();
                sip.listening().forEach(context::reportListening);
            }

            @Override
            public void stop() {
                sip.close();
            }
        });
        return list;
    }
}
