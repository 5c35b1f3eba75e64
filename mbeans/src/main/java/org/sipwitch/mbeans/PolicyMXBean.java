package org.sipwitch.mbeans;

/** {@code sipwitch:type=Policy}: access policy. Verb: policy. */
@Description("Access policy lists (CIDR) and the peering (published) address")
public interface PolicyMXBean {

    @Description("Access policy entries and the published address (verb: policy)")
    PolicyReport getPolicy();
}
