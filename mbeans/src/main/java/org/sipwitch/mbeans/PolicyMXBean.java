package org.sipwitch.mbeans;

import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Policy}: access policy. Verb: policy. */
@Description("Access policy lists (CIDR) and the peering (published) address")
public interface PolicyMXBean {

    @Description("Access policy entries and the published address (verb: policy)")
    PolicyReport getPolicy();

    /** No verb of its own: the man page has none; operators use JMX (or wait for the block to lapse). */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Lift the block of a source blocked after failed authentications; returns true when it was blocked")
    boolean release(@Name("address") @Description("the blocked IP address, e.g. 203.0.113.9") String address);
}
