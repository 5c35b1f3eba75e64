package org.sipwitch.mbeans;

import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Messages}: instant messages. Verb: message. */
@Description("Text messages sent by the server's system identity")
public interface MessagesMXBean {

    /**
     * @return to how many contacts it was sent
     * @throws IllegalArgumentException when the extension is not registered
     */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Send a SIP MESSAGE from 'system' to every contact of a registered extension; "
            + "returns how many contacts it went to (verb: message)")
    int send(
            @Name("extension") @Description("the registered extension or user id") String extension,
            @Name("text") @Description("the message text") String text);
}
