package org.sipwitch.sip.location;

/**
 * Told about binding changes after they happened (outside any lock), for
 * notifications, statistics and a persistence journal. Must be quick and must
 * not throw; it runs on the thread that made the change.
 */
public interface BindingListener {
    enum Cause {
        /** The phone removed it (expires=0 or Contact: *). */
        UNREGISTERED,
        /** Its time ran out and a sweep removed it. */
        EXPIRED,
        /** The operator removed it ({@code release}) or the user went away. */
        RELEASED,
        /** The same device (+sip.instance) registered a new contact in its place. */
        REPLACED
    }

    default void added(Binding binding) {
    }

    default void refreshed(Binding before, Binding after) {
    }

    default void removed(Binding binding, Cause cause) {
    }
}
