package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Trace}: SIP message tracing. Verbs: trace, siplog. */
@Description("SIP message tracing and the captured messages")
public interface TraceMXBean {

    /**
     * @return whether tracing is on afterwards
     * @throws IllegalArgumentException for any other mode
     */
    @Impact(MBeanOperationInfo.ACTION_INFO)
    @Description("Switch tracing on or off, or clear the captured messages; returns whether "
            + "tracing is on (verb: trace)")
    boolean trace(@Name("mode") @Description("on, off or clear") String mode);

    @Description("Whether SIP messages are being captured now (verb: trace on|off)")
    boolean isEnabled();

    @Description("Start or stop capturing SIP messages, as trace on|off")
    void setEnabled(boolean enabled);

    @Description("SIP messages captured while tracing was on, oldest first (verb: siplog)")
    List<TraceEntry> getMessages();
}
