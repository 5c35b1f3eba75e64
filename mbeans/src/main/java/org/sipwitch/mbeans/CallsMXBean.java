package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Calls}: the call table. Verbs: calls, status, drop. */
@Description("Active call sessions of the B2BUA")
public interface CallsMXBean {

    @Description("Active call sessions: id, state, source, target, start and duration (verb: calls)")
    List<CallInfo> getCalls();

    @Description("Mapped call status: one character per call slot, '.' free, 'r' ringing, "
            + "'c' connecting, 'j' joined, 'h' holding, 'x' closing (verb: status)")
    String getStatus();

    /**
     * @return how many calls were dropped
     * @throws IllegalArgumentException when nothing matches
     */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("End the calls of a user, or one call by its id, on both legs; returns how many (verb: drop)")
    int drop(
            @Name("target") @Description("a user id or extension, or a call id like 0000002a:2") String target);
}
