package org.sipwitch.management;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.config.AccessPolicy;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.config.StackConfig;
import org.sipwitch.ip.Cidr;
import org.sipwitch.mbeans.PolicyEntry;
import org.sipwitch.mbeans.PolicyMXBean;
import org.sipwitch.mbeans.PolicyReport;

/**
 * {@code sipwitch:type=Policy}: the configured access lists, the sources the security
 * guard blocked (list {@code blocked}), users under attack ({@code targeted}), the
 * guards' settings ({@code guard}) and what they did since start ({@code counter}),
 * and the published address.
 */
final class PolicyBean implements PolicyMXBean {

    private final LiveConfig config;
    private final ManagementHooks hooks;

    PolicyBean(LiveConfig config, ManagementHooks hooks) {
        this.config = config;
        this.hooks = hooks;
    }

    @Override
    public PolicyReport getPolicy() {
        AccessPolicy access = config.current().access();
        List<PolicyEntry> entries = new ArrayList<>();
        for (Cidr c : access.trusted()) {
            entries.add(new PolicyEntry("trusted", c.toString()));
        }
        for (Cidr c : access.restricted()) {
            entries.add(new PolicyEntry("restricted", c.toString()));
        }
        PolicySource policy = hooks.policy();
        entries.addAll(policy.blocked());
        entries.addAll(policy.locked());
        entries.addAll(policy.targeted());
        for (String guard : policy.guards()) {
            entries.add(PolicyEntry.text("guard", guard));
        }
        for (String counter : policy.counters()) {
            entries.add(PolicyEntry.text("counter", counter));
        }
        if (!hooks.cluster().state().equals("off")) {
            entries.add(new PolicyEntry("cluster", ClusterBean.summary(hooks.cluster())));
        }
        return new PolicyReport(published(), entries);
    }

    @Override
    public boolean release(String address) {
        Args.required(address, "address");
        return hooks.policy().release(address.strip());
    }

    @Override
    public int unblock(String network) {
        Args.required(network, "network");
        String text = network.strip();
        org.sipwitch.ip.Cidr.parse(text); // says what is wrong with it, before the SIP side is asked
        return hooks.policy().unblock(text);
    }

    private String published() {
        return hooks.policy().published().orElseGet(() -> {
            StackConfig stack = config.current().stack();
            String host = stack.published().orElse(ContactAddress.host(stack));
            return ContactAddress.hostPort(host, stack.port());
        });
    }
}
