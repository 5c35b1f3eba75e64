package org.sipwitch.management;

import java.util.List;
import org.sipwitch.mbeans.CallInfo;

/**
 * What the Calls MBean needs from the call engine (B2BUA); wired through
 * {@link ManagementHooks#calls(CallsSource)}. {@link #ABSENT}: no calls, drop refused.
 */
public interface CallsSource {

    List<CallInfo> calls();

    /** One character per call slot: '.' free, 'r' ringing, 'c' connecting, 'j' joined, 'h' holding, 'x' closing. */
    String status();

    /**
     * Ends the calls of a user (id or extension), or one call by id, on both legs.
     *
     * @return how many calls were dropped
     * @throws IllegalArgumentException when nothing matches
     */
    int drop(String userOrCallId);

    CallsSource ABSENT = new CallsSource() {
        @Override
        public List<CallInfo> calls() {
            return List.of();
        }

        @Override
        public String status() {
            return "";
        }

        @Override
        public int drop(String userOrCallId) {
            throw Unavailable.of("call engine");
        }
    };
}
