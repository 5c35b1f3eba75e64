package org.sipwitch.control;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;

/** Turns what the MBeanServer threw into the one-line reason sipwitchctl prints. */
final class Failures {

    private Failures() {
    }

    /** The innermost message: the implementation's "no such extension 999", not JMX's wrapping. */
    static String reason(Throwable t) {
        String reason = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()
                    && !(c instanceof JMException && c.getCause() != null)) {
                reason = c.getMessage();
            }
        }
        if (reason == null) {
            reason = t.getClass().getSimpleName();
        }
        return reason.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    static Reply toReply(Exception e) {
        if (e instanceof InstanceNotFoundException) {
            return Reply.unavailable("the daemon does not provide " + e.getMessage());
        }
        return Reply.failed(reason(e));
    }
}
