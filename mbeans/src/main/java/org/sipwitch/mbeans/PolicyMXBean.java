package org.sipwitch.mbeans;

import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Policy}: access policy. Verb: policy. */
@Description("Access policy lists (CIDR) and the peering (published) address")
public interface PolicyMXBean {

    @Description("Access policy entries and the published address (verb: policy)")
    PolicyReport getPolicy();

    /** One address, through JMX; {@link #unblock} (verb unblock) takes networks too. */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Lift the block of a source blocked after failed authentications; returns true when it was blocked")
    boolean release(@Name("address") @Description("the blocked IP address, e.g. 203.0.113.9") String address);

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Lift the source blocks and user locks of an address or network (verb: unblock); returns how many")
    int unblock(@Name("network") @Description("an IP address or address/prefix, e.g. 203.0.113.9 or 10.0.0.0/8")
                String network);
}
