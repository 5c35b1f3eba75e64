package org.sipwitch.sip.cluster;

/** Whether the shared store answers, as the last heartbeat found. */
public enum StoreState {
    /** Not reached yet since start. */
    CONNECTING,
    /** Answering: registrations are shared. */
    UP,
    /** Not answering: this node serves its own phones and writes back when it returns. */
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
